"""A goal's story as a timeline: when it was set, every status change with its reason, and the
progress notes, oldest first. Reframes link both ways ("became" / "grew out of")."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from recoverydesk.charts import theme as t
from recoverydesk.services.goals.types import STATUS_LABELS, GoalDTO
from recoverydesk.ui.widgets.common import format_date

STATUS_COLOURS = {
    "active": t.ACCENT,
    "paused": t.MUTED,
    "reframed": t.SERIES[0],
    "achieved": t.SUCCESS,
    "let_go": t.MUTED,
}


def history_html(goal: GoalDTO, titles: dict[int, str], tr=lambda s: s) -> str:
    events: list[tuple[dt.date, int, str]] = []
    for h in goal.history:
        colour = STATUS_COLOURS.get(h.to_status, t.ACCENT)
        if h.from_status is None:
            head = tr("Goal set")
        else:
            head = (
                tr("%1 → %2")
                .replace("%1", tr(STATUS_LABELS[h.from_status]))
                .replace("%2", tr(STATUS_LABELS[h.to_status]))
            )
        extra = ""
        if h.to_status == "reframed" and goal.reframed_to_id and h is goal.history[-1]:
            extra = tr(" It became %1.").replace(
                "%1",
                f"<a href='goal:{goal.reframed_to_id}'>"
                f"“{escape(titles.get(goal.reframed_to_id, ''))}”</a>",
            )
        reason = escape(h.reason) if h.reason else ""
        if reason and extra and reason[-1] not in ".!?":
            reason += "."  # "...the long-term goal. It became ..."
        events.append(
            (
                h.changed_on,
                0,
                (
                    f"<p style='margin:0 0 10px 0'><span style='color:{colour}; font-weight:600'>● "
                    f"{escape(head)}</span>"
                    f" <span style='color:{t.MUTED}'>· {format_date(h.changed_on)}</span><br>"
                    f"{reason}{extra}</p>"
                ),
            )
        )
    for n in goal.progress_notes:
        pct = f" · {n.progress}%" if n.progress is not None else ""
        events.append(
            (
                n.noted_on,
                1,
                (
                    f"<p style='margin:0 0 10px 12px'><span style='color:{t.MUTED}'>○ "
                    f"{tr('Progress')} · {format_date(n.noted_on)}{pct}</span><br>"
                    f"{escape(n.text)}</p>"
                ),
            )
        )
    for st in goal.steps:
        if st.done_on:
            events.append(
                (
                    st.done_on,
                    2,
                    (
                        f"<p style='margin:0 0 10px 12px'><span style='color:{t.MUTED}'>✓ "
                        f"{tr('Step done')} · {format_date(st.done_on)}</span><br>"
                        f"{escape(st.text)}</p>"
                    ),
                )
            )
    events.sort(key=lambda e: (e[0], e[1]))
    grew = "".join(
        f"<p style='color:{t.MUTED}'>{tr('Grew out of')} <a href='goal:{i}'>"
        f"“{escape(titles.get(i, ''))}”</a>.</p>"
        for i in goal.reframed_from_ids
    )
    head = (
        f"<h3 style='margin-bottom:4px'>{escape(goal.title)}</h3>"
        f"<p style='color:{t.MUTED}; margin-top:0'>{tr('The story so far')}: "
        f"{tr(goal.status_label).lower()}</p>"
    )
    return head + grew + "".join(e[2] for e in events)


class GoalHistoryView(QTextBrowser):
    goal_link = Signal(int)  # the coach followed a reframe link to another goal

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self.setAccessibleName(self.tr("Goal history"))
        self._pending: tuple[GoalDTO | None, dict[int, str]] | None = None

    def _follow(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("goal:") and text[5:].isdigit():
            self.goal_link.emit(int(text[5:]))

    def show_goal(self, goal: GoalDTO | None, titles: dict[int, str]) -> None:
        """Show ``goal``'s story, written when the view is shown: the History tab is hidden
        behind the goal's editor most of the time, and its HTML (built and laid out, ~1 ms on
        the busiest participant's goals) was written for every goal picked and every switch."""
        self._pending = (goal, titles)
        if self.isVisible():
            self._write()

    def showEvent(self, event) -> None:  # noqa: N802
        if self._pending is not None:
            self._write()
        super().showEvent(event)

    def _write(self) -> None:
        goal, titles = self._pending
        self._pending = None
        if goal is None:
            self.setHtml(
                f"<p style='color:{t.MUTED}'>"
                + self.tr(
                    "Pick a goal to see its story: when it was set, each change "
                    "and why, and the progress along the way."
                )
                + "</p>"
            )
            return
        self.setHtml(history_html(goal, titles, self.tr))
