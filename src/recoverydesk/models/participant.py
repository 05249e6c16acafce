"""The participant aggregate: the person, their strengths and their support network."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    FetchedValue,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recoverydesk.models.base import Base, TimestampMixin, check_per_dialect
from recoverydesk.models.versioned import Versioned


class ParticipantStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    EXITED = "exited"


def str_enum(enum_cls: type[enum.Enum], name: str) -> Enum:
    """Store an enum by its value, as plain text with a CHECK constraint (readable in exports)."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Participant(Versioned, TimestampMixin, Base):
    __tablename__ = "participants"
    __table_args__ = (
        *check_per_dialect(
            "ndis_number_nine_digits",
            sqlite="ndis_number IS NULL OR "
            "(length(ndis_number) = 9 AND ndis_number NOT GLOB '*[^0-9]*')",
            postgresql="ndis_number IS NULL OR "
            "(length(ndis_number) = 9 AND ndis_number !~ '[^0-9]')",
        ),
        CheckConstraint(
            "plan_end IS NULL OR plan_start IS NULL OR plan_end >= plan_start",
            name="plan_end_after_start",
        ),
        # A coach's row-level security reads their participants' ids from this index alone
        # (an index-only scan), once per statement on every table (revision 0023).
        Index("ix_participants_coach_role", "coach_role", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100), default="")
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    pronouns: Mapped[str] = mapped_column(String(40), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    ndis_number: Mapped[str | None] = mapped_column(String(9), unique=True)
    plan_start: Mapped[dt.date | None] = mapped_column(Date)
    plan_end: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ParticipantStatus] = mapped_column(
        str_enum(ParticipantStatus, "participant_status"), default=ParticipantStatus.ACTIVE
    )
    about: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # On a team practice: the PostgreSQL role of the coach this participant is assigned to
    # (``models.team.Coach.role``); empty is the lead's to assign. Row-level security keeps each
    # coach to their own (revision 0018). Never set on a solo practice file.
    # FetchedValue: the server fills it in (PostgreSQL: the coach connected), so an insert that
    # does not name a coach leaves the column out instead of sending NULL.
    coach_role: Mapped[str | None] = mapped_column(
        String(63), server_default=FetchedValue()
    )

    strengths: Mapped[list[Strength]] = relationship(
        back_populates="participant", order_by="Strength.position", cascade="all, delete-orphan"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="participant", order_by="Contact.name", cascade="all, delete-orphan"
    )


class StrengthCategory(enum.StrEnum):
    PERSONAL = "personal"
    SKILLS = "skills"
    INTERESTS = "interests"
    RELATIONSHIPS = "relationships"
    ENVIRONMENT = "environment"
    VALUES = "values"


class Strength(Versioned, Base):
    __tablename__ = "strengths"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[StrengthCategory] = mapped_column(
        str_enum(StrengthCategory, "strength_category"), default=StrengthCategory.PERSONAL
    )
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)

    participant: Mapped[Participant] = relationship(back_populates="strengths")


class ContactKind(enum.StrEnum):
    FAMILY = "family"
    FRIEND = "friend"
    CARER = "carer"
    GP = "gp"
    PSYCHIATRIST = "psychiatrist"
    CASE_MANAGER = "case_manager"
    SUPPORT_COORDINATOR = "support_coordinator"
    PEER_WORKER = "peer_worker"
    OTHER = "other"


class Contact(Versioned, TimestampMixin, Base):
    """Someone in the participant's support network: a person or a service."""

    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint(
            "consent_expires IS NULL OR consent_given_on IS NULL "
            "OR consent_expires >= consent_given_on",
            name="consent_expiry_after_given",
        ),
        CheckConstraint("closeness BETWEEN 1 AND 3", name="closeness_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ContactKind] = mapped_column(
        str_enum(ContactKind, "contact_kind"), default=ContactKind.OTHER
    )
    relationship_text: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    formal: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    emergency_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    # 1 = a distant or strained tie, 2 = supportive, 3 = very close (drawn on the eco-map).
    closeness: Mapped[int] = mapped_column(Integer, default=2)
    # A tie that is a source of stress (drawn as a broken line on the eco-map), whatever its
    # closeness: family can be very close and strained at once.
    strained: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_to_share: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_scope: Mapped[str] = mapped_column(Text, default="")
    consent_given_on: Mapped[dt.date | None] = mapped_column(Date)
    consent_expires: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    participant: Mapped[Participant] = relationship(back_populates="contacts")


class NdisPlanGoal(Base):
    """One goal of the participant's NDIS plan, in the plan's own words. A coaching goal may
    say which of these it serves (``Goal.ndis_goal_id``), so a review shows the planner how the
    coaching links to the plan."""

    __tablename__ = "ndis_plan_goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
