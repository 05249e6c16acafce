"""Declarative base, naming convention (so Alembic batch migrations work on SQLite), mixins."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, MetaData, TypeDecorator, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC timestamp. SQLite keeps no zone, so we normalise on the way in and
    re-attach UTC on the way out; naive datetimes are refused rather than guessed."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a timezone-aware one is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


def check_per_dialect(name: str, *, sqlite: str, postgresql: str) -> tuple[CheckConstraint, ...]:
    """One rule whose SQL differs between the two databases (SQLite's GLOB, adding booleans):
    the same constraint name, each text created only on its own database."""
    return (CheckConstraint(sqlite, name=name).ddl_if(dialect="sqlite"),
            CheckConstraint(postgresql, name=name).ddl_if(dialect="postgresql"))


def participant_of(parent: str, link: str):
    """The default of ``participant_id`` on a table reached through a parent row (a goal's
    steps, a plan's WRAP items; revision 0023): the parent's participant, read when a row is
    added without one. Kept on the row so a team practice's row-level security picks a coach's
    rows by participant in one step, as on every table holding ``participant_id`` itself; the
    database refuses a row whose participant is not its parent's (triggers, same revision).
    Bulk paths that know it (the demo, the team benchmark) pass it and skip the read."""
    query = text(f"SELECT participant_id FROM {parent} WHERE id = :id")  # names: the models'

    def default(context) -> int | None:
        parent_id = context.get_current_parameters().get(link)
        if parent_id is None:
            return None
        return context.connection.execute(query, {"id": parent_id}).scalar()

    default.parent_link = (parent, link)  # for paths copying rows in bulk (the benchmark's)
    return default


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
