"""The step dialog driven through its real ``exec()`` (nothing replaced): Esc, Cancel, the
window's close button and Save each end the dialog, and a saved step reaches the goal.

An attribute named ``done`` once hid ``QDialog.done()``: closing raised TypeError and the
dialog stayed open, and Save crashed the app. These tests fail on that class of defect."""

from __future__ import annotations

from live_dialogs import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.dialogs.goal_step import GoalStepDialog


def _goal_page(main_window, services):
    p = services.participants.create(ParticipantDraft(given_name="Kiri", family_name="Walker")).value
    g = services.goals.create(p.id, GoalDraft(title="Walk daily")).value
    main_window.open_participant(p.id, "goals")
    page = main_window.workspace.page("goals")
    page.focus_item(g.id)
    return page, g




def _escape(dialog):
    dialog.text.setText("Typed then thought better of it")
    dialog.text.setFocus()
    QApplication.sendEvent(dialog, _key(Qt.Key.Key_Escape))


def _key(key):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)


def _cancel(dialog):
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()


def _close(dialog):
    dialog.close()


def test_escape_cancel_and_close_end_the_dialog_and_save_nothing(main_window, services, qtbot):
    page, g = _goal_page(main_window, services)
    for way in (_escape, _cancel, _close):
        seen = when_modal(GoalStepDialog, way)
        page.add_step()  # returns only once the dialog's own loop has ended
        assert seen and not seen[0].isVisible(), way.__name__
        assert seen[0].result() == QDialog.DialogCode.Rejected
    assert services.goals.get(g.id).steps == ()


def test_save_adds_the_step_and_edit_changes_it(main_window, services, qtbot):
    page, g = _goal_page(main_window, services)

    def fill(dialog):
        dialog.text.setText("Walk to the corner")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(GoalStepDialog, fill)
    page.add_step()
    assert [s.text for s in services.goals.get(g.id).steps] == ["Walk to the corner"]

    def rename(dialog):
        dialog.text.setText("Walk to the park")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    page.steps.selectRow(0)
    when_modal(GoalStepDialog, rename)
    page.edit_step()
    assert [s.text for s in services.goals.get(g.id).steps] == ["Walk to the park"]


def test_an_empty_step_stays_open_with_a_message(main_window, services, qtbot):
    _page, g = _goal_page(main_window, services)
    dialog = GoalStepDialog(services, g.id)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)
    dialog.text.setText("Ring the choir leader")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.draft() == StepDraft("Ring the choir leader", "participant", None, None)
