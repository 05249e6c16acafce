"""Coaching sessions, their note drafts, and each participant's session rhythm over time.

Named ``CoachingSession`` (table ``sessions``) so it never clashes with SQLAlchemy's Session.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime, participant_of, utcnow
from recoverydesk.models.participant import str_enum


class LocationKind(enum.StrEnum):
    CAFE = "cafe"
    BEACH = "beach"
    WALK = "walk"
    HOME = "home"
    COMMUNITY = "community"
    OFFICE = "office"
    PHONE = "phone"
    VIDEO = "video"


class SessionStatus(enum.StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class FrequencyKind(enum.StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    CUSTOM = "custom"  # every ``every_days`` days
    NONE = "none"  # no regular rhythm for now (never "due")


class CoachingSession(TimestampMixin, Base):
    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint(
            "duration_minutes > 0 AND duration_minutes <= 1440", name="duration_positive"
        ),
        CheckConstraint("travel_km >= 0 AND travel_minutes >= 0", name="travel_not_negative"),
        Index("ix_sessions_participant_start", "participant_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    location_kind: Mapped[LocationKind] = mapped_column(
        str_enum(LocationKind, "location_kind"), default=LocationKind.CAFE
    )
    location_text: Mapped[str] = mapped_column(String(200), default="")
    face_to_face: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[SessionStatus] = mapped_column(
        str_enum(SessionStatus, "session_status"), default=SessionStatus.PLANNED
    )
    status_reason: Mapped[str] = mapped_column(Text, default="")
    # Comma-separated tool keys ("recovery_star,wrap"), readable in exports.
    tools: Mapped[str] = mapped_column(String(200), default="")
    tools_other: Mapped[str] = mapped_column(String(200), default="")
    talked_about: Mapped[str] = mapped_column(Text, default="")
    went_well: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    travel_km: Mapped[float] = mapped_column(Float, default=0.0)
    travel_minutes: Mapped[int] = mapped_column(Integer, default=0)
    # Planned sessions made together ("every week for 8 weeks") share a series key.
    series_key: Mapped[str | None] = mapped_column(String(40), index=True)


class SessionNoteDraft(Base):
    """What the coach has typed in a note editor and not yet saved: written every few seconds,
    so a crash or power cut loses almost nothing. Lives in the (encrypted) practice file."""

    __tablename__ = "session_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "participant:<pid>:session:<sid or new>": one draft per editor.
    key: Mapped[str] = mapped_column(String(80), unique=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    payload: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the editor's fields
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class SessionFrequency(Base):
    """How often a participant meets their coach, from a date on. Rows are never edited, so
    the rhythm's history stays visible; the row in force on a day is the latest one whose
    ``effective_from`` is on or before it."""

    __tablename__ = "session_frequencies"
    __table_args__ = (
        CheckConstraint(
            "every_days IS NULL OR every_days BETWEEN 1 AND 365", name="every_days_range"
        ),
        Index("ix_session_frequencies_participant_from", "participant_id", "effective_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    kind: Mapped[FrequencyKind] = mapped_column(
        str_enum(FrequencyKind, "frequency_kind"), default=FrequencyKind.WEEKLY
    )
    every_days: Mapped[int | None] = mapped_column(Integer)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SessionGoal(Base):
    """A goal worked on in a session (the goals capability owns ``goals``)."""

    __tablename__ = "session_goals"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("goals", "goal_id")
    )
