"""The practice-wide community resource directory, and referrals of participants to it."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime, participant_of, utcnow
from recoverydesk.models.participant import str_enum
from recoverydesk.models.versioned import Versioned


class ResourceCategory(enum.StrEnum):
    HOUSING = "housing"
    EMPLOYMENT = "employment"
    EDUCATION = "education"
    PEER_SUPPORT = "peer_support"
    HEALTH = "health"
    LEGAL = "legal"
    FINANCIAL = "financial"
    CULTURAL = "cultural"
    RECREATION = "recreation"
    OTHER = "other"


class Resource(Versioned, TimestampMixin, Base):
    """A local service or group the coach can link participants with. Archived, never deleted
    (referrals keep pointing at it)."""

    __tablename__ = "resources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    category: Mapped[ResourceCategory] = mapped_column(
        str_enum(ResourceCategory, "resource_category"),
        default=ResourceCategory.OTHER,
        index=True,
    )
    offers: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    opening_hours: Mapped[str] = mapped_column(Text, default="")
    # Comma-separated, lower case, for example "youth, free, walk-in".
    tags: Mapped[str] = mapped_column(String(500), default="")
    last_checked: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    referrals: Mapped[list[Referral]] = relationship(back_populates="resource")


class ReferralStatus(enum.StrEnum):
    SUGGESTED = "suggested"
    CONTACTED = "contacted"
    ATTENDING = "attending"
    DECLINED = "declined"
    CLOSED = "closed"


class Referral(Versioned, TimestampMixin, Base):
    """A participant linked to a resource (and optionally a goal), with its status history."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources.id", ondelete="RESTRICT"), index=True
    )
    # The goal this referral serves, if any (revision 0009 added the foreign key).
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True
    )
    referred_on: Mapped[dt.date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReferralStatus] = mapped_column(
        str_enum(ReferralStatus, "referral_status"), default=ReferralStatus.SUGGESTED
    )
    outcome: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    resource: Mapped[Resource] = relationship(back_populates="referrals")
    history: Mapped[list[ReferralStatusChange]] = relationship(
        back_populates="referral",
        order_by="(ReferralStatusChange.changed_on, ReferralStatusChange.id)",
        cascade="all, delete-orphan",
    )


class ReferralStatusChange(Base):
    """One step in a referral's story. Append-only: rows are never edited or removed."""

    __tablename__ = "referral_status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), index=True
    )
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("referrals", "referral_id")
    )
    status: Mapped[ReferralStatus] = mapped_column(str_enum(ReferralStatus, "referral_status"))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="history")
