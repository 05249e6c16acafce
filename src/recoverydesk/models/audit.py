"""An append-only record of what changed and when (never the personal content itself)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import FetchedValue, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, UTCDateTime, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # A dotted verb, for example "participant.created" or "star_reading.updated".
    action: Mapped[str] = mapped_column(String(80))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    # Which fields changed, as a comma-separated list of names; values are never copied here.
    detail: Mapped[str] = mapped_column(Text, default="")
    # Which coach made the change: on a team practice the PostgreSQL role connected (the
    # database fills it in, revision 0018); empty on a solo practice file (its one coach).
    # FetchedValue: left out of the insert so the server's default applies, never sent as NULL.
    coach_role: Mapped[str | None] = mapped_column(String(63), server_default=FetchedValue())
