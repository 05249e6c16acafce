"""One line of the Overview's "At a glance" card: a bold heading with an "Open" link beside it,
and the sentence under it, in the attention colour when it asks for action.

The sentence is a plain-text label rather than one rich-text label for the whole line: Qt lays a
rich-text label out as a text document each time the card's layout asks its height for a width,
and a participant switch refills a dozen lines, so rich text was most of the window's layout on a
switch (about 3 ms of a 25-30 ms open). Only the short "Open" link is rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from recoverydesk.ui.widgets.common import restyle


class GlanceLine(QWidget):
    link_activated = Signal(str)  # the page key of the line's "Open" link

    def __init__(self, open_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._open_text = open_text
        self._attention = False
        self.page: str | None = None  # the page key the "Open" link opens
        self.heading = QLabel()
        self.heading.setProperty("role", "strong")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.open_link = QLabel()
        self.open_link.setTextFormat(Qt.TextFormat.RichText)
        self.open_link.linkActivated.connect(self.link_activated)
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(8)
        top.addWidget(self.heading)
        top.addWidget(self.open_link)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.body)

    @property
    def attention(self) -> bool:
        return self._attention

    def show_line(self, line) -> None:
        """Fill the line from an ``OverviewLine`` (labels are kept and refilled on a switch:
        a label given the text it has already costs nothing)."""
        self.page = line.page or None
        self.heading.setText(line.heading)
        # The link's label is kept (empty) rather than hidden: showing a hidden label makes Qt
        # lay the whole window out at once.
        self.open_link.setText(f"<a href='{line.page}'>{self._open_text}</a>" if line.page
                               else "")
        self.body.setText(line.text)
        if line.attention != self._attention:  # the style sheet colours the attention role
            self._attention = line.attention
            self.body.setProperty("role", "attention" if line.attention else "")
            restyle(self.body)
        self.setAccessibleName(f"{line.heading}: {line.text}")
