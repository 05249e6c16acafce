"""Mark the WRAP reviewed: the day it was gone through together, when to look at it next, and
a note. Saving keeps a snapshot of the whole plan as it stands."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.wrap.types import FIELD_LABELS, REVIEW_EVERY_DAYS, check_review
from recoverydesk.ui.widgets.common import set_date_format


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class WrapReviewDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        today = today or dt.date.today()
        self.setWindowTitle(self.tr("Mark the WRAP reviewed"))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr("Went through %1's WRAP together? Saving keeps a copy of the "
                               "plan as it stands today in its history.").replace("%1", name))
        intro.setWordWrap(True)
        self.reviewed_on = QDateEdit(_qdate(today))
        self.reviewed_on.setCalendarPopup(True)
        set_date_format(self.reviewed_on)
        self.reviewed_on.setMaximumDate(_qdate(today))
        self.next_review = QDateEdit(_qdate(today + dt.timedelta(days=REVIEW_EVERY_DAYS)))
        self.next_review.setCalendarPopup(True)
        set_date_format(self.next_review)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("for example: added two new wellness tools"))
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr(FIELD_LABELS["reviewed_on"]), self.reviewed_on)
        form.addRow(self.tr(FIELD_LABELS["next_review"]), self.next_review)
        form.addRow(self.tr(FIELD_LABELS["note"]), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> tuple[dt.date, dt.date, str]:
        return (_pydate(self.reviewed_on.date()), _pydate(self.next_review.date()),
                self.note.text().strip())

    def _accept(self) -> None:
        """The page saves the review; here the dates are checked by the WRAP's own rule."""
        on, next_review, _note = self.values()
        problems = check_review(on, next_review, dt.date.today())
        if problems:
            self.error.setText("\n".join(self.tr(m) for m in problems.values()))
            self.error.show()
            return
        self.accept()
