"""Driving a dialog of the app through its real event loop, the way a coach does.

The dialog is opened the way the app opens it (a page's button slot, a window command), so a
modal one runs its own ``exec()`` loop; a timer finds it once it shows and acts on it (types,
presses Esc, clicks Cancel or Save). Nothing of the dialog is replaced. A dialog that does not end
after the act (the step dialog once ignored Esc and Cancel because ``self.done`` hid
``QDialog.done()``) is closed by a watchdog so the test fails instead of hanging, and every
exception raised in Qt's loop meanwhile is collected and fails the test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget
from qt_shadowing import tree_shadowing
from shortcut_map import ambiguous

ACCEPTED = QDialog.DialogCode.Accepted.value
REJECTED = QDialog.DialogCode.Rejected.value
WATCHDOG_MS = 8000


@dataclass
class Run:
    """What happened to one dialog: its instance, the codes it finished with, and trouble."""

    dialog: QDialog | None = None
    codes: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ended(self) -> bool:
        if not self.codes:
            return False
        return not shiboken6.isValid(self.dialog) or not self.dialog.isVisible()


def when_modal(cls: type, act: Callable[[QDialog], None]) -> list:
    """Run ``act(dialog)`` once a modal ``cls`` shows inside its own event loop (call this
    just before the line that opens it; that line returns once the dialog has ended). The
    list it returns gets the dialog, so a test can check how it ended."""
    seen: list = []

    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, cls):
            QTimer.singleShot(20, poke)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, poke)
    return seen


def find_dialog(cls: type[QDialog]) -> QDialog | None:
    """The showing dialog of ``cls``: the active modal one, or a visible modeless one."""
    modal = QApplication.activeModalWidget()
    if isinstance(modal, cls):
        return modal
    for w in QApplication.topLevelWidgets():
        if isinstance(w, cls) and w.isVisible():
            return w
    return None


def drive(qtbot, cls: type[QDialog], open_it: Callable[[], object],
          act: Callable[[QDialog], None], *, watchdog_ms: int = WATCHDOG_MS) -> Run:
    """Open a ``cls`` dialog with ``open_it`` (the app's own way), run ``act`` on it while it
    shows, and wait until it has ended. Exceptions in Qt's loop, attributes that hide a Qt
    method, and a dialog that does not end are recorded in ``Run.problems``."""
    return drive_each(qtbot, open_it, [(cls, act)], watchdog_ms=watchdog_ms)[0]


def drive_each(qtbot, open_it: Callable[[], object],
               steps: list[tuple[type[QDialog], Callable[[QDialog], None]]], *,
               watchdog_ms: int = WATCHDOG_MS) -> list[Run]:
    """``drive`` for a flow that shows dialogs one after another (the backup list, then the
    passphrase asked twice): each (class, act) step acts on the next new dialog of its class.
    Exceptions in Qt's loop are recorded in the first run."""
    runs = [Run() for _ in steps]
    step, tries = [0], [0]

    def force_end(run: Run, cls: type[QDialog]) -> None:
        d = run.dialog
        if d is not None and shiboken6.isValid(d) and d.isVisible() and not run.codes:
            run.problems.append(f"{cls.__name__} did not end by itself: closed by force")
            QDialog.done(d, REJECTED)  # Qt's own done(), whatever the dialog binds to that name

    def poke() -> None:
        if step[0] >= len(steps):
            return
        (cls, act), run = steps[step[0]], runs[step[0]]
        dialog = find_dialog(cls)
        if dialog is None or any(dialog is r.dialog for r in runs[:step[0]]):
            tries[0] += 1
            if tries[0] * 20 < watchdog_ms:
                QTimer.singleShot(20, poke)
            return
        tries[0] = 0
        step[0] += 1
        run.dialog = dialog
        dialog.finished.connect(run.codes.append)
        hidden = tree_shadowing(dialog)
        if hidden:  # acting would crash the whole run (a hidden done() does): report and close
            run.problems.extend(hidden)
            force_end(run, cls)
            return
        run.problems.extend(f"ambiguous key in {cls.__name__}: {clash}"
                            for clash in ambiguous(dialog))
        QTimer.singleShot(watchdog_ms, lambda: force_end(run, cls))
        QTimer.singleShot(20, poke)  # the next step's dialog, once this act has shown it
        try:
            act(dialog)
        except Exception as exc:  # noqa: BLE001 - reported below, and the loop must unwind
            run.problems.append(f"the act failed: {exc!r}")
            force_end(run, cls)

    def settled() -> bool:
        return (all(r.ended for r in runs) or tries[0] * 20 >= watchdog_ms
                or any(r.problems for r in runs))

    QTimer.singleShot(0, poke)
    with qtbot.captureExceptions() as exceptions:
        open_it()  # returns when a modal dialog's loop ends; at once for a modeless one
        qtbot.waitUntil(settled, timeout=watchdog_ms * (len(steps) + 1))
        for run, (cls, _act) in zip(runs, steps, strict=True):
            if run.dialog is not None and not run.ended:
                force_end(run, cls)
    for exc_type, exc, _tb in exceptions:
        runs[0].problems.append(f"{exc_type.__name__}: {exc}")
    for run, (cls, _act) in zip(runs, steps, strict=True):
        if run.dialog is None:
            run.problems.append(f"no {cls.__name__} showed")
    return runs


# -- the ways out ----------------------------------------------------------------------------

def button_box(dialog: QDialog) -> QDialogButtonBox | None:
    boxes = [b for b in dialog.findChildren(QDialogButtonBox) if b.isVisibleTo(dialog)]
    return boxes[-1] if boxes else None


def role_button(dialog: QDialog, *roles: QDialogButtonBox.ButtonRole) -> QPushButton:
    box = button_box(dialog)
    assert box is not None, f"{type(dialog).__name__} has no button box"
    for button in box.buttons():
        if box.buttonRole(button) in roles and button.isVisibleTo(dialog):
            assert button.isEnabled(), f"{button.text()!r} is greyed out"
            return button
    raise AssertionError(f"{type(dialog).__name__}: no button with role {roles}")


def press_escape(dialog: QDialog) -> None:
    dialog.activateWindow()
    target = QApplication.focusWidget()
    if target is None or target.window() is not dialog:
        target = dialog.focusWidget() or dialog
    QApplication.sendEvent(target, _key(Qt.Key.Key_Escape))


def click_cancel(dialog: QDialog) -> None:
    role_button(dialog, QDialogButtonBox.ButtonRole.RejectRole).click()


def click_save(dialog: QDialog) -> None:
    role_button(dialog, QDialogButtonBox.ButtonRole.AcceptRole,
                QDialogButtonBox.ButtonRole.YesRole).click()


def close_window(dialog: QDialog) -> None:
    """The window's close button (title bar): a close event, as the window manager sends."""
    dialog.close()


def _key(key: Qt.Key):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)


def child(dialog: QWidget, cls: type[QWidget], text: str) -> QWidget:
    """A button (or other widget with ``text()``) of ``dialog`` by its visible words."""
    for w in dialog.findChildren(cls):
        if w.text().replace("&", "") == text:
            return w
    raise AssertionError(f"no {cls.__name__} {text!r} in {type(dialog).__name__}")
