"""A team practice's coaches, who is assigned to whom, and the row-level security that keeps each coach to their own participants (issue 20 item 3).

Both databases: the ``coaches`` table, ``participants.coach_role`` (the coach a participant is
assigned to; empty: the lead's to assign) and ``audit_events.coach_role`` (who made a change).
On a practice file that is all: the columns stay empty and nothing else changes.

On PostgreSQL (run by the database's owner, who needs CREATEROLE the first time):
- the group roles ``recoverydesk_coach`` and ``recoverydesk_lead`` (a lead is also a coach), made
  when missing; the role running this becomes a lead unless it is a superuser;
- ``recoverydesk_add_login(login, scram_verifier, lead)``: how a lead adds a coach's login
  without CREATEROLE of their own (SECURITY DEFINER, only leads may call it, no table touched);
- privileges: every coach reads and writes the practice's tables and uses its sequences (now
  and in later revisions run by the same owner); ``alembic_version`` only read; the price lists
  and public holidays only added to by a coach (changing or removing them changes every coach's
  claims: the lead's); the list of coaches only read;
- ``ENABLE`` and ``FORCE ROW LEVEL SECURITY`` on every table that belongs to a participant, with
  a ``lead_all`` policy (a member of recoverydesk_lead sees and changes every row) and a
  ``coach_own`` policy: participants assigned to ``current_user``; a table holding
  ``participant_id`` reaches them through the ids of the participants the coach can see (that
  table itself filtered), a deeper table through its visible parent rows (see ``_visible``). Foreign-key checks and cascades bypass
  row-level security as PostgreSQL defines, so deleting a participant still removes their rows.
- ``coach_role`` defaults to ``current_user`` in both tables: a participant a coach adds is
  theirs, and the audit trail names who made each change; a coach can only add audit events in
  their own name (policy ``coach_add``), and audit events are never changed or removed by anyone.
Shared tables (resources, settings, claim batches, STAR and measure templates, price lists,
holidays) carry no personal data and stay readable by every coach; see the privileges above.

A table added later that belongs to a participant needs the same two policies in its own
revision: tests/unit/services/team/test_row_security.py walks the models' foreign keys and fails
while one has none. This revision never imports app code; the lists below are the schema's.

Revision ID: 0018_team_coaches
Revises: 0017_server_search
Create Date: 2026-12-03 07:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_team_coaches"
down_revision = "0017_server_search"
branch_labels = None
depends_on = None

COACH_GROUP = "recoverydesk_coach"
LEAD_GROUP = "recoverydesk_lead"

# Tables holding participant_id (NOT NULL, a foreign key to participants).
BY_PARTICIPANT = (
    "chime_agreed_stories", "chime_tags", "chime_turning_points", "claim_lines", "contacts",
    "goal_drafts", "goals", "invoices", "measure_readings", "ndis_plan_goals",
    "participant_funding", "plan_budgets", "plan_versions", "referrals", "review_drafts",
    "service_agreements", "session_drafts", "session_frequencies", "sessions", "star_readings",
    "strengths", "wrap_plans", "wrap_versions",
)
# Tables reaching a participant through a parent row: table -> (parent table, its column).
BY_PARENT = {
    "action_steps": ("goals", "goal_id"),
    "agreement_items": ("service_agreements", "agreement_id"),
    "funding_periods": ("plan_budgets", "budget_id"),
    "goal_domains": ("goals", "goal_id"),
    "goal_status_changes": ("goals", "goal_id"),
    "invoice_lines": ("invoices", "invoice_id"),
    "progress_notes": ("goals", "goal_id"),
    "referral_status_changes": ("referrals", "referral_id"),
    "session_goals": ("goals", "goal_id"),  # (a coach has far fewer goals than sessions)
    "star_scores": ("star_readings", "reading_id"),
    "wrap_items": ("wrap_plans", "plan_id"),
    "wrap_supporters": ("wrap_plans", "plan_id"),
}
# Shared tables a coach may read and add to; changing or removing rows is the lead's.
LEAD_CHANGES = ("price_lists", "price_items", "holiday_lists", "public_holidays")


def upgrade() -> None:
    op.create_table(
        "coaches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=63), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coaches")),
        sa.UniqueConstraint("role", name=op.f("uq_coaches_role")),
    )
    op.add_column("participants", sa.Column("coach_role", sa.String(length=63), nullable=True))
    op.create_index(op.f("ix_participants_coach_role"), "participants", ["coach_role"])
    op.add_column("audit_events", sa.Column("coach_role", sa.String(length=63), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        _roles_and_privileges()
        _row_security()


def _roles_and_privileges() -> None:
    op.execute(f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{COACH_GROUP}') THEN
        CREATE ROLE {COACH_GROUP} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{LEAD_GROUP}') THEN
        CREATE ROLE {LEAD_GROUP} NOLOGIN;
    END IF;
    IF NOT pg_has_role('{LEAD_GROUP}', '{COACH_GROUP}', 'MEMBER') THEN
        GRANT {COACH_GROUP} TO {LEAD_GROUP};
    END IF;
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       AND NOT pg_has_role(current_user, '{LEAD_GROUP}', 'MEMBER') THEN
        EXECUTE format('GRANT {LEAD_GROUP} TO %I', current_user);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO {COACH_GROUP}', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I '
                   'TO {COACH_GROUP}', current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO {COACH_GROUP}',
                   current_schema());
    EXECUTE format('GRANT UPDATE ON ALL SEQUENCES IN SCHEMA %I TO {LEAD_GROUP}',
                   current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE '
                   'ON TABLES TO {COACH_GROUP}', current_schema());
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES '
                   'TO {COACH_GROUP}', current_schema());
END
$$""")
    op.execute(ADD_LOGIN)
    op.execute(f"REVOKE ALL ON FUNCTION {ADD_LOGIN_SIGNATURE} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {ADD_LOGIN_SIGNATURE} TO {LEAD_GROUP}")
    op.execute(f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {COACH_GROUP}")
    for table in (*LEAD_CHANGES, "coaches"):
        op.execute(f"REVOKE UPDATE, DELETE ON {table} FROM {COACH_GROUP}")
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {LEAD_GROUP}")
    op.execute(f"REVOKE INSERT ON coaches FROM {COACH_GROUP}")


# How a lead adds a coach without holding CREATEROLE themselves (before PostgreSQL 16 that right
# reaches far beyond the practice): this function runs as the database owner who ran this
# revision, only a lead may call it, and it does one thing: make a LOGIN role (a password given
# as a SCRAM verifier, never as text) or take an existing one, and put it in the coach group
# (and the lead group). It reads and changes no table, so it bypasses no row-level security.
ADD_LOGIN_SIGNATURE = "recoverydesk_add_login(text, text, boolean)"
ADD_LOGIN = f"""
CREATE FUNCTION recoverydesk_add_login(login text, verifier text, lead boolean)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    existed boolean;
BEGIN
    IF login !~ '^[a-z][a-z0-9_]{{0,62}}$' OR login LIKE 'pg\\_%' OR login LIKE 'recoverydesk\\_%'
    THEN
        RAISE EXCEPTION 'not a coach''s login name: %', login USING ERRCODE = '22023';
    END IF;
    existed := EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login);
    IF NOT existed THEN
        IF verifier IS NULL OR verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
            RAISE EXCEPTION 'a new login needs a password' USING ERRCODE = '22023';
        END IF;
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, verifier);
    END IF;
    EXECUTE format('GRANT {COACH_GROUP} TO %I', login);
    IF lead THEN
        EXECUTE format('GRANT {LEAD_GROUP} TO %I', login);
    END IF;
    RETURN existed;
END
$$"""


def _row_security() -> None:
    op.execute("ALTER TABLE participants ALTER COLUMN coach_role SET DEFAULT current_user")
    op.execute("ALTER TABLE audit_events ALTER COLUMN coach_role SET DEFAULT current_user")
    _protect("participants", "coach_role = current_user")
    for table in BY_PARTICIPANT:
        _protect(table, _visible("participants", "participant_id", table))
    for table, (parent, column) in BY_PARENT.items():
        _protect(table, _visible(parent, column, table))
    # The audit trail: append-only for everyone; a coach reads what they did and what was done
    # to their participants, and adds events only in their own name.
    visible = _visible("participants", "participant_id", "audit_events")
    _enable("audit_events")
    op.execute(f"CREATE POLICY coach_read ON audit_events FOR SELECT TO {COACH_GROUP} "
               f"USING (coach_role = current_user OR {visible})")
    op.execute(f"CREATE POLICY coach_add ON audit_events FOR INSERT TO {COACH_GROUP} "
               f"WITH CHECK (coach_role = current_user AND (participant_id IS NULL OR {visible}))")
    op.execute(f"CREATE POLICY lead_read ON audit_events FOR SELECT TO {LEAD_GROUP} USING (true)")
    # A lead moving or importing a practice brings its past events, named as they were.
    op.execute(f"CREATE POLICY lead_add ON audit_events FOR INSERT TO {LEAD_GROUP} "
               "WITH CHECK (true)")


def _visible(parent: str, column: str, table: str) -> str:
    # Not EXISTS: row-security quals are never pulled up into joins, so an EXISTS stays a
    # filter over every row of the table (a coach's sessions by participant over 300,000 notes:
    # 1.4 s). The visible parents' ids as one array (an InitPlan, read once per statement) let
    # the planner use the table's index on the link instead (72 ms; one participant's: 1 ms).
    return f"{table}.{column} = ANY (ARRAY(SELECT owner.id FROM {parent} AS owner))"


def _enable(table: str) -> None:
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")


def _protect(table: str, own: str) -> None:
    _enable(table)
    op.execute(f"CREATE POLICY coach_own ON {table} TO {COACH_GROUP} USING ({own})")
    op.execute(f"CREATE POLICY lead_all ON {table} TO {LEAD_GROUP} USING (true) WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("participants", "audit_events", *BY_PARTICIPANT, *BY_PARENT):
            for policy in ("coach_own", "lead_all", "coach_read", "coach_add", "lead_read",
                           "lead_add"):
                op.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"DROP FUNCTION IF EXISTS {ADD_LOGIN_SIGNATURE}")
        # The group roles are the server's, shared by every practice on it: they stay.
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("coach_role")
    op.drop_index(op.f("ix_participants_coach_role"), table_name="participants")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("coach_role")
    op.drop_table("coaches")
