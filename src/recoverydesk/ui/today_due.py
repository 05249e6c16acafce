"""What the Today card lists as due: steps, goals and reviews gathered from their capabilities
into one shape, overdue ones grouped per person, and dates said the way a person would
("tomorrow", "Thu 3 Dec"; overdue always as time passed: "due 5 days ago", "due 3 weeks ago",
never a date beside an "ago"); a date never breaks across lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recoverydesk import dates

STEPS_WITHIN_DAYS = 7
GOALS_WITHIN_DAYS = 14
REVIEWS_WITHIN_DAYS = 14


@dataclass(frozen=True)
class DueItem:
    participant_id: int
    name: str
    kind: str  # "Step", "Goal", "Plan review" or "WRAP review"
    text: str  # what is due ("" for a review)
    day: dt.date
    page: str  # the participant tab that shows it
    ref: int | None = None  # what to select there (a goal id)


@dataclass(frozen=True)
class Group:
    """One person's overdue items, oldest first."""

    participant_id: int
    name: str
    items: tuple[DueItem, ...]

    @property
    def oldest(self) -> dt.date:
        return self.items[0].day

    @property
    def counts_text(self) -> str:
        """ "6 steps", "2 steps and 1 goal"."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        words = [dates.plural(n, kind.lower()) for kind, n in counts.items()]
        return " and ".join(words)


def step_and_goal_items(services, today: dt.date) -> list[DueItem]:
    goals = getattr(services, "goals", None)
    if goals is None:
        return []
    steps = [DueItem(s.participant_id, s.participant_name, "Step", s.text, s.due_on, "goals",
                     s.goal_id) for s in goals.steps_due(today, within_days=STEPS_WITHIN_DAYS)]
    targets = [DueItem(g.participant_id, g.participant_name, "Goal", g.title, g.target_date,
                       "goals", g.goal_id)
               for g in goals.goals_due(today, within_days=GOALS_WITHIN_DAYS)]
    return steps + targets


def review_items(services, today: dt.date) -> list[DueItem]:
    out: list[DueItem] = []
    plans = getattr(services, "plans", None)
    if plans is not None:
        out += [DueItem(r.participant_id, r.participant_name, "Plan review", "", r.review_date,
                        "goals") for r in plans.reviews_due(today, within_days=REVIEWS_WITHIN_DAYS)]
    wrap = getattr(services, "wrap", None)
    if wrap is not None:
        out += [DueItem(r.participant_id, r.display_name, "WRAP review", "", r.due, "wrap")
                for r in wrap.reviews_due(today, within_days=REVIEWS_WITHIN_DAYS)]
    return out


def due_groups(items: list[DueItem]) -> list[Group]:
    """Overdue items per person; the person overdue the longest first."""
    by_person: dict[int, list[DueItem]] = {}
    for item in items:
        by_person.setdefault(item.participant_id, []).append(item)
    groups = [Group(pid, rows[0].name, tuple(sorted(rows, key=lambda i: (i.day, i.kind))))
              for pid, rows in by_person.items()]
    return sorted(groups, key=lambda g: (g.oldest, g.name.casefold()))


def _day_month(day: dt.date, today: dt.date) -> str:
    return dates.day_month(day, today)


def soon_words(day: dt.date, today: dt.date, lead: str = "") -> str:
    """ "today", "tomorrow", "Thu 3 Dec" within the week, else "3 Dec" (``lead`` goes first)."""
    days = (day - today).days
    if days == 0:
        text = "today"
    elif days == 1:
        text = "tomorrow"
    elif days < 7:
        text = f"{dates.weekday_abbr(day)} {dates.day_month(day)}"
    else:
        text = _day_month(day, today)
    return f"{lead} {text}" if lead else text


def overdue_words(day: dt.date, today: dt.date) -> str:
    """ "due yesterday", "due 5 days ago", "due 3 weeks ago", "due 4 months ago": the same
    style however long ago, so the lines of one list read alike."""
    return f"due {dates.time_ago(day, today)}"
