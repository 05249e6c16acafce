"""The Funding tab on a real practice, through the real event loop: what it shows per funding
period, the overspending warning, the chart drawn from the same figures, the agreement history
and its dialog's refusals in words (an end before the start, a rate above the price limit)."""

from __future__ import annotations

import datetime as dt

from funding_helpers import DAYTIME, funded_participant
from live_dialogs import click_save, drive
from PySide6.QtWidgets import QLabel

from recoverydesk.charts.funding import dollars
from recoverydesk.services.claims.types import AgreedItem, AgreementDraft, funding_periods
from recoverydesk.ui.dialogs.agreement_dialog import AgreementDialog
from recoverydesk.ui.dialogs.funding_budget import BudgetDialog
from recoverydesk.ui.extensions import PARTICIPANT_PAGES
from recoverydesk.ui.pages.funding import FundingPage

TODAY = dt.date.today()


def _open(window, services, tmp_path, qtbot):
    pid = funded_participant(services, TODAY, claim_to=tmp_path)
    window.list_panel.reload()
    window.open_participant(pid, "funding")
    qtbot.wait(50)
    return pid, window.workspace.page("funding")


def test_the_funding_tab_is_the_last_one():
    assert PARTICIPANT_PAGES[-1] is FundingPage
    assert FundingPage.order == max(p.order for p in PARTICIPANT_PAGES)


def test_each_period_released_claimed_delivered_booked_and_left(qtbot, main_window, services,
                                                                tmp_path):
    pid, page = _open(main_window, services, tmp_path, qtbot)
    [summary] = services.claims.funding(pid, TODAY)
    table = page.budget.table
    assert table.rowCount() == len(summary.periods) == 4
    for row, use in enumerate(summary.periods):
        cells = [table.item(row, c).text() for c in range(table.columnCount())]
        assert cells[1] == dollars(use.released_cents)
        assert cells[3] == dollars(use.claimed_cents)
        assert cells[4] == dollars(use.unclaimed_cents)
        assert cells[5] == dollars(use.booked_cents)
        assert cells[6] == dollars(use.left_cents)
    assert summary.periods[0].claimed_cents > 0  # the first eight weeks were claimed
    over = [u for u in summary.periods if u.left_cents < 0]
    assert over, "twelve booked three-hour sessions overspend the coming period"
    warning = page.budget.warning
    assert warning.isVisible()
    assert "would overspend" in warning.text()
    assert f"{-over[0].left_cents // 100:,}." in warning.text()
    assert "NDIA-managed" in page.management.words.text()


def test_the_chart_shows_the_tables_figures(qtbot, main_window, services, tmp_path):
    pid, page = _open(main_window, services, tmp_path, qtbot)
    [summary] = services.claims.funding(pid, TODAY)
    qtbot.waitUntil(lambda: page.budget.chart.figure is not None)
    ax = page.budget.chart.figure.axes[0]
    claimed = [p.get_height() for p in ax.patches if p.get_gid() == "claimed"]
    booked = [p.get_height() for p in ax.patches if p.get_gid() == "booked"]
    assert claimed == [u.claimed_cents / 100 for u in summary.periods]
    assert booked == [u.booked_cents / 100 for u in summary.periods]
    notes = [t.get_text() for t in ax.texts]
    assert any(n.startswith("over by $") for n in notes)


def test_agreements_keep_their_history_the_current_one_on_top(qtbot, main_window, services, tmp_path):
    pid, page = _open(main_window, services, tmp_path, qtbot)
    items = [page.agreements.list.item(i).text() for i in range(page.agreements.list.count())]
    assert items[0].startswith("Version 2") and "(current)" in items[0]
    assert items[1].startswith("Version 1") and "(ended)" in items[1]
    page.agreements.list.setCurrentRow(1)
    assert "at $100.00" in page.agreements.detail.text()  # the earlier version stays viewable


def _errors(dialog) -> str:
    return " ".join(w.text() for w in dialog.findChildren(QLabel)
                    if w.property("role") == "error" and w.isVisible())


def test_new_agreement_refuses_an_end_before_its_start_and_a_rate_above_the_limit(
        qtbot, main_window, services, tmp_path):
    pid, page = _open(main_window, services, tmp_path, qtbot)
    limit = services.claims.price_book().limit(DAYTIME, TODAY)
    seen = {}

    def act(dialog: AgreementDialog) -> None:
        dialog.ends_on.setDate(dialog.starts_on.date().addDays(-1))
        row = next(r for r in dialog.rows if r.number == DAYTIME)
        row.check.setChecked(True)
        row.rate.setText(f"{limit / 100 + 1:.2f}")
        dialog.save()
        seen["words"] = _errors(dialog)
        dialog.ends_on.setDate(dialog.starts_on.date().addYears(1))
        row.rate.setText(f"{limit / 100:.2f}")
        click_save(dialog)

    run = drive(qtbot, AgreementDialog, page.agreements.new_agreement, act)
    assert not run.problems, run.problems
    assert "The agreement ends before it starts." in seen["words"]
    assert f"Above the NDIS price limit: {DAYTIME} (limit ${limit // 100}.{limit % 100:02d})" \
        in seen["words"]
    newest = services.claims.agreements(pid)[0]
    assert newest.version == 3
    assert AgreedItem(DAYTIME, limit) in newest.items
    # The bus reloaded the list: the renewal (starting when version 2 ends) comes after the
    # agreement in force, which stays on top.
    items = [page.agreements.list.item(i).text() for i in range(page.agreements.list.count())]
    assert [t.split(":")[0] for t in items] == ["Version 2", "Version 3", "Version 1"]
    assert "(starts later)" in items[1]


def test_the_service_refuses_a_rate_above_the_limit_too(services, tmp_path):
    pid = funded_participant(services, TODAY)
    limit = services.claims.price_book().limit(DAYTIME, TODAY)
    import pytest

    from recoverydesk.services.types import ValidationError

    with pytest.raises(ValidationError, match="Above the NDIS price limit"):
        services.claims.add_agreement(pid, AgreementDraft(
            starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=30),
            items=(AgreedItem(DAYTIME, limit + 1),)))


def test_budget_periods_are_laid_out_from_the_plan():
    periods = funding_periods(dt.date(2026, 7, 1), dt.date(2027, 6, 30), 3, 1_200_001)
    assert [(a.isoformat(), b.isoformat(), c) for a, b, c in periods] == [
        ("2026-07-01", "2026-09-30", 300_001), ("2026-10-01", "2026-12-31", 300_000),
        ("2027-01-01", "2027-03-31", 300_000), ("2027-04-01", "2027-06-30", 300_000)]
    short = funding_periods(dt.date(2026, 1, 31), dt.date(2026, 4, 15), 1, 300)
    assert [b.isoformat() for _a, b, _c in short] == [
        "2026-02-27", "2026-03-30", "2026-04-15"]


def test_a_plan_running_to_its_anniversary_releases_little_for_that_last_day():
    # 9 Jan 2026 to 9 Jan 2027: four quarters and one day of a fifth (of 90 days)
    periods = funding_periods(dt.date(2026, 1, 9), dt.date(2027, 1, 9), 3, 1_950_000)
    assert [(a.isoformat(), b.isoformat()) for a, b, _c in periods][-2:] == [
        ("2026-10-09", "2027-01-08"), ("2027-01-09", "2027-01-09")]
    released = [c for _a, _b, c in periods]
    assert sum(released) == 1_950_000  # every cent of the budget, none twice
    assert released[-1] == 1_950_000 // 361  # 1/90 of a quarter's share: $54.01
    assert released[1:4] == [486_149] * 3 and released[0] == 486_152  # odd cents first


def test_add_plan_budget_through_the_dialog(qtbot, main_window, services):
    from recoverydesk.services.participants.types import ParticipantDraft

    pid = services.participants.create(ParticipantDraft(
        given_name="Ana", family_name="Lee", plan_start=dt.date(2026, 7, 1),
        plan_end=dt.date(2027, 6, 30))).value.id
    main_window.list_panel.reload()
    main_window.open_participant(pid, "funding")
    page = main_window.workspace.page("funding")
    assert "No plan budget yet" in page.budget.words.text()

    def act(dialog: BudgetDialog) -> None:
        dialog.amount.setText("9000")
        dialog.table.item(0, 2).setText("3000.00")
        dialog.table.item(1, 2).setText("1500.00")
        click_save(dialog)

    run = drive(qtbot, BudgetDialog, page.budget.add_budget, act)
    assert not run.problems, run.problems
    [summary] = services.claims.funding(pid, dt.date(2026, 8, 1))
    assert [u.released_cents for u in summary.periods] == [300_000, 150_000, 225_000, 225_000]
    assert page.budget.table.rowCount() == 4
