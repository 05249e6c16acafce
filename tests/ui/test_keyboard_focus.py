"""Keyboard use, with real key presses: a focused button shows a clear ring (the teal primary
buttons too), "Find a participant" leads into the list with Down and opens with Enter, and the
session note's Tab order follows the page: when and where, then the note, then the buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.participants.types import ParticipantDraft


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _edge_colour(button) -> QColor:
    """The colour of the button's left edge, half-way down (where a focus ring is drawn)."""
    image = button.grab().toImage()
    return image.pixelColor(1, image.height() // 2)


def test_a_focused_primary_button_shows_a_ring_that_stands_out(qtbot, app_theme):
    from recoverydesk.charts import theme as t

    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setProperty("primary", True)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(field)
    layout.addWidget(buttons)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    unfocused = {b: _edge_colour(b) for b in (save, cancel)}
    surface = QColor(t.SURFACE)
    for button in buttons.buttons():  # reach each button with Tab, as a coach would
        while QApplication.focusWidget() is not button:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        ring = _edge_colour(button)
        assert ring != unfocused[button]
        # 3:1 against the page around it (WCAG's non-text contrast), and for the teal
        # button against its own fill too.
        assert contrast(ring, surface) >= 3, (button.text(), ring.name())
        if button is save:
            assert contrast(ring, QColor(t.ACCENT)) >= 3, ring.name()


def _people(services, *names):
    return [services.participants.create(ParticipantDraft(given_name=n, family_name="Test")).value
            for n in names]


def _focus_find_box(qtbot, main_window):
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    box = main_window.list_panel.filter_edit
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    return box


def test_down_from_find_a_participant_goes_into_the_list(qtbot, main_window, services):
    _people(services, "Zoë", "Minh", "Margaret")
    panel = main_window.list_panel
    panel.reload()
    box = _focus_find_box(qtbot, main_window)
    qtbot.keyClicks(box, "m")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.view
    assert panel.view.currentIndex().row() == 0
    first = panel.view.currentIndex().data()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    second = panel.view.currentIndex().data()
    assert {first, second} == {"Minh Test", "Margaret Test"}
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert main_window.right.currentWidget() is main_window.workspace
    assert main_window.workspace.participant_id == panel.current_id()


def test_enter_in_find_a_participant_opens_the_first_match(qtbot, main_window, services):
    _zoe, minh, _margaret = _people(services, "Zoë", "Minh", "Margaret")
    main_window.list_panel.reload()
    box = _focus_find_box(qtbot, main_window)
    qtbot.keyClicks(box, "min")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert main_window.right.currentWidget() is main_window.workspace
    assert main_window.workspace.participant_id == minh.id
    assert QApplication.focusWidget() is main_window.list_panel.view


def test_enter_reopens_the_participant_after_going_home(qtbot, main_window, services):
    (kiri,) = _people(services, "Kiri")
    main_window.list_panel.reload()
    main_window.open_participant(kiri.id)
    main_window.show_home()
    box = _focus_find_box(qtbot, main_window)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert main_window.right.currentWidget() is main_window.workspace
    assert main_window.workspace.participant_id == kiri.id


def test_the_session_note_tabs_in_reading_order(qtbot, services):
    from recoverydesk.ui.dialogs.session_note import SessionNoteDialog

    (kiri,) = _people(services, "Kiri")
    dialog = SessionNoteDialog(services, kiri.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    d = dialog
    expected = [d.date_edit, d.start_edit, d.end_edit, d.location_kind, d.location_text,
                d.face_to_face, d.status, d.travel_km, d.travel_minutes,
                *d.tool_checks.values(), d.talked_about, d.went_well, d.next_steps,
                d.discard_button, d.close_button, d.save_button]
    expected = [w for w in expected if w.isVisible() and w.isEnabled()]
    # Nothing planned: the note opens at the top of the page.
    qtbot.waitUntil(d.date_edit.hasFocus)
    visited = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    names = {id(v): k for k, v in vars(d).items()}
    assert [names.get(id(w), w.objectName() or type(w).__name__) for w in visited] == [
        names.get(id(w), w.objectName() or type(w).__name__) for w in expected]
    # And back: Shift+Tab from the note goes to the tools, not to the Save button.
    d.talked_about.setFocus()
    qtbot.keyClick(d.talked_about, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is expected[expected.index(d.talked_about) - 1]


def test_a_session_with_a_note_opens_in_the_note(qtbot, services):
    from recoverydesk.ui.dialogs.session_note import SessionNoteDialog

    (kiri,) = _people(services, "Kiri")
    session = services.sessions.create(kiri.id, services.sessions.prefill(kiri.id).input).value
    dialog = SessionNoteDialog(services, kiri.id, session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(dialog.talked_about.hasFocus)
    qtbot.keyClick(dialog.talked_about, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.went_well
