"""The bulk payment request file: the portal's exact header, the golden bytes of a small file,
file names of at most 20 characters, more than 5,000 rows split, dates as the coach chose."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from claims_world import details

from recoverydesk.services.claims.bulk_file import HEADER, BulkFileError, file_names, write_bulk
from recoverydesk.services.claims.types import ClaimLineRow

GOLDEN = Path(__file__).parent / "golden" / "bulk_small.csv"
TODAY = dt.date(2026, 4, 1)


def limit_of(number: str, day: dt.date) -> int | None:
    return {"07_101_0106_6_3": 10543, "07_102_0106_6_3": 11616, "07_104_0106_6_3": 14836,
            "07_799_0106_6_3": 99}.get(number)


def line(n: int, **changes) -> ClaimLineRow:
    values = dict(id=n, participant_id=1, participant_name="Mele Quokkason",
                  ndis_number="430000001", management="ndia", session_id=n,
                  source_key=f"s{n}:service", support_date=dt.date(2026, 3, 2),
                  support_number="07_101_0106_6_3", claim_type="", cancellation_reason="",
                  quantity_centi=150, unit_price_cents=10543, status="ready", edit_reason="",
                  rejection_reason="", batch_id=None)
    values.update(changes)
    return ClaimLineRow(**values)


SMALL = [
    line(1),
    line(2, source_key="s1:travel", claim_type="TRAN", quantity_centi=100),
    line(3, source_key="s1:km", support_number="07_799_0106_6_3", claim_type="TRAN",
         quantity_centi=1250, unit_price_cents=99),
    line(4, participant_name="Tui Ngata", ndis_number="430000002",
         support_date=dt.date(2026, 3, 7), support_number="07_104_0106_6_3",
         quantity_centi=83, unit_price_cents=14836),
    line(5, support_date=dt.date(2026, 3, 10), support_number="07_102_0106_6_3",
         claim_type="CANC", cancellation_reason="NSDH", quantity_centi=100,
         unit_price_cents=11616),
]


def test_the_header_is_exactly_the_portals():
    assert ",".join(HEADER) == (
        "RegistrationNumber,NDISNumber,SupportsDeliveredFrom,SupportsDeliveredTo,"
        "SupportNumber,ClaimReference,Quantity,Hours,UnitPrice,GSTCode,AuthorisedBy,"
        "ParticipantApproved,InKindFundingProgram,ClaimType,CancellationReason,"
        "ABN of Support Provider")


def test_golden_file(tmp_path):
    """The exact bytes of a small file. If this changes on purpose, look at the new file as
    the portal would, then replace tests/unit/services/claims/golden/bulk_small.csv."""
    out = tmp_path / "march.csv"
    assert write_bulk(out, SMALL, details(), TODAY, limit_of) == [out]
    assert out.read_bytes() == GOLDEN.read_bytes()


def test_dates_as_the_coach_chose(tmp_path):
    out = tmp_path / "march.csv"
    write_bulk(out, SMALL[:1], details(date_style="dash"), TODAY, limit_of)
    row = out.read_text("utf-8").splitlines()[1].split(",")
    assert row[2:4] == ["2026-03-02", "2026-03-02"]
    assert row[6:9] == ["1.50", "", "105.43"]  # Quantity in hours, Hours blank
    assert row[10:13] == ["", "", ""]  # the legacy columns stay blank


@pytest.mark.parametrize("name, ok", [
    ("a" * 16 + ".csv", True),  # 20 characters with .csv
    ("a" * 17 + ".csv", False),
    ("claims.txt", False),
])
def test_the_file_name_is_at_most_20_characters_with_csv(tmp_path, name, ok):
    out = tmp_path / name
    if ok:
        write_bulk(out, SMALL, details(), TODAY, limit_of)
        assert out.exists()
    else:
        with pytest.raises(BulkFileError):
            write_bulk(out, SMALL, details(), TODAY, limit_of)
        assert not out.exists()


def test_more_than_5000_rows_are_split_over_numbered_files(tmp_path):
    lines = [line(n) for n in range(1, 5002)]
    paths = write_bulk(tmp_path / "march.csv", lines, details(), TODAY, limit_of)
    assert [p.name for p in paths] == ["march-1.csv", "march-2.csv"]
    first, second = (p.read_text("utf-8").splitlines() for p in paths)
    assert len(first) == 5001 and len(second) == 2  # each with its header
    assert first[0] == second[0] == ",".join(HEADER)
    assert file_names(tmp_path / "march.csv", 5000) == [tmp_path / "march.csv"]
    with pytest.raises(BulkFileError, match="at most 20 characters"):  # 16 + "-1" is too long
        write_bulk(tmp_path / ("a" * 16 + ".csv"), lines, details(), TODAY, limit_of)


@pytest.mark.parametrize("bad, words", [
    (dict(ndis_number=""), "no 9-digit NDIS number"),
    (dict(management="plan"), "not NDIA-managed"),
    (dict(status="claimed"), "it is claimed, not ready"),
    (dict(unit_price_cents=10544), "above the price limit $105.43"),
    (dict(support_number="07_999_0106_6_3"), "no price list in force"),
    (dict(claim_type="CANC"), "needs its reason"),
    (dict(cancellation_reason="NSDO"), "only a short-notice cancellation"),
    (dict(support_date=dt.date(2026, 4, 2)), "in the future"),
    (dict(support_date=dt.date(2024, 3, 31)), "two-year claim deadline"),
    (dict(claim_type="XYZ"), "not a claim type"),
])
def test_a_line_that_breaks_a_rule_is_named_with_the_reason_and_nothing_is_written(
        tmp_path, bad, words):
    lines = [*SMALL, line(9, participant_name="Ana Bell", **bad)]
    out = tmp_path / "march.csv"
    with pytest.raises(BulkFileError) as info:
        write_bulk(out, lines, details(), TODAY, limit_of)
    (problem,) = info.value.problems
    assert problem.startswith("Line RD-9 (Ana Bell, ")
    assert words in problem
    assert not out.exists()


def test_the_practice_must_have_its_registration_number_and_a_valid_abn(tmp_path):
    with pytest.raises(BulkFileError) as info:
        write_bulk(tmp_path / "c.csv", SMALL, dataclasses.replace(
            details(), registration_number="", abn="83123456791"), TODAY, limit_of)
    assert len(info.value.problems) == 2
