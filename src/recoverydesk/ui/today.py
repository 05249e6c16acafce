"""The Today card on the home view: today's and this week's sessions, who is due or overdue,
steps and goals coming due, and plans or WRAPs due for review. Each line opens the person."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from recoverydesk.services import Services
from recoverydesk.services.changes import ChangeSet
from recoverydesk.services.sessions import local_midnight
from recoverydesk.ui import theme
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import card, format_date, label

WATCHES = ("session", "rhythm", "goal", "step", "plan", "wrap", "participant")
LIMIT = 8


def _time(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%-I:%M %p").lower()


def _first(obj, *names, default=None):
    for name in names:
        value = getattr(obj, name, None)
        if value not in (None, ""):
            return value
    return default


def _subheading(text: str) -> QLabel:
    widget = QLabel(text)
    font = widget.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    widget.setFont(font)
    widget.setContentsMargins(0, 8, 0, 0)
    return widget


class TodayCard(QWidget):
    """Spans both columns of the home grid."""

    open_participant = Signal(int)
    column_span = 2

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        frame, layout = card(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Today"), "heading", wrap=False))
        self.summary = label("", "muted")
        head.addWidget(self.summary, 1)
        self.note_button = QPushButton(icon("calendar-export"), self.tr("Export schedule…"))
        self.note_button.setToolTip(self.tr("Save planned sessions as an .ics calendar file"))
        self.note_button.clicked.connect(self._export)
        head.addWidget(self.note_button)
        layout.addLayout(head)
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(4)
        layout.addLayout(grid)
        self.sections: dict[str, QLabel] = {}
        spec = [("today", self.tr("Sessions today"), 0, 0),
                ("week", self.tr("This week"), 2, 0),
                ("due", self.tr("Due for a session"), 0, 1),
                ("steps", self.tr("Steps and goals coming due"), 2, 1),
                ("reviews", self.tr("Plans and WRAPs to review"), 4, 1)]
        for key, heading, row, col in spec:
            grid.addWidget(_subheading(heading), row, col)
            body = QLabel()
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.RichText)
            body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            body.setAccessibleName(heading)
            body.linkActivated.connect(self._open)
            body.setStyleSheet("QLabel { line-height: 150%; }")
            grid.addWidget(body, row + 1, col, 3 if key == "week" else 1, 1)
            self.sections[key] = body
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)
        self.refresh()

    # -- content ----------------------------------------------------------------------------
    def refresh(self) -> None:
        today = dt.date.today()
        start, tomorrow = local_midnight(today), local_midnight(today + dt.timedelta(days=1))
        week_end = local_midnight(today + dt.timedelta(days=8))
        sessions = self.services.sessions.between(start, week_end,
                                                  ("planned", "completed", "cancelled"))
        todays = [s for s in sessions if s.starts_at < tomorrow]
        later = [s for s in sessions if s.starts_at >= tomorrow and s.status == "planned"]
        self._fill("today", [self._session_line(s, with_day=False) for s in todays],
                   self.tr("No sessions today. A good day for notes, or for planning ahead."))
        self._fill("week", [self._session_line(s, with_day=True) for s in later],
                   self.tr("Nothing planned for the coming week yet. Use “Plan sessions” on a "
                           "participant's Sessions tab."))
        due = self.services.rhythm.due(today)
        self._fill("due", [self._due_line(st) for st in due],
                   self.tr("Everyone is booked in or was seen recently."))
        self._fill("steps", self._steps_lines(today),
                   self.tr("No steps or goals due in the next two weeks."))
        self._fill("reviews", self._review_lines(today),
                   self.tr("No plan or WRAP reviews coming up."))
        overdue = sum(1 for st in due if st.state == "overdue")
        planned_today = sum(1 for s in todays if s.status == "planned")
        parts = [self.tr("%1 sessions today").replace("%1", str(len(todays)))
                 if len(todays) != 1 else self.tr("1 session today")]
        if planned_today:
            parts.append(self.tr("%1 still to go").replace("%1", str(planned_today)))
        if overdue:
            parts.append(self.tr("%1 overdue").replace("%1", str(overdue)))
        self.summary.setText(" · ".join(parts))

    def _fill(self, key: str, lines: list[str], empty: str) -> None:
        body = self.sections[key]
        if not lines:
            body.setText(f"<span style='color:{theme.muted().name()}'>{html.escape(empty)}"
                         "</span>")
            return
        more = len(lines) - LIMIT
        shown = lines[:LIMIT]
        if more > 0:
            shown.append(f"<span style='color:{theme.muted().name()}'>"
                         + html.escape(self.tr("and %1 more").replace("%1", str(more)))
                         + "</span>")
        body.setText("<br>".join(shown))

    def _link(self, pid: int, text: str, page: str = "", ref: object = "") -> str:
        return f"<a href='{pid}/{page}/{ref}'>{html.escape(text)}</a>"

    def _session_line(self, s, with_day: bool) -> str:
        when = _time(s.starts_at)
        if with_day:
            local = s.starts_at.astimezone()
            when = f"{local.strftime('%a')} {local.day} {local.strftime('%b')}, {when}"
        place = html.escape(s.location_label)
        mark = ""
        if s.status == "completed":
            mark = f" <span style='color:{theme.muted().name()}'>· {self.tr('written up')}</span>"
        elif s.status == "cancelled":
            mark = f" <span style='color:{theme.muted().name()}'>· {self.tr('cancelled')}</span>"
        return (f"<b>{html.escape(when)}</b> &nbsp;{self._link(s.participant_id, s.participant_name, 'sessions', s.id)}"
                f" <span style='color:{theme.muted().name()}'>· {place}</span>{mark}")

    def _due_line(self, st) -> str:
        colour = theme.attention().name() if st.state == "overdue" else theme.muted().name()
        return (f"{self._link(st.participant_id, st.participant_name, 'sessions')} "
                f"<span style='color:{colour}'>{html.escape(self.tr(st.sentence))}</span>")

    def _item_line(self, item, page: str, fallback: str, prefix: str = "") -> str | None:
        pid = _first(item, "participant_id")
        if pid is None:
            return None
        name = _first(item, "participant_name", "display_name", "preferred_name", default="")
        text = _first(item, "text", "title", "summary", default=fallback)
        day = _first(item, "due", "due_on", "target_date", "review_date", "review_on")
        ref = _first(item, "goal_id", "id", default="")
        when = ""
        if isinstance(day, dt.date):
            colour = theme.attention().name() if day < dt.date.today() else theme.muted().name()
            when = f" <span style='color:{colour}'>· {html.escape(format_date(day))}</span>"
        lead = f"<span style='color:{theme.muted().name()}'>{html.escape(prefix)}</span> " \
            if prefix else ""
        return (f"{self._link(int(pid), name, page, ref if page == 'goals' else '')} "
                f"{lead}{html.escape(str(text))}{when}")

    def _active_ids(self) -> set[int]:
        return {r.id for r in self.services.participants.list(status="active")}

    def _gather(self, today: dt.date, specs) -> list[str]:
        """Lines from other capabilities, for active participants, nearest dates first."""
        active = self._active_ids()
        found = []
        for fn, within, page, fallback, prefix in specs:
            if fn is None:
                continue
            for item in fn(today, within_days=within):
                if _first(item, "participant_id") not in active:
                    continue
                day = _first(item, "due", "due_on", "target_date", "review_date", "review_on")
                distance = abs((day - today).days) if isinstance(day, dt.date) else 9999
                line = self._item_line(item, page, fallback, prefix)
                if line:
                    found.append((distance, line))
        found.sort(key=lambda pair: pair[0])
        return [line for _d, line in found]

    def _steps_lines(self, today: dt.date) -> list[str]:
        goals = getattr(self.services, "goals", None)
        return self._gather(today, [
            (getattr(goals, "steps_due", None), 7, "goals", "", self.tr("Step:")),
            (getattr(goals, "goals_due", None), 14, "goals", "", self.tr("Goal:"))])

    def _review_lines(self, today: dt.date) -> list[str]:
        plans = getattr(self.services, "plans", None)
        wrap = getattr(self.services, "wrap", None)
        return self._gather(today, [
            (getattr(plans, "reviews_due", None), 14, "goals", self.tr("Plan review"), ""),
            (getattr(wrap, "reviews_due", None), 14, "wrap", self.tr("WRAP review"), "")])

    # -- actions ----------------------------------------------------------------------------
    def _open(self, href: str) -> None:
        pid, page, ref = (href.split("/") + ["", ""])[:3]
        window = self.window()
        if hasattr(window, "open_participant"):
            window.open_participant(int(pid), page, int(ref) if ref.isdigit() else None)
        else:
            self.open_participant.emit(int(pid))

    def _export(self) -> None:
        window = self.window()
        action = getattr(window, "actions", None)
        if action is not None and action.get("export_schedule") is not None:
            action["export_schedule"].trigger()

    def on_changed(self, changes: ChangeSet) -> None:
        if changes.touches(*WATCHES):
            self.refresh()
