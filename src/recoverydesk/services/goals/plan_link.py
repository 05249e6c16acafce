"""The link from a coaching goal to the NDIS plan goal it serves, so a review can show the
planner how each coaching goal serves the plan. The plan's goals are the participant's
(``participants/ndis_goals.py``); a goal may link only to one of its own participant's."""

from __future__ import annotations

from sqlalchemy.orm import Session

from recoverydesk.models.participant import NdisPlanGoal
from recoverydesk.services.types import ValidationError


def check_link(s: Session, participant_id: int, ndis_goal_id: int | None) -> None:
    """A coaching goal links only to one of its own participant's plan goals."""
    if ndis_goal_id is None:
        return
    row = s.get(NdisPlanGoal, ndis_goal_id)
    if row is None or row.participant_id != participant_id:
        raise ValidationError.single(
            "ndis_goal_id", "That NDIS plan goal is no longer in this participant's plan."
        )
