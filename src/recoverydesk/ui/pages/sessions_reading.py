"""What the Sessions tab shows, read in one go: the timeline's ids with the rows the coach sees
first, the rhythm, hours by month, an unfinished note and (when they may have changed) the goal
titles of the filter.

``read_tab`` does no Qt work, so the tab can read on a reader thread after a write (``Op``,
``write=False``) and only put the result on screen on the GUI thread: a saved note's reload
kept the window still 50-110 ms of GUI-thread CPU on the large practice (seven queries, the rows
read again as the list painted). Opening a participant reads it on the GUI thread, at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoverydesk.services.sessions.types import DraftDTO, RhythmStatus, SessionDTO

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

FIRST_ROWS = 50  # the rows read with the ids: a screenful and more, so painting reads nothing


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    goal_id: int | None = None
    tool: str | None = None

    @property
    def any(self) -> bool:
        return bool(self.status or self.goal_id or self.tool)


@dataclass(frozen=True)
class TabRead:
    participant_id: int
    filters: Filters
    ids: list[int]
    rows: list[SessionDTO]  # the first rows, and those around the session to show
    rhythm: RhythmStatus
    summary: object  # the past twelve months' SessionSummary, for MonthlyHours (None: not read)
    draft: DraftDTO | None  # this participant's newest unfinished note
    goal_titles: list[tuple[int, str]] | None  # None: not read (no goal changed)


def read_ids(services: Services, pid: int, filters: Filters) -> list[int]:
    return services.sessions.session_ids(
        pid, statuses=(filters.status,) if filters.status else None,
        goal_id=filters.goal_id, tool=filters.tool)


def read_tab(services: Services, pid: int, filters: Filters, *, goals: bool, hours: bool,
             around: int | None = None) -> TabRead:
    """Everything the tab shows for participant ``pid`` (one transaction: SessionService.tab);
    ``around``: a session to be shown, whose rows are read too wherever it is in the list;
    ``hours``: the hours by month too (only once their table exists: most visits never look)."""
    got = services.sessions.tab(pid, (filters.status,) if filters.status else None,
                                filters.goal_id, filters.tool, goal_titles=goals, hours=hours,
                                around=around,
                                first=FIRST_ROWS)
    return TabRead(pid, filters, got.ids, got.rows, got.rhythm, got.summary, got.draft,
                   got.goal_titles)
