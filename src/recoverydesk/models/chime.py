"""CHIME (issue 23): the coach's recovery tags, turning points, and measures loaded from a
template file (the QPR route: the coach loads licensed wording; we ship none).

A tag sits on exactly one item: a session note, a goal, a step reached or a WRAP item (one
nullable foreign key each, exactly one set, so removing the item removes its tags). It is the
whole item, or a passage of one of its texts: ``field`` names the text, ``start``/``end`` the
characters, and ``quote`` keeps the words themselves, so an edited note can still find the
passage or show what was tagged (services/chime/types.py ``anchor`` says how).

Suggestions are never stored: a row here always means the coach accepted it (``accepted_by``,
``accepted_at``).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime, check_per_dialect, utcnow
from recoverydesk.models.participant import str_enum


class ChimeProcess(enum.StrEnum):
    CONNECTEDNESS = "connectedness"
    HOPE = "hope"
    IDENTITY = "identity"
    MEANING = "meaning"
    EMPOWERMENT = "empowerment"


class ChimeTag(TimestampMixin, Base):
    __tablename__ = "chime_tags"
    __table_args__ = (
        *check_per_dialect(
            "one_target",
            sqlite="(session_id IS NOT NULL) + (goal_id IS NOT NULL) + (step_id IS NOT NULL) "
            "+ (wrap_item_id IS NOT NULL) = 1",
            postgresql="num_nonnulls(session_id, goal_id, step_id, wrap_item_id) = 1",
        ),
        CheckConstraint(
            "(start IS NULL AND \"end\" IS NULL) OR (start >= 0 AND \"end\" > start)",
            name="span_in_order",
        ),
        Index("ix_chime_tags_participant_process", "participant_id", "process"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goals.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int | None] = mapped_column(
        ForeignKey("action_steps.id", ondelete="CASCADE"), index=True
    )
    wrap_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("wrap_items.id", ondelete="CASCADE"), index=True
    )
    process: Mapped[ChimeProcess] = mapped_column(str_enum(ChimeProcess, "chime_process"))
    sub_theme: Mapped[str] = mapped_column(String(60), default="")
    # The passage: which text of the item, where, and the words as they were when tagged.
    field: Mapped[str] = mapped_column(String(40), default="")
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    cue: Mapped[str] = mapped_column(String(100), default="")  # "" when tagged by hand
    accepted_by: Mapped[str] = mapped_column(String(200), default="")
    accepted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChimeTurningPoint(Base):
    """A turning point the coach marks on the participant's recovery story."""

    __tablename__ = "chime_turning_points"
    __table_args__ = (CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    marked_on: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")
    tag_id: Mapped[int | None] = mapped_column(
        ForeignKey("chime_tags.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class MeasureTemplate(Base):
    """A questionnaire the coach loaded from a template file (the QPR, with the wording their
    licence or the authors allow): the file's JSON kept whole, as readings are scored by it."""

    __tablename__ = "measure_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(Text, default="")
    definition: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class MeasureReading(TimestampMixin, Base):
    __tablename__ = "measure_readings"
    __table_args__ = (Index("ix_measure_readings_participant_taken", "participant_id", "taken_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    template_id: Mapped[int] = mapped_column(
        ForeignKey("measure_templates.id", ondelete="RESTRICT"), index=True
    )
    taken_on: Mapped[dt.date] = mapped_column(Date)
    answers: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, null = not answered
    total: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")


class ChimeAgreedStory(Base):
    """A recovery story the participant agreed (issue 23 item 4): the tagged moments they chose
    for each process, kept as the words and dates they read then (``excerpts``, JSON), what they
    want to say in their own words, the day it was agreed and the name they typed. Never
    changed: agreeing again adds a row, so every story they agreed stays as it was."""

    __tablename__ = "chime_agreed_stories"
    __table_args__ = (Index("ix_chime_agreed_stories_participant_agreed", "participant_id",
                            "agreed_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    agreed_on: Mapped[dt.date] = mapped_column(Date)
    # [{"process", "tag_id", "day", "kind", "words", "quoted"}, ...] as they were agreed
    excerpts: Mapped[str] = mapped_column(Text, default="[]")
    own_words: Mapped[str] = mapped_column(Text, default="")
    typed_name: Mapped[str] = mapped_column(String(200), default="")
    agreed_by: Mapped[str] = mapped_column(String(200), default="")  # the coach
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
