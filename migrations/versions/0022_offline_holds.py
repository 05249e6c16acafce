"""Offline with a team practice (issue 21): holds, bring-backs and their conflicts on the server;
what a local copy is and its records as taken, in the copy.

Both databases (one chain: a local copy is an ordinary practice file):
- ``offline_holds``: a participant taken offline by a coach's device; at most one live hold
  (released_at and broken_at empty) per participant, a partial unique index on both databases;
- ``offline_returns``: one row per bring-back that reached the server, keyed by the copy's
  return id, with the map of ids made offline to the server's (JSON);
- ``offline_conflicts``: the coach's offline version of a record beside the server's, until
  resolved (base, mine, theirs as JSON);
- ``offline_copy`` and ``offline_base`` (filled in a local copy only): where the copy came from
  (the address without its password), who took it, its return id and state; every record as
  taken (table, id, version, the row as JSON).

PostgreSQL only: row-level security as revision 0018 gives participant tables. On
``offline_holds`` a coach sees and changes the holds of the participants they see (``coach_own``),
a lead all (``lead_all``). On ``offline_conflicts`` a coach reads, adds and resolves their own
conflicts (``coach_role = current_user``: the participant may have moved to another coach while
offline, and the work must still be kept) and those of participants they see; a lead all. On
``offline_returns`` a coach sees their own returns, a lead all. The change notices of revision
0019 for holds and conflicts (the window's "taken offline by ..." follows them).

Revision ID: 0022_offline_holds
Revises: 0021_private_notices
Create Date: 2026-12-03 10:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022_offline_holds"
down_revision = "0021_private_notices"
branch_labels = None
depends_on = None

COACH_GROUP = "recoverydesk_coach"
LEAD_GROUP = "recoverydesk_lead"
_LIVE = "released_at IS NULL AND broken_at IS NULL"


def _when(column: str, **kwargs) -> sa.Column:
    return sa.Column(column, sa.DateTime(), **kwargs)


def upgrade() -> None:
    op.create_table(
        "offline_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("coach_role", sa.String(length=63), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_name", sa.String(length=200), nullable=False),
        _when("taken_at", nullable=False),
        _when("released_at", nullable=True),
        _when("broken_at", nullable=True),
        sa.Column("broken_by", sa.String(length=63), nullable=True),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE",
                                name=op.f("fk_offline_holds_participant_id_participants")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_holds")),
    )
    op.create_index(op.f("ix_offline_holds_participant_id"), "offline_holds", ["participant_id"])
    op.create_index("uq_offline_holds_live", "offline_holds", ["participant_id"], unique=True,
                    sqlite_where=sa.text(_LIVE), postgresql_where=sa.text(_LIVE))
    op.create_table(
        "offline_returns",
        sa.Column("return_id", sa.String(length=36), nullable=False),
        sa.Column("coach_role", sa.String(length=63), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        _when("returned_at", nullable=False),
        sa.Column("id_map", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("return_id", name=op.f("pk_offline_returns")),
    )
    op.create_table(
        "offline_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("base", sa.Text(), nullable=True),
        sa.Column("mine", sa.Text(), nullable=True),
        sa.Column("theirs", sa.Text(), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("return_id", sa.String(length=36), nullable=False),
        sa.Column("device_name", sa.String(length=200), nullable=False),
        sa.Column("coach_role", sa.String(length=63), nullable=False),
        _when("created_at", nullable=False),
        _when("resolved_at", nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE",
                                name=op.f("fk_offline_conflicts_participant_id_participants")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_conflicts")),
    )
    op.create_index(op.f("ix_offline_conflicts_participant_id"), "offline_conflicts",
                    ["participant_id"])
    op.create_table(
        "offline_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=1000), nullable=False),
        sa.Column("database", sa.String(length=200), nullable=False),
        sa.Column("coach_role", sa.String(length=63), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_name", sa.String(length=200), nullable=False),
        _when("taken_at", nullable=False),
        sa.Column("return_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_copy")),
    )
    op.create_table(
        "offline_base",
        sa.Column("table_name", sa.String(length=63), nullable=False),
        sa.Column("record_key", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("row", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_key", name=op.f("pk_offline_base")),
    )
    if op.get_bind().dialect.name == "postgresql":
        _row_security()


def _visible(table: str) -> str:
    # revision 0018's form: the ids of the participants this coach can see, read once
    return f"{table}.participant_id = ANY (ARRAY(SELECT owner.id FROM participants AS owner))"


def _enable(table: str) -> None:
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")


def _row_security() -> None:
    _enable("offline_holds")
    op.execute(f"CREATE POLICY coach_own ON offline_holds TO {COACH_GROUP} "
               f"USING ({_visible('offline_holds')})")
    op.execute(f"CREATE POLICY lead_all ON offline_holds TO {LEAD_GROUP} "
               "USING (true) WITH CHECK (true)")
    _enable("offline_conflicts")
    own = f"(coach_role = current_user OR {_visible('offline_conflicts')})"
    op.execute(f"CREATE POLICY coach_own ON offline_conflicts TO {COACH_GROUP} USING ({own}) "
               "WITH CHECK (coach_role = current_user OR "
               f"{_visible('offline_conflicts')})")
    op.execute(f"CREATE POLICY lead_all ON offline_conflicts TO {LEAD_GROUP} "
               "USING (true) WITH CHECK (true)")
    _enable("offline_returns")
    op.execute(f"CREATE POLICY coach_own ON offline_returns TO {COACH_GROUP} "
               "USING (coach_role = current_user)")
    op.execute(f"CREATE POLICY lead_all ON offline_returns TO {LEAD_GROUP} "
               "USING (true) WITH CHECK (true)")
    for table in ("offline_holds", "offline_conflicts"):  # revision 0019's notices
        for event, transition in _EVENTS.items():
            op.execute(
                f"CREATE TRIGGER recoverydesk_{table}_{event}_notice AFTER {event.upper()} "
                f"ON {table} REFERENCING {transition} FOR EACH STATEMENT "
                "EXECUTE FUNCTION recoverydesk_notify_change('participant_id')")


_EVENTS = {"insert": "NEW TABLE AS new_rows", "update": "NEW TABLE AS new_rows",
           "delete": "OLD TABLE AS old_rows"}


def downgrade() -> None:
    for table in ("offline_base", "offline_copy", "offline_conflicts", "offline_returns"):
        op.drop_table(table)
    op.drop_index("uq_offline_holds_live", table_name="offline_holds")
    op.drop_index(op.f("ix_offline_holds_participant_id"), table_name="offline_holds")
    op.drop_table("offline_holds")
