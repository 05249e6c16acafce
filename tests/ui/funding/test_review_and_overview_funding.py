"""Hours and funding used against funded, in the plan review report (a small part printed only
when the participant has a plan budget, read back from the PDF) and on the Overview tab; and the
claim deadline warning for supports over 21 months old not yet claimed."""

from __future__ import annotations

import datetime as dt
import io

from funding_helpers import DAYTIME, funded_participant
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from recoverydesk.reports.review_funding import HEADING, money
from recoverydesk.services.claims.figures import deadline_warning
from recoverydesk.services.claims.types import ClaimLineRow
from recoverydesk.services.participants.types import ParticipantDraft

TODAY = dt.date.today()


def _text(result) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(io.BytesIO(result.pdf)).pages)


def test_the_review_report_prints_hours_and_funding_used_against_funded(services, tmp_path):
    pid = funded_participant(services, TODAY, claim_to=tmp_path)
    [summary] = services.claims.funding(pid, TODAY)
    result = services.printing.review_report(pid, TODAY - dt.timedelta(days=120), TODAY,
                                             tmp_path / "review.pdf", today=TODAY).value
    text = _text(result)
    assert HEADING in text
    share = round(100 * summary.used_cents / summary.amount_cents)
    assert f"{money(summary.used_cents)} of $12,000.00 used ({share}%)" in text
    hours = sum(r.quantity_centi for r in services.claims.lines(summary.plan_start, TODAY, pid))
    limit = services.claims.price_book().limit(DAYTIME, TODAY)
    assert f"{hours / 100:,.1f} hours of recovery coaching delivered" in text
    assert f"of about {1_200_000 / limit:,.1f} hours the budget buys at {money(limit)}" in text
    over = next(u for u in summary.periods if u.left_cents < 0)
    assert f"by {money(-over.left_cents)}." in text
    for use in summary.periods:
        assert money(use.released_cents) in text
        assert money(use.left_cents) in text
    assert money(summary.periods[0].claimed_cents) in text
    assert money(over.booked_cents) in text


def test_no_funding_part_without_a_plan_budget(services, tmp_path):
    pid = services.participants.create(ParticipantDraft(given_name="Ana",
                                                        family_name="Lee")).value.id
    result = services.printing.review_report(pid, TODAY - dt.timedelta(days=90), TODAY,
                                             tmp_path / "review.pdf", today=TODAY).value
    assert HEADING not in _text(result)
    assert services.printing.review_data(pid, TODAY - dt.timedelta(days=90), TODAY).funding \
        is None


def test_the_overview_shows_funding_and_hours_used(qtbot, main_window, services, tmp_path):
    pid = funded_participant(services, TODAY, claim_to=tmp_path)
    main_window.list_panel.reload()
    main_window.open_participant(pid, "overview")
    page = main_window.workspace.page("overview")
    page.refresh()
    texts = " ".join(w.text() for w in page.findChildren(QLabel) if not w.isHidden())
    assert "funded for recovery coaching in this plan" in texts
    assert "hours delivered of about" in texts
    assert "Booked sessions would overspend the funding period" in texts
    funding = next(w for w in page._glance_lines if "funded for recovery coaching" in
                   w.body.text())
    assert "href='funding'" in funding.open_link.text()
    funding.open_link.linkActivated.emit("funding")  # its Open link
    assert main_window.workspace.tabs.currentWidget() is main_window.workspace.page("funding")


def _line(day: dt.date, status: str = "ready") -> ClaimLineRow:
    return ClaimLineRow(1, 1, "Kiri Walker", "430123456", "ndia", None, "s1", day, DAYTIME, "",
                        "", 100, 10543, status, "", "", None)


def test_the_claim_deadline_warning_names_the_last_day_for_the_oldest():
    today = dt.date(2026, 12, 3)
    lines = [_line(dt.date(2025, 3, 2)), _line(dt.date(2025, 2, 10)),
             _line(dt.date(2025, 1, 5), "claimed"), _line(dt.date(2025, 9, 1))]
    assert deadline_warning(lines, today) == (
        "2 supports over 21 months old not yet claimed: the oldest must be claimed by "
        "10 Feb 2027.")
    assert deadline_warning([_line(dt.date(2025, 3, 4))], today) == ""
