"""Recovery Star (and other outcome stars): templates with immutable versions, readings, scores.

A template's domains, scale and stages live in ``StarTemplateVersion.definition`` (JSON). Editing
a template adds a new version; a reading points at the version it was made with, so its history
is never rewritten.
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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime, participant_of, utcnow

# Every star we support scores within 1..10; a template may use a narrower scale inside it.
SCORE_MIN = 1
SCORE_MAX = 10


class StarTemplate(TimestampMixin, Base):
    __tablename__ = "star_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A stable slug, for example "recovery-star" (bundled) or "custom-3" (made by the coach).
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    bundled: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    versions: Mapped[list[StarTemplateVersion]] = relationship(
        back_populates="template",
        order_by="StarTemplateVersion.number",
        cascade="all, delete-orphan",
    )


class StarTemplateVersion(Base):
    """An immutable snapshot of a template's domains, scale and stages."""

    __tablename__ = "star_template_versions"
    __table_args__ = (
        UniqueConstraint("template_id", "number", name="uq_star_template_versions_number"),
        CheckConstraint(
            f"scale_min >= {SCORE_MIN} AND scale_max <= {SCORE_MAX} AND scale_min < scale_max",
            name="scale_in_range",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("star_templates.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    scale_min: Mapped[int] = mapped_column(Integer, default=SCORE_MIN)
    scale_max: Mapped[int] = mapped_column(Integer, default=SCORE_MAX)
    # JSON: {"name", "description", "domains": [{"key", "label", "description"}],
    #        "stages": [{"name", "min", "max"}]}
    definition: Mapped[str] = mapped_column(Text)

    template: Mapped[StarTemplate] = relationship(back_populates="versions")


class StarReading(TimestampMixin, Base):
    __tablename__ = "star_readings"
    __table_args__ = (Index("ix_star_readings_participant_taken", "participant_id", "taken_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    template_version_id: Mapped[int] = mapped_column(
        ForeignKey("star_template_versions.id", ondelete="RESTRICT"), index=True
    )
    taken_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    scores: Mapped[list[StarScore]] = relationship(
        back_populates="reading", order_by="StarScore.position", cascade="all, delete-orphan"
    )
    template_version: Mapped[StarTemplateVersion] = relationship()


class StarScore(Base):
    """One domain of one reading. ``score`` is NULL when the domain was left unscored."""

    __tablename__ = "star_scores"
    __table_args__ = (
        UniqueConstraint("reading_id", "domain_key", name="uq_star_scores_reading_domain"),
        CheckConstraint(
            f"score IS NULL OR (score >= {SCORE_MIN} AND score <= {SCORE_MAX})",
            name="score_in_range",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reading_id: Mapped[int] = mapped_column(
        ForeignKey("star_readings.id", ondelete="CASCADE"), index=True
    )
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("star_readings", "reading_id")
    )
    domain_key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    reading: Mapped[StarReading] = relationship(back_populates="scores")
