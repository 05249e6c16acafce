"""The Claims view (View > Claims), driven through its event loop against a real practice file:
filters, drawing lines from the sessions, editing a line with a reason kept, the bulk claim file
written (and refused, naming every line and nothing written), marking the batch claimed (then
the view cannot claim those lines again), rejecting and reopening a claimed line, the deadline
band and the invoicing hook."""

from __future__ import annotations

import datetime as dt

import pytest
from claims_ui_world import MELBOURNE, claims_practice, open_claims
from live_dialogs import ACCEPTED, click_save, drive
from PySide6.QtWidgets import QFileDialog, QLabel

from recoverydesk.services.claims.types import ClaimLineRow
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.ui.claims.filters import LAST_MONTH, THIS_MONTH, month_of
from recoverydesk.ui.claims.line_dialogs import EditLineDialog, RejectLineDialog
from recoverydesk.ui.claims.summary import DeadlineBand
from recoverydesk.ui.qtmodels.claims import ClaimLineModel


@pytest.fixture
def world(main_window, services):
    practice = claims_practice(services)
    view = open_claims(main_window, practice)
    return main_window, view, practice


def _drawn(view):
    view.derive_button.click()
    return view.model.rows()


def _select(view, name: str, status: str = "") -> ClaimLineRow:
    for i, row in enumerate(view.model.rows()):
        if row.participant_name.startswith(name) and (not status or row.status == status):
            view.view.selectRow(i)
            return row
    raise AssertionError(f"no line of {name}")


def _cell(view, line_id: int, column: int) -> str:
    model = view.model
    return model.data(model.index(model.row_for_id(line_id), column))


def _save_to(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def _errors(dialog) -> list[str]:
    return [lbl.text() for lbl in dialog.findChildren(QLabel)
            if lbl.property("role") == "error" and lbl.isVisibleTo(dialog) and lbl.text()]


def test_view_claims_is_a_window_of_its_own_greyed_without_a_practice(world):
    window, view, _ = world
    action = window.commands["claims"]
    assert action in window.view_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+C"
    assert view.isVisible() and view.isWindow() and view.windowTitle() == "Claims"
    window._set_practice_actions_enabled(False)  # what closing or locking the practice does
    assert not action.isEnabled()
    window._set_practice_actions_enabled(True)
    assert action.isEnabled()


def test_the_filters_choose_the_period_and_the_participant(world):
    _, view, practice = world
    assert view.model.rowCount() == 0 and view.empty.isVisible()
    rows = _drawn(view)
    assert len(rows) == 3
    assert {r.participant_name for r in rows} == {"Mele Quokkason", "Ana Bilby"}
    f = view.filters
    f.participant.setCurrentIndex(f.participant.findData(practice.mele))
    assert [r.participant_name for r in view.model.rows()] == ["Mele Quokkason"] * 2
    f.from_date.set_value(practice.end + dt.timedelta(days=1))
    f.to_date.set_value(practice.end + dt.timedelta(days=7))
    f.from_date.dateChanged.emit(f.from_date.value())  # as typing does
    assert f.period.currentData() == "chosen" and view.model.rowCount() == 0
    f.period.setCurrentIndex(f.period.findData(THIS_MONTH))
    assert f.dates() == month_of(dt.date.today())
    assert f.from_date.value() == month_of(dt.date.today())[0]
    f.period.setCurrentIndex(f.period.findData(LAST_MONTH))
    first = month_of(dt.date.today())[0]
    assert f.dates() == month_of(first - dt.timedelta(days=1))


def test_drawing_lines_shows_what_was_held_back_and_why(world, services):
    _, view, practice = world
    early = dt.datetime(2025, 3, 3, 10, tzinfo=MELBOURNE)  # before any price list loaded
    services.sessions.create(practice.mele, SessionInput(starts_at=early, talked_about="Bus"))
    view.filters.choose(dt.date(2025, 3, 1), practice.end)
    _drawn(view)
    assert view.notice.isVisible()
    assert "3 new" in view.notice.title.text() and "held back" in view.notice.title.text()
    [held] = view.notice.lines()
    assert held.startswith("Mele Quokkason, 3 Mar 2025: ")
    assert view.model.rowCount() == 3


def test_a_line_is_edited_with_its_reason_kept_and_shown(world, qtbot, services):
    _, view, _ = world
    _drawn(view)
    line = _select(view, "Mele")
    seen: list[list[str]] = []

    def act(dialog):
        dialog.quantity.setText("1.25")
        dialog.reason.setText("")
        click_save(dialog)  # no reason: said beside the field, nothing saved
        seen.append(_errors(dialog))
        dialog.reason.setText("Session ended early: she was unwell")
        click_save(dialog)

    run = drive(qtbot, EditLineDialog, view.edit_button.click, act)
    assert run.problems == [] and run.codes == [ACCEPTED]
    assert seen == [["Say why the line was changed; it is kept."]]
    saved = services.claims.line(line.id)
    assert saved.quantity_centi == 125 and saved.edit_reason.startswith("Session ended early")
    assert _cell(view, line.id, ClaimLineModel.COL_EDITED) == "Edited"
    assert "Session ended early" in view.detail.text()
    assert _cell(view, line.id, ClaimLineModel.COL_QTY) == "1.25"


def test_the_cancellation_reason_is_asked_only_for_a_cancellation(world, qtbot):
    _, view, _ = world
    _drawn(view)
    _select(view, "Mele")
    dialog = EditLineDialog(view.services, view.selected(), view._names, parent=view)
    qtbot.addWidget(dialog)
    assert not dialog.cancellation_reason.isEnabled()
    dialog.claim_type.setCurrentIndex(dialog.claim_type.findData("CANC"))
    assert dialog.cancellation_reason.isEnabled()
    dialog.reason.setText("Cancelled the night before")
    assert dialog.problems() == {
        "cancellation_reason": "A short-notice cancellation needs its reason."}


def test_the_bulk_file_is_written_then_the_batch_marked_claimed_for_good(
        world, tmp_path, monkeypatch, message_boxes):
    _, view, practice = world
    _drawn(view)
    out = tmp_path / "claims-week.csv"
    _save_to(monkeypatch, out)
    view.write_button.click()
    lines = out.read_bytes().decode().splitlines()
    assert lines[0].startswith("RegistrationNumber,NDISNumber,SupportsDeliveredFrom")
    assert len(lines) == 3  # Mele's two lines; Ana is plan-managed: invoiced, not in the file
    assert all(",430000001," in line for line in lines[1:])
    assert "Mark this batch as claimed" in view.notice.action_texts()
    mele = [r for r in view.model.rows() if r.management == "ndia"]
    assert all(_cell(view, r.id, ClaimLineModel.COL_STATUS).startswith("In file") for r in mele)
    _select(view, "Mele")
    assert not view.edit_button.isEnabled()  # the portal may have it as written

    view.notice.press("Mark this batch as claimed")  # the question is answered Yes
    assert any("uploaded" in text for text in message_boxes.shown)
    assert {r.status for r in view.model.rows() if r.management == "ndia"} == {"claimed"}
    _select(view, "Mele")
    assert not view.edit_button.isEnabled() and view.reject_button.isEnabled()
    view.batches.reload()
    assert "claimed" in view.batches.list.item(0).text()
    assert not view.batches.mark_button.isEnabled() and not view.batches.aside_button.isEnabled()

    again = tmp_path / "claims-again.csv"  # claimed once: the view cannot claim them again
    _save_to(monkeypatch, again)
    view.write_button.click()
    assert not again.exists()
    assert view.notice.title.text().startswith("Nothing was written")
    assert view.notice.lines() == ["There are no lines ready to claim in that period."]


def test_a_broken_rule_names_every_line_and_writes_nothing(world, tmp_path, monkeypatch,
                                                           services):
    _, view, practice = world
    rows = _drawn(view)
    from recoverydesk.services.claims.types import LineEdit

    for r in rows:
        if r.management == "ndia":
            services.claims.edit_line(r.id, LineEdit(r.support_number, "", "", "1.00", "200.00",
                                                     "Agreed a higher rate"))
    out = tmp_path / "a-name-far-too-long-for-the-portal.csv"
    _save_to(monkeypatch, out)
    view.write_button.click()
    assert not out.exists() and not list(tmp_path.glob("*.csv"))
    assert view.notice.isVisible() and view.notice.property("role") == "error"
    said = view.notice.lines()
    assert any("at most 20 characters" in s for s in said)
    named = [s for s in said if s.startswith("Line RD-")]
    assert len(named) == 2
    assert all("Mele Quokkason" in s and "above the price limit $105.43" in s for s in named)
    assert view.services.claims.batches() == []


def test_a_rejected_line_keeps_the_portals_reason_and_can_be_reopened(
        world, qtbot, tmp_path, monkeypatch, services):
    _, view, _ = world
    _drawn(view)
    _save_to(monkeypatch, tmp_path / "c.csv")
    view.write_button.click()
    view.notice.press("Mark this batch as claimed")
    line = _select(view, "Mele", "claimed")

    def act(dialog):
        dialog.reason.setText("NDIS number does not match the participant's name")
        click_save(dialog)

    run = drive(qtbot, RejectLineDialog, view.reject_button.click, act)
    assert run.problems == [] and run.codes == [ACCEPTED]
    assert services.claims.line(line.id).status == "rejected"
    assert _cell(view, line.id, ClaimLineModel.COL_STATUS) == "Rejected"
    _select(view, "Mele", "rejected")
    assert "does not match" in view.detail.text()
    assert view.reopen_button.isEnabled() and view.edit_button.isEnabled()
    view.reopen_button.click()
    reopened = services.claims.line(line.id)
    assert reopened.status == "ready" and reopened.batch_id is None
    assert reopened.rejection_reason.startswith("NDIS number")  # the reason stays


def test_a_written_file_not_uploaded_can_be_set_aside(world, tmp_path, monkeypatch, services):
    _, view, _ = world
    _drawn(view)
    _save_to(monkeypatch, tmp_path / "c.csv")
    view.write_button.click()
    view.tabs.setCurrentWidget(view.batches)
    assert view.batches.aside_button.isEnabled()
    view.batches.aside_button.click()
    assert services.claims.batches() == []
    assert all(r.batch_id is None and r.status == "ready" for r in view.model.rows())


def _row(day: dt.date, line_id: int = 1) -> ClaimLineRow:
    return ClaimLineRow(line_id, 1, "Mele Quokkason", "430000001", "ndia", None, "k", day,
                        "07_101_0106_6_3", "", "", 100, 10543, "ready", "", "", None)


def test_the_deadline_band_warns_near_and_past_two_years(qtbot):
    band = DeadlineBand()
    qtbot.addWidget(band)
    band.show()
    today = dt.date(2026, 12, 3)
    band.show_lines([], today)
    assert not band.isVisible()
    band.show_lines([_row(dt.date(2025, 2, 10)), _row(dt.date(2024, 11, 1), 2)], today)
    assert band.isVisible()
    assert band.text.text() == (
        "1 line over 21 months old not yet claimed: claim the oldest by 10 Feb 2027. "
        "1 line past the two-year claim deadline: the portal will not take them.")


def test_invoiced_lines_are_handed_to_the_invoicing_part(world, qtbot, monkeypatch):
    window, view, practice = world
    monkeypatch.setattr(type(window.parts.claims), "_invoicing", lambda self: None)
    _drawn(view)
    view.set_invoicing(False)  # a window without an invoicing part
    assert not view.invoice_button.isVisibleTo(view)
    view.set_invoicing(True)
    _select(view, "Mele")
    assert not view.invoice_button.isEnabled()  # NDIA-managed: the bulk file
    _select(view, "Ana")
    assert view.invoice_button.isEnabled()
    assert _cell(view, view.selected().id, ClaimLineModel.COL_THROUGH) == "Plan manager · invoice"
    with qtbot.waitSignal(view.invoice_requested) as signal:
        view.invoice_button.click()
    assert signal.args == [practice.ana, practice.start, practice.end]


def test_the_part_hands_invoice_to_the_window_invoicing_part(world, monkeypatch):
    """Without attribute injection: the part asks window.parts for an invoicing part and calls
    its plain method invoice(participant_id, start, end)."""
    window, view, practice = world
    asked = []

    class Invoicing:
        def invoice(self, participant_id, start, end, parent=None):
            asked.append((participant_id, start, end, parent))

    part = window.parts.claims
    monkeypatch.setattr(type(part), "_invoicing", lambda self: Invoicing())
    part.open_view()
    _drawn(view)
    assert view.invoice_button.isVisibleTo(view)
    _select(view, "Ana")
    view.invoice_button.click()
    assert asked == [(practice.ana, practice.start, practice.end, view)]
