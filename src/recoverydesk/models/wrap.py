"""The Wellness Recovery Action Plan: one plan per participant, its items in ordered parts,
the crisis-plan supporters (linked to the support network) and immutable reviewed versions.

Items carry a ``part`` key (for example ``"triggers_must"``); which parts exist, their order and
their wording live in ``services/wrap/types.py`` (read from ``resources/wrap``), so a new part
never needs a schema change.
"""

from __future__ import annotations

import datetime as dt

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
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recoverydesk.models.base import (
    Base,
    TimestampMixin,
    UTCDateTime,
    check_per_dialect,
    participant_of,
    utcnow,
)
from recoverydesk.models.participant import Contact
from recoverydesk.models.versioned import Versioned


class WrapPlan(TimestampMixin, Base):
    __tablename__ = "wrap_plans"
    __table_args__ = (
        CheckConstraint(
            "next_review IS NULL OR last_reviewed IS NULL OR next_review >= last_reviewed",
            name="next_review_after_last",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    last_reviewed: Mapped[dt.date | None] = mapped_column(Date)
    next_review: Mapped[dt.date | None] = mapped_column(Date)

    items: Mapped[list[WrapItem]] = relationship(
        back_populates="plan",
        order_by="(WrapItem.part, WrapItem.position)",
        cascade="all, delete-orphan",
    )
    supporters: Mapped[list[WrapSupporter]] = relationship(
        back_populates="plan", order_by="WrapSupporter.position", cascade="all, delete-orphan"
    )


class WrapItem(Versioned, TimestampMixin, Base):
    """One line of one part, in the participant's own words."""

    __tablename__ = "wrap_items"
    __table_args__ = (
        Index("ix_wrap_items_plan_part_position", "plan_id", "part", "position"),
        CheckConstraint("length(trim(text)) > 0", name="text_not_blank"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("wrap_plans.id", ondelete="CASCADE"))
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("wrap_plans", "plan_id")
    )
    part: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)

    plan: Mapped[WrapPlan] = relationship(back_populates="items")


class WrapSupporter(TimestampMixin, Base):
    """Someone named in the crisis plan: a supporter I want (always a network contact, so edits
    to the contact show through) or a person I do not want involved (a contact, or just a name).

    One row per contact per plan, with ``wanted`` saying which list: a contact can never be in
    both lists at once.
    """

    __tablename__ = "wrap_supporters"
    __table_args__ = (
        UniqueConstraint("plan_id", "contact_id", name="uq_wrap_supporters_plan_contact"),
        CheckConstraint("contact_id IS NOT NULL OR length(trim(name)) > 0", name="contact_or_name"),
        *check_per_dialect(
            "supporter_is_contact",
            sqlite="wanted = 0 OR contact_id IS NOT NULL",
            postgresql="NOT wanted OR contact_id IS NOT NULL",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("wrap_plans.id", ondelete="CASCADE"), index=True
    )
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("wrap_plans", "plan_id")
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    wanted: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(200), default="")  # only when not a contact
    note: Mapped[str] = mapped_column(Text, default="")  # what I'd like them to do / why not
    position: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[WrapPlan] = relationship(back_populates="supporters")
    contact: Mapped[Contact | None] = relationship()


class WrapVersion(Base):
    """An immutable snapshot of the whole WRAP, taken when it is reviewed."""

    __tablename__ = "wrap_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_on: Mapped[dt.date] = mapped_column(Date)
    next_review: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text)  # JSON of every part, supporters resolved


@event.listens_for(WrapVersion, "before_update")
def _versions_are_immutable(_mapper, _connection, target: WrapVersion) -> None:
    raise ValueError("A reviewed WRAP version is a record of what was agreed; it never changes.")
