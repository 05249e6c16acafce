"""1920x1080 at 200% is 960x540 logical pixels (issue 14 finding 3): no dialog may insist on
more than that, or its buttons run off the bottom of the screen however the coach resizes it.
The dialogs are built from a demo practice's real data, as in test_fits_small_screens.py."""

from __future__ import annotations

import pytest
import test_fits_small_screens as small
from PySide6.QtCore import QSize
from test_fits_small_screens import _busiest, _dialog_classes, dialog_factories

demo, window = small.demo, small.window  # its fixtures, shared here

AT_200 = QSize(960, 540)  # 1920x1080 at 200%


def fits(size: QSize) -> bool:
    return size.width() <= AT_200.width() and size.height() <= AT_200.height()


@pytest.mark.parametrize("name", [c.__name__ for c in _dialog_classes()])
def test_no_dialog_insists_on_more_than_960x540(qtbot, demo, window, name):
    dialog = dialog_factories(demo, window)[name]()
    qtbot.addWidget(dialog)
    assert fits(dialog.minimumSizeHint()), f"{name} needs {dialog.minimumSizeHint()}"
    assert fits(dialog.minimumSize()), f"{name} insists on {dialog.minimumSize()}"


@pytest.mark.xfail(strict=True, reason=(
    "known gap, issue 14 finding 3 at 200%: the Goals & plan page asks 868x384, so the "
    "window's minimum is about 1020x549 (ui/pages/goals.py, main_window.py)"))
def test_the_main_window_fits_960x540(qtbot, demo, window):
    for page in ("overview", "star", "goals", "sessions", "wrap", "network"):
        window.open_participant(_busiest(demo).id, page)
        qtbot.wait(1)
        assert fits(window.minimumSizeHint()), (page, window.minimumSizeHint())
