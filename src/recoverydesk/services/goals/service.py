"""Goals: set them in the participant's words, shape them with SMART parts, break them into
steps, note progress, and change their status with a reason that is kept for good.

The history of a goal is append-only: this service has no way to edit or remove an entry, and
the database refuses it too (triggers in revision 0007).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from recoverydesk.dates import plural, short_date
from recoverydesk.models import (
    ActionStep,
    Goal,
    GoalDomain,
    GoalEditDraft,
    GoalStatus,
    GoalStatusChange,
    Participant,
    ProgressNote,
    StepOwner,
)
from recoverydesk.services import audit
from recoverydesk.services.goals.ndis_goals import check_link
from recoverydesk.services.goals.smart import SmartNote, smart_check
from recoverydesk.services.participants.service import display_name
from recoverydesk.services.types import NotFoundError, OverviewLine, ValidationError, Validator
from recoverydesk.store import Store

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
GOAL_ENTITIES = ("goal", "action_step", "progress_note")


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
    ndis_goal_id: int | None = None  # the NDIS plan goal it serves (services/ndis_goals.py)


@dataclass(frozen=True)
class StepDraft:
    text: str = ""
    who: str = "participant"
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    contact_id: int | None = None


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

    @property
    def who_label(self) -> str:
        return WHO_LABELS.get(self.who, self.who)

    @property
    def done(self) -> bool:
        return self.done_on is not None

    def is_overdue(self, today: dt.date) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < today

    def to_draft(self) -> StepDraft:
        return StepDraft(self.text, self.who, self.due_on, self.done_on, self.contact_id)


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
        )


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


# ---------------------------------------------------------------- helpers


def to_dto(g: Goal, reframed_from: tuple[int, ...] = ()) -> GoalDTO:
    return GoalDTO(
        id=g.id,
        participant_id=g.participant_id,
        title=g.title,
        specific=g.specific,
        measure=g.measure,
        target=g.target,
        achievable=g.achievable,
        why_it_matters=g.why_it_matters,
        target_date=g.target_date,
        priority=g.priority,
        status=str(g.status),
        started_on=g.started_on,
        reframed_to_id=g.reframed_to_id,
        position=g.position,
        domains=tuple(d.domain_key for d in g.domains),
        ndis_goal_id=g.ndis_goal_id,
        steps=tuple(step_dto(st) for st in g.steps),
        history=tuple(
            HistoryEntryDTO(
                h.id,
                h.changed_on,
                None if h.from_status is None else str(h.from_status),
                str(h.to_status),
                h.reason,
            )
            for h in g.history
        ),
        progress_notes=tuple(
            ProgressNoteDTO(n.id, n.noted_on, n.text, n.progress) for n in g.progress_notes
        ),
        reframed_from_ids=reframed_from,
    )


def step_dto(st: ActionStep) -> StepDTO:
    return StepDTO(
        st.id, st.goal_id, st.text, str(st.who), st.due_on, st.done_on, st.position, st.contact_id
    )


def load_goals(
    s: Session, participant_id: int, statuses: tuple[str, ...] | None = None
) -> list[GoalDTO]:
    q = (
        select(Goal)
        .where(Goal.participant_id == participant_id)
        .options(
            selectinload(Goal.domains),
            selectinload(Goal.steps),
            selectinload(Goal.history),
            selectinload(Goal.progress_notes),
        )
        .order_by(Goal.position, Goal.id)
    )
    if statuses:
        q = q.where(Goal.status.in_([GoalStatus(x) for x in statuses]))
    rows = list(s.scalars(q))
    back: dict[int, list[int]] = {}
    for gid, to_id in s.execute(
        select(Goal.id, Goal.reframed_to_id).where(
            Goal.participant_id == participant_id, Goal.reframed_to_id.is_not(None)
        )
    ):
        back.setdefault(to_id, []).append(gid)
    return [to_dto(g, tuple(back.get(g.id, ()))) for g in rows]


def clean_goal(draft: GoalDraft) -> dict:
    v = Validator()
    title = " ".join(draft.title.split())
    v.check(bool(title), "title", "Write the goal in their own words first.")
    v.check(len(title) <= 300, "title", "Keep the goal's title under 300 characters.")
    v.check(draft.priority in PRIORITY_LABELS, "priority", "Choose high, medium or low priority.")
    v.raise_if_any()
    domains = tuple(dict.fromkeys(k.strip() for k in draft.domains if k and k.strip()))
    return dict(
        title=title,
        specific=draft.specific.strip(),
        measure=draft.measure.strip(),
        target=draft.target.strip()[:200],
        achievable=draft.achievable.strip(),
        why_it_matters=draft.why_it_matters.strip(),
        target_date=draft.target_date,
        priority=draft.priority,
        domains=domains,
        ndis_goal_id=draft.ndis_goal_id,
    )


def clean_step(draft: StepDraft, today: dt.date | None = None) -> dict:
    v = Validator()
    text = draft.text.strip()
    v.check(bool(text), "text", "Say what the step is.")
    v.check(draft.who in WHO_LABELS, "who", "Choose who does this step.")
    _not_ahead(v, "done_on", draft.done_on, today, "A step cannot be done on a day still to come.")
    v.raise_if_any()
    return dict(
        text=text,
        who=StepOwner(draft.who),
        due_on=draft.due_on,
        done_on=draft.done_on,
        contact_id=draft.contact_id,
    )


def _not_ahead(
    v: Validator, field_name: str, day: dt.date | None, today: dt.date | None, message: str
) -> None:
    """What has happened (a step done, a status changed, progress noted) is never dated ahead."""
    v.check(day is None or day <= (today or dt.date.today()), field_name, message)


def _set_domains(goal: Goal, keys: tuple[str, ...]) -> None:
    # Reuse the rows of domains that stay, so the (goal, domain) unique key is never hit.
    existing = {d.domain_key: d for d in goal.domains}
    rows = []
    for i, key in enumerate(keys):
        row = existing.get(key) or GoalDomain(domain_key=key)
        row.position = i
        rows.append(row)
    goal.domains = rows


def _load_goal(s: Session, goal_id: int) -> Goal:
    g = s.get(Goal, goal_id)
    if g is None:
        raise NotFoundError("That goal could not be found. It may belong to another practice file.")
    return g


def _load_step(s: Session, step_id: int) -> ActionStep:
    st = s.get(ActionStep, step_id)
    if st is None:
        raise NotFoundError("That step could not be found.")
    return st


def template_domains() -> list[tuple[str, str]]:
    try:
        from recoverydesk.paths import resource  # noqa: PLC0415

        data = json.loads(resource("stars", "recovery-star.json").read_text(encoding="utf-8"))
        out = [(d["key"], d.get("label") or d["key"]) for d in data.get("domains", [])]
        if out:
            return out
    except Exception:  # no template file: the agreed keys still work
        pass
    return list(DEFAULT_DOMAINS)


def domain_label(key: str, labels: dict[str, str] | None = None) -> str:
    if labels and key in labels:
        return labels[key]
    known = dict(DEFAULT_DOMAINS)
    return known.get(key, key.replace("_", " ").capitalize())


# ---------------------------------------------------------------- the service


class GoalService:
    def __init__(self, store: Store):
        self._store = store
        self._star = None  # one star service: each new one checks the bundled templates again

    # reading -----------------------------------------------------------------

    def goals(self, participant_id: int, statuses: tuple[str, ...] | list[str] | None = None):
        """Every goal of a participant (optionally only some statuses), in the coach's order."""
        with self._store.read() as s:
            return load_goals(s, participant_id, tuple(statuses) if statuses else None)

    def titles(
        self, participant_id: int, statuses: tuple[str, ...] | None = None
    ) -> list[tuple[int, str]]:
        """(id, title) of a participant's goals in the coach's order: for pickers and labels
        that need no more than the title."""
        q = (
            select(Goal.id, Goal.title)
            .where(Goal.participant_id == participant_id)
            .order_by(Goal.position, Goal.id)
        )
        if statuses:
            q = q.where(Goal.status.in_([GoalStatus(x) for x in statuses]))
        with self._store.read() as s:
            return [(gid, title) for gid, title in s.execute(q)]

    def get(self, goal_id: int) -> GoalDTO:
        with self._store.read() as s:
            g = _load_goal(s, goal_id)
            return next(x for x in load_goals(s, g.participant_id) if x.id == goal_id)

    def domains_for(self, participant_id: int | None) -> list[tuple[str, str]]:
        """The life domains a goal can link to: those of the participant's star template (the
        Recovery Star when there is no reading yet)."""
        if self._star is None:
            from recoverydesk.services.star.service import StarService  # noqa: PLC0415

            self._star = StarService(self._store)
        domains = self._star.domains_for(participant_id)
        return [(str(k), str(label)) for k, label in domains] or template_domains()

    def smart_check(self, draft: GoalDraft, today: dt.date | None = None) -> list[SmartNote]:
        return smart_check(draft, today)

    def steps_due(self, today: dt.date | None = None, within_days: int = 7) -> list[DueStepDTO]:
        """Open steps of open goals due within ``within_days`` (or overdue), practice-wide."""
        today = today or dt.date.today()
        horizon = today + dt.timedelta(days=within_days)
        with self._store.read() as s:
            rows = s.execute(
                select(ActionStep, Goal.title, Participant)
                .join(Goal, ActionStep.goal_id == Goal.id)
                .join(Participant, Goal.participant_id == Participant.id)
                .where(
                    ActionStep.done_on.is_(None),
                    ActionStep.due_on.is_not(None),
                    ActionStep.due_on <= horizon,
                    Goal.status.in_([GoalStatus.ACTIVE, GoalStatus.PAUSED]),
                    Participant.archived.is_(False),
                )
                .order_by(ActionStep.due_on, ActionStep.id)
            ).all()
            return [
                DueStepDTO(
                    st.id,
                    st.goal_id,
                    title,
                    p.id,
                    display_name(p.given_name, p.family_name, p.preferred_name),
                    st.text,
                    str(st.who),
                    st.due_on,
                    st.due_on < today,
                )
                for st, title, p in rows
            ]

    def goals_due(self, today: dt.date | None = None, within_days: int = 14) -> list[DueGoalDTO]:
        """Active goals whose target date is within ``within_days`` or already passed."""
        today = today or dt.date.today()
        horizon = today + dt.timedelta(days=within_days)
        with self._store.read() as s:
            rows = s.execute(
                select(Goal, Participant)
                .join(Participant, Goal.participant_id == Participant.id)
                .where(
                    Goal.status == GoalStatus.ACTIVE,
                    Goal.target_date.is_not(None),
                    Goal.target_date <= horizon,
                    Participant.archived.is_(False),
                )
                .order_by(Goal.target_date, Goal.id)
            ).all()
            return [
                DueGoalDTO(
                    g.id,
                    g.title,
                    p.id,
                    display_name(p.given_name, p.family_name, p.preferred_name),
                    g.target_date,
                    g.target_date < today,
                )
                for g, p in rows
            ]

    # goals -------------------------------------------------------------------

    def create(
        self,
        participant_id: int,
        draft: GoalDraft,
        *,
        on: dt.date | None = None,
        reason: str = "",
    ) -> GoalDTO:
        """Set a new goal (active). Its history starts with the day it was set."""
        values = clean_goal(draft)
        on = on or dt.date.today()
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError("That participant could not be found.")
            gid = _insert_goal(s, participant_id, values, on, reason.strip() or "Goal set together")
            for row in s.scalars(_draft_query(participant_id, None)):
                s.delete(row)
            audit.record(s, "goal.created", "goal", gid, participant_id)
        return self.get(gid)

    def update(self, goal_id: int, draft: GoalDraft) -> GoalDTO:
        """Change the goal's wording, SMART parts, domains or priority (never its status)."""
        values = clean_goal(draft)
        with self._store.unit_of_work() as s:
            g = _load_goal(s, goal_id)
            check_link(s, g.participant_id, values.get("ndis_goal_id"))
            changed = [k for k, v in values.items() if k != "domains" and getattr(g, k) != v]
            for k, v in values.items():
                if k != "domains":
                    setattr(g, k, v)
            if tuple(d.domain_key for d in g.domains) != values["domains"]:
                _set_domains(g, values["domains"])
                changed.append("domains")
            if changed:
                audit.record(s, "goal.updated", "goal", g.id, g.participant_id, ",".join(changed))
            for row in s.scalars(_draft_query(g.participant_id, g.id)):
                s.delete(row)
        return self.get(goal_id)

    def change_status(
        self,
        goal_id: int,
        status: str,
        reason: str,
        *,
        on: dt.date | None = None,
        reframed_to_id: int | None = None,
    ) -> GoalDTO:
        """Pause, resume, mark achieved, let go or reframe a goal. A short reason is required and
        is appended to the goal's history with the date."""
        on = on or dt.date.today()
        reason = " ".join(reason.split())
        v = Validator()
        v.check(status in STATUS_LABELS, "status", "Choose what is happening with this goal.")
        v.check(bool(reason), "reason", "Add a short reason: it becomes part of the goal's story.")
        _not_ahead(v, "on", on, None, "A change to a goal cannot be dated in the future.")
        v.raise_if_any()
        with self._store.unit_of_work() as s:
            g = _load_goal(s, goal_id)
            if str(g.status) == status:
                raise ValidationError.single(
                    "status", f"This goal is already {STATUS_LABELS[status].lower()}."
                )
            if on < g.started_on:
                raise ValidationError.single(
                    "on", "A change cannot be dated before the goal was set."
                )
            if status == "reframed":
                target = s.get(Goal, reframed_to_id) if reframed_to_id else None
                if target is None or target.participant_id != g.participant_id or target.id == g.id:
                    raise ValidationError.single(
                        "reframed_to", "Choose (or write) the goal this one became."
                    )
            _append_change(s, g, GoalStatus(status), reason, on)
            g.reframed_to_id = reframed_to_id if status == "reframed" else None
            audit.record(s, "goal.status_changed", "goal", g.id, g.participant_id, "status")
        return self.get(goal_id)

    def reframe(
        self, goal_id: int, new_goal: GoalDraft, reason: str, *, on: dt.date | None = None
    ) -> GoalDTO:
        """Reframe a goal: write the goal it becomes, and point the old one to it. Returns the
        new goal. Both happen together or not at all."""
        on = on or dt.date.today()
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError.single(
                "reason", "Add a short reason: it becomes part of the goal's story."
            )
        v = Validator()
        _not_ahead(v, "on", on, None, "A change to a goal cannot be dated in the future.")
        v.raise_if_any()
        values = clean_goal(new_goal)
        with self._store.unit_of_work() as s:
            old = _load_goal(s, goal_id)
            if str(old.status) == "reframed":
                raise ValidationError.single("status", "This goal has already been reframed.")
            if on < old.started_on:
                raise ValidationError.single(
                    "on", "A change cannot be dated before the goal was set."
                )
            gid = _insert_goal(
                s, old.participant_id, values, on, f"Reframed from “{old.title}”: {reason}"
            )
            _append_change(s, old, GoalStatus.REFRAMED, reason, on)
            old.reframed_to_id = gid
            audit.record(s, "goal.reframed", "goal", old.id, old.participant_id, "status")
        return self.get(gid)

    def move(self, goal_id: int, delta: int) -> GoalDTO:
        """Move a goal up (-1) or down (+1) in the participant's list."""
        with self._store.unit_of_work() as s:
            g = _load_goal(s, goal_id)
            goals = list(
                s.scalars(
                    select(Goal)
                    .where(Goal.participant_id == g.participant_id)
                    .order_by(Goal.position, Goal.id)
                )
            )
            _reorder(goals, g, delta)
        return self.get(goal_id)

    # steps -------------------------------------------------------------------

    def add_step(self, goal_id: int, draft: StepDraft, *, position: int | None = None) -> StepDTO:
        values = clean_step(draft)
        with self._store.unit_of_work() as s:
            g = _load_goal(s, goal_id)
            steps = list(g.steps)
            st = ActionStep(goal_id=g.id, **values)
            index = len(steps) if position is None else max(0, min(position, len(steps)))
            steps.insert(index, st)
            s.add(st)
            for i, x in enumerate(steps):
                x.position = i
            s.flush()
            audit.record(s, "action_step.created", "action_step", st.id, g.participant_id)
            return step_dto(st)

    def update_step(self, step_id: int, draft: StepDraft) -> StepDTO:
        values = clean_step(draft)
        with self._store.unit_of_work() as s:
            st = _load_step(s, step_id)
            for k, v in values.items():
                setattr(st, k, v)
            s.flush()
            audit.record(s, "action_step.updated", "action_step", st.id, st.goal.participant_id)
            return step_dto(st)

    def set_step_done(self, step_id: int, done_on: dt.date | None) -> StepDTO:
        """Tick a step done on a day (or untick it with ``None``)."""
        v = Validator()
        _not_ahead(v, "done_on", done_on, None, "A step cannot be done on a day still to come.")
        v.raise_if_any()
        with self._store.unit_of_work() as s:
            st = _load_step(s, step_id)
            st.done_on = done_on
            s.flush()
            audit.record(s, "action_step.done", "action_step", st.id, st.goal.participant_id)
            return step_dto(st)

    def move_step(self, step_id: int, delta: int) -> list[StepDTO]:
        """Move a step up (-1) or down (+1); returns the goal's steps in their new order."""
        with self._store.unit_of_work() as s:
            st = _load_step(s, step_id)
            steps = list(st.goal.steps)
            _reorder(steps, st, delta)
            return [step_dto(x) for x in sorted(steps, key=lambda x: x.position)]

    def reorder_steps(self, goal_id: int, step_ids: list[int]) -> list[StepDTO]:
        with self._store.unit_of_work() as s:
            g = _load_goal(s, goal_id)
            by_id = {st.id: st for st in g.steps}
            if sorted(step_ids) != sorted(by_id):
                raise ValidationError.single("steps", "The new order must list every step once.")
            for i, sid in enumerate(step_ids):
                by_id[sid].position = i
            return [step_dto(by_id[sid]) for sid in step_ids]

    def remove_step(self, step_id: int) -> StepDTO:
        """Take a step off a goal; returns it so the UI can offer Undo (``add_step`` with its
        position). Only steps are removable: goals are let go, and history is kept."""
        with self._store.unit_of_work() as s:
            st = _load_step(s, step_id)
            dto = step_dto(st)
            pid = st.goal.participant_id
            s.delete(st)
            audit.record(s, "action_step.removed", "action_step", step_id, pid)
            return dto

    # unsaved edits -----------------------------------------------------------

    def keep_draft(self, participant_id: int, goal_id: int | None, draft: GoalDraft) -> None:
        """Keep unsaved edits to a goal (``goal_id`` None: a new goal) until saved or discarded."""
        content = json.dumps(draft_to_json(draft), ensure_ascii=False)
        with self._store.unit_of_work() as s:
            row = s.scalars(_draft_query(participant_id, goal_id)).first()
            if row is None:
                s.add(
                    GoalEditDraft(participant_id=participant_id, goal_id=goal_id, content=content)
                )
            else:
                row.content = content
                row.saved_at = dt.datetime.now(dt.UTC)

    def kept_drafts(self, participant_id: int) -> dict[int | None, GoalDraft]:
        with self._store.read() as s:
            rows = s.scalars(
                select(GoalEditDraft).where(GoalEditDraft.participant_id == participant_id)
            )
            return {r.goal_id: draft_from_json(json.loads(r.content)) for r in rows}

    def discard_draft(self, participant_id: int, goal_id: int | None) -> None:
        with self._store.unit_of_work() as s:
            for row in s.scalars(_draft_query(participant_id, goal_id)):
                s.delete(row)

    # progress notes ----------------------------------------------------------

    def add_progress_note(
        self, goal_id: int, text: str, progress: int | None = None, *, on: dt.date | None = None
    ) -> ProgressNoteDTO:
        on = on or dt.date.today()
        v = Validator()
        text = text.strip()
        v.check(bool(text), "text", "Write a line about how it is going.")
        v.check(progress is None or 0 <= progress <= 100, "progress", "Progress is from 0 to 100.")
        _not_ahead(v, "on", on, None, "A progress note cannot be dated in the future.")
        v.raise_if_any()
        with self._store.unit_of_work() as s:
            g = _load_goal(s, goal_id)
            n = ProgressNote(goal_id=g.id, noted_on=on, text=text, progress=progress)
            s.add(n)
            s.flush()
            audit.record(s, "progress_note.created", "progress_note", n.id, g.participant_id)
            return ProgressNoteDTO(n.id, n.noted_on, n.text, n.progress)


def _draft_query(participant_id: int, goal_id: int | None):
    q = select(GoalEditDraft).where(GoalEditDraft.participant_id == participant_id)
    if goal_id is None:
        return q.where(GoalEditDraft.goal_id.is_(None))
    return q.where(GoalEditDraft.goal_id == goal_id)


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
    )


def _insert_goal(s: Session, participant_id: int, values: dict, on: dt.date, reason: str) -> int:
    position = s.scalar(
        select(func.coalesce(func.max(Goal.position), -1) + 1).where(
            Goal.participant_id == participant_id
        )
    )
    domains = values.pop("domains")
    check_link(s, participant_id, values.get("ndis_goal_id"))
    g = Goal(participant_id=participant_id, started_on=on, position=position, **values)
    _set_domains(g, domains)
    s.add(g)
    s.flush()
    s.add(
        GoalStatusChange(
            goal_id=g.id,
            changed_on=on,
            from_status=None,
            to_status=GoalStatus.ACTIVE,
            reason=reason,
        )
    )
    values["domains"] = domains
    return g.id


def _append_change(s: Session, g: Goal, status: GoalStatus, reason: str, on: dt.date) -> None:
    s.add(
        GoalStatusChange(
            goal_id=g.id, changed_on=on, from_status=g.status, to_status=status, reason=reason
        )
    )
    g.status = status


def _reorder(items: list, item, delta: int) -> None:
    items.sort(key=lambda x: (x.position, x.id))
    i = items.index(item)
    j = max(0, min(len(items) - 1, i + delta))
    items.insert(j, items.pop(i))
    for k, x in enumerate(items):
        x.position = k


# ---------------------------------------------------------------- overview


def overview_lines(s: Session, participant_id: int, today: dt.date) -> list[OverviewLine]:
    # Counts and one step straight from the database: the Overview is the first tab a coach
    # sees, and loading every goal with its steps and history cost most of its time.
    from recoverydesk.services.plans.service import plan_review_line  # noqa: PLC0415

    counts = dict(
        s.execute(
            select(Goal.status, func.count())
            .where(Goal.participant_id == participant_id)
            .group_by(Goal.status)
        ).all()
    )
    plan_line = plan_review_line(s, participant_id, today)
    if not counts:
        lines = [
            OverviewLine(
                "Goals",
                "No goals yet. Ask what they would like to be different, and write it in "
                "their words.",
                page="goals",
                order=20,
                prompt=True,
            )
        ]
        return (
            lines
            if plan_line is None or plan_line.text.startswith("Not agreed")
            else [
                *lines,
                plan_line,
            ]
        )
    active = counts.get(GoalStatus.ACTIVE, 0)
    paused = counts.get(GoalStatus.PAUSED, 0)
    achieved = counts.get(GoalStatus.ACHIEVED, 0)
    text = plural(active, "active goal")
    if paused:
        text += f", {paused} paused"
    if achieved:
        text += f", {achieved} achieved so far"
    lines = [OverviewLine("Goals", text + ".", page="goals", order=20)]
    overdue = (
        select(ActionStep.text, ActionStep.due_on)
        .join(Goal, ActionStep.goal_id == Goal.id)
        .where(
            Goal.participant_id == participant_id,
            Goal.status.in_([GoalStatus(x) for x in OPEN_STATUSES]),
            ActionStep.done_on.is_(None),
            ActionStep.due_on < today,
        )
    )
    n_overdue = s.scalar(select(func.count()).select_from(overdue.subquery())) or 0
    if n_overdue:
        first = s.execute(overdue.order_by(ActionStep.due_on, ActionStep.id).limit(1)).one()
        lines.append(
            OverviewLine(
                "Action steps",
                f"{plural(n_overdue, 'step is', 'steps are')} overdue, "
                f"the oldest “{first.text}” (due {short_date(first.due_on)}).",
                attention=True,
                page="goals",
                order=21,
            )
        )
    lines.append(plan_line)
    return lines
