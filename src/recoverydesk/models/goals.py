"""Goals: the participant's goals with their SMART parts, life domains, action steps, progress
notes and an append-only history of status changes (a changed goal is growth, never overwritten).

``goals.id`` is what sessions ("goals worked on") and referrals ("for goal") link to.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime, participant_of, utcnow
from recoverydesk.models.participant import str_enum
from recoverydesk.models.versioned import Versioned


class GoalStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    REFRAMED = "reframed"
    ACHIEVED = "achieved"
    LET_GO = "let_go"


class StepOwner(enum.StrEnum):
    PARTICIPANT = "participant"
    COACH = "coach"
    SUPPORTER = "supporter"


class Goal(Versioned, TimestampMixin, Base):
    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("priority BETWEEN 1 AND 3", name="priority_range"),
        CheckConstraint(
            "status = 'reframed' OR reframed_to_id IS NULL", name="reframed_to_only_when_reframed"
        ),
        CheckConstraint(
            "reframed_to_id IS NULL OR reframed_to_id <> id", name="not_reframed_to_self"
        ),
        Index("ix_goals_participant_status", "participant_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    # The goal in the participant's own words.
    title: Mapped[str] = mapped_column(String(300))
    specific: Mapped[str] = mapped_column(Text, default="")  # what exactly
    measure: Mapped[str] = mapped_column(Text, default="")  # how we'll know
    target: Mapped[str] = mapped_column(String(200), default="")  # the target on that measure
    achievable: Mapped[str] = mapped_column(Text, default="")  # why it's doable / what helps
    why_it_matters: Mapped[str] = mapped_column(Text, default="")  # relevant, to them
    target_date: Mapped[dt.date | None] = mapped_column(Date)  # by when
    # 1 = high, 2 = medium, 3 = low.
    priority: Mapped[int] = mapped_column(Integer, default=2)
    status: Mapped[GoalStatus] = mapped_column(
        str_enum(GoalStatus, "goal_status"), default=GoalStatus.ACTIVE
    )
    started_on: Mapped[dt.date] = mapped_column(Date)
    # When reframed: the goal it became.
    reframed_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The NDIS plan goal this coaching goal serves (models.participant.NdisPlanGoal). A plain
    # id, not a foreign key: adding one to "goals" means rebuilding the table under the
    # triggers that name it; services/participants/ndis_goals.py clears the link when a plan
    # goal goes.
    ndis_goal_id: Mapped[int | None] = mapped_column(Integer, index=True)

    domains: Mapped[list[GoalDomain]] = relationship(
        back_populates="goal", order_by="GoalDomain.position", cascade="all, delete-orphan"
    )
    steps: Mapped[list[ActionStep]] = relationship(
        back_populates="goal", order_by="ActionStep.position", cascade="all, delete-orphan"
    )
    history: Mapped[list[GoalStatusChange]] = relationship(
        back_populates="goal",
        order_by="(GoalStatusChange.changed_on, GoalStatusChange.id)",
        passive_deletes=True,
    )
    progress_notes: Mapped[list[ProgressNote]] = relationship(
        back_populates="goal",
        order_by="(ProgressNote.noted_on, ProgressNote.id)",
        cascade="all, delete-orphan",
    )


class GoalDomain(Base):
    """A life domain (a star template's domain key) the goal belongs to."""

    __tablename__ = "goal_domains"
    __table_args__ = (UniqueConstraint("goal_id", "domain_key", name="uq_goal_domains_goal_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("goals", "goal_id")
    )
    domain_key: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer, default=0)

    goal: Mapped[Goal] = relationship(back_populates="domains")


class GoalStatusChange(Base):
    """One entry in a goal's history. Append-only: the database refuses UPDATE and DELETE
    (except when the goal itself is gone, so a participant's records can still be removed)."""

    __tablename__ = "goal_status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("goals", "goal_id")
    )
    changed_on: Mapped[dt.date] = mapped_column(Date)
    from_status: Mapped[GoalStatus | None] = mapped_column(
        str_enum(GoalStatus, "goal_change_from_status")
    )
    to_status: Mapped[GoalStatus] = mapped_column(str_enum(GoalStatus, "goal_change_to_status"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    goal: Mapped[Goal] = relationship(back_populates="history")


@event.listens_for(GoalStatusChange, "before_update")
def _history_is_append_only(_mapper, _connection, _target) -> None:
    raise ValueError("A goal's history is append-only; an entry never changes.")


class ActionStep(Versioned, TimestampMixin, Base):
    __tablename__ = "action_steps"
    __table_args__ = (
        CheckConstraint("length(trim(text)) > 0", name="text_not_blank"),
        Index("ix_action_steps_due_open", "done_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("goals", "goal_id")
    )
    text: Mapped[str] = mapped_column(Text)
    who: Mapped[StepOwner] = mapped_column(
        str_enum(StepOwner, "step_owner"), default=StepOwner.PARTICIPANT
    )
    # Optional: which supporter (a contact in the support network).
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)

    goal: Mapped[Goal] = relationship(back_populates="steps")


class ProgressNote(Base):
    __tablename__ = "progress_notes"
    __table_args__ = (
        CheckConstraint("progress IS NULL OR progress BETWEEN 0 AND 100", name="progress_range"),
        CheckConstraint("length(trim(text)) > 0", name="text_not_blank"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("goals", "goal_id")
    )
    noted_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    progress: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    goal: Mapped[Goal] = relationship(back_populates="progress_notes")


class GoalEditDraft(Base):
    """Unsaved edits to a goal (or a new goal, ``goal_id`` NULL), kept when the coach switches
    tab or participant, locks the app or closes it, and offered back when they return."""

    __tablename__ = "goal_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    content: Mapped[str] = mapped_column(Text)  # the GoalDraft as JSON
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
