"""Every dialog of the app, opened the way the coach opens it and driven through its real event
loop (nothing replaced but the message boxes, see conftest): Esc after typing, Cancel (or Close)
and the window's close button each end it with nothing saved, and Save with valid input ends it
with the save in the practice. Any exception in Qt's loop, a dialog that stays open, an attribute
hiding a Qt method, or a message box nobody expected fails the test; a crash ends the run.

The dialogs are found by walking ``recoverydesk.ui``: a new dialog without a case in
dialog_cases.py or dialog_cases_window.py fails ``test_every_dialog_has_a_case``; other ways
into a dialog (editing, other openers) are in dialog_variants.py."""

from __future__ import annotations

import pytest
import shiboken6
from dialog_cases import PAGES, file_window, world_for  # noqa: F401 (a fixture)
from dialog_cases_window import WINDOW
from dialog_variants import VARIANTS
from live_dialogs import REJECTED, click_cancel, close_window, drive, press_escape
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout
from qt_shadowing import dialog_classes

DIALOGS = {cls.__name__: cls for cls in dialog_classes()}
CASES = {**PAGES, **WINDOW}
RUNS = {name: case for name, case in CASES.items()} | {
    f"{dialog}: {how}": case for (dialog, how), case in VARIANTS.items()}


def test_every_dialog_has_a_case():
    assert sorted(set(DIALOGS) - set(CASES)) == [], (
        "add a case: tests/ui/dialog_cases.py (pages) or dialog_cases_window.py (window)")
    assert sorted(set(CASES) - set(DIALOGS)) == []


class _Field(QLineEdit):
    pass


class _Broken(QDialog):
    """Defects on purpose: a field named ``done`` (the step dialog's, which hid
    ``QDialog.done()`` and crashed the app); Esc, Cancel and close leave it open; they raise."""

    def __init__(self, defect: str):
        super().__init__()
        self.defect = defect
        if defect == "hides done":
            self.done = _Field()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLineEdit())
        layout.addWidget(buttons)

    def reject(self) -> None:
        if self.defect == "raises":
            super().reject()
            raise TypeError("'OptionalDateEdit' object is not callable")


@pytest.mark.parametrize("way", [press_escape, click_cancel, close_window])
@pytest.mark.parametrize("defect", ["hides done", "stays open", "raises"])
def test_the_driver_fails_a_broken_dialog_instead_of_hanging(qtbot, way, defect):
    dialog = _Broken(defect)
    qtbot.addWidget(dialog)
    run = drive(qtbot, _Broken, dialog.exec, way, watchdog_ms=500)
    assert run.problems, "the driver saw nothing wrong"
    assert not dialog.isVisible()
    expected = {"hides done": "_Broken.done (on an instance)", "raises": "not callable",
                "stays open": "did not end by itself"}[defect]
    assert any(expected in p for p in run.problems), run.problems


def _typed_then_escape(case):
    def act(dialog):
        if case.fill is not None:
            case.fill(dialog)
        press_escape(dialog)

    return act


@pytest.mark.parametrize("name", sorted(RUNS))
def test_the_dialog_ends_every_way_and_saves(request, name):
    case, cls = RUNS[name], DIALOGS[name.split(":")[0]]
    world = world_for(request, case)
    open_it = case.open(world)
    if case.leave_answer is not None:
        world.message_boxes.answer = case.leave_answer
    ways = [("Esc after typing", _typed_then_escape(case), REJECTED),
            ("the close button", close_window, REJECTED)]
    if case.cancel is not None:
        ways.append(("Cancel", case.cancel, case.cancel_code))
    for way, act, code in ways:
        run = drive(world.qtbot, cls, open_it, act)
        assert run.problems == [], f"{way}: {run.problems}"
        assert run.ended and run.codes == [code], way
        if case.leave_answer is None:
            assert world.message_boxes.shown == [], way
        world.message_boxes.shown.clear()
        if case.saved is not None:
            assert not case.saved(world), f"{way} saved something"
    if case.save is None:
        return

    def save(dialog):
        if case.fill is not None:
            case.fill(dialog)
        case.save(dialog)

    run = drive(world.qtbot, cls, open_it, save)
    assert run.problems == [], f"Save: {run.problems}"
    assert run.ended and run.codes == [case.save_code], "Save"
    assert world.message_boxes.shown == [] or case.file_window, world.message_boxes.shown
    assert case.saved(world), "the save did not reach the practice"


def _error_lines(dialog) -> list[str]:
    return [lbl.text() for lbl in dialog.findChildren(QLabel)
            if lbl.property("role") == "error" and lbl.isVisibleTo(dialog) and lbl.text().strip()]


@pytest.mark.parametrize("name", sorted(n for n, c in RUNS.items() if c.save and c.untouched))
def test_save_with_nothing_typed_saves_or_says_why_beside_the_field(request, name):
    """Bad (here: missing) input gets a plain sentence in the dialog, which stays open with
    what was there; never an exception, never a pop-up."""
    case, cls = RUNS[name], DIALOGS[name.split(":")[0]]
    world = world_for(request, case)
    open_it = case.open(world)
    stayed: list[list[str]] = []
    greyed: list[bool] = []

    def act(dialog):
        try:
            case.save(dialog)
        except AssertionError as why:  # a greyed-out Save is a fair way to say "not yet"
            assert "greyed out" in str(why)
            greyed.append(True)
        if shiboken6.isValid(dialog) and dialog.isVisible():
            stayed.append(_error_lines(dialog))
            press_escape(dialog)

    run = drive(world.qtbot, cls, open_it, act)
    assert run.problems == []
    assert world.message_boxes.shown == []
    assert run.ended
    if stayed and not greyed:
        [lines] = stayed
        assert lines, "the dialog stayed open without saying why"
        assert not any("Traceback" in line or "Error" in line for line in lines), lines
