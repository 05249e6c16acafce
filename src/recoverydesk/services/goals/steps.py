"""A goal's action steps: add, edit, tick done, move, put in order and remove (with its place
kept, so the window can offer Undo). Part of ``GoalService``; each write returns ``Changed``."""

from __future__ import annotations

import datetime as dt
from functools import partial

from recoverydesk.models import ActionStep, StepOwner
from recoverydesk.services import audit, ordering
from recoverydesk.services.conflicts.service import Editable
from recoverydesk.services.goals.rows import changes, goal_row, step_dto, step_row
from recoverydesk.services.goals.types import (
    STEP_FIELD_LABELS,
    WHO_LABELS,
    StepDraft,
    StepDTO,
    clean_step,
    not_ahead,
)
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import Changed, Validator, problems_of
from recoverydesk.store.session import Store

STEP = "action_step"
# Two coaches may edit one step at once (services/conflicts).
ACTION_STEP = Editable(STEP, STEP_FIELD_LABELS, {"who": WHO_LABELS},
                       partial(problems_of, clean_step), noun="step")


class GoalSteps:
    """The step use cases of ``GoalService``."""

    _store: Store

    def add_step(
        self, goal_id: int, draft: StepDraft, *, position: int | None = None
    ) -> Changed[StepDTO]:
        """Add a step last (or at ``position``, as Undo puts a removed step back)."""
        values = fit(ActionStep, clean_step(draft))  # on either database
        with self._store.unit_of_work() as s:
            g = goal_row(s, goal_id)
            steps = ordering.in_order(g.steps)
            st = ActionStep(goal_id=g.id, **{**values, "who": StepOwner(values["who"])})
            index = len(steps) if position is None else max(0, min(position, len(steps)))
            steps.insert(index, st)
            s.add(st)
            ordering.renumber(steps)
            s.flush()
            audit.record(s, "action_step.created", "action_step", st.id, g.participant_id)
            return Changed(step_dto(st), changes(g.participant_id, STEP))

    def update_step(
        self, step_id: int, draft: StepDraft, resolution: str = ""
    ) -> Changed[StepDTO]:
        """Save an edited step; a draft from an older version than the stored one raises
        EditConflict (nothing written); ``resolution``: how the coach answered one (audited)."""
        values = fit(ActionStep, clean_step(draft))  # on either database

        def save_again(resolved: StepDraft, how: str) -> Changed[StepDTO]:
            return self.update_step(step_id, resolved, how)

        with (ACTION_STEP.on_stale(draft, lambda: self.step(step_id), save_again),
              self._store.unit_of_work() as s):
            st = step_row(s, step_id)
            ACTION_STEP.check(st.version, draft, lambda: step_dto(st).to_draft(), save_again)
            for k, v in {**values, "who": StepOwner(values["who"])}.items():
                setattr(st, k, v)
            s.flush()
            pid = st.goal.participant_id
            audit.record(s, "action_step.updated", "action_step", st.id, pid)
            ACTION_STEP.audit(s, resolution, st.id, pid, tuple(values))
            return Changed(step_dto(st), changes(pid, STEP))

    def step(self, step_id: int) -> StepDTO:
        """One step as stored now."""
        with self._store.read() as s:
            return step_dto(step_row(s, step_id))

    def set_step_done(self, step_id: int, done_on: dt.date | None) -> Changed[StepDTO]:
        """Tick a step done on a day (or untick it with ``None``)."""
        v = Validator()
        not_ahead(v, "done_on", done_on, None, "A step cannot be done on a day still to come.")
        v.raise_if_any()
        with self._store.unit_of_work() as s:
            st = step_row(s, step_id)
            st.done_on = done_on
            s.flush()
            pid = st.goal.participant_id
            audit.record(s, "action_step.done", "action_step", st.id, pid)
            return Changed(step_dto(st), changes(pid, STEP))

    def move_step(self, step_id: int, delta: int) -> Changed[list[StepDTO]]:
        """Move a step up (-1) or down (+1); returns the goal's steps in their new order."""
        with self._store.unit_of_work() as s:
            st = step_row(s, step_id)
            ordered = ordering.move_by(list(st.goal.steps), st.id, delta)
            return Changed([step_dto(x) for x in ordered], changes(st.goal.participant_id, STEP))

    def reorder_steps(self, goal_id: int, step_ids: list[int]) -> Changed[list[StepDTO]]:
        """Put a goal's steps in the order of ``step_ids`` (which names every step once)."""
        with self._store.unit_of_work() as s:
            g = goal_row(s, goal_id)
            ordered = ordering.put_in_order(list(g.steps), step_ids, field="steps")
            return Changed([step_dto(x) for x in ordered], changes(g.participant_id, STEP))

    def remove_step(self, step_id: int) -> Changed[StepDTO]:
        """Take a step off a goal; returns it so the UI can offer Undo (``add_step`` with its
        position). Only steps are removable: goals are let go, and history is kept."""
        with self._store.unit_of_work() as s:
            st = step_row(s, step_id)
            dto = step_dto(st)
            pid = st.goal.participant_id
            s.delete(st)
            audit.record(s, "action_step.removed", "action_step", step_id, pid)
            return Changed(dto, changes(pid, STEP))
