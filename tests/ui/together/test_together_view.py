"""The view for sitting together (issue 22): one person and nobody else anywhere on screen, the
way out needs the coach, and what is done there is saved and shows in the coach's tabs."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from PySide6.QtWidgets import QApplication
from together_helpers import forget, visible_words

from recoverydesk.services.goals.types import OPEN_STATUSES
from recoverydesk.ui.together.part import TogetherPart
from recoverydesk.ui.together.view import TogetherView

PIN = "2580"


@pytest.fixture(scope="module")
def _demo_file(tmp_path_factory):
    """A demo practice with many people, made once; each test gets a copy."""
    from recoverydesk.demo.practice import create_demo

    path = tmp_path_factory.mktemp("together") / "demo.rdk"
    create_demo(path, participants=8, years=1).close()
    return path


@pytest.fixture
def demo_window(qtbot, tmp_path, opener, _demo_file):
    from recoverydesk.services.practice.opening import open_services
    from recoverydesk.ui.main_window import MainWindow

    copy = tmp_path / "demo.rdk"
    shutil.copyfile(_demo_file, copy)
    services = open_services(copy)
    window = MainWindow(opener, services)
    qtbot.addWidget(window)
    window.show()
    yield window
    forget(window)
    services.close()


def _busiest(services) -> int:
    """The participant with the most to show (goals with steps, readings, WRAP)."""
    def weight(pid: int) -> int:
        goals = services.goals.goals(pid, OPEN_STATUSES)
        return sum(len(g.steps) for g in goals) + len(services.star.readings(pid))
    return max((p.id for p in services.participants.list()), key=weight)


def _enter(window) -> TogetherView:
    services = window.services
    if not services.together.has_pin():
        services.together.set_pin(PIN, PIN)
    pid = _busiest(services)
    window.open_participant(pid, "overview")
    window.commands["with_participant"].trigger()
    view = window.parts.together.view
    assert view is not None and window.stack.currentWidget() is view
    return view


def _others(services, pid: int) -> list[re.Pattern]:
    names = []
    for row in services.participants.list(include_archived=True) \
            if _takes_archived(services) else services.participants.list():
        if row.id == pid:
            continue
        p = services.participants.get(row.id)
        for name in {p.full_name, row.display_name, f"{p.given_name} {p.family_name}"}:
            if name.strip():
                names.append(re.compile(rf"\b{re.escape(name.strip())}\b"))
    return names


def _takes_archived(services) -> bool:
    import inspect

    return "include_archived" in inspect.signature(services.participants.list).parameters


def _no_other_name(window, view, others: list[re.Pattern] | None = None) -> None:
    words = "\n".join(visible_words(QApplication.instance()))
    if others is None:
        others = _others(window.services, view.participant_id)
    found = [n.pattern for n in others if n.search(words)]
    assert not found, f"other participants on screen: {found}"


def _no_coach_only_words() -> None:
    """Claims, funding and the coach's risk notes never show in the view."""
    words = "\n".join(visible_words(QApplication.instance())).lower()
    for word in ("claim", "funding", "invoice", "risk", "private"):
        assert word not in words, word


def test_the_view_shows_one_person_and_nobody_else(demo_window, qtbot):
    window = demo_window
    # The collector does see names: the coach's own window shows the caseload.
    pid = _busiest(window.services)
    window.open_participant(pid, "overview")
    qtbot.wait(20)
    words = "\n".join(visible_words(QApplication.instance()))
    assert any(n.search(words) for n in _others(window.services, pid))
    view = _enter(window)
    assert window.windowTitle() == "RecoveryDesk"
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert not window.toolbar.isVisible()
    assert not window.list_panel.isVisible() and not window.home.isVisible()
    me = window.services.participants.get(view.participant_id)
    assert view.title.text() == f"With {me.preferred_name or me.given_name}"
    for i, section in enumerate(view.sections):
        view.show_section(i)
        qtbot.wait(20)
        assert section.isVisible()
        _no_other_name(window, view)
        _no_coach_only_words()
    wrap = view.section("wrap")
    view.show_section(view.sections.index(wrap))
    for k in range(len(wrap.sections)):  # every WRAP section (its people are this person's)
        wrap.go(k)
        _no_other_name(window, view)
    view.ask_to_leave()
    _no_other_name(window, view)
    # Shortcuts to other people are off: search, home, new participant.
    for key in ("search", "home", "new_participant", "edit_participant", "quit"):
        action = window.commands.get(key)
        assert action is None or not action.isEnabled(), key
    assert window.commands["lock"].isEnabled()
    window.commands["home"].setEnabled(True)  # as the window does when its state changes
    window.commands["edit_participant"].setEnabled(True)
    assert not window.commands["home"].isEnabled()
    assert not window.commands["edit_participant"].isEnabled()


def test_every_control_is_touch_sized(demo_window, qtbot):
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    view = _enter(demo_window)
    for i in range(len(view.sections)):
        view.show_section(i)
        qtbot.wait(10)
        small = [w.text() or w.accessibleName() for w in view.findChildren(QAbstractButton)
                 + view.findChildren(QLineEdit) if w.isVisible() and w.height() < 44
                 and w.parentWidget() is not None
                 and not w.parentWidget().inherits("QScrollBar")]
        assert not small, f"section {i}: {small}"


def test_leaving_needs_the_pin(demo_window, qtbot):
    window = demo_window
    view = _enter(window)
    view.done_button.click()
    gate = view.gate
    assert view.currentWidget() is gate and gate.pin.isVisible()
    gate.pin.setText("1111")
    gate.leave_button.click()
    assert window.parts.together.active and gate.error.isVisible()
    gate.back_button.click()
    assert view.currentWidget() is view.main
    view.ask_to_leave()
    from PySide6.QtCore import Qt

    qtbot.keyClick(gate.pin, Qt.Key.Key_Escape)  # Esc goes back too
    assert view.currentWidget() is view.main
    view.ask_to_leave()
    gate.pin.setText(PIN)
    gate.leave_button.click()
    assert not window.parts.together.active
    assert window.stack.currentWidget() is not view and window.menuBar().isVisible()
    assert window.commands["home"].isEnabled()
    assert window.windowTitle() != "RecoveryDesk"


def test_without_a_passphrase_wrong_pins_make_the_pin_wait(demo_window, qtbot):
    window = demo_window
    view = _enter(window)
    gate = view.gate
    view.ask_to_leave()
    for _ in range(3):
        gate.pin.setText("9999")
        gate.leave_button.click()
    assert gate.error.text().startswith("Too many wrong PINs: please wait")
    gate.pin.setText(PIN)
    gate.leave_button.click()  # refused while it waits, even the right PIN
    assert window.parts.together.active


def test_closing_the_window_asks_for_the_coach(demo_window, qtbot):
    window = demo_window
    view = _enter(window)
    window.close()
    assert window.isVisible() and window.parts.together.active
    assert view.currentWidget() is view.gate


def test_three_wrong_pins_fall_back_to_the_passphrase(qtbot, tmp_practice, file_opener):
    from recoverydesk.store import crypto
    from recoverydesk.ui.main_window import MainWindow

    crypto.encrypt_in_place(tmp_practice, "quiet morning walk")
    services = file_opener.open(tmp_practice, passphrase="quiet morning walk")
    from recoverydesk.services.participants.types import ParticipantDraft

    services.participants.create(ParticipantDraft(given_name="Ana", family_name="Lee"))
    window = MainWindow(file_opener, services)
    qtbot.addWidget(window)
    window.show()
    try:
        view = _enter(window)
        gate = view.gate
        view.ask_to_leave()
        for _ in range(3):
            gate.pin.setText("9999")
            gate.leave_button.click()
        assert not gate.pin.isVisible() and gate.passphrase.isVisible()
        assert "passphrase" in gate.error.text()
        gate.passphrase.setText("not it")
        gate.leave_button.click()
        assert window.parts.together.active
        # The next try waits, as on the lock screen (test_together_way_out.py has the rest).
        qtbot.waitUntil(gate.leave_button.isEnabled, timeout=3000)
        view.ask_to_leave()
        assert not gate.pin.isVisible(), "the PIN stays off until the coach has left once"
        gate.passphrase.setText("quiet morning walk")
        gate.leave_button.click()
        assert not window.parts.together.active
        # The PIN works again once the coach has left; the passphrase is still a choice.
        view = _enter(window)
        view.ask_to_leave()
        assert view.gate.pin.isVisible() and view.gate.use_passphrase.isVisible()
        view.gate.use_passphrase.click()
        assert view.gate.passphrase.isVisible() and not view.gate.pin.isVisible()
        view.gate.passphrase.setText("quiet morning walk")
        view.gate.leave_button.click()
        assert not window.parts.together.active
    finally:
        forget(window)
        services.close()


def test_a_reading_a_ticked_step_and_a_wrap_item_are_saved(demo_window, qtbot):
    window = demo_window
    services = window.services
    view = _enter(window)
    pid = view.participant_id
    before = len(services.star.readings(pid))
    star = view.section("star")
    view.show_section(view.sections.index(star))
    first = star.template.definition.domains[0].key
    qtbot.waitUntil(lambda: star.radar.figure is not None)
    before_figure = star.radar.figure
    star.choose(first, 7)
    qtbot.waitUntil(lambda: star.radar.figure is not before_figure)  # the star grows as they score
    star.choose(star.template.definition.domains[1].key, 4)
    readings = services.star.readings(pid)
    assert readings[-1].taken_on == dt.date.today() and readings[-1].scores[first] == 7
    assert len(readings) in (before, before + 1)  # a reading made today already is carried on
    assert star.stage_labels[first].text().split("  ·  ")[0] == \
        star.template.definition.stage_for(7)

    goals = view.section("goals")
    view.show_section(view.sections.index(goals))
    step_id, box = next((sid, b) for sid, b in goals.step_boxes.items() if not b.isChecked())
    box.setChecked(True)
    goal_id, edit = next(iter(goals.new_step_edits.items()))
    edit.setText("Ring the shed on Monday")
    goals.add_step(goal_id)

    wrap = view.section("wrap")
    view.show_section(view.sections.index(wrap))
    part = next(iter(wrap.new_edits))
    wrap.new_edits[part].setText("A walk on the beach")
    wrap.add(part)

    notes = view.section("notes")
    view.show_section(view.sections.index(notes))
    notes.talked_about.setPlainText("The shed and my sister")
    notes.next_steps.setPlainText("Ring the shed")

    view.ask_to_leave()
    view.gate.pin.setText(PIN)
    view.gate.leave_button.click()
    assert not window.parts.together.active

    steps = {s.id: s for g in services.goals.goals(pid) for s in g.steps}
    assert steps[step_id].done_on == dt.date.today()
    assert "Ring the shed on Monday" in [s.text for s in steps.values()]
    items = [i.text for s in services.wrap.get(pid).sections for p in s.parts for i in p.items]
    assert "A walk on the beach" in items
    drafts = services.sessions.drafts(pid)
    assert drafts and drafts[0].input.talked_about == "The shed and my sister"
    # ... and the coach's Goals tab shows them.
    window.open_participant(pid, "goals")
    page = window.workspace.page("goals")
    page.refresh()
    assert any(s.id == step_id and s.done_on for g in page.goals for s in g.steps)
    window.open_participant(pid, "star")
    star_page = window.workspace.page("star")
    star_page.refresh()
    assert star_page._readings[-1].scores[first] == 7
    # The coach's session note opens on what was written together, to finish it.
    from recoverydesk.ui.dialogs.session_note import SessionNoteDialog

    note = SessionNoteDialog(services, pid, parent=window)
    try:
        assert note.talked_about.toPlainText() == "The shed and my sister"
        assert note.next_steps.toPlainText() == "Ring the shed"
    finally:
        note.deleteLater()


def test_we_agree_records_the_plan_with_the_typed_name(demo_window, qtbot):
    window = demo_window
    view = _enter(window)
    plan = view.section("plan")
    view.show_section(view.sections.index(plan))
    qtbot.waitUntil(lambda: bool(plan.page_images), timeout=20000)
    before = len(window.services.plans.versions(view.participant_id))
    plan.signed_by.setText("Dan K")
    plan.agree_button.click()
    versions = window.services.plans.versions(view.participant_id)
    assert len(versions) == before + 1 and "Signed: Dan K." in versions[0].note


def test_a_new_date_for_a_goal_is_saved(demo_window, qtbot):
    window = demo_window
    view = _enter(window)
    goals = view.section("goals")
    view.show_section(view.sections.index(goals))
    goal_id, edit = next(iter(goals.date_edits.items()))
    day = dt.date.today() + dt.timedelta(days=40)
    edit.set_value(day)
    edit.editingFinished.emit()
    assert window.services.goals.get(goal_id).target_date == day
    later = day + dt.timedelta(days=7)
    edit.set_value(later)
    edit.editingFinished.emit()
    assert window.services.goals.get(goal_id).target_date == later
    # The calendar pops up over the view (it is not sent away as another window would be).
    from PySide6.QtWidgets import QPushButton

    pick = next(b for b in goals.findChildren(QPushButton) if b.text() == "Choose a date")
    pick.click()
    qtbot.wait(50)
    assert edit.calendarPopup().isVisible()
    edit.calendarPopup().close()


def test_the_idle_lock_returns_to_the_view(demo_window, qtbot):
    window = demo_window
    view = _enter(window)
    notes = view.section("notes")
    view.show_section(view.sections.index(notes))
    notes.talked_about.setPlainText("Half a sentence when the lock came")
    view.show_section(1)
    others = _others(window.services, view.participant_id)
    window.parts.lock.lock()
    assert window.parts.lock.locked and not view.isVisible()
    assert window.windowTitle().startswith("Locked")
    _no_other_name(window, view, others)
    window.parts.lock.unlock("")
    drafts = window.services.sessions.drafts(view.participant_id)
    assert drafts[0].input.talked_about == "Half a sentence when the lock came"
    assert not window.parts.lock.locked
    assert window.stack.currentWidget() is view and view.pages.currentIndex() == 1
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    assert window.windowTitle() == "RecoveryDesk"
    assert not window.commands["home"].isEnabled()


def test_the_part_is_a_window_part(demo_window):
    assert isinstance(demo_window.parts.together, TogetherPart)


def test_the_command_names_the_open_participant(demo_window):
    window = demo_window
    services = window.services
    rows = services.participants.list()
    for row in rows[:2]:
        window.open_participant(row.id, "overview")
        p = services.participants.get(row.id)
        action = window.commands["with_participant"]
        assert action.text().replace("&", "") == f"With {p.preferred_name or p.given_name}"
    window.show_home()
    assert not window.commands["with_participant"].isEnabled()


def test_a_window_that_comes_up_meanwhile_is_sent_away(demo_window, qtbot):
    from PySide6.QtWidgets import QLabel

    window = demo_window
    _enter(window)
    other = QLabel("Someone else's reminder")
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not other.isVisible(), timeout=3000)
    window.parts.together.view.ask_to_leave()
    window.parts.together.view.gate.pin.setText(PIN)
    window.parts.together.view.gate.leave_button.click()
    assert other.isVisible()  # back once the coach has left
