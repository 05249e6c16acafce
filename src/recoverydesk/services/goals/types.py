"""The goals capability's contract: what a goal, a step and a goal's story look like (DTOs and
drafts), their labels, and the rules a form checks before saving. Standard library, ``dates``
and ``services.types`` only: this (with ``services.types``) is all the window imports from goals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from recoverydesk.services.goals.smart import SmartNote, smart_check, vague_words
from recoverydesk.services.types import Validator

__all__ = ["SmartNote", "smart_check", "vague_words"]  # the SMART check is pure: shown as typed

STATUS_LABELS = {
    "active": "Active",
    "paused": "Paused",
    "reframed": "Reframed",
    "achieved": "Achieved",
    "let_go": "Let go",
}
OPEN_STATUSES = ("active", "paused")
PRIORITY_LABELS = {1: "High", 2: "Medium", 3: "Low"}
WHO_LABELS = {"participant": "Participant", "coach": "Coach", "supporter": "Supporter"}
DEFAULT_DOMAINS: tuple[tuple[str, str], ...] = (
    ("managing_mental_health", "Managing mental health"),
    ("physical_health", "Physical health and self-care"),
    ("living_skills", "Living skills"),
    ("social_networks", "Social networks"),
    ("work", "Work"),
    ("relationships", "Relationships"),
    ("addictive_behaviour", "Addictive behaviour"),
    ("responsibilities", "Responsibilities"),
    ("identity_self_esteem", "Identity and self-esteem"),
    ("trust_hope", "Trust and hope"),
)
# What a goal write can change (ChangeSet entities); a kept draft is its own kind, so keeping
# one never reloads the page the coach is typing in.
GOAL_ENTITIES = ("goal", "action_step", "progress_note")
DRAFT_ENTITY = "goal_draft"

# The one name of each field: the form's labels, accessible names, messages and print.
FIELD_LABELS = {
    "title": "Goal",
    "domains": "Life domains",
    "specific": "Specific",
    "measure": "Measure",
    "target": "Target",
    "achievable": "What helps",
    "why_it_matters": "Why it matters",
    "ndis_goal_id": "Serves NDIS plan goal",
    "target_date": "By when",
    "priority": "Priority",
}
STEP_FIELD_LABELS = {"text": "Step", "who": "Who", "due_on": "Due", "done_on": "Done on"}
CHANGE_FIELD_LABELS = {"status": "Now", "new_title": "Becomes", "reason": "Why", "on": "Date"}
PROGRESS_FIELD_LABELS = {"on": "Date", "text": "Note", "progress": "Progress"}

TITLE_LIMIT = 300
TARGET_LIMIT = 200


@dataclass(frozen=True)
class GoalDraft:
    """What the coach typed in the goal editor (only the title is required)."""

    title: str = ""
    specific: str = ""
    measure: str = ""
    target: str = ""
    achievable: str = ""
    why_it_matters: str = ""
    target_date: dt.date | None = None
    domains: tuple[str, ...] = ()
    priority: int = 2
    ndis_goal_id: int | None = None  # the NDIS plan goal it serves (participants.NdisGoalDTO)
    base_version: int | None = None  # the version the coach started from (services/conflicts)


@dataclass(frozen=True)
class StepDraft:
    text: str = ""
    who: str = "participant"
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    contact_id: int | None = None
    base_version: int | None = None  # the version the coach started from (services/conflicts)


@dataclass(frozen=True)
class StepDTO:
    id: int
    goal_id: int
    text: str
    who: str
    due_on: dt.date | None
    done_on: dt.date | None
    position: int
    contact_id: int | None = None
    version: int = 1  # the stored version: what an edit of it starts from

    @property
    def who_label(self) -> str:
        return WHO_LABELS.get(self.who, self.who)

    @property
    def done(self) -> bool:
        return self.done_on is not None

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < today

    def to_draft(self) -> StepDraft:
        return StepDraft(self.text, self.who, self.due_on, self.done_on, self.contact_id,
                         base_version=self.version)


@dataclass(frozen=True)
class HistoryEntryDTO:
    id: int
    changed_on: dt.date
    from_status: str | None
    to_status: str
    reason: str

    @property
    def summary(self) -> str:
        to = STATUS_LABELS.get(self.to_status, self.to_status).lower()
        if self.from_status is None:
            return "Goal set"
        return f"{STATUS_LABELS.get(self.from_status, self.from_status)} → {to}"


@dataclass(frozen=True)
class ProgressNoteDTO:
    id: int
    noted_on: dt.date
    text: str
    progress: int | None


@dataclass(frozen=True)
class GoalDTO:
    id: int
    participant_id: int
    title: str
    specific: str
    measure: str
    target: str
    achievable: str
    why_it_matters: str
    target_date: dt.date | None
    priority: int
    status: str
    started_on: dt.date
    reframed_to_id: int | None
    position: int
    domains: tuple[str, ...] = ()
    steps: tuple[StepDTO, ...] = ()
    history: tuple[HistoryEntryDTO, ...] = ()
    progress_notes: tuple[ProgressNoteDTO, ...] = ()
    reframed_from_ids: tuple[int, ...] = field(default_factory=tuple)
    ndis_goal_id: int | None = None
    version: int = 1  # the stored version: what an edit of it starts from

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def priority_label(self) -> str:
        return PRIORITY_LABELS.get(self.priority, str(self.priority))

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def latest_progress(self) -> int | None:
        for note in reversed(self.progress_notes):
            if note.progress is not None:
                return note.progress
        return None

    def overdue_steps(self, today: dt.date) -> list[StepDTO]:
        return [st for st in self.steps if st.is_overdue(today)] if self.is_open else []

    def smart_notes(self, today: dt.date | None = None) -> list[SmartNote]:
        return smart_check(self, today, open_goal=self.is_open)

    def to_draft(self) -> GoalDraft:
        return GoalDraft(
            self.title,
            self.specific,
            self.measure,
            self.target,
            self.achievable,
            self.why_it_matters,
            self.target_date,
            self.domains,
            self.priority,
            self.ndis_goal_id,
            base_version=self.version,
        )


@dataclass(frozen=True)
class PlanLine:
    """The latest agreed recovery plan as the line under the goal list shows it."""

    number: int
    agreed_on: dt.date
    review_date: dt.date | None


@dataclass(frozen=True)
class GoalsTabDTO:
    """What the Goals tab reads of one participant at once (the plan versions apart)."""

    goals: list[GoalDTO]  # in the coach's order
    domains: list[tuple[str, str]]  # (key, label) a goal can link to: the star template's
    plan_goals: list[tuple[int, str]]  # the NDIS plan's goals: (id, text), in the plan's order
    drafts: dict[int | None, GoalDraft]  # kept drafts by goal id (None: a new goal)
    latest_plan: PlanLine | None = None  # the newest agreed plan's dates (no snapshot)


@dataclass(frozen=True)
class DueStepDTO:
    """A step that is due soon or overdue, across the practice (for the home view)."""

    step_id: int
    goal_id: int
    goal_title: str
    participant_id: int
    participant_name: str
    text: str
    who: str
    due_on: dt.date
    overdue: bool


@dataclass(frozen=True)
class DueGoalDTO:
    goal_id: int
    title: str
    participant_id: int
    participant_name: str
    target_date: dt.date
    overdue: bool


# ---------------------------------------------------------------- rules a form checks


def clean_goal(draft: GoalDraft) -> dict:
    """The goal's values as they are kept; raises ValidationError naming each field at fault."""
    v = Validator()
    title = " ".join(draft.title.split())
    v.check(bool(title), "title", "Write the goal in their own words first.")
    v.check(len(title) <= TITLE_LIMIT, "title", "Keep the goal's title under 300 characters.")
    v.check(draft.priority in PRIORITY_LABELS, "priority", "Choose high, medium or low priority.")
    v.raise_if_any()
    domains = tuple(dict.fromkeys(k.strip() for k in draft.domains if k and k.strip()))
    return dict(
        title=title,
        specific=draft.specific.strip(),
        measure=draft.measure.strip(),
        target=draft.target.strip()[:TARGET_LIMIT],
        achievable=draft.achievable.strip(),
        why_it_matters=draft.why_it_matters.strip(),
        target_date=draft.target_date,
        priority=draft.priority,
        domains=domains,
        ndis_goal_id=draft.ndis_goal_id,
    )


def clean_step(draft: StepDraft, today: dt.date | None = None) -> dict:
    """The step's values as they are kept (``who`` still as its key)."""
    v = Validator()
    text = draft.text.strip()
    v.check(bool(text), "text", "Say what the step is.")
    v.check(draft.who in WHO_LABELS, "who", "Choose who does this step.")
    not_ahead(v, "done_on", draft.done_on, today, "A step cannot be done on a day still to come.")
    v.raise_if_any()
    return dict(
        text=text, who=draft.who, due_on=draft.due_on, done_on=draft.done_on,
        contact_id=draft.contact_id,
    )


def check_status_change(status: str, reason: str, on: dt.date | None,
                        new_title: str | None = None,
                        today: dt.date | None = None) -> dict[str, str]:
    """What is wrong with a status change as typed (``{}`` when it may be saved). Reframing in
    the dialog (``new_title`` given) also needs the words of the goal it becomes."""
    v = Validator()
    v.check(status in STATUS_LABELS, "status", "Choose what is happening with this goal.")
    if status == "reframed" and new_title is not None:
        v.check(bool(new_title.strip()), "new_title", "Write the goal it becomes.")
    v.check(bool(" ".join(reason.split())), "reason",
            "Add a short reason: it becomes part of the goal's story.")
    not_ahead(v, "on", on, today, "A change to a goal cannot be dated in the future.")
    return v.errors


def check_progress_note(text: str, progress: int | None, on: dt.date | None,
                        today: dt.date | None = None) -> dict[str, str]:
    """What is wrong with a progress note as typed (``{}`` when it may be saved)."""
    v = Validator()
    v.check(bool(text.strip()), "text", "Write a line about how it is going.")
    v.check(progress is None or 0 <= progress <= 100, "progress", "Progress is from 0 to 100.")
    not_ahead(v, "on", on, today, "A progress note cannot be dated in the future.")
    return v.errors


def not_ahead(v: Validator, field_name: str, day: dt.date | None, today: dt.date | None,
              message: str) -> None:
    """What has happened (a step done, a status changed, progress noted) is never dated ahead."""
    v.check(day is None or day <= (today or dt.date.today()), field_name, message)


# ---------------------------------------------------------------- words and kept drafts


def domain_label(key: str, labels: dict[str, str] | None = None) -> str:
    if labels and key in labels:
        return labels[key]
    known = dict(DEFAULT_DOMAINS)
    return known.get(key, key.replace("_", " ").capitalize())


def draft_to_json(d: GoalDraft) -> dict:
    return {
        "title": d.title,
        "specific": d.specific,
        "measure": d.measure,
        "target": d.target,
        "achievable": d.achievable,
        "why_it_matters": d.why_it_matters,
        "target_date": d.target_date.isoformat() if d.target_date else None,
        "domains": list(d.domains),
        "priority": d.priority,
        "ndis_goal_id": d.ndis_goal_id,
        "base_version": d.base_version,
    }


def draft_from_json(data: dict) -> GoalDraft:
    day = data.get("target_date")
    return GoalDraft(
        title=data.get("title", ""),
        specific=data.get("specific", ""),
        measure=data.get("measure", ""),
        target=data.get("target", ""),
        achievable=data.get("achievable", ""),
        why_it_matters=data.get("why_it_matters", ""),
        target_date=dt.date.fromisoformat(day) if day else None,
        domains=tuple(data.get("domains", ())),
        priority=int(data.get("priority", 2)),
        ndis_goal_id=data.get("ndis_goal_id"),
        base_version=data.get("base_version"),
    )
