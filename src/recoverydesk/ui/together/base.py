"""A section of the together view: its rail button's words and icon, ``load`` (read afresh when
shown), ``flush`` (save anything still being typed), and ``save`` (a write through ``Op``
whose failure is said inside the section, in words that name nobody)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from recoverydesk.ui.tasks import Op
from recoverydesk.ui.together.kit import plain_error, text_label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.services.types import ChangeSet


class Section(QWidget):
    key = ""
    rail_text = ""
    icon_name = ""

    def __init__(self, services: Services, participant_id: int, name: str):
        super().__init__()
        self.services = services
        self.participant_id = participant_id
        self.name = name
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(12)
        self.pending = 0  # saves sent to the worker and not yet answered
        self.unsaved = False  # the last save failed: leaving now would lose what was typed
        self.status = text_label("", "saved", wrap=False)
        self.status.setObjectName("together-status")

    def add_heading(self, text: str) -> QHBoxLayout:
        """The section's heading with the line that says what was saved beside it (one row:
        at 1080p and 200% the screen is only 540 px tall). Returns the row, for buttons."""
        row = QHBoxLayout()
        self.heading = text_label(text, "heading")
        row.addWidget(self.heading, 1)
        row.addWidget(self.status)
        self.outer.addLayout(row)
        return row

    def load(self) -> None:
        """Read what is kept and show it (each time the section is shown)."""

    def flush(self) -> None:
        """Save what is still being typed."""

    def on_changed(self, changes: ChangeSet) -> None:
        """Something was saved (here or elsewhere); sections update themselves after their own
        saves, so the default is to do nothing."""

    def save(self, work: Callable[[], Any], done: Callable[[Any], None] | None = None,
             *, what: str = "", on_failure: Callable[[BaseException], None] | None = None
             ) -> None:
        """Run a write on the worker; say it was kept, or why not, in the section."""
        self.pending += 1

        def saved(value: Any) -> None:
            self.pending -= 1
            self.unsaved = False
            now = dt.datetime.now().strftime("%H:%M")
            self.say(what or self.tr("Saved at %1").replace("%1", now))
            if done is not None:
                done(value)

        def failed(error: BaseException) -> None:
            self.pending -= 1
            self.unsaved = True
            self.say(plain_error(error, self.tr("Not saved")), error=True)
            if on_failure is not None:
                on_failure(error)

        Op(self, work).success(saved).failure(failed).run()

    def say(self, message: str, *, error: bool = False) -> None:
        self.status.setText(message)
        self.status.setProperty("role", "error" if error else "saved")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
