"""No widget, dialog or other QObject of the app hides a Qt method with an attribute of its own.

``GoalStepDialog.done`` (a date field) once hid ``QDialog.done()``: Esc and Cancel raised
TypeError and Save crashed the app. ``MainWindow.actions`` (the action registry) hid
``QWidget.actions()``, so Qt-level code had to call ``QWidget.actions(window)``. Every class is
found by walking the UI package, so a new one is checked without anyone listing it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget
from qt_shadowing import class_shadowing, qt_method_names, tree_shadowing, ui_classes

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.extensions import PARTICIPANT_PAGES


def test_the_walk_finds_the_app_s_widgets_and_dialogs():
    names = {c.__name__ for c in ui_classes(QWidget)}
    assert {"MainWindow", "GoalStepDialog", "GoalsPage", "OptionalDateEdit"} <= names
    assert len([c for c in ui_classes(QDialog)]) >= 20


def test_the_qt_method_list_holds_the_methods_that_were_hidden():
    from recoverydesk.ui.dialogs.goal_step import GoalStepDialog
    from recoverydesk.ui.main_window import MainWindow

    assert {"done", "close", "show", "result", "open", "accept", "reject", "exec"} <= (
        qt_method_names(GoalStepDialog))
    assert {"actions", "size", "font", "window"} <= qt_method_names(MainWindow)


def test_no_class_of_the_ui_binds_a_name_that_hides_a_qt_method():
    found = [hit for cls in ui_classes() for hit in class_shadowing(cls)]
    assert found == []


def test_a_shadowing_attribute_is_caught():
    class Careless(QDialog):
        def __init__(self):
            super().__init__()
            self.done = QWidget(self)

    assert class_shadowing(Careless) == [
        f"{Careless.__qualname__}.done (self.done = ..., line "
        f"{Careless.__init__.__code__.co_firstlineno + 2})"]


def test_nothing_in_the_built_window_hides_a_qt_method(main_window, services):
    p = services.participants.create(ParticipantDraft(given_name="Ari", family_name="Lowe")).value
    services.goals.create(p.id, GoalDraft(title="Get back to the pool"))
    for page in PARTICIPANT_PAGES:  # every page built, with a participant open
        main_window.open_participant(p.id, page.key)
    assert tree_shadowing(main_window) == []
