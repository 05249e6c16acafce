"""Goals: set them in the participant's words, shape them with SMART parts, break them into
steps, note progress, and change their status with a reason that is kept for good.

``GoalService`` gathers the use cases by job: reading and writing goals here, their steps in
``steps.py``, their story (status changes, reframing, progress notes) in ``history.py``, unsaved
edits in ``drafts.py``. Every write returns ``Changed``: its result and what it changed. The
DTOs, drafts, labels and rules live in ``types.py``.

The history of a goal is append-only: this service has no way to edit or remove an entry, and
the database refuses it too (triggers in revision 0007).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

from sqlalchemy import Select, bindparam, select

from recoverydesk.models import ActionStep, Goal, GoalStatus, Participant, PlanVersion
from recoverydesk.paths import resource
from recoverydesk.services import audit, ordering
from recoverydesk.services.conflicts.service import Editable
from recoverydesk.services.core_read import core_rows, of_participant, read_ahead
from recoverydesk.services.goals.drafts import GoalDrafts, kept_drafts_in, kept_drafts_read
from recoverydesk.services.goals.history import GoalHistory
from recoverydesk.services.goals.plan_link import check_link
from recoverydesk.services.goals.rows import (
    changes,
    draft_query,
    goal_row,
    goals_reads,
    insert_goal,
    load_goals,
    set_domains,
    to_dto,
)
from recoverydesk.services.goals.steps import GoalSteps
from recoverydesk.services.goals.types import (
    DEFAULT_DOMAINS,
    FIELD_LABELS,
    PRIORITY_LABELS,
    DueGoalDTO,
    DueStepDTO,
    GoalDraft,
    GoalDTO,
    GoalsTabDTO,
    PlanLine,
    SmartNote,
    clean_goal,
    smart_check,
)
from recoverydesk.services.participants import ndis_goals
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.star.catalogue import template_for_in, template_read
from recoverydesk.services.star.service import StarService
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import Changed, NotFoundError, problems_of
from recoverydesk.store.session import Store

# The DTOs, drafts and labels live in ``types`` (what the window imports); kept importable from
# here for other capabilities' services.

# Two coaches may edit one goal at once (services/conflicts).
GOAL = Editable("goal", FIELD_LABELS, {"priority": PRIORITY_LABELS},
                lambda draft: problems_of(clean_goal, draft))


def template_domains() -> list[tuple[str, str]]:
    """The Recovery Star's domains from its bundled template (the agreed keys without it)."""
    try:
        data = json.loads(resource("stars", "recovery-star.json").read_text(encoding="utf-8"))
        out = [(d["key"], d.get("label") or d["key"]) for d in data.get("domains", [])]
        if out:
            return out
    except Exception:  # no template file: the agreed keys still work
        pass
    return list(DEFAULT_DOMAINS)


@cache
def _latest_plan() -> Select:
    """The dates of the participant's (``participant_id``) newest agreed plan, not its
    snapshot: (number, agreed_on, review_date). The plans glance has the same read; goals
    never import plans (plans read goals), so each keeps its own."""
    return (select(PlanVersion.number, PlanVersion.agreed_on, PlanVersion.review_date)
            .where(PlanVersion.participant_id == bindparam("participant_id"))
            .order_by(PlanVersion.number.desc()).limit(1))


class GoalService(GoalSteps, GoalHistory, GoalDrafts):
    def __init__(self, store: Store):
        self._store = store
        self._star: StarService | None = None  # one: each new one checks the templates again

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
            g = goal_row(s, goal_id)
            return next(x for x in load_goals(s, g.participant_id) if x.id == goal_id)

    def tab(self, participant_id: int) -> GoalsTabDTO:
        """The Goals tab's reads in one: the goals, the domains they may link to, the NDIS plan's
        goals, the kept drafts and the latest agreed plan's line."""
        with self._star_service()._read() as s:  # the bundled star templates made sure of
            read_ahead(s, [*goals_reads(participant_id), template_read(participant_id),
                           ndis_goals.plan_goals_read(participant_id),
                           kept_drafts_read(participant_id),
                           of_participant(_latest_plan, participant_id)])
            goals = load_goals(s, participant_id)
            domains = [(str(k), str(label)) for k, label
                       in template_for_in(s, participant_id).domains] or template_domains()
            plan_goals = [(g.id, g.text) for g in ndis_goals.plan_goals(s, participant_id)]
            latest = core_rows(s, *of_participant(_latest_plan, participant_id)).first()
            return GoalsTabDTO(goals, domains, plan_goals, kept_drafts_in(s, participant_id),
                               PlanLine(*latest) if latest else None)

    def _star_service(self) -> StarService:
        if self._star is None:
            self._star = StarService(self._store)
        return self._star

    def domains_for(self, participant_id: int | None) -> list[tuple[str, str]]:
        """The life domains a goal can link to: those of the participant's star template (the
        Recovery Star when there is no reading yet)."""
        domains = self._star_service().domains_for(participant_id)
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
    ) -> Changed[GoalDTO]:
        """Set a new goal (active). Its history starts with the day it was set."""
        values = fit(Goal, clean_goal(draft), FIELD_LABELS)  # on either database
        on = on or dt.date.today()
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError("That participant could not be found.")
            gid = insert_goal(s, participant_id, values, on, reason.strip() or "Goal set together")
            for row in s.scalars(draft_query(participant_id, None)):
                s.delete(row)
            audit.record(s, "goal.created", "goal", gid, participant_id)
        return Changed(self.get(gid), changes(participant_id, "goal"))

    def update(self, goal_id: int, draft: GoalDraft, resolution: str = "") -> Changed[GoalDTO]:
        """Change the goal's wording, SMART parts, domains or priority (never its status). A
        draft from an older version than the stored one raises EditConflict (nothing written);
        ``resolution``: how the coach answered one (audited)."""
        values = fit(Goal, clean_goal(draft), FIELD_LABELS)  # on either database

        def save_again(resolved: GoalDraft, how: str) -> Changed[GoalDTO]:
            return self.update(goal_id, resolved, how)

        with (GOAL.on_stale(draft, lambda: self.get(goal_id), save_again),
              self._store.unit_of_work() as s):
            g = goal_row(s, goal_id)
            GOAL.check(g.version, draft, lambda: to_dto(g).to_draft(), save_again)
            pid = g.participant_id
            check_link(s, pid, values.get("ndis_goal_id"))
            changed = [k for k, v in values.items() if k != "domains" and getattr(g, k) != v]
            for k, v in values.items():
                if k != "domains":
                    setattr(g, k, v)
            if tuple(d.domain_key for d in g.domains) != values["domains"]:
                set_domains(g, values["domains"])
                changed.append("domains")
            if changed:
                audit.record(s, "goal.updated", "goal", g.id, pid, ",".join(changed))
            GOAL.audit(s, resolution, g.id, pid, changed)
            for row in s.scalars(draft_query(pid, g.id)):
                s.delete(row)
        return Changed(self.get(goal_id), changes(pid, "goal"))

    def move(self, goal_id: int, delta: int) -> Changed[GoalDTO]:
        """Move a goal up (-1) or down (+1) in the participant's list."""
        with self._store.unit_of_work() as s:
            g = goal_row(s, goal_id)
            pid = g.participant_id
            goals = list(s.scalars(select(Goal).where(Goal.participant_id == pid)))
            ordering.move_by(goals, g.id, delta)
        return Changed(self.get(goal_id), changes(pid, "goal"))
