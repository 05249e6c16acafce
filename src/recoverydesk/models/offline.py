"""Offline with a team practice (issue 21): holds, bring-backs and their conflicts on the server;
what a local copy is and what it was taken as, in the copy.

One schema for both databases (a local copy is an ordinary practice file): on the server the
copy's two tables stay empty, in a copy the server's three do.

- ``offline_holds``: a participant taken offline by a coach's device. At most one live hold (not
  released, not broken) per participant: a partial unique index, on both databases.
- ``offline_returns``: one row per bring-back that reached the server, keyed by the return id
  the copy minted when it was taken, written in the same transaction as everything the
  bring-back applied; ``id_map`` is the JSON map table -> {id in the copy: id on the server} of
  the records made offline. A retry that finds its return id only finishes in the copy.
- ``offline_conflicts``: a record the coach changed offline that was also changed (or removed)
  on the server, or that could not be applied (a broken hold): the base, the coach's and the
  server's version as JSON, until the coach resolves it.
- ``offline_copy`` (in the copy, one row): where it came from (the address WITHOUT password),
  who took it, on which device, when, its return id and state.
- ``offline_base`` (in the copy): every record as taken (table, key, version, the row as JSON),
  so a bring-back knows what was added, changed and removed offline.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, UTCDateTime, utcnow
from recoverydesk.models.team import ROLE_NAME_LENGTH

UUID_LENGTH = 36
_LIVE = "released_at IS NULL AND broken_at IS NULL"


class OfflineHold(Base):
    __tablename__ = "offline_holds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    coach_role: Mapped[str] = mapped_column(String(ROLE_NAME_LENGTH))
    device_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    device_name: Mapped[str] = mapped_column(String(200), default="")
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    broken_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    broken_by: Mapped[str | None] = mapped_column(String(ROLE_NAME_LENGTH), nullable=True)

    __table_args__ = (
        Index("uq_offline_holds_live", "participant_id", unique=True,
              sqlite_where=text(_LIVE), postgresql_where=text(_LIVE)),
    )


class OfflineReturn(Base):
    __tablename__ = "offline_returns"

    return_id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    coach_role: Mapped[str] = mapped_column(String(ROLE_NAME_LENGTH))
    device_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    returned_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    id_map: Mapped[str] = mapped_column(Text, default="{}")
    summary: Mapped[str] = mapped_column(Text, default="{}")


class OfflineConflictRecord(Base):
    __tablename__ = "offline_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True, nullable=True)
    table_name: Mapped[str] = mapped_column(String(63))
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    kind: Mapped[str] = mapped_column(String(20))
    base: Mapped[str | None] = mapped_column(Text, nullable=True)
    mine: Mapped[str | None] = mapped_column(Text, nullable=True)
    theirs: Mapped[str | None] = mapped_column(Text, nullable=True)
    fields: Mapped[str] = mapped_column(Text, default="")
    return_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    device_name: Mapped[str] = mapped_column(String(200), default="")
    coach_role: Mapped[str] = mapped_column(String(ROLE_NAME_LENGTH))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    resolution: Mapped[str] = mapped_column(String(20), default="")


class OfflineCopy(Base):
    __tablename__ = "offline_copy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(1000))  # never with a password
    database: Mapped[str] = mapped_column(String(200))
    coach_role: Mapped[str] = mapped_column(String(ROLE_NAME_LENGTH))
    device_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    device_name: Mapped[str] = mapped_column(String(200), default="")
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    return_id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    state: Mapped[str] = mapped_column(String(20))
    participants: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ids


class OfflineBase(Base):
    __tablename__ = "offline_base"

    table_name: Mapped[str] = mapped_column(String(63), primary_key=True)
    record_key: Mapped[str] = mapped_column(String(100), primary_key=True)  # JSON of the key
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    row: Mapped[str] = mapped_column(Text)
