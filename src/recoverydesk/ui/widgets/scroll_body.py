"""The scrolling body of a long dialog: its fields scroll when the screen is short (a 1366x768
laptop, 1920x1080 at 150% or 200%), while the buttons below stay in view.

Usage, keeping the button box outside::

    layout = QVBoxLayout(self)
    layout.addWidget(scroll_body(form, consent_box))
    layout.addWidget(self.buttons)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget

# The body asks for at most this height (a dialog of about 600 px with its title and buttons:
# inside 1280x720 with a panel and a title bar), less on a shorter screen.
MAX_BODY_HEIGHT = 520
# What the dialog needs beside its body: margins, a heading or two, the buttons.
RESERVED_HEIGHT = 260
MIN_BODY_HEIGHT = 160


class FitScrollArea(QScrollArea):
    """Asks for its content's full size, up to what the screen has room for; scrolls beyond."""

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # (a sideways bar only if the window is narrower than the fields can go)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A scroll area does not pass its content's new size on by itself: without this the
        # dialog keeps the size it measured before the fields were styled.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def _room(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        height = min(MAX_BODY_HEIGHT, available.height() - RESERVED_HEIGHT)
        return QSize(available.width() - 64, max(MIN_BODY_HEIGHT, height))

    def _bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:
        content = self.widget().sizeHint()
        room = self._room()
        tall = content.height() > room.height()
        width = content.width() + (self._bar() if tall else 0)
        return QSize(min(width, room.width()), min(content.height(), room.height()))

    def minimumSizeHint(self) -> QSize:
        content = self.widget().minimumSizeHint()
        return QSize(min(content.width() + self._bar(), self._room().width()),
                     min(content.height(), MIN_BODY_HEIGHT))


def scroll_body(*parts: QWidget | QLayout) -> FitScrollArea:
    """``parts`` (widgets and layouts, top to bottom) in one scroll area."""
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, QLayout):
            column.addLayout(part)
        else:
            column.addWidget(part)
    column.addStretch(1)
    return FitScrollArea(content)


def scroll_page(content: QWidget, margin: int = 16) -> QScrollArea:
    """A whole page in a scroll area: it fills the space it has, and scrolls (rather than
    drawing its parts over each other) when the window is shorter or narrower than the page's
    minimum, on a small or scaled screen."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(margin, margin, margin, margin)
    column.addWidget(content)
    area = QScrollArea()
    area.setWidget(holder)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.viewport().setAutoFillBackground(False)
    holder.setAutoFillBackground(False)
    return area
