"""Plan sessions ahead (one, or a series such as every week for 8 weeks), move a planned
session, and set how often a participant meets their coach.

Each dialog checks with the sessions' rules and saves through the function it is given (the
page passes the service's use case for its participant or session), so it closes only once
the change is in the practice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk import dates
from recoverydesk.services.sessions.types import (
    FIELD_LABELS,
    FREQUENCY_LABELS,
    LOCATION_LABELS,
    FrequencyDTO,
    SessionDTO,
    SessionInput,
    check_frequency,
    check_series,
    clean_session,
)
from recoverydesk.services.types import Changed, problems_of
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import (
    WEEKDAY_DATE_FORMAT,
    format_date,
    label,
    set_date_format,
)

REPEATS = [("Just once", 0), ("Every week", 7), ("Every fortnight", 14),
           ("Every four weeks", 28)]


class WholeSpinBox(QDoubleSpinBox):
    """A whole-number spin box (drawn like the other number fields of the app)."""

    def __init__(self, **kwargs):
        super().__init__(decimals=0, **kwargs)

    def value(self) -> int:  # type: ignore[override]
        return int(super().value())


def _aware(day: QDate, time: QTime) -> dt.datetime:
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute()
                       ).astimezone()


def _buttons(dialog: FormDialog, save_text: str) -> QDialogButtonBox:
    box = dialog.save_cancel_buttons(save_text)
    box.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", True)
    return box


def _errors_under(widget: QWidget, *errors) -> QWidget:
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    for error in errors:
        box.addWidget(error)
    return holder


class PlanSessionsDialog(FormDialog):
    """``plan(first, every_days, count)`` plans them (``SessionService.plan_series`` for one
    participant); ``saved`` then holds the planned sessions."""

    def __init__(self, last: SessionDTO | None = None, parent: QWidget | None = None, *,
                 plan: Callable[[SessionInput, int, int], Changed] | None = None):
        super().__init__(parent)
        self._plan_them = plan
        self.setWindowTitle(self.tr("Plan sessions"))
        self.setMinimumWidth(460)
        start = dt.datetime.now().astimezone() + dt.timedelta(days=7)
        if last is not None:
            local = last.starts_at.astimezone()
            start = start.replace(hour=local.hour, minute=local.minute)
        else:
            start = start.replace(hour=10, minute=0)
        self.date_edit = QDateEdit(QDate(start.year, start.month, start.day), calendarPopup=True)
        set_date_format(self.date_edit, WEEKDAY_DATE_FORMAT)
        self.time_edit = QTimeEdit(QTime(start.hour, start.minute))
        self.time_edit.setDisplayFormat("h:mm ap")
        self.duration = WholeSpinBox(minimum=5, maximum=480, singleStep=15, suffix=" min")
        self.duration.setValue(last.duration_minutes if last else 60)
        self.kind = QComboBox()
        for key, text in LOCATION_LABELS.items():
            self.kind.addItem(self.tr(text), key)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Which café, beach or venue"))
        if last is not None:
            self.kind.setCurrentIndex(self.kind.findData(last.location_kind))
            self.place.setText(last.location_text)
        self.repeat = QComboBox()
        for text, days in REPEATS:
            self.repeat.addItem(self.tr(text), days)
        self.repeat.setCurrentIndex(1)
        self.count = WholeSpinBox(minimum=2, maximum=104, suffix=self.tr(" sessions"))
        self.count.setValue(8)
        self.repeat.currentIndexChanged.connect(
            lambda: self.count.setEnabled(self.repeat.currentData() != 0))
        self.summary = label("", "muted")
        for signal in (self.repeat.currentIndexChanged, self.count.valueChanged,
                       self.date_edit.dateChanged, self.time_edit.timeChanged):
            signal.connect(self._update_summary)
        self.error = label("", "error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("First session"), _errors_under(
            self.date_edit, self.add_field("starts_at", self.date_edit)))
        form.addRow(self.tr("Time"), self.time_edit)
        form.addRow(self.tr(FIELD_LABELS["duration_minutes"]), _errors_under(
            self.duration, self.add_field("duration_minutes", self.duration)))
        where = QWidget()
        where_row = QHBoxLayout(where)
        where_row.setContentsMargins(0, 0, 0, 0)
        where_row.addWidget(self.kind)
        where_row.addWidget(self.place, 1)
        form.addRow(self.tr(FIELD_LABELS["location_kind"]), _errors_under(
            where, self.add_field("location_text", self.place)))
        form.addRow(self.tr("Repeat"), _errors_under(
            self.repeat, self.add_field("every_days", self.repeat)))
        form.addRow(self.tr(FIELD_LABELS["count"]), _errors_under(
            self.count, self.add_field("count", self.count)))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        buttons = _buttons(self, self.tr("Plan"))
        self.plan_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout.addWidget(buttons)
        self._past_agreed = False
        self._update_summary()

    def in_the_past(self) -> int:
        """How many of the sessions to plan would start before now."""
        first, days, count = self.values()
        now = dt.datetime.now().astimezone()
        return sum(1 for i in range(count)
                   if first.starts_at + dt.timedelta(days=days * i) < now)

    def save(self) -> None:
        """Plan; sessions in the past are planned only once the coach says so (a second
        press of the button, which then reads "Plan anyway")."""
        if self.in_the_past() and not self._past_agreed:
            self._past_agreed = True
            self.plan_button.setText(self.tr("Plan anyway"))
            self._warn_past(ask=True)
            return
        super().save()

    def problems(self) -> dict[str, str]:
        first, days, count = self.values()
        return {**problems_of(check_series, days, count),
                **problems_of(clean_session, first)}

    def write(self):
        (first, days, count), plan = self.values(), self._plan_them
        return lambda: plan(first, days, count)

    def _warn_past(self, ask: bool = False) -> None:
        past, (_first, _days, count) = self.in_the_past(), self.values()
        if not past:
            self.error.hide()
            return
        if count == 1:
            text = self.tr("This session is in the past.")
        elif past == count:
            text = self.tr("All %1 sessions are in the past.").replace("%1", str(count))
        elif past == 1:  # the series goes forward, so only the first can be
            text = self.tr("The first of these %1 sessions is in the past.").replace(
                "%1", str(count))
        else:
            text = self.tr("The first %1 of these %2 sessions are in the past.").replace(
                "%1", str(past)).replace("%2", str(count))
        if ask:
            text += " " + self.tr("Press “Plan anyway” to plan them as they are, or choose a "
                                  "later date. (A session that happened is better written up "
                                  "as a note.)")
        else:
            text += " " + self.tr("Choose a later date, or write up a session that happened as "
                                  "a note.")
        self.error.setText(text)
        self.error.show()

    def _update_summary(self) -> None:
        """Say what will be planned, first and last date, before the coach presses Plan."""
        if getattr(self, "_past_agreed", False):  # a changed plan is asked about afresh
            self._past_agreed = False
            self.plan_button.setText(self.tr("Plan"))
        if hasattr(self, "plan_button"):
            self._warn_past()
        first, days, count = self.values()
        start = first.starts_at
        when = f"{dates.weekday_date(start.date())}, {dates.clock_time(start)}"
        if count == 1:
            self.summary.setText(self.tr("One session: %1.").replace("%1", when))
            return
        last = start.replace(tzinfo=None) + dt.timedelta(days=days * (count - 1))
        self.summary.setText(self.tr("%1 sessions, from %2 to %3.").replace("%1", str(count))
                             .replace("%2", when)
                             .replace("%3", dates.weekday_date(last.date())))

    def values(self) -> tuple[SessionInput, int, int]:
        """(the first session, days apart, how many)."""
        days = self.repeat.currentData()
        first = SessionInput(starts_at=_aware(self.date_edit.date(), self.time_edit.time()),
                             duration_minutes=self.duration.value(),
                             location_kind=self.kind.currentData(),
                             location_text=self.place.text(), status="planned")
        return first, days or 7, self.count.value() if days else 1


class MoveSessionDialog(FormDialog):
    """``move(new_start, later_in_series)`` moves it (``SessionService.move`` for the
    session)."""

    def __init__(self, session: SessionDTO, parent: QWidget | None = None, *,
                 move: Callable[[dt.datetime, bool], Changed] | None = None):
        super().__init__(parent)
        self._move_it = move
        self.setWindowTitle(self.tr("Move session"))
        local = session.starts_at.astimezone()
        self.date_edit = QDateEdit(QDate(local.year, local.month, local.day), calendarPopup=True)
        set_date_format(self.date_edit, WEEKDAY_DATE_FORMAT)
        self.time_edit = QTimeEdit(QTime(local.hour, local.minute))
        self.time_edit.setDisplayFormat("h:mm ap")
        self.later = QCheckBox(self.tr("Also move the later sessions in this series"))
        self.later.setVisible(bool(session.series_key))
        form = QFormLayout()
        form.addRow(label(self.tr("Planned for %1").replace("%1", format_date(local.date())),
                          "muted"))
        form.addRow(self.tr("New date"), _errors_under(
            self.date_edit, self.add_field("starts_at", self.date_edit)))
        form.addRow(self.tr("New time"), self.time_edit)
        form.addRow(self.later)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Move")))

    def values(self) -> tuple[dt.datetime, bool]:
        return _aware(self.date_edit.date(), self.time_edit.time()), self.later.isChecked()

    def write(self):
        (when, later), move = self.values(), self._move_it
        return lambda: move(when, later)


class FrequencyDialog(FormDialog):
    """``save(kind, every_days, effective_from, note)`` records it
    (``RhythmService.set_frequency`` for the participant)."""

    def __init__(self, current: FrequencyDTO | None, history: list[FrequencyDTO],
                 parent: QWidget | None = None, *,
                 save: Callable[[str, int | None, dt.date, str], Changed] | None = None):
        super().__init__(parent)
        self._record = save
        self.setWindowTitle(self.tr("How often you meet"))
        self.setMinimumWidth(420)
        self.kind = QComboBox()
        for key, text in FREQUENCY_LABELS.items():
            self.kind.addItem(self.tr(text), key)
        self.days = WholeSpinBox(minimum=1, maximum=365, suffix=self.tr(" days"))
        self.days.setValue(10)
        if current is not None:
            self.kind.setCurrentIndex(self.kind.findData(current.kind))
            if current.every_days:
                self.days.setValue(current.every_days)

        today = dt.date.today()
        self.from_edit = QDateEdit(QDate(today.year, today.month, today.day), calendarPopup=True)
        set_date_format(self.from_edit)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why it changed (optional)"))
        self.form = QFormLayout()
        self.form.addRow(self.tr(FIELD_LABELS["kind"]), _errors_under(
            self.kind, self.add_field("kind", self.kind)))
        # The spin box keeps the days within the rule, so it needs no error line.
        self.form.addRow(self.tr(FIELD_LABELS["every_days"]), self.days)
        self.form.addRow(self.tr(FIELD_LABELS["effective_from"]), self.from_edit)
        self.form.addRow(self.tr(FIELD_LABELS["note"]), self.note)
        # "Every N days" only means something for a custom rhythm.
        self.kind.currentIndexChanged.connect(self._show_days)
        self._show_days()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(label(self.tr("The new rhythm counts from this date: a change never "
                                       "makes anyone overdue for the weeks before it."),
                               "muted"))
        if history:
            lines = [f"{format_date(h.effective_from)}: {self.tr(h.label)}"
                     + (f" ({h.note})" if h.note else "") for h in history[:6]]
            layout.addWidget(label(self.tr("Earlier rhythms"), "muted"))
            layout.addWidget(label("\n".join(lines)))
        layout.addWidget(_buttons(self, self.tr("Save")))

    def _show_days(self) -> None:
        self.form.setRowVisible(self.days, self.kind.currentData() == "custom")

    def values(self) -> tuple[str, int | None, dt.date, str]:
        d = self.from_edit.date()
        kind = self.kind.currentData()
        return (kind, self.days.value() if kind == "custom" else None,
                dt.date(d.year(), d.month(), d.day()), self.note.text())

    def problems(self) -> dict[str, str]:
        kind, days, _start, _note = self.values()
        return problems_of(check_frequency, kind, days)

    def write(self):
        values, record = self.values(), self._record
        return lambda: record(*values)
