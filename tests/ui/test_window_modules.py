"""The window's modules are imported one per turn at start-up (ui/window_modules.py): the steps
import every page's and every part's module, and the callback comes once all have run."""

from __future__ import annotations

import ast
import inspect
from typing import get_type_hints

from recoverydesk.ui import window_modules
from recoverydesk.ui.extensions import PARTICIPANT_PAGES, WindowParts
from recoverydesk.ui.home import HomeView
from recoverydesk.ui.window_modules import STEPS, import_in_turns
from recoverydesk.ui.workspace import ParticipantWorkspace


def _imported_by_steps() -> set[str]:
    tree = ast.parse(inspect.getsource(window_modules))
    steps = {f.__name__ for f in STEPS}
    found = set()
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and fn.name in steps:
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom):
                    found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_steps_import_every_page_and_part_module():
    needed = {cls.__module__ for cls in PARTICIPANT_PAGES}
    needed |= {hint.__module__ for hint in get_type_hints(WindowParts).values()}
    needed |= {HomeView.__module__, ParticipantWorkspace.__module__, WindowParts.__module__}
    # These two import ui/practice_files.py, which runs the steps: built in the last turn.
    needed -= {"recoverydesk.ui.extensions", "recoverydesk.ui.dialogs.backup_actions"}
    imported = _imported_by_steps()
    # A page imported as its package (ui.pages.goals) counts for the module it comes from.
    missing = {m for m in needed if m not in imported and m.rsplit(".", 1)[0] not in imported}
    assert not missing
    assert len(imported) == len(STEPS)  # one module a step


def test_the_callback_comes_after_the_steps(qtbot):
    ran, called = [], []
    import_in_turns(lambda: called.append(len(ran)), (lambda: ran.append(1),
                                                       lambda: ran.append(2)))
    assert not ran and not called  # never in the same turn
    qtbot.waitUntil(lambda: bool(called), timeout=2000)
    assert called == [2]


def test_a_step_comes_after_qt_has_painted_what_the_step_before_changed(qtbot):
    """A step's turn is its own: Qt's repaint of what the step before changed (posted at low
    priority) runs in the pass before it, not in the same pass after it."""
    from PySide6.QtWidgets import QWidget

    order = []

    class Painted(QWidget):
        def paintEvent(self, event):  # noqa: N802 (Qt name)
            order.append("painted")

    widget = Painted()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(50)
    order.clear()

    def first():
        order.append("first")
        widget.update()

    import_in_turns(lambda: order.append("then"), (first, lambda: order.append("second")))
    qtbot.waitUntil(lambda: "then" in order, timeout=2000)
    assert order.index("painted") < order.index("second")
