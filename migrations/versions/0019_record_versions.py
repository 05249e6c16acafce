"""Version counters on editable records, so two coaches never overwrite each other silently, and the change notices other windows listen for.

1. Both databases: a ``version`` column (NOT NULL, 1 for every existing row) on the records a
   coach edits in a form: participants, strengths, contacts, goals, action_steps, wrap_items,
   resources, referrals. The ORM counts it up on every write (``version_id_col``, see
   models/versioned.py) and a write over a version that moved touches nothing.

   Left without one: the append-only records (goal_status_changes, progress_notes,
   star_readings/star_scores, measure_readings, referral_status_changes, audit_events,
   plan_versions, wrap_versions, chime agreed stories), the drafts (one coach's unsaved work),
   sessions (the issue keeps session notes append-only) and the practice-wide lists.

2. PostgreSQL only: after every INSERT, UPDATE or DELETE statement on a participant's records or
   on a practice-wide table, a notice on the channel ``recoverydesk_changes`` (one per
   participant touched by the statement, or one with no participant for a practice-wide table).
   The payload is JSON, at most a few dozen bytes, with NO names and NO health text::

       {"table": "goals", "op": "update", "participant_id": 12}
       {"table": "resources", "op": "insert", "participant_id": null}

   ``table`` is the table's name, ``op`` one of insert/update/delete, ``participant_id`` the
   participant whose records changed (null: practice-wide, or a row whose parent was deleted
   in the same statement). The same description, the channel's name and a parser live in
   ``recoverydesk.store.change_notices`` (CHANNEL, parse) for the window's listener.

   Statement-level triggers with transition tables, so copying a million session notes costs
   one trigger call per statement (PostgreSQL also folds identical notices in a transaction),
   and notices are sent only when the transaction commits. A table a later revision adds gets
   the same trigger by calling ``_notify_on(table, link)`` as below (copy the three lines).

Revision ID: 0019_record_versions
Revises: 0018_team_coaches
Create Date: 2026-12-03 07:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_record_versions"
down_revision = "0018_team_coaches"
branch_labels = None
depends_on = None

VERSIONED = (
    "participants",
    "strengths",
    "contacts",
    "goals",
    "action_steps",
    "wrap_items",
    "resources",
    "referrals",
)

# How a row names its participant: its own column, "<column>:<parent table>" (the parent's
# participant_id), or "" for a practice-wide table. Drafts (one coach's unsaved work) and the
# audit trail (written beside every change, so already announced) send nothing.
NOTIFIED = {
    "participants": "id",
    "strengths": "participant_id",
    "contacts": "participant_id",
    "ndis_plan_goals": "participant_id",
    "goals": "participant_id",
    "goal_domains": "goal_id:goals",
    "goal_status_changes": "goal_id:goals",
    "progress_notes": "goal_id:goals",
    "action_steps": "goal_id:goals",
    "sessions": "participant_id",
    "session_goals": "session_id:sessions",
    "session_frequencies": "participant_id",
    "star_readings": "participant_id",
    "star_scores": "reading_id:star_readings",
    "measure_readings": "participant_id",
    "wrap_plans": "participant_id",
    "wrap_items": "plan_id:wrap_plans",
    "wrap_supporters": "plan_id:wrap_plans",
    "wrap_versions": "participant_id",
    "plan_versions": "participant_id",
    "referrals": "participant_id",
    "referral_status_changes": "referral_id:referrals",
    "chime_tags": "participant_id",
    "chime_turning_points": "participant_id",
    "chime_agreed_stories": "participant_id",
    "service_agreements": "participant_id",
    "agreement_items": "agreement_id:service_agreements",
    "plan_budgets": "participant_id",
    "funding_periods": "budget_id:plan_budgets",
    "participant_funding": "participant_id",
    "claim_lines": "participant_id",
    "invoices": "participant_id",
    "invoice_lines": "invoice_id:invoices",
    "resources": "",
    "star_templates": "",
    "star_template_versions": "",
    "measure_templates": "",
    "claim_batches": "",
    "price_lists": "",
    "price_items": "",
    "holiday_lists": "",
    "public_holidays": "",
    "practice_settings": "",
    "coaches": "",  # the team (revision 0018): who may sign in, who leads
}

_FUNCTION = """
CREATE OR REPLACE FUNCTION recoverydesk_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    link text := coalesce(TG_ARGV[0], '');
    changed text := CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
    query text;
    any_row boolean;
    pid bigint;
BEGIN
    IF link = '' THEN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', changed) INTO any_row;
        IF any_row THEN
            PERFORM pg_notify('recoverydesk_changes', json_build_object(
                'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'participant_id', NULL)::text);
        END IF;
        RETURN NULL;
    END IF;
    IF position(':' IN link) = 0 THEN
        query := format('SELECT DISTINCT r.%I FROM %I r', link, changed);
    ELSE
        query := format(
            'SELECT DISTINCT p.participant_id FROM %I r LEFT JOIN %I p ON p.id = r.%I',
            changed, split_part(link, ':', 2), split_part(link, ':', 1));
    END IF;
    FOR pid IN EXECUTE query LOOP
        PERFORM pg_notify('recoverydesk_changes', json_build_object(
            'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'participant_id', pid)::text);
    END LOOP;
    RETURN NULL;
END
$$
"""

_EVENTS = {"insert": "NEW TABLE AS new_rows", "update": "NEW TABLE AS new_rows",
           "delete": "OLD TABLE AS old_rows"}


def _trigger(table: str, event: str) -> str:
    return f"recoverydesk_{table}_{event}_notice"


def _notify_on(table: str, link: str) -> None:
    for event, transition in _EVENTS.items():
        op.execute(
            f"CREATE TRIGGER {_trigger(table, event)} AFTER {event.upper()} ON {table} "
            f"REFERENCING {transition} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION recoverydesk_notify_change('{link}')"
        )


def upgrade() -> None:
    for table in VERSIONED:
        # Not in a batch: adding a column with a default needs no copy of the table (and the
        # goals table has triggers a copy would drop).
        op.add_column(
            table, sa.Column("version", sa.Integer(), server_default="1", nullable=False)
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_FUNCTION)
        for table, link in NOTIFIED.items():
            _notify_on(table, link)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFIED:
            for event in _EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {_trigger(table, event)} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS recoverydesk_notify_change()")
    for table in reversed(VERSIONED):
        op.drop_column(table, "version")
