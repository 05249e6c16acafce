"""Alembic environment. RecoveryDesk always runs migrations from code on an open connection
(``config.attributes["connection"]``); see ``recoverydesk.store.migrate``."""

from __future__ import annotations

from alembic import context

from recoverydesk.models import Base

target_metadata = Base.metadata

# Search is built by hand in migrations: FTS5 virtual tables and their shadow tables on SQLite,
# full-text indexes (and any column kept for them) on PostgreSQL. The models do not describe
# them, so autogenerate and compare_metadata look past every table, index and column whose name
# starts with ``fts_`` (tests/migrations compares with the same rule).
SEARCH_PREFIX = "fts_"


def include_name(name, type_, parent_names):
    return not (type_ in ("table", "index", "column") and name
                and name.startswith(SEARCH_PREFIX))


def render_item(type_, obj, autogen_context):
    """Render our UTCDateTime as a plain DateTime, so migrations never import app code."""
    if type_ == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime()"
    return False


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("RecoveryDesk migrations run from code with an open connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_name=include_name,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
