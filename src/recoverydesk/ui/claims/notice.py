"""A band in the Claims view that says what just happened, in plain words, with the next step:
the sessions held back from claim lines and why, every line that kept the claim file from being
written and why, or the file written with "Mark this batch as claimed"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.icons import icon

ROLES = {"error": "close-circle-outline", "warning": "alert-outline",
         "info": "information-outline", "done": "check-circle-outline"}


class Notice(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("claimsNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("card", True)
        self.glyph = QLabel()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items = QListWidget()
        self.items.setAccessibleName(self.tr("Details"))
        self.items.setWordWrap(True)
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        self.buttons = QHBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.glyph, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        top.addLayout(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.items)
        self._action_buttons: list[QPushButton] = []
        self.hide()

    def say(self, role: str, title: str, lines: list[str] = (),  # type: ignore[assignment]
            actions: list[tuple[str, Callable[[], None]]] = ()) -> None:  # type: ignore[assignment]
        """Show ``title``, each of ``lines``, and a button per action (each also dismisses)."""
        self.setProperty("role", role)
        self.glyph.setPixmap(icon(ROLES.get(role, "information-outline")).pixmap(20, 20))
        self.title.setText(title)
        self.items.clear()
        self.items.addItems(list(lines))
        self.items.setVisible(bool(lines))
        rows = sum(self.items.sizeHintForRow(i) for i in range(min(len(lines), 5)))
        self.items.setFixedHeight(min(rows + 2 * self.items.frameWidth() + 8, 128))
        for button in self._action_buttons:
            self.buttons.removeWidget(button)
            button.deleteLater()
        self._action_buttons = []
        for text, act in actions:
            button = QPushButton(text)
            button.clicked.connect(self.hide)
            button.clicked.connect(act)
            self.buttons.addWidget(button)
            self._action_buttons.append(button)
        self.buttons.removeWidget(self.close_button)
        self.buttons.addWidget(self.close_button)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def action_texts(self) -> list[str]:
        return [b.text() for b in self._action_buttons]

    def press(self, text: str) -> None:
        """Press the action button ``text`` (what the coach does with a click)."""
        next(b for b in self._action_buttons if b.text() == text).click()

    def lines(self) -> list[str]:
        return [self.items.item(i).text() for i in range(self.items.count())]
