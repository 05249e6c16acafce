"""The card on the Sessions tab that says a note was left unfinished, with Continue and
Discard."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from recoverydesk import dates
from recoverydesk.services.sessions.types import DraftDTO
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import format_date, label


class NoteDraftBanner(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.draft: DraftDTO | None = None
        self.setProperty("card", True)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        self.text = label("")
        self.continue_button = QPushButton(icon("file-restore-outline"), self.tr("Continue"))
        self.discard_button = QPushButton(self.tr("Discard"))
        row.addWidget(self.text, 1)
        row.addWidget(self.continue_button)
        row.addWidget(self.discard_button)
        self.hide()

    def show_draft(self, draft: DraftDTO | None) -> None:
        """Say when ``draft`` was last kept (hidden when there is none)."""
        self.draft = draft
        if draft is None:
            self.hide()
            return
        when = draft.saved_at.astimezone()
        self.text.setText(self.tr("You have an unfinished note, last kept %1 at %2.")
                          .replace("%1", format_date(when.date()))
                          .replace("%2", dates.clock_time(when)))
        self.show()
