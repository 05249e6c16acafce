"""When and where a session happened, and how it went: the first part of the session note
(``session_note.SessionNoteDialog``; the other parts are in ``session_note_panels``).

The times are of one day, the date's, unless the coach ticks "next day" for a session that ran
past midnight (11 pm to 1 am): then it ends on the day after.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from recoverydesk.services.sessions.types import (
    FIELD_LABELS,
    LOCATION_LABELS,
    NOT_HELD,
    STATUS_LABELS,
    SessionInput,
    default_face_to_face,
)
from recoverydesk.ui.dialogs.session_note_panels import AddField, Panel, with_errors
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import (
    WEEKDAY_DATE_FORMAT,
    label,
    set_date_format,
    tab_leaves,
)

LOCATION_ICONS = {"cafe": "coffee-outline", "beach": "beach", "walk": "walk",
                  "home": "home-outline", "community": "account-group-outline",
                  "office": "office-building-outline", "phone": "phone-outline",
                  "video": "video-outline"}


class WhenWherePanel(Panel):
    """The date and times, the place, face to face or not, and how the session went."""

    def __init__(self, add_field: AddField, parent: QWidget | None = None):
        super().__init__(parent)
        self._face_touched = False  # once the coach sets it, the place no longer decides
        self.date_edit = QDateEdit(calendarPopup=True)
        set_date_format(self.date_edit, WEEKDAY_DATE_FORMAT)
        self.start_edit = QTimeEdit()
        self.start_edit.setDisplayFormat("h:mm ap")
        self.end_edit = QTimeEdit()
        self.end_edit.setDisplayFormat("h:mm ap")
        # A session that ran past midnight ends on the next day. Offered when the end time is
        # not after the start (or once ticked), beside "ends before it starts".
        self.next_day = QCheckBox(self.tr("next day"))
        self.next_day.setToolTip(self.tr("The session ran past midnight"))
        self.next_day.setVisible(False)
        self.length_label = label("", "muted", wrap=False)
        self.location_kind = QComboBox()
        for key, text in LOCATION_LABELS.items():
            self.location_kind.addItem(icon(LOCATION_ICONS[key]), self.tr(text), key)
        self.location_text = QLineEdit()
        self.location_text.setPlaceholderText(self.tr("Which café, beach or venue"))
        self.face_to_face = QCheckBox(self.tr(FIELD_LABELS["face_to_face"]))
        self.face_to_face.setToolTip(self.tr("Phone and video sessions are not face to face"))
        self.status = QComboBox()
        for key, text in STATUS_LABELS.items():
            self.status.addItem(self.tr(text), key)
        self.status_reason = QLineEdit()
        self.status_reason.setPlaceholderText(self.tr("What happened (optional)"))

        times = QHBoxLayout()
        times.setSpacing(8)
        times.addWidget(self.start_edit)
        times.addWidget(QLabel(self.tr("to")))
        times.addWidget(self.end_edit)
        times.addWidget(self.next_day)
        times.addWidget(self.length_label)
        times.addStretch(1)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setVerticalSpacing(8)
        self.form.addRow(self.tr(FIELD_LABELS["starts_at"]), with_errors(
            self.date_edit, add_field("starts_at", self.date_edit)))
        self.form.addRow(self.tr(FIELD_LABELS["ends_at"]), with_errors(
            times, add_field("ends_at", self.end_edit),
            add_field("duration_minutes", self.end_edit)))
        # The kind, then the place on its own line: "Along the river" is never squeezed.
        self.form.addRow(self.tr(FIELD_LABELS["location_kind"]), with_errors(
            self.location_kind, add_field("location_kind", self.location_kind)))
        self.form.addRow("", with_errors(
            self.location_text, add_field("location_text", self.location_text)))
        self.form.addRow("", self.face_to_face)
        self.form.addRow(self.tr(FIELD_LABELS["status"]), with_errors(
            self.status, add_field("status", self.status)))
        self.form.addRow("", self.status_reason)

        self.location_kind.currentIndexChanged.connect(self._kind_changed)
        self.face_to_face.toggled.connect(self._face_toggled)
        self.status.currentIndexChanged.connect(self._status_changed)
        for signal in (self.date_edit.dateChanged, self.start_edit.timeChanged,
                       self.end_edit.timeChanged, self.next_day.toggled,
                       self.location_text.textChanged,
                       self.status_reason.textChanged, self.location_kind.currentIndexChanged,
                       self.status.currentIndexChanged):
            signal.connect(self._edited)
        self.start_edit.timeChanged.connect(self._update_length)
        self.end_edit.timeChanged.connect(self._update_length)
        self.next_day.toggled.connect(self._update_length)
        tab_leaves(self.date_edit, self.start_edit, self.end_edit)

    def add_row(self, text: str, widget: QWidget) -> None:
        """Another part of the note as a row of this form (its labels line up with these)."""
        self.form.addRow(text, widget)

    def tab_chain(self) -> list[QWidget]:
        return [self.date_edit, self.start_edit, self.end_edit, self.next_day,
                self.location_kind,
                self.location_text, self.face_to_face, self.status, self.status_reason]

    def load(self, data: SessionInput) -> None:
        self._loading = True
        start = (data.starts_at or dt.datetime.now(dt.UTC)).astimezone()
        end = data.ends_at.astimezone() if data.ends_at else start + dt.timedelta(
            minutes=max(1, data.duration_minutes))
        self.date_edit.setDate(QDate(start.year, start.month, start.day))
        self.start_edit.setTime(QTime(start.hour, start.minute))
        self.end_edit.setTime(QTime(end.hour, end.minute))
        self.next_day.setChecked(end.date() > start.date())
        self.location_kind.setCurrentIndex(max(0, self.location_kind.findData(
            data.location_kind)))
        self.location_text.setText(data.location_text)
        default = default_face_to_face(data.location_kind)
        face = data.face_to_face
        self.face_to_face.setChecked(default if face is None else face)
        self._face_touched = face is not None and face != default
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        self.status_reason.setText(data.status_reason)
        self._status_changed()
        self._update_length()
        self._loading = False

    def values(self) -> dict:
        d, start_t, end_t = self.date_edit.date(), self.start_edit.time(), self.end_edit.time()
        day = dt.date(d.year(), d.month(), d.day())
        start = dt.datetime.combine(day, dt.time(start_t.hour(), start_t.minute())).astimezone()
        end_day = day + dt.timedelta(days=1) if self.next_day.isChecked() else day
        end = dt.datetime.combine(end_day, dt.time(end_t.hour(), end_t.minute())).astimezone()
        return {
            "starts_at": start, "ends_at": end,
            "duration_minutes": max(0, int((end - start).total_seconds() // 60)),
            "location_kind": self.location_kind.currentData(),
            "location_text": self.location_text.text(),
            "face_to_face": self.face_to_face.isChecked(),
            "status": self.status.currentData(),
            "status_reason": self.status_reason.text(),
        }

    def _kind_changed(self) -> None:
        if not self._loading and not self._face_touched:
            self._loading = True
            self.face_to_face.setChecked(default_face_to_face(self.location_kind.currentData()))
            self._loading = False

    def _face_toggled(self) -> None:
        if not self._loading:
            self._face_touched = True
            self.edited.emit()

    def _status_changed(self) -> None:
        self.status_reason.setVisible(self.status.currentData() in NOT_HELD)

    def _update_length(self) -> None:
        minutes = self.start_edit.time().secsTo(self.end_edit.time()) // 60
        self.next_day.setVisible(minutes <= 0 or self.next_day.isChecked())
        if self.next_day.isChecked():
            minutes += 24 * 60
        if minutes > 0:
            hours, mins = divmod(minutes, 60)
            text = (f"{hours} h {mins} min" if mins else f"{hours} h") if hours else \
                f"{mins} min"
            self.length_label.setText(text)
        else:
            self.length_label.setText(self.tr("ends before it starts"))
