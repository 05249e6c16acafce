"""recoverydesk invoice: a plan-managed participant's invoice PDF for a period, exit codes per
DESIGN.md (0 written, 2 bad usage or input, 1 a failure), one plain sentence on error, never a
traceback; each run takes the next number, and lines invoiced once are not invoiced again."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

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

TODAY = dt.date.today()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday() + 7)


def _practice(path) -> None:
    """A fictional practice: Ana (plan-managed, two sessions) and Mele (NDIA-managed)."""
    create_practice(path)
    store = Store(path)
    try:
        claims = ClaimsService(store)
        claims.save_details(ClaimDetails(registration_number="4050099999", abn="83123456790",
                                         business_name="Tidewater Coaching", state="VIC",
                                         time_zone="UTC"))
        people = ParticipantService(store)
        items = tuple(AgreedItem(f"07_10{n}_0106_6_3") for n in range(1, 7))
        for given, management, ndis in (("Ana", "plan", "430000001"),
                                        ("Mele", "ndia", "430000002")):
            pid = people.create(ParticipantDraft(
                given_name=given, family_name="Quokkason", ndis_number=ndis)).value.id
            claims.save_funding_setup(pid, FundingSetup(
                management=management, manager_name="Banksia Plan Managers"))
            claims.add_agreement(pid, AgreementDraft(MONDAY - dt.timedelta(days=30),
                                                     MONDAY + dt.timedelta(days=30), items))
            with store.unit_of_work() as s:
                for day in (0, 1):
                    start = dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(10),
                                                dt.UTC)
                    s.add(CoachingSession(participant_id=pid, starts_at=start,
                                          duration_minutes=60, status=SessionStatus.COMPLETED))
    finally:
        store.close()


@pytest.fixture
def practice(tmp_path):
    path = tmp_path / "practice.rdk"
    _practice(path)
    return path


def _args(practice, out, who="Ana", start=MONDAY, end=MONDAY + dt.timedelta(days=6)):
    return ["invoice", who, "--db", str(practice), "--from", start.isoformat(), "--to",
            end.isoformat(), "--out", str(out)]


def test_invoice_writes_the_pdf(practice, tmp_path, capsys):
    out = tmp_path / "ana.pdf"
    assert main(_args(practice, out)) == 0
    said = capsys.readouterr().out
    assert "Wrote invoice INV-0001 to Banksia Plan Managers for Ana Quokkason" in said
    assert "2 lines, $210.86" in said
    text = " ".join(PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text().split())
    assert "Tax invoice" in text and "INV-0001" in text and "$210.86" in text


def test_a_second_run_finds_nothing_new_and_takes_no_number(practice, tmp_path, capsys):
    assert main(_args(practice, tmp_path / "one.pdf")) == 0
    assert main(_args(practice, tmp_path / "two.pdf")) == 2
    err = capsys.readouterr().err
    assert "no lines ready to invoice" in err and "Traceback" not in err
    assert not (tmp_path / "two.pdf").exists()


def test_an_ndia_managed_participant_is_refused_exit_2(practice, tmp_path, capsys):
    assert main(_args(practice, tmp_path / "mele.pdf", who="Mele")) == 2
    err = capsys.readouterr().err
    assert err.startswith("recoverydesk: ") and "NDIA-managed" in err
    assert not (tmp_path / "mele.pdf").exists()


@pytest.mark.parametrize("change, words", [
    (lambda a: a.__setitem__(a.index("--to") + 1, "2020-01-01"), "--to is before --from"),
    (lambda a: a.__setitem__(a.index("--from") + 1, "31/03/2026"), "is not a date"),
    (lambda a: a.__setitem__(-1, a[-1].replace(".pdf", ".docx")), "should end in .pdf"),
    (lambda a: a.__setitem__(1, "Nobody"), "No participant"),
])
def test_bad_usage_exits_2_with_one_sentence(practice, tmp_path, capsys, change, words):
    args = _args(practice, tmp_path / "ana.pdf")
    change(args)
    try:
        code = main(args)
    except SystemExit as stop:  # argparse's own refusal (a date it can't read)
        code = stop.code
    assert code == 2
    err = capsys.readouterr().err
    assert words.lower() in err.lower() and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf"))


def test_an_existing_file_is_never_written_over(practice, tmp_path, capsys):
    out = tmp_path / "ana.pdf"
    out.write_bytes(b"keep me")
    assert main(_args(practice, out)) == 2
    assert out.read_bytes() == b"keep me"
    assert "exists already" in capsys.readouterr().err


def test_a_missing_practice_exits_2(tmp_path, capsys):
    assert main(_args(tmp_path / "nowhere.rdk", tmp_path / "ana.pdf")) == 2
    assert "no practice file" in capsys.readouterr().err
