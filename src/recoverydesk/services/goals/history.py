"""A goal's story: status changes (pause, pick up again, achieved, let go), reframing into a new
goal, and progress notes. Every entry is appended with its date and reason, never rewritten.
Part of ``GoalService``; each write returns ``Changed``."""

from __future__ import annotations

import datetime as dt

from recoverydesk.models import Goal, GoalStatus, ProgressNote
from recoverydesk.services import audit
from recoverydesk.services.goals.rows import append_change, changes, goal_row, insert_goal
from recoverydesk.services.goals.types import (
    STATUS_LABELS,
    GoalDraft,
    GoalDTO,
    ProgressNoteDTO,
    check_progress_note,
    check_status_change,
    clean_goal,
)
from recoverydesk.services.types import Changed, ValidationError
from recoverydesk.store.session import Store


class GoalHistory:
    """The status and progress use cases of ``GoalService``."""

    _store: Store

    def get(self, goal_id: int) -> GoalDTO:  # supplied by GoalService
        raise NotImplementedError

    def change_status(
        self,
        goal_id: int,
        status: str,
        reason: str,
        *,
        on: dt.date | None = None,
        reframed_to_id: int | None = None,
    ) -> Changed[GoalDTO]:
        """Pause, resume, mark achieved, let go or reframe a goal. A short reason is required and
        is appended to the goal's history with the date."""
        on = on or dt.date.today()
        reason = " ".join(reason.split())
        errors = check_status_change(status, reason, on)
        if errors:
            raise ValidationError(errors)
        with self._store.unit_of_work() as s:
            g = goal_row(s, goal_id)
            pid = g.participant_id
            if str(g.status) == status:
                raise ValidationError.single(
                    "status", f"This goal is already {STATUS_LABELS[status].lower()}."
                )
            _not_before_start(g, on)
            if status == "reframed":
                target = s.get(Goal, reframed_to_id) if reframed_to_id else None
                if target is None or target.participant_id != pid or target.id == g.id:
                    raise ValidationError.single(
                        "reframed_to", "Choose (or write) the goal this one became."
                    )
            append_change(s, g, GoalStatus(status), reason, on)
            g.reframed_to_id = reframed_to_id if status == "reframed" else None
            audit.record(s, "goal.status_changed", "goal", g.id, pid, "status")
        return Changed(self.get(goal_id), changes(pid, "goal"))

    def reframe(
        self, goal_id: int, new_goal: GoalDraft, reason: str, *, on: dt.date | None = None
    ) -> Changed[GoalDTO]:
        """Reframe a goal: write the goal it becomes, and point the old one to it. Returns the
        new goal. Both happen together or not at all."""
        on = on or dt.date.today()
        reason = " ".join(reason.split())
        errors = check_status_change("reframed", reason, on)
        if errors:
            raise ValidationError(errors)
        values = clean_goal(new_goal)
        with self._store.unit_of_work() as s:
            old = goal_row(s, goal_id)
            pid = old.participant_id
            if str(old.status) == "reframed":
                raise ValidationError.single("status", "This goal has already been reframed.")
            _not_before_start(old, on)
            gid = insert_goal(s, pid, values, on, f"Reframed from “{old.title}”: {reason}")
            append_change(s, old, GoalStatus.REFRAMED, reason, on)
            old.reframed_to_id = gid
            audit.record(s, "goal.reframed", "goal", old.id, pid, "status")
        return Changed(self.get(gid), changes(pid, "goal"))

    def add_progress_note(
        self, goal_id: int, text: str, progress: int | None = None, *, on: dt.date | None = None
    ) -> Changed[ProgressNoteDTO]:
        on = on or dt.date.today()
        errors = check_progress_note(text, progress, on)
        if errors:
            raise ValidationError(errors)
        with self._store.unit_of_work() as s:
            g = goal_row(s, goal_id)
            n = ProgressNote(goal_id=g.id, noted_on=on, text=text.strip(), progress=progress)
            s.add(n)
            s.flush()
            audit.record(s, "progress_note.created", "progress_note", n.id, g.participant_id)
            return Changed(
                ProgressNoteDTO(n.id, n.noted_on, n.text, n.progress),
                changes(g.participant_id, "progress_note"),
            )


def _not_before_start(g: Goal, on: dt.date) -> None:
    if on < g.started_on:
        raise ValidationError.single("on", "A change cannot be dated before the goal was set.")
