"""Windows that fit the screen they open on: a 1366x768 laptop, or 1920x1080 at 150% or 200%
(1280x720 or 960x540 logical pixels), as well as a big desktop monitor.

A window opens at its preferred size, centred in the screen's available area (the screen less
its panels and docks), or maximised when that area is smaller than the preferred size. A
geometry restored from an earlier run (perhaps on a bigger monitor since unplugged) is kept only
while it still fits.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the window manager adds around a window: its title bar and borders.
FRAME = QSize(16, 40)
# A dialog fits 1280x720 logical pixels (1920x1080 at 150%) with its title bar, whatever the
# screen: at most this big.
DIALOG_MAX = QSize(1280 - FRAME.width(), 720 - FRAME.height())


def fitted_geometry(preferred: QSize, available: QRect) -> tuple[QRect, bool]:
    """Where a window of ``preferred`` size goes on a screen whose available area is
    ``available``: (its geometry, whether to maximise it)."""
    room = QSize(available.width() - FRAME.width(), available.height() - FRAME.height())
    if preferred.width() > room.width() or preferred.height() > room.height():
        # Maximised; this geometry (inside the frame) is what "restore down" comes back to.
        side = FRAME.width() // 2
        inner = available.adjusted(side, FRAME.height() - side, -side, -side)
        return inner, True
    rect = QRect(QPoint(0, 0), preferred)
    rect.moveCenter(available.center())
    rect.moveTop(max(rect.top(), available.top() + FRAME.height() - FRAME.width() // 2))
    return rect, False


def fit_window(window: QWidget, preferred: QSize, *, keep: bool = False) -> None:
    """Size and place ``window`` (before it is shown) for its screen. ``keep``: it already has
    a geometry (restored from the settings); keep that if it still fits on the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    if keep and (window.isMaximized() or available.contains(window.geometry())):
        return
    rect, maximise = fitted_geometry(preferred, available)
    window.setGeometry(rect)
    if maximise:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def fit_size(window: QWidget, preferred: QSize) -> None:
    """Resize ``window`` (a dialog) to ``preferred``, or smaller on a screen without room
    (and never beyond ``DIALOG_MAX``)."""
    window.resize(preferred.boundedTo(room_for(window)))


def room_for(window: QWidget) -> QSize:
    """The most a dialog should take on ``window``'s screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    return DIALOG_MAX.boundedTo(QSize(available.width() - FRAME.width(),
                                      available.height() - FRAME.height()))
