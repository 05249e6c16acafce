"""Plan-review report drafts: the coach's own words for an NDIS plan review, kept in the practice
file while they are written, then marked final when the PDF is produced."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime


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
    finalised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
