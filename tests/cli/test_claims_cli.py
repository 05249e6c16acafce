"""recoverydesk claims: the bulk payment request file for a period, exit codes per DESIGN.md
(0 written, 2 bad usage or input, 1 a failure), one plain sentence on error, never a traceback."""

from __future__ import annotations

import datetime as dt

import pytest

from recoverydesk.cli import main
from recoverydesk.models import CoachingSession, SessionStatus
from recoverydesk.services.claims.service import ClaimsService
from recoverydesk.services.claims.types import (
    AgreedItem,
    AgreementDraft,
    ClaimDetails,
    FundingSetup,
)
from recoverydesk.services.participants.service import ParticipantService
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.store.migrate import create_practice
from recoverydesk.store.session import Store

# Recent weekdays at 10 am UTC (within the two-year deadline whenever the tests run).
TODAY = dt.date.today()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 7)


def _practice(path, *, registration: str = "4050099999") -> None:
    """A fictional practice: one NDIA-managed participant with two completed sessions."""
    create_practice(path)
    store = Store(path)
    try:
        claims = ClaimsService(store)
        claims.save_details(ClaimDetails(registration_number=registration, abn="83123456790",
                                         state="VIC", time_zone="UTC"))
        pid = ParticipantService(store).create(ParticipantDraft(
            given_name="Mele", family_name="Quokkason", ndis_number="430000001")).value.id
        claims.save_funding_setup(pid, FundingSetup(management="ndia"))
        items = tuple(AgreedItem(f"07_10{n}_0106_6_3") for n in range(1, 7))
        claims.add_agreement(pid, AgreementDraft(MONDAY - dt.timedelta(days=30),
                                                 MONDAY + dt.timedelta(days=30), items))
        with store.unit_of_work() as s:
            for day in (0, 1):
                start = dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(10),
                                            dt.UTC)
                s.add(CoachingSession(participant_id=pid, starts_at=start, duration_minutes=60,
                                      status=SessionStatus.COMPLETED))
    finally:
        store.close()


@pytest.fixture
def practice(tmp_path):
    path = tmp_path / "practice.rdk"
    _practice(path)
    return path


def _args(practice, out, start=MONDAY, end=MONDAY + dt.timedelta(days=6)):
    return ["claims", "--db", str(practice), "--from", start.isoformat(), "--to",
            end.isoformat(), "--out", str(out)]


def test_claims_writes_the_bulk_file(practice, tmp_path, capsys):
    out = tmp_path / "claims.csv"
    assert main(_args(practice, out)) == 0
    said = capsys.readouterr().out
    assert "Wrote 2 claim lines ($210.86)" in said and str(out) in said and "batch 1" in said
    rows = out.read_text("utf-8").splitlines()
    assert rows[0].startswith("RegistrationNumber,NDISNumber,")
    assert len(rows) == 3
    assert rows[1].startswith(f"4050099999,430000001,{MONDAY:%Y/%m/%d},")


def test_a_line_breaking_a_rule_is_named_nothing_is_written_exit_2(tmp_path, capsys):
    practice = tmp_path / "practice.rdk"
    _practice(practice, registration="")
    out = tmp_path / "claims.csv"
    assert main(_args(practice, out)) == 2
    err = capsys.readouterr().err
    assert err.startswith("recoverydesk: Nothing was written.")
    assert "registration number" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("change, words", [
    (lambda a: a.__setitem__(a.index("--to") + 1, "2020-01-01"), "--to is before --from"),
    (lambda a: a.__setitem__(a.index("--from") + 1, "31/03/2026"), "is not a date"),
    (lambda a: a.__setitem__(-1, a[-1].replace(".csv", ".xlsx")), "should end in .csv"),
    (lambda a: a.__setitem__(-1, a[-1].replace("claims.csv", "a-much-longer-name.csv")),
     "at most 20 characters"),
])
def test_bad_usage_exits_2_with_one_sentence(practice, tmp_path, capsys, change, words):
    args = _args(practice, tmp_path / "claims.csv")
    change(args)
    try:
        code = main(args)
    except SystemExit as stop:  # argparse's own refusal (a date it can't read)
        code = stop.code
    assert code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.csv"))


def test_a_missing_practice_exits_2(tmp_path, capsys):
    assert main(_args(tmp_path / "nowhere.rdk", tmp_path / "claims.csv")) == 2
    assert "no practice file" in capsys.readouterr().err


def test_claiming_the_same_period_again_finds_nothing_new_once_claimed(practice, tmp_path,
                                                                        capsys):
    out = tmp_path / "claims.csv"
    assert main(_args(practice, out)) == 0
    store = Store(practice)
    try:
        ClaimsService(store).mark_batch_claimed(1)
    finally:
        store.close()
    out.unlink()
    assert main(_args(practice, out)) == 2
    assert "no lines ready to claim" in capsys.readouterr().err
    assert not out.exists()
