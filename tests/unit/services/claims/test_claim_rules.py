"""The pure rules of a claim (services/claims/types.py): money, quantities, ABN, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from recoverydesk.services.claims.glance import nearing_deadline
from recoverydesk.services.claims.lines import (
    hours_centi,
    is_short_notice,
    km_centi,
    reason_from_words,
)
from recoverydesk.services.claims.types import (
    AgreedItem,
    AgreementDraft,
    ClaimDetails,
    FundingSetup,
    LineEdit,
    check_abn,
    check_agreement,
    check_claim_reference,
    check_line_edit,
    claim_deadline,
    clean_details,
    clean_funding,
    format_centi,
    line_amount,
    parse_centi,
    past_deadline,
)
from recoverydesk.services.types import ValidationError


def test_quantities_are_hundredths_of_an_hour_rounded_half_up():
    assert hours_centi(60) == 100
    assert hours_centi(90) == 150
    assert hours_centi(50) == 83  # 0.8333...
    assert hours_centi(45) == 75
    assert hours_centi(1) == 2  # 0.01666... -> 0.02
    assert km_centi(12.5) == 1250 and km_centi(0.005) == 1


def test_amounts_are_exact_cents():
    assert line_amount(150, 10543) == 15815  # 1.50 x 105.43 = 158.145 -> 158.15
    assert line_amount(1250, 99) == 1238  # 12.50 km x 0.99 = 12.375 -> 12.38
    assert format_centi(15815) == "158.15" and format_centi(5) == "0.05"
    assert parse_centi("1.5") == 150 and parse_centi("$105.43") == 10543
    assert parse_centi("1.555") is None and parse_centi("lots") is None


def test_abn_needs_eleven_digits_and_a_good_checksum():
    assert check_abn("83123456790")
    assert check_abn("83 123 456 790")
    assert not check_abn("83123456791")
    assert not check_abn("8312345679")
    assert not check_abn("8312345679x")


def test_claim_reference_is_up_to_50_letters_digits_and_slash_underscore_dash():
    assert check_claim_reference("RD-12/3_a")
    assert check_claim_reference("A" * 50)
    assert not check_claim_reference("A" * 51)
    assert not check_claim_reference("RD 12")
    assert not check_claim_reference("")


def test_two_year_claim_deadline():
    day = dt.date(2024, 3, 15)
    assert claim_deadline(day) == dt.date(2026, 3, 15)
    assert not past_deadline(day, dt.date(2026, 3, 15))  # the last day is still in time
    assert past_deadline(day, dt.date(2026, 3, 16))
    assert claim_deadline(dt.date(2024, 2, 29)) == dt.date(2026, 2, 28)


def test_the_overview_warns_from_21_months():
    day = dt.date(2024, 3, 15)
    assert not nearing_deadline(day, dt.date(2025, 12, 14))
    assert nearing_deadline(day, dt.date(2025, 12, 15))


@pytest.mark.parametrize("words, code", [
    ("She was unwell", "NSDH"), ("in hospital", "NSDH"), ("family emergency", "NSDF"),
    ("missed the bus", "NSDT"), ("no transport", "NSDT"), ("forgot", "NSDO"), ("", "NSDO"),
    ("NSDF per phone call", "NSDF"),
])
def test_cancellation_reason_from_the_coachs_words(words, code):
    assert reason_from_words(words) == code


def test_short_notice_is_a_no_show_or_a_cancellation_said_to_be_short_notice():
    assert is_short_notice("no_show", "")
    assert is_short_notice("cancelled", "Rang at 9, short notice, unwell")
    assert not is_short_notice("cancelled", "Moved to next week")
    assert not is_short_notice("completed", "short notice")


def test_a_line_edit_needs_a_reason_and_sane_values():
    ok = LineEdit("07_101_0106_6_3", "", "", "1.5", "100.00", "Session ran short")
    assert check_line_edit(ok) == (150, 10000)
    with pytest.raises(ValidationError) as info:
        check_line_edit(LineEdit("7_101", "XXXX", "NSDH", "0", "-1", " "))
    assert set(info.value.errors) == {"support_number", "claim_type", "cancellation_reason",
                                      "quantity", "unit_price", "reason"}
    with pytest.raises(ValidationError) as info:
        check_line_edit(LineEdit("07_101_0106_6_3", "CANC", "", "1", "1", "why"))
    assert "cancellation_reason" in info.value.errors


def test_an_agreement_needs_dates_items_and_a_fee_between_0_and_100():
    with pytest.raises(ValidationError) as info:
        check_agreement(AgreementDraft(starts_on=dt.date(2026, 2, 1), ends_on=dt.date(2026, 1, 1),
                                       cancellation_percent=120))
    assert set(info.value.errors) == {"ends_on", "items", "cancellation_percent"}
    check_agreement(AgreementDraft(dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                   (AgreedItem("07_101_0106_6_3", 9000),)))


def test_practice_details_and_funding_setup_are_checked():
    with pytest.raises(ValidationError) as info:
        clean_details(ClaimDetails(registration_number="40A", abn="123", default_mmm_zone=9,
                                   state="XX", date_style="us"))
    assert set(info.value.errors) == {"registration_number", "abn", "default_mmm_zone", "state",
                                      "date_style"}
    assert clean_details(ClaimDetails(abn="83 123 456 790")).abn == "83123456790"
    with pytest.raises(ValidationError) as info:
        clean_funding(FundingSetup(management="plan"))
    assert set(info.value.errors) == {"manager_name"}
