"""The Today card on the home view: today's sessions and the next seven days', who is due or
overdue for a session, steps and goals coming due (and those overdue, one line per person), and
plans or WRAPs due for review. Each name opens the person where the thing lives.

Its queries (and the caseload card's) run on a reader thread (``read_then``): on a large
practice they took 80-200 ms of the window's thread each time the home view was built or a
write touched what it shows."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from recoverydesk import dates
from recoverydesk.services.sessions.types import local_midnight
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui import theme
from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.icons import icon
from recoverydesk.ui.tasks import Op, runs_at_once
from recoverydesk.ui.today_due import (
    DueItem,
    Group,
    due_groups,
    overdue_words,
    review_items,
    soon_words,
    step_and_goal_items,
)
from recoverydesk.ui.turns import in_a_turn_of_its_own
from recoverydesk.ui.widgets.common import card, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

# The kinds of change its lists show (as the writes name them in their ChangeSet).
WATCHES = ("session", "rhythm", "goal", "action_step", "plan_version", "wrap", "participant")
LIMIT = 6  # lines per block before "Show more"
LIMITS = {"today": 12, "week": 12}  # a day's or a week's sessions are read in full
HIDDEN_REFRESH_MS = 1500  # a change while the home view is hidden: read this much later
T = TypeVar("T")


def read_then(widget: QWidget, read: Callable[[], T], show: Callable[[T], Any], *,
              after_paint: bool = False) -> None:
    """``read()`` on a reader thread, then ``show(result)`` on the GUI thread, unless the widget
    has gone or asked again meanwhile (only the latest answer shows). A read that fails because
    the practice closed meanwhile (locked) is dropped; it is read again when it opens.

    ``after_paint``: the read starts once Qt has laid out and painted what the current turn
    changed. A reader running Python beside that layout takes the GIL from each of its calls
    into Python (event filters, delegates, size hints) for up to 5 ms at a time: opening the
    busiest participant's Overview, whose read of its lines began at once, held the window
    100-165 ms for 45-60 ms of its own work."""
    asked = widget.property("reads_asked") or 0
    widget.setProperty("reads_asked", asked + 1)
    services = getattr(widget, "services", None)

    def current() -> bool:
        return isValid(widget) and widget.property("reads_asked") == asked + 1

    def shown(result: T) -> None:
        if current():
            show(result)

    def failed(error: BaseException) -> None:
        if isValid(widget) and (services is None or services.practice.is_open):
            show_exception(error, widget)

    def start() -> None:
        if current():  # (asked again before it started: only the newest read runs)
            Op(widget, read, write=False).success(shown).failure(failed).run()

    if after_paint and not runs_at_once():
        in_a_turn_of_its_own(start)
    else:
        start()


@dataclass(frozen=True)
class TodayData:
    """What the card shows, read on a reader thread (``read_today``)."""

    today: dt.date
    sessions: list
    due: list
    nobody: bool
    steps: list[DueItem]
    reviews: list[DueItem]


def read_today(services: Services, today: dt.date) -> TodayData:
    start = local_midnight(today)
    week_end = local_midnight(today + dt.timedelta(days=8))
    sessions = services.sessions.between(start, week_end, ("planned", "completed", "cancelled"))
    due = services.rhythm.due(today, include_first=True)
    nobody = not any(services.participants.count().values())
    active = {r.id for r in services.participants.list(status="active")}
    steps = [i for i in step_and_goal_items(services, today) if i.participant_id in active]
    reviews = [i for i in review_items(services, today) if i.participant_id in active]
    return TodayData(today, sessions, due, nobody, steps, reviews)


def _time(moment: dt.datetime) -> str:
    return dates.clock_time(moment.astimezone())


def _subheading(text: str) -> QLabel:
    widget = QLabel(text)
    font = widget.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    widget.setFont(font)
    widget.setContentsMargins(0, 8, 0, 0)
    return widget


def _span(text: str, colour: str) -> str:
    return f"<span style='color:{colour}'>{html.escape(text)}</span>"


def _nowrap(text: str, colour: str) -> str:
    """A short phrase such as "· due Thu 3 Dec" that never breaks across lines."""
    return _span(text, colour).replace(" ", "&nbsp;").replace("<span&nbsp;", "<span ")


class TodayCard(QWidget):
    """Spans both columns of the home grid."""

    open_participant = Signal(int)
    column_span = 2

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self._expanded: set[str] = set()
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
        self.data: TodayData | None = None
        spec = [("today", self.tr("Sessions today"), 0, 0),
                ("week", self.tr("The next 7 days"), 2, 0),
                ("due", self.tr("Due for a session"), 0, 1),
                ("steps", self.tr("Steps and goals"), 2, 1),
                ("reviews", self.tr("Plans and WRAPs to review"), 4, 1)]
        for key, heading, row, col in spec:
            grid.addWidget(_subheading(heading), row, col)
            body = QLabel()
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.RichText)
            body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            body.setAccessibleName(heading)
            body.linkActivated.connect(self._open)
            # Tab reaches each name and Enter opens it, like a click.
            body.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            body.setStyleSheet("QLabel { line-height: 150%; }")
            grid.addWidget(body, row + 1, col, 3 if key == "week" else 1, 1)
            self.sections[key] = body
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)
        # A write while the home view is hidden behind a participant: read a moment later, not
        # beside the page the coach is on (its own reload, the editor closing). Read at once,
        # this card's 200-250 ms of queries on a reader slowed the Sessions tab's reload and
        # painting after a saved note (their Python waits for the interpreter).
        self._hidden_change = QTimer(self, singleShot=True, interval=HIDDEN_REFRESH_MS)
        self._hidden_change.timeout.connect(self._read_put_off)
        self.refresh()

    # -- content ----------------------------------------------------------------------------
    def refresh(self) -> None:
        services, today = self.services, dt.date.today()
        read_then(self, lambda: read_today(services, today), self._show)

    def _show(self, data: TodayData) -> None:
        self.data = data
        today, sessions, due = data.today, data.sessions, data.due
        tomorrow = local_midnight(today + dt.timedelta(days=1))
        todays = [s for s in sessions if s.starts_at < tomorrow]
        later = [s for s in sessions if s.starts_at >= tomorrow and s.status == "planned"]
        self._fill("today", [(None, [self._session_line(s, with_day=False) for s in todays])],
                   self.tr("No sessions today. A good day for notes, or for planning ahead."))
        self._fill("week", [(None, [self._session_line(s, with_day=True) for s in later])],
                   self.tr("Nothing planned for the coming week yet. Use “Plan sessions” on a "
                           "participant's Sessions tab."))
        self._fill("due", [(None, [self._due_line(st) for st in due])],
                   self.tr("Nobody is on your caseload yet. Add your first participant to "
                           "start.") if data.nobody else
                   self.tr("Everyone is booked in or was seen recently."))
        self._fill("steps", self._steps_blocks(data.steps, today),
                   self.tr("No steps or goals due this week, and none overdue."))
        self._fill("reviews", self._review_blocks(data.reviews, today),
                   self.tr("No plan or WRAP reviews coming up."))
        overdue = sum(1 for st in due if st.state == "overdue")
        planned_today = sum(1 for s in todays if s.status == "planned")
        parts = [self.tr("%1 sessions today").replace("%1", str(len(todays)))
                 if len(todays) != 1 else self.tr("1 session today")]
        if planned_today:
            parts.append(self.tr("%1 still to go").replace("%1", str(planned_today)))
        if overdue:
            parts.append(self.tr("1 person overdue for a session") if overdue == 1 else
                         self.tr("%1 people overdue for a session").replace("%1", str(overdue)))
        self.summary.setText(" · ".join(parts))

    def _fill(self, key: str, blocks: list[tuple[str | None, list[str]]], empty: str) -> None:
        """Show ``blocks`` (an optional sub-heading and its lines); each block shows its first
        few lines until the coach asks for the rest."""
        body = self.sections[key]
        muted = theme.muted().name()
        if not any(lines for _h, lines in blocks):
            body.setText(_span(empty, muted))
            return
        expanded = key in self._expanded
        out, hidden = [], 0
        for heading, lines in blocks:
            if not lines:
                continue
            if heading:
                out.append(heading)
            shown = lines if expanded else lines[:LIMITS.get(key, LIMIT)]
            hidden += len(lines) - len(shown)
            out.extend(shown)
        if hidden:
            out.append(f"<a href='more:{key}'>"
                       + html.escape(self.tr("Show %1 more…").replace("%1", str(hidden))) + "</a>")
        elif expanded:
            out.append(f"<a href='less:{key}'>{html.escape(self.tr('Show fewer'))}</a>")
        body.setText("<br>".join(out))

    def _block_heading(self, text: str, colour: str) -> str:
        return (f"<span style='color:{colour}; font-size:small; font-weight:600'>"
                f"{html.escape(text.upper())}</span>")

    def _link(self, pid: int, text: str, page: str = "", ref: object = "") -> str:
        return f"<a href='{pid}/{page}/{'' if ref is None else ref}'>{html.escape(text)}</a>"

    def _session_line(self, s, with_day: bool) -> str:
        muted = theme.muted().name()
        when = _time(s.starts_at)
        if with_day:
            local = s.starts_at.astimezone()
            when = f"{dates.weekday_abbr(local)} {dates.day_month(local)}, {when}"
        mark = ""
        if s.status == "completed":
            mark = " " + _span("· " + self.tr("written up"), muted)
        elif s.status == "cancelled":
            mark = " " + _span("· " + self.tr("cancelled"), muted)
        return (f"<b>{html.escape(when)}</b> &nbsp;"
                f"{self._link(s.participant_id, s.participant_name, 'sessions', s.id)} "
                f"{_span('· ' + s.location_label, muted)}{mark}")

    def _due_line(self, st) -> str:
        colour = theme.attention().name() if st.state == "overdue" else theme.muted().name()
        return (f"{self._link(st.participant_id, st.participant_name, 'sessions')} "
                f"{_span(self.tr(st.sentence), colour)}")

    def _item_line(self, item: DueItem, words: str, colour: str) -> str:
        kind = self.tr(item.kind)
        what = (f"{_span(kind + ':', theme.muted().name())} {html.escape(item.text)}"
                if item.text else html.escape(kind))
        return (f"{self._link(item.participant_id, item.name, item.page, item.ref)} {what}"
                f" {_nowrap('· ' + words, colour)}")

    def _group_line(self, group: Group, today: dt.date) -> str:
        attention = theme.attention().name()
        if len(group.items) == 1:
            item = group.items[0]
            return self._item_line(item, self.tr(overdue_words(item.day, today)), attention)
        first = group.items[0]
        summary = self.tr("%1, the oldest").replace("%1", group.counts_text)
        return (f"{self._link(group.participant_id, group.name, first.page, first.ref)} "
                f"{_span(summary, attention)} "
                f"{_nowrap(self.tr(overdue_words(group.oldest, today)), attention)}")

    def _steps_blocks(self, items: list[DueItem], today: dt.date):
        soon = sorted((i for i in items if i.day >= today), key=lambda i: (i.day, i.name))
        late = due_groups([i for i in items if i.day < today])
        muted, attention = theme.muted().name(), theme.attention().name()
        return [
            (self._block_heading(self.tr("Coming up"), muted) if late else None,
             [self._item_line(i, self.tr(soon_words(i.day, today)), muted) for i in soon]),
            (self._block_heading(self.tr("Overdue"), attention),
             [self._group_line(g, today) for g in late]),
        ]

    def _review_blocks(self, items: list[DueItem], today: dt.date):
        soon = sorted((i for i in items if i.day >= today), key=lambda i: (i.day, i.name))
        late = sorted((i for i in items if i.day < today), key=lambda i: (i.day, i.name))
        muted, attention = theme.muted().name(), theme.attention().name()
        return [
            (self._block_heading(self.tr("Coming up"), muted) if late else None,
             [self._item_line(i, self.tr(soon_words(i.day, today, "due")), muted)
              for i in soon]),
            (self._block_heading(self.tr("Overdue"), attention),
             [self._item_line(i, self.tr(overdue_words(i.day, today)), attention)
              for i in late]),
        ]

    # -- actions ----------------------------------------------------------------------------
    def _open(self, href: str) -> None:
        if href.startswith(("more:", "less:")):
            key = href.split(":", 1)[1]
            (self._expanded.add if href.startswith("more:") else self._expanded.discard)(key)
            if self.data is not None:
                self._show(self.data)  # what was read, shown longer or shorter
            return
        pid, page, ref = (href.split("/") + ["", ""])[:3]
        window = self.window()
        if hasattr(window, "open_participant"):
            window.open_participant(int(pid), page, int(ref) if ref.isdigit() else None)
        else:
            self.open_participant.emit(int(pid))

    def _export(self) -> None:
        window = self.window()
        action = getattr(window, "commands", None)
        if action is not None and action.get("export_schedule") is not None:
            action["export_schedule"].trigger()

    def on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches(*WATCHES):
            return
        if self.isVisible() or not self.window().isVisible():
            self.refresh()
        elif not self._hidden_change.isActive():
            self._hidden_change.start()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._hidden_change.isActive():  # shown before the read put off: read now
            self._hidden_change.stop()
            self.refresh()

    def _read_put_off(self) -> None:
        if self.window().isVisible():  # (not once the window has closed: the app is ending)
            self.refresh()
