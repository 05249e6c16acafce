"""NDIS funding and claims (issue 19): how each plan is managed, service agreements with their
history, plan budgets and funding periods, dated price lists and public holiday lists, claim
lines drawn from sessions and the batches they are claimed in.

Money is whole cents and quantities are hundredths of a unit (150 = 1.50 hours), so nothing is
ever a rounded float. The practice's claim details (registration number, ABN, GST code, default
MMM zone, invoice numbering, date style) are ``claims.*`` rows of ``practice_settings``.

"A line claimed once can never be claimed again" is the database's rule, not only a check: a
partial unique index allows one claimed line per source (session and claim part), and a trigger
(in the migration) refuses to take a claimed line back to ready.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime, participant_of, utcnow
from recoverydesk.models.participant import str_enum


class PlanManagement(enum.StrEnum):
    NDIA = "ndia"  # claimed through the bulk payment request file
    PLAN = "plan"  # invoiced to the plan manager
    SELF = "self"  # invoiced to the participant


class ClaimStatus(enum.StrEnum):
    READY = "ready"
    CLAIMED = "claimed"
    REJECTED = "rejected"


class ParticipantFunding(TimestampMixin, Base):
    """How one participant's plan is managed (one row each), with the plan manager's contact,
    and the state and MMM zone their supports are priced by (blank: the practice default)."""

    __tablename__ = "participant_funding"
    __table_args__ = (
        CheckConstraint("mmm_zone IS NULL OR mmm_zone BETWEEN 1 AND 7", name="mmm_zone_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    management: Mapped[PlanManagement] = mapped_column(
        str_enum(PlanManagement, "plan_management"), default=PlanManagement.NDIA
    )
    manager_name: Mapped[str] = mapped_column(String(200), default="")
    manager_email: Mapped[str] = mapped_column(String(200), default="")
    manager_phone: Mapped[str] = mapped_column(String(40), default="")
    manager_address: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(3), default="")
    mmm_zone: Mapped[int | None] = mapped_column(Integer)


class ServiceAgreement(Base):
    """One version of a participant's service agreement. Versions are never edited: a change is
    a new version, so the history stays. The agreement in force on a day is the newest version
    whose period covers it."""

    __tablename__ = "service_agreements"
    __table_args__ = (
        UniqueConstraint("participant_id", "version", name="uq_service_agreements_version"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint(
            "cancellation_percent BETWEEN 0 AND 100", name="cancellation_percent_range"
        ),
        CheckConstraint(
            "travel_cap_minutes IS NULL OR travel_cap_minutes BETWEEN 0 AND 240",
            name="travel_cap_range",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    nf2f_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    cancellation_percent: Mapped[int] = mapped_column(Integer, default=0)
    cancellation_terms: Mapped[str] = mapped_column(Text, default="")
    travel_time_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    travel_km_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Minutes each way for MMM6-7 (by agreement); MMM1-5 use the NDIS caps.
    travel_cap_minutes: Mapped[int | None] = mapped_column(Integer)
    travel_terms: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AgreementItem(Base):
    """A support item agreed in a service agreement, at a rate up to the price limit (no rate:
    the price limit in force on the day)."""

    __tablename__ = "agreement_items"
    __table_args__ = (
        UniqueConstraint("agreement_id", "support_number", name="uq_agreement_items_item"),
        CheckConstraint("rate_cents IS NULL OR rate_cents > 0", name="rate_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("service_agreements.id", ondelete="CASCADE"), index=True
    )
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("service_agreements", "agreement_id")
    )
    support_number: Mapped[str] = mapped_column(String(20))
    rate_cents: Mapped[int | None] = mapped_column(Integer)


class PlanBudget(TimestampMixin, Base):
    """The budget for this support in one of the participant's plans."""

    __tablename__ = "plan_budgets"
    __table_args__ = (
        CheckConstraint("plan_end >= plan_start", name="plan_end_after_start"),
        CheckConstraint("amount_cents >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    plan_start: Mapped[dt.date] = mapped_column(Date)
    plan_end: Mapped[dt.date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class FundingPeriod(Base):
    """A funding period of a plan budget and the amount released for it (unspent funding rolls
    over to the next period)."""

    __tablename__ = "funding_periods"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
        CheckConstraint("released_cents >= 0", name="released_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(
        ForeignKey("plan_budgets.id", ondelete="CASCADE"), index=True
    )
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("plan_budgets", "budget_id")
    )
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    released_cents: Mapped[int] = mapped_column(Integer)


class PriceList(Base):
    """A dated NDIS price list, loaded from a file with its source and effective date."""

    __tablename__ = "price_lists"
    __table_args__ = (
        UniqueConstraint("effective_from", "name", name="uq_price_lists_effective_name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text, default="")
    effective_from: Mapped[dt.date] = mapped_column(Date, index=True)
    caution: Mapped[str] = mapped_column(Text, default="")
    loaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PriceItem(Base):
    __tablename__ = "price_items"
    __table_args__ = (
        UniqueConstraint("price_list_id", "support_number", name="uq_price_items_item"),
        CheckConstraint("price_limit_cents > 0", name="price_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    price_list_id: Mapped[int] = mapped_column(
        ForeignKey("price_lists.id", ondelete="CASCADE"), index=True
    )
    support_number: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(4), default="H")  # H hour, E each (a km)
    # What the item is for: weekday_daytime ... public_holiday, travel_km ("" = neither).
    band: Mapped[str] = mapped_column(String(20), default="")
    price_limit_cents: Mapped[int] = mapped_column(Integer)


class HolidayList(Base):
    """A dated list of one state's public holidays, loaded from a file with its source. For a
    day, the newest-loaded list for the state that covers it decides."""

    __tablename__ = "holiday_lists"
    __table_args__ = (CheckConstraint("covers_to >= covers_from", name="covers_in_order"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(3), index=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text, default="")
    covers_from: Mapped[dt.date] = mapped_column(Date)
    covers_to: Mapped[dt.date] = mapped_column(Date)
    loaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PublicHoliday(Base):
    __tablename__ = "public_holidays"
    __table_args__ = (UniqueConstraint("holiday_list_id", "day", name="uq_public_holidays_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holiday_list_id: Mapped[int] = mapped_column(
        ForeignKey("holiday_lists.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(200), default="")


class ClaimBatch(Base):
    """A bulk payment request written for a period; its lines become claimed when the coach
    marks it claimed (after uploading it to the portal)."""

    __tablename__ = "claim_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date] = mapped_column(Date)
    file_names: Mapped[str] = mapped_column(Text, default="")  # comma-separated
    written_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class ClaimLine(TimestampMixin, Base):
    """One line of a claim, drawn from a session. ``source_key`` names what it claims for
    ("s42:direct", "s42:travel", "s42:km", "s42:canc"); only one line per source may ever be
    claimed (the partial unique index below)."""

    __tablename__ = "claim_lines"
    __table_args__ = (
        Index(
            "uq_claim_lines_claimed_once",
            "source_key",
            unique=True,
            sqlite_where=text("status = 'claimed'"),
            postgresql_where=text("status = 'claimed'"),
        ),
        CheckConstraint("quantity_centi > 0", name="quantity_positive"),
        CheckConstraint("unit_price_cents > 0", name="price_positive"),
        CheckConstraint(
            "status <> 'claimed' OR batch_id IS NOT NULL", name="claimed_in_a_batch"
        ),
        CheckConstraint(
            "(claim_type = 'CANC') = (cancellation_reason <> '')", name="reason_only_for_canc"
        ),
        Index("ix_claim_lines_participant_date", "participant_id", "support_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    source_key: Mapped[str] = mapped_column(String(40), index=True)
    support_date: Mapped[dt.date] = mapped_column(Date)
    support_number: Mapped[str] = mapped_column(String(20))
    claim_type: Mapped[str] = mapped_column(String(4), default="")
    cancellation_reason: Mapped[str] = mapped_column(String(4), default="")
    quantity_centi: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[ClaimStatus] = mapped_column(
        str_enum(ClaimStatus, "claim_status"), default=ClaimStatus.READY
    )
    edit_reason: Mapped[str] = mapped_column(Text, default="")
    rejection_reason: Mapped[str] = mapped_column(Text, default="")
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_batches.id", ondelete="RESTRICT"), index=True
    )
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
