"""Agree the plan: keep a dated copy of the plan as it is today, with when to look at it again.
The dialog checks the review date (``plans.types.check_agree``) and agrees the plan itself."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from recoverydesk.services.plans.types import FIELD_LABELS, check_agree
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.widgets.common import OptionalDateEdit, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class GoalAgreeDialog(FormDialog):
    def __init__(self, services: Services, participant_id: int, name: str,
                 parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.today = today or dt.date.today()
        self.setWindowTitle(self.tr("Agree the plan"))
        self.setMinimumWidth(480)
        self.review = OptionalDateEdit()
        self.review.set_value(self.today + dt.timedelta(days=91))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Optional, for example “Agreed at the library”"))
        form = QFormLayout()
        add_row(self, form, "review_date", self.review, FIELD_LABELS["review_date"], "R")
        add_row(self, form, "note", self.note, FIELD_LABELS["note"], "N")
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                self.tr(
                    "This keeps a dated copy of %1's plan as it is today: goals, steps, strengths and "
                    "supports. It never changes afterwards, so you can look back and see how far "
                    "things have come."
                ).replace("%1", name),
                "muted",
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons(self.tr("Agree plan")))

    def values(self) -> tuple[dt.date | None, str]:
        return self.review.value(), self.note.text().strip()

    def problems(self) -> dict[str, str]:
        return check_agree(self.review.value(), self.today)

    def write(self):
        svc, pid = self.services.plans, self.participant_id
        review, note = self.values()
        return lambda: svc.agree(pid, review, note)
