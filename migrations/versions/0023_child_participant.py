"""The participant's id on every table reached through a parent row, so a coach's row-level security is one look-up of their participants per statement (issue 20 item 7).

Revision 0018's ``coach_own`` policy on a table such as ``action_steps`` reached the coach's
participants through the parent table: every statement built the array of the coach's visible
goal ids (6,388 in the benchmark's team practice, each goal filtered by its own look-up of
participants) before finding one participant's steps. Opening a participant runs several such
statements. Now each of those tables keeps its parent's ``participant_id``:

1. Both databases: ``participant_id`` (NOT NULL, indexed, no foreign key of its own: the parent
   link already leads to the participant, and deleting one cascades through the parent) on the
   tables of ``BY_PARENT``, filled from the parent row. A row added later gets it from the app
   (the models' default reads the parent's, ``models.base.participant_of``; bulk paths pass it).
   On SQLite the column is added with a DEFAULT of 0 (ALTER TABLE ADD COLUMN needs one for NOT
   NULL; no row keeps it: the trigger below refuses it).
2. Both databases: the database refuses a row whose ``participant_id`` is not its parent's, on
   insert and whenever the parent link or the participant changes. SQLite: a BEFORE trigger per
   event (a missing parent is left to the foreign-key check, as an import reports it).
   PostgreSQL: after an INSERT statement, the rows it added joined to their parents AS THE USER
   WHO WROTE THEM (one look per statement, so a bulk load pays little); before an UPDATE that
   changes a row's parent link or participant, that row's parent likewise. So under row-level
   security a coach who names one of their own participants on a row pointing at another
   coach's goal is refused (the parent is invisible to them) instead of planting a row there.
3. PostgreSQL: ``coach_own`` on those tables reads the coach's participants once per statement
   (``participant_id IN (SELECT … FROM participants)``: a hashed set, checked on the rows the
   query's own conditions find). Not 0018's ``= ANY (ARRAY(…))``: the planner cannot see how
   many ids that array holds (it assumes 10), so it took the new participant_id index for the
   coach's 300 participants instead of the link the query names (one participant's session
   goals by session: 20 ms against 1.2 ms, EXPLAIN ANALYZE on the benchmark's team practice);
   these tables are always read through their parent. The sessions' policy too (``HASHED``). Their change notices (revision 0019)
   name the row's own ``participant_id`` (a row whose parent went in the same statement too).
4. Both databases: ``ix_participants_coach_role`` becomes (coach_role, id), and PostgreSQL's
   ``coach_own`` on participants compares in the column's collation (see ``OWN``), so every
   coach's statement finds their participants in an index-only scan: 4.8 -> 0.24 ms for one
   participant's last session, and about 1.3 ms off each of the ~50 statements of an open.

Revision ID: 0023_child_participant
Revises: 0022_offline_holds
Create Date: 2026-12-03 10:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023_child_participant"
down_revision = "0022_offline_holds"
branch_labels = None
depends_on = None

COACH_GROUP = "recoverydesk_coach"

# Tables reaching a participant through a parent row (as in 0018): table -> (parent, its link).
BY_PARENT = {
    "action_steps": ("goals", "goal_id"),
    "agreement_items": ("service_agreements", "agreement_id"),
    "funding_periods": ("plan_budgets", "budget_id"),
    "goal_domains": ("goals", "goal_id"),
    "goal_status_changes": ("goals", "goal_id"),
    "invoice_lines": ("invoices", "invoice_id"),
    "progress_notes": ("goals", "goal_id"),
    "referral_status_changes": ("referrals", "referral_id"),
    "session_goals": ("goals", "goal_id"),
    "star_scores": ("star_readings", "reading_id"),
    "wrap_items": ("wrap_plans", "plan_id"),
    "wrap_supporters": ("wrap_plans", "plan_id"),
}
# Change notices before this revision (0019): the parent's participant.
OLD_NOTICE_LINKS = {
    "action_steps": "goal_id:goals",
    "agreement_items": "agreement_id:service_agreements",
    "funding_periods": "budget_id:plan_budgets",
    "goal_domains": "goal_id:goals",
    "goal_status_changes": "goal_id:goals",
    "invoice_lines": "invoice_id:invoices",
    "progress_notes": "goal_id:goals",
    "referral_status_changes": "referral_id:referrals",
    "session_goals": "session_id:sessions",
    "star_scores": "reading_id:star_readings",
    "wrap_items": "plan_id:wrap_plans",
    "wrap_supporters": "plan_id:wrap_plans",
}
_NOTICE_EVENTS = {"insert": "NEW TABLE AS new_rows", "update": "NEW TABLE AS new_rows",
                  "delete": "OLD TABLE AS old_rows"}
# The append-only refusal (0007) the backfill must pass by, as 0007 made it on SQLite.
_SQLITE_NO_UPDATE = (
    "CREATE TRIGGER goal_status_changes_no_update BEFORE UPDATE ON goal_status_changes "
    "BEGIN SELECT RAISE(ABORT, 'a goal history entry never changes'); END"
)

_PG_CHECK = """
CREATE FUNCTION recoverydesk_child_participant() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    wrong boolean;
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN  -- rows added: all of them against their parents at once
        EXECUTE format(
            'SELECT EXISTS (SELECT 1 FROM new_rows r LEFT JOIN %I p ON p.id = r.%I '
            'WHERE p.participant_id IS DISTINCT FROM r.participant_id)', TG_ARGV[0], TG_ARGV[1])
            INTO wrong;
    ELSE  -- a row's parent or participant changed
        EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I WHERE id = $1 AND participant_id = $2)',
                       TG_ARGV[0])
            INTO wrong USING (to_jsonb(NEW) ->> TG_ARGV[1])::bigint, NEW.participant_id;
    END IF;
    IF wrong THEN
        RAISE EXCEPTION 'a record of % belongs to the participant of its % row', TG_TABLE_NAME,
            TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_LEVEL = 'STATEMENT' THEN NULL ELSE NEW END;
END
$$
"""


# A participant's coach is the login connected. current_user is a ``name`` (collation "C"):
# compared as it was in 0018 the index on coach_role could not be used and every statement of
# a coach read all of participants (1-2 ms each, 3,000 rows); as text in the column's collation
# it is an index-only scan of the coach's own (~0.05 ms).
OWN = 'coach_role = CAST(current_user AS text) COLLATE "default"'
OWN_0018 = "coach_role = current_user"
# Tables holding participant_id from the start whose coach_own policy becomes the hashed set
# too: the sessions, a million rows, read by id for a page of a participant's list. The array
# form made that page a BitmapAnd with the participant index over all the coach's 100,000
# sessions (109 ms for 50 sessions; 4.6 ms hashed). Date-bounded reads use starts_at's index.
HASHED = ("sessions",)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    pg = _postgresql()
    op.drop_index("ix_participants_coach_role", table_name="participants")
    op.create_index("ix_participants_coach_role", "participants", ["coach_role", "id"])
    if pg:
        op.execute("ALTER TABLE goal_status_changes DISABLE TRIGGER goal_status_changes_no_update")
    else:
        op.execute("DROP TRIGGER IF EXISTS goal_status_changes_no_update")
    for table, (parent, link) in BY_PARENT.items():
        if pg:  # no table rewrite: added empty, filled, then required
            op.add_column(table, sa.Column("participant_id", sa.Integer(), nullable=True))
        else:  # (not in a batch: a copy of the table would drop its triggers)
            op.add_column(table, sa.Column("participant_id", sa.Integer(), server_default="0",
                                           nullable=False))
        op.execute(f"UPDATE {table} SET participant_id = (SELECT p.participant_id FROM {parent} "
                   f"AS p WHERE p.id = {table}.{link})")
        if pg:
            op.alter_column(table, "participant_id", nullable=False)
        op.create_index(op.f(f"ix_{table}_participant_id"), table, ["participant_id"])
    if pg:
        op.execute("ALTER TABLE goal_status_changes ENABLE TRIGGER goal_status_changes_no_update")
        _pg_rules()
    else:
        op.execute(_SQLITE_NO_UPDATE)
        for table, (parent, link) in BY_PARENT.items():
            _sqlite_check(table, parent, link)


def _sqlite_check(table: str, parent: str, link: str) -> None:
    wrong = (f"EXISTS (SELECT 1 FROM {parent} WHERE {parent}.id = NEW.{link} "
             f"AND {parent}.participant_id IS NOT NEW.participant_id)")
    message = f"a record of {table} belongs to the participant of its {parent} row"
    for suffix, event in (("ai", "INSERT"), ("au", f"UPDATE OF {link}, participant_id")):
        op.execute(f"CREATE TRIGGER {table}_participant_{suffix} BEFORE {event} ON {table} "
                   f"WHEN {wrong} BEGIN SELECT RAISE(ABORT, '{message}'); END")


def _pg_rules() -> None:
    op.execute(_PG_CHECK)
    for table, (parent, link) in BY_PARENT.items():
        check = f"EXECUTE FUNCTION recoverydesk_child_participant('{parent}', '{link}')"
        op.execute(f"CREATE TRIGGER {table}_participant_insert AFTER INSERT ON {table} "
                   f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT {check}")
        # (not per statement: a cascade's SET NULL of another link updates rows whose parent is
        # already gone; only a changed parent or participant is looked at)
        op.execute(f"CREATE TRIGGER {table}_participant_update BEFORE UPDATE OF {link}, "
                   f"participant_id ON {table} FOR EACH ROW WHEN (OLD.{link} IS DISTINCT FROM "
                   f"NEW.{link} OR OLD.participant_id IS DISTINCT FROM NEW.participant_id) {check}")
        _notices(table, "participant_id")
        op.execute(f"DROP POLICY coach_own ON {table}")
        op.execute(f"CREATE POLICY coach_own ON {table} TO {COACH_GROUP} USING ({table}."
                   "participant_id IN (SELECT owner.id FROM participants AS owner))")
    op.execute("DROP POLICY coach_own ON participants")
    op.execute(f"CREATE POLICY coach_own ON participants TO {COACH_GROUP} USING ({OWN})")
    for table in HASHED:
        op.execute(f"DROP POLICY coach_own ON {table}")
        op.execute(f"CREATE POLICY coach_own ON {table} TO {COACH_GROUP} USING ({table}."
                   "participant_id IN (SELECT owner.id FROM participants AS owner))")


def _notices(table: str, link: str) -> None:
    """Revision 0019's change notices on ``table``, naming the participant through ``link``."""
    for event, transition in _NOTICE_EVENTS.items():
        name = f"recoverydesk_{table}_{event}_notice"
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute(f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} "
                   f"REFERENCING {transition} FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION recoverydesk_notify_change('{link}')")


def downgrade() -> None:
    pg = _postgresql()
    if pg:
        op.execute("DROP POLICY coach_own ON participants")
        op.execute(f"CREATE POLICY coach_own ON participants TO {COACH_GROUP} USING ({OWN_0018})")
        for table in HASHED:
            op.execute(f"DROP POLICY coach_own ON {table}")
            op.execute(f"CREATE POLICY coach_own ON {table} TO {COACH_GROUP} USING ({table}."
                       "participant_id = ANY (ARRAY(SELECT owner.id FROM participants AS owner)))")
    op.drop_index("ix_participants_coach_role", table_name="participants")
    op.create_index("ix_participants_coach_role", "participants", ["coach_role"])
    for table, (parent, link) in BY_PARENT.items():
        if pg:
            op.execute(f"DROP POLICY coach_own ON {table}")
            op.execute(f"CREATE POLICY coach_own ON {table} TO {COACH_GROUP} USING ({table}.{link}"
                       f" = ANY (ARRAY(SELECT owner.id FROM {parent} AS owner)))")
            _notices(table, OLD_NOTICE_LINKS[table])
            for event in ("insert", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_participant_{event} ON {table}")
        else:
            for suffix in ("ai", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_participant_{suffix}")
        op.drop_index(op.f(f"ix_{table}_participant_id"), table_name=table)
        op.drop_column(table, "participant_id")
    if pg:
        op.execute("DROP FUNCTION IF EXISTS recoverydesk_child_participant()")
