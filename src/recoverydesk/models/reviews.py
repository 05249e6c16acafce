"""Plan-review report drafts: the coach's own words for an NDIS plan review, kept in the practice
file while they are written, then marked final when the PDF is produced."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime
from recoverydesk.models.participant import str_enum


class RisksAssessed(enum.StrEnum):
    NOT_ASSESSED = "not_assessed"
    NONE_IDENTIFIED = "none_identified"
    SEE_BELOW = "see_below"


class ReviewDraft(TimestampMixin, Base):
    __tablename__ = "review_drafts"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period_end_after_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")  # progress in the coach's words
    barriers_strategies: Mapped[str] = mapped_column(Text, default="")
    risks: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    coach_notes: Mapped[str] = mapped_column(Text, default="")  # never printed
    participant_view: Mapped[str] = mapped_column(Text, default="")  # in their own words
    different_views: Mapped[str] = mapped_column(Text, default="")  # where we see it differently
    # not_assessed / none_identified / see_below: "no risks" is never mistaken for "not asked".
    risks_assessed: Mapped[RisksAssessed] = mapped_column(
        str_enum(RisksAssessed, "risks_assessed"), default=RisksAssessed.NOT_ASSESSED
    )
    finalised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
