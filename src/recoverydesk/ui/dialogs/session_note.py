"""Write up a session. Everything typed is saved as a draft in the practice file every few
seconds and when the editor closes, so a crash or power cut loses at most a few seconds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk import dates
from recoverydesk.services.container import Services
from recoverydesk.services.sessions.service import (
    LOCATION_LABELS,
    STATUS_LABELS,
    TOOL_LABELS,
    DraftDTO,
    SessionDTO,
    SessionInput,
    default_face_to_face,
    draft_key,
)
from recoverydesk.services.types import ChangeSet, ValidationError
from recoverydesk.ui.icons import icon
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import (
    WEEKDAY_DATE_FORMAT,
    format_date,
    format_datetime,
    label,
    set_date_format,
    tab_leaves,
)
from recoverydesk.ui.widgets.scroll_body import scroll_body

AUTOSAVE_MS = 3000
LOCATION_ICONS = {"cafe": "coffee-outline", "beach": "beach", "walk": "walk",
                  "home": "home-outline", "community": "account-group-outline",
                  "office": "office-building-outline", "phone": "phone-outline",
                  "video": "video-outline"}


class _NoteBox(QPlainTextEdit):
    """Asks for half as much again as its minimum height (not Qt's 192 px each), so the note
    fits a short screen; the boxes grow with the window."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight() * 3 // 2)


def _text_box(placeholder: str, height: int) -> QPlainTextEdit:
    box = _NoteBox()
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    box.setTabChangesFocus(True)
    return box


class SessionNoteDialog(QDialog):
    """A note for one session: a new one (pre-filled from the planned session), an existing one,
    or one recovered from a draft."""

    saved = Signal(object)  # SessionDTO

    def __init__(self, services: Services, participant_id: int,
                 session: SessionDTO | None = None, draft: DraftDTO | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.session_id: int | None = session.id if session else None
        self.result_session: SessionDTO | None = None
        self._dirty = False
        self._loading = True
        self._face_touched = False
        self._closing_saved = False
        self.setWindowTitle(self.tr("Session note"))
        fit_size(self, QSize(980, 680))  # smaller on a short screen: the left column scrolls
        self.setModal(False)
        person = services.participants.get(participant_id)
        prefill = None
        if session is None and draft is None:
            prefill = services.sessions.prefill(participant_id)
            if prefill.planned is not None:
                self.session_id = prefill.planned.id
                session = prefill.planned
            draft = services.sessions.draft(participant_id, self.session_id)
        elif draft is None:
            draft = services.sessions.draft(participant_id, self.session_id)
        elif draft.session_id is not None:
            self.session_id = draft.session_id
            session = services.sessions.get(draft.session_id)
        last = services.sessions.last_completed(
            participant_id, before=session.starts_at if session and
            session.status == "completed" else None)
        if last is not None and self.session_id is not None and last.id == self.session_id:
            last = None
        self.draft_key = draft_key(participant_id, self.session_id)
        self._build(person.display_name, session, prefill, last, draft)
        if draft is not None:
            self._load(draft.input)
        elif prefill is not None:
            self._load(prefill.input)
        elif session is not None:
            self._load(session.to_input())
        self._loading = False
        self._timer = QTimer(self, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.autosave)
        self._timer.start()
        # Nothing planned or written yet: start at the top, when and where, and Tab down the
        # page. Otherwise carry on typing where the note (or the recovered draft) left off.
        (self.date_edit if session is None and draft is None else self.talked_about).setFocus()
        self.talked_about.moveCursor(QTextCursor.MoveOperation.End)

    # -- building -------------------------------------------------------------------------
    def _build(self, name: str, session, prefill, last, draft) -> None:
        title = label(self.tr("Session with %1").replace("%1", name), "title", wrap=False)
        self.banner = label("", "chip")
        self.banner.setVisible(False)
        if draft is not None:
            self.banner.setText(self.tr("Recovered your unfinished note from %1. Carry on "
                                        "where you left off.").replace(
                "%1", format_datetime(draft.saved_at)))
            self.banner.setVisible(True)
        elif prefill is not None and prefill.planned is not None:
            self.banner.setText(self.tr("Started from the planned session."))
            self.banner.setVisible(True)

        # When and where
        self.date_edit = QDateEdit(calendarPopup=True)
        set_date_format(self.date_edit, WEEKDAY_DATE_FORMAT)
        self.start_edit = QTimeEdit()
        self.start_edit.setDisplayFormat("h:mm ap")
        self.end_edit = QTimeEdit()
        self.end_edit.setDisplayFormat("h:mm ap")
        self.length_label = label("", "muted", wrap=False)
        self.location_kind = QComboBox()
        for key, text in LOCATION_LABELS.items():
            self.location_kind.addItem(icon(LOCATION_ICONS[key]), self.tr(text), key)
        self.location_text = QLineEdit()
        self.location_text.setPlaceholderText(self.tr("Which café, beach or venue"))
        self.face_to_face = QCheckBox(self.tr("Face to face"))
        self.face_to_face.setToolTip(self.tr("Phone and video sessions are not face to face"))
        self.status = QComboBox()
        for key, text in STATUS_LABELS.items():
            self.status.addItem(self.tr(text), key)
        self.status_reason = QLineEdit()
        self.status_reason.setPlaceholderText(self.tr("What happened (optional)"))
        self.travel_km = QDoubleSpinBox(decimals=1, maximum=2000, suffix=" km")
        self.travel_minutes = QDoubleSpinBox(decimals=0, maximum=600, suffix=" min")
        for spin in (self.travel_km, self.travel_minutes):
            spin.setMinimumWidth(120)
            spin.setAccessibleName(self.tr("Travel"))

        times = QHBoxLayout()
        times.setSpacing(8)
        times.addWidget(self.start_edit)
        times.addWidget(QLabel(self.tr("to")))
        times.addWidget(self.end_edit)
        times.addWidget(self.length_label)
        times.addStretch(1)
        travel = QHBoxLayout()
        travel.addWidget(self.travel_km)
        travel.addWidget(self.travel_minutes)
        travel.addStretch(1)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow(self.tr("Date"), self.date_edit)
        form.addRow(self.tr("Time"), self._with_error("ends_at", times))
        # The kind, then the place on its own line: "Along the river" is never squeezed.
        form.addRow(self.tr("Where"), self.location_kind)
        form.addRow("", self.location_text)
        form.addRow("", self.face_to_face)
        form.addRow(self.tr("How it went"), self._with_error("status", self.status))
        form.addRow("", self.status_reason)
        form.addRow(self.tr("Travel"), self._with_error("travel_km", travel))

        # Goals and tools
        self.goal_list = QListWidget()
        self.goal_list.setAccessibleName(self.tr("Goals worked on"))
        goals_svc = getattr(self.services, "goals", None)
        goals = []
        if goals_svc is not None:
            try:
                goals = goals_svc.goals(self.participant_id)
            except Exception:  # goals are a help here, never a blocker for writing a note
                goals = []
        linked = set(session.goal_ids) if session is not None else set()
        if draft is not None:
            linked |= set(draft.input.goal_ids)
        goals = [g for g in goals if getattr(g, "is_open", True) or g.id in linked]
        for g in goals:
            item = QListWidgetItem(g.title)
            item.setData(Qt.ItemDataRole.UserRole, g.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.goal_list.addItem(item)
        if goals:
            self.goal_list.setSpacing(2)  # tap-sized rows
            row_h = (self.goal_list.sizeHintForRow(0) or 24) + 4
            self.goal_list.setFixedHeight(min(5 * row_h, row_h * len(goals)) + 8)
        self.no_goals = label(self.tr("No goals set yet. Goals you agree together will show "
                                      "here to tick."), "muted")
        self.goal_list.setVisible(bool(goals))
        self.no_goals.setVisible(not goals)
        self.tool_checks: dict[str, QCheckBox] = {}
        tools = QGridLayout()
        tools.setHorizontalSpacing(16)
        for i, (key, text) in enumerate(TOOL_LABELS.items()):
            box = QCheckBox(self.tr(text))
            self.tool_checks[key] = box
            tools.addWidget(box, i // 3, i % 3)
        self.tools_other = QLineEdit()
        self.tools_other.setPlaceholderText(self.tr("Which other tool"))
        tools.addWidget(self.tools_other, 1, 2)
        self.tools_other.setVisible(False)

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addLayout(form)
        left.addWidget(label(self.tr("Goals worked on"), "heading"))
        left.addWidget(self.goal_list)
        left.addWidget(self.no_goals)
        left.addWidget(label(self.tr("Tools used"), "heading"))
        left.addLayout(tools)
        left.addStretch(1)

        # The note itself
        right = QVBoxLayout()
        right.setSpacing(8)
        if last is not None and last.next_steps:
            box = QFrame()
            box.setProperty("card", True)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(12, 8, 12, 8)
            inner.addWidget(label(self.tr("Next steps from last time (%1)").replace(
                "%1", format_date(last.local_date)), "muted"))
            self.last_steps = label(last.next_steps)
            inner.addWidget(self.last_steps)
            right.addWidget(box)
        else:
            self.last_steps = None
        self.talked_about = _text_box(self.tr("What we talked about, in plain words"), 104)
        self.went_well = _text_box(self.tr("What went well"), 56)
        self.next_steps = _text_box(self.tr("What each of us will do before next time"), 56)
        for heading, box in ((self.tr("What we talked about"), self.talked_about),
                             (self.tr("What went well"), self.went_well),
                             (self.tr("Next steps"), self.next_steps)):
            right.addWidget(label(heading, "heading"))
            box.setAccessibleName(heading)
            right.addWidget(box, 2 if box is self.talked_about else 1)

        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addWidget(scroll_body(left), 5)  # Save stays in view on a short screen
        columns.addLayout(right, 6)

        self.saved_label = label("", "muted", wrap=False)
        self.discard_button = QPushButton(icon("delete-outline"), self.tr("Discard draft"))
        self.discard_button.setToolTip(self.tr("Throw away what you typed since the last save"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close and keep your draft for later"))
        self.save_button = QPushButton(icon("content-save-outline", "#FFFFFF"),
                                       self.tr("Save note"))
        self.save_button.setProperty("primary", True)
        self.save_button.setDefault(True)
        self.save_button.setShortcut("Ctrl+S")
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        self.discard_button.clicked.connect(self.discard)
        self.location_kind.currentIndexChanged.connect(self._kind_changed)
        self.face_to_face.toggled.connect(self._face_toggled)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.tool_checks["other"].toggled.connect(self.tools_other.setVisible)
        for signal in (self.date_edit.dateChanged, self.start_edit.timeChanged,
                       self.end_edit.timeChanged, self.location_text.textChanged,
                       self.status_reason.textChanged, self.travel_km.valueChanged,
                       self.travel_minutes.valueChanged, self.tools_other.textChanged,
                       self.talked_about.textChanged, self.went_well.textChanged,
                       self.next_steps.textChanged, self.goal_list.itemChanged,
                       self.location_kind.currentIndexChanged,
                       self.status.currentIndexChanged):
            signal.connect(self._touched)
        for box in self.tool_checks.values():
            box.toggled.connect(self._touched)
        self.start_edit.timeChanged.connect(self._update_length)
        self.end_edit.timeChanged.connect(self._update_length)
        # Tab in reading order: when and where, goals and tools, the note, then the buttons.
        tab_leaves(self.date_edit, self.start_edit, self.end_edit)
        chain = [self.date_edit, self.start_edit, self.end_edit, self.location_kind,
                 self.location_text, self.face_to_face, self.status, self.status_reason,
                 self.travel_km, self.travel_minutes, self.goal_list,
                 *self.tool_checks.values(), self.tools_other, self.talked_about,
                 self.went_well, self.next_steps, self.discard_button, self.close_button,
                 self.save_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _with_error(self, key: str, inner) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if isinstance(inner, QWidget):
            box.addWidget(inner)
        else:
            box.addLayout(inner)
        error = label("", "error")
        error.hide()
        box.addWidget(error)
        if not hasattr(self, "_errors"):
            self._errors: dict[str, QLabel] = {}
        self._errors[key] = error
        return holder

    # -- values ---------------------------------------------------------------------------
    def _load(self, data: SessionInput) -> None:
        start = (data.starts_at or dt.datetime.now(dt.UTC)).astimezone()
        end = data.ends_at.astimezone() if data.ends_at else start + dt.timedelta(
            minutes=max(1, data.duration_minutes))
        self.date_edit.setDate(QDate(start.year, start.month, start.day))
        self.start_edit.setTime(QTime(start.hour, start.minute))
        self.end_edit.setTime(QTime(end.hour, end.minute))
        self.location_kind.setCurrentIndex(max(0, self.location_kind.findData(
            data.location_kind)))
        self.location_text.setText(data.location_text)
        face = data.face_to_face
        self.face_to_face.setChecked(default_face_to_face(data.location_kind)
                                     if face is None else face)
        self._face_touched = face is not None and face != default_face_to_face(
            data.location_kind)
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        self.status_reason.setText(data.status_reason)
        self.travel_km.setValue(data.travel_km)
        self.travel_minutes.setValue(data.travel_minutes)
        for key, box in self.tool_checks.items():
            box.setChecked(key in data.tools)
        self.tools_other.setText(data.tools_other)
        for i in range(self.goal_list.count()):
            item = self.goal_list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in data.goal_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.talked_about.setPlainText(data.talked_about)
        self.went_well.setPlainText(data.went_well)
        self.next_steps.setPlainText(data.next_steps)
        self._status_changed()
        self._update_length()

    def current_input(self) -> SessionInput:
        d, start_t, end_t = self.date_edit.date(), self.start_edit.time(), self.end_edit.time()
        day = dt.date(d.year(), d.month(), d.day())
        start = dt.datetime.combine(day, dt.time(start_t.hour(), start_t.minute())).astimezone()
        end = dt.datetime.combine(day, dt.time(end_t.hour(), end_t.minute())).astimezone()
        goal_ids = tuple(
            self.goal_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.goal_list.count())
            if self.goal_list.item(i).checkState() == Qt.CheckState.Checked)
        return SessionInput(
            starts_at=start, ends_at=end,
            duration_minutes=max(0, int((end - start).total_seconds() // 60)),
            location_kind=self.location_kind.currentData(),
            location_text=self.location_text.text(),
            face_to_face=self.face_to_face.isChecked(), status=self.status.currentData(),
            status_reason=self.status_reason.text(), goal_ids=goal_ids,
            tools=tuple(k for k, box in self.tool_checks.items() if box.isChecked()),
            tools_other=self.tools_other.text(), talked_about=self.talked_about.toPlainText(),
            went_well=self.went_well.toPlainText(), next_steps=self.next_steps.toPlainText(),
            travel_km=self.travel_km.value(), travel_minutes=int(self.travel_minutes.value()))

    # -- reactions ------------------------------------------------------------------------
    def _touched(self, *_args) -> None:
        if not self._loading:
            self._dirty = True
            self.saved_label.setText(self.tr("Unsaved changes"))

    def _kind_changed(self) -> None:
        if not self._loading and not self._face_touched:
            self._loading = True
            self.face_to_face.setChecked(default_face_to_face(self.location_kind.currentData()))
            self._loading = False

    def _face_toggled(self) -> None:
        if not self._loading:
            self._face_touched = True
            self._touched()

    def _status_changed(self) -> None:
        self.status_reason.setVisible(self.status.currentData() in ("cancelled", "no_show"))

    def _update_length(self) -> None:
        minutes = self.start_edit.time().secsTo(self.end_edit.time()) // 60
        if minutes > 0:
            hours, mins = divmod(minutes, 60)
            text = (f"{hours} h {mins} min" if mins else f"{hours} h") if hours else \
                f"{mins} min"
            self.length_label.setText(text)
        else:
            self.length_label.setText(self.tr("ends before it starts"))

    def _show_errors(self, errors: dict[str, str]) -> None:
        mapping = {"duration_minutes": "ends_at", "starts_at": "ends_at",
                   "travel_minutes": "travel_km"}
        for error in self._errors.values():
            error.hide()
        unplaced = []
        for key, message in errors.items():
            target = self._errors.get(mapping.get(key, key))
            if target is None:
                unplaced.append(message)
                continue
            target.setText(message)
            target.show()
        if unplaced:
            self.saved_label.setText(" ".join(unplaced))

    # -- saving ---------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def autosave(self, announce: bool = False) -> None:
        """Keep what is typed, as a draft in the practice file (only when something changed).
        ``announce`` tells the pages a draft now waits (when the editor closes)."""
        if not self._dirty:
            if announce:
                from recoverydesk.ui.bus import change_bus

                change_bus().publish(self._draft_changes())
            return
        self._dirty = False
        data, pid, sid = self.current_input(), self.participant_id, self.session_id
        svc = self.services.sessions

        def done(_key):
            now = dates.clock_time(dt.datetime.now(), seconds=True)
            self._say(self.tr("Draft kept safe at %1").replace("%1", now))

        def failed(_err):
            self._dirty = True
            self._say(self.tr("Could not keep the draft; will try again"))

        op = Op(self, lambda: svc.save_draft(pid, sid, data)).success(done).failure(failed)
        if announce:
            op.emits(self._draft_changes())
        op.run()

    def _say(self, text: str) -> None:
        try:
            self.saved_label.setText(text)
        except RuntimeError:  # the editor closed (for example the practice locked) meanwhile
            pass

    def _draft_changes(self) -> ChangeSet:
        return ChangeSet.of("session_draft", participant_id=self.participant_id)

    def save(self) -> None:
        data = self.current_input()
        svc, pid, sid, key = self.services.sessions, self.participant_id, self.session_id, \
            self.draft_key

        def work():
            if sid is None:
                return svc.create(pid, data, draft=key)
            return svc.update(sid, data, draft=key)

        def done(result: SessionDTO):
            self._dirty = False
            self._closing_saved = True
            self.result_session = result
            self.saved.emit(result)
            self._timer.stop()
            self.accept()

        def failed(err: BaseException):
            if isinstance(err, ValidationError):
                self._show_errors(err.errors)
                return
            from recoverydesk.ui.errors import show_exception

            show_exception(err, self)

        Op(self, work).emits(ChangeSet.of("session", participant_id=pid)).success(done) \
            .failure(failed).run()

    def discard(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Discard draft"),
            self.tr("Throw away this unsaved note? What was saved before stays as it was."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        key, svc = self.draft_key, self.services.sessions
        self._dirty = False
        self._closing_saved = True
        self._timer.stop()
        Op(self, lambda: svc.discard_draft(key)).emits(self._draft_changes()).run()
        self.reject()

    def done(self, result: int) -> None:  # every way of closing passes through here
        self._timer.stop()
        if not self._closing_saved:
            self._closing_saved = True
            self.autosave(announce=True)
        super().done(result)
