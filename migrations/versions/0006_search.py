"""full-text search: FTS5 indexes over participants, session notes, WRAP items and resources

Each index is an external-content FTS5 table (the text lives once, in its own table) kept in
sync by triggers, so every insert, update and delete is indexed by SQLite itself, bulk inserts
included. Goals are indexed by a later revision, once the goals table exists.

Revision ID: 0006_search
Revises: 0005_reports
Create Date: 2026-11-23 02:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0006_search"
down_revision = "0005_reports"
branch_labels = None
depends_on = None

TOKENIZE = "unicode61 remove_diacritics 2"

# fts table -> (content table, indexed columns)
INDEXES = {
    "fts_participants": ("participants", ("given_name", "family_name", "preferred_name", "about")),
    "fts_sessions": ("sessions", ("talked_about", "went_well", "next_steps", "location_text")),
    "fts_wrap_items": ("wrap_items", ("text",)),
    "fts_resources": ("resources", ("name", "offers", "eligibility", "tags", "notes")),
}


def create_index(fts: str, content: str, columns: tuple[str, ...]) -> None:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{content}', "
        f"content_rowid='id', tokenize='{TOKENIZE}', prefix='2 3')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {content} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {content} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def drop_index(fts: str) -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {fts}")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # FTS5 is SQLite's; a team practice's search indexes are 0017_server_search
    for fts, (content, columns) in INDEXES.items():
        create_index(fts, content, columns)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for fts in INDEXES:
        drop_index(fts)
