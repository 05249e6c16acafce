"""Change notices that tell a coach nothing about participants they cannot see (PostgreSQL only).

Revision 0019's notices named the table, the operation and the participant, and LISTEN is not
access-controlled: any coach listening learned which of the other coaches' participants were
being worked on, and when. Now the trigger writes what changed to a log kept under row-level
security, and the notice carries only the number of the transaction that wrote it::

    NOTIFY recoverydesk_changes, '48213'

A window hearing it reads that transaction's entries through its own connection, so row-level
security hands each coach only the entries about their own participants (and the practice-wide
ones); a lead reads all. ``recoverydesk.store.change_notices`` reads them.

- ``change_log.entries`` (a schema of its own: not one of the practice's records, so the models,
  the export and the move never see it): per statement and participant touched, the transaction
  (``tx``), the table, the operation, the participant (null: practice-wide) and the coach the
  participant was assigned to when it changed (``coach_role``; both coaches of a reassignment;
  null: nobody's, or a row whose participant went in the same statement) and whether it is
  practice-wide (``everyone``: a table with no participant). Coaches may only read it: policy
  ``coach_read`` (their own participants' entries and the practice-wide ones), ``lead_read``
  (all). The lead may also read its sequence, as ``pg_dump`` (the team backup) needs. Entries are needed for the moment between the commit and the windows'
  reads; the trigger clears those over an hour old now and then, skipping rows another
  transaction holds, so no coach's save waits for another's clearing.
- ``recoverydesk_notify_change()`` (every table's trigger, revision 0019) is replaced: it runs as
  the practice's owner (SECURITY DEFINER, fixed search_path) to write the log, which no coach
  can write to, and to find each participant's coach whatever the writer may see. Notices of one
  transaction carry the same number, so PostgreSQL sends one per transaction.
- The participants' UPDATE trigger also hands over the rows as they were (``OLD TABLE``), so
  the coach a participant was taken from hears it too.

Also (unrelated to notices, found beside them): revision 0018 let a lead move every
sequence (a move or an import sets them past the copied ids) but only the sequences there were
then; tables of later revisions got none, so a lead's move failed at the first new table
("permission denied for sequence ..."). Sequences made from here on by the owner give the lead
that right too (default privileges).

Revision ID: 0021_private_notices
Revises: 0020_team_numbers
Create Date: 2026-12-03 10:20:00
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0021_private_notices"
down_revision = "0020_team_numbers"
branch_labels = None
depends_on = None

COACH_GROUP = "recoverydesk_coach"
LEAD_GROUP = "recoverydesk_lead"
RETENTION = "1 hour"

_FUNCTION = f"""
CREATE OR REPLACE FUNCTION recoverydesk_notify_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    link text := coalesce(TG_ARGV[0], '');
    changed text := CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
    tx bigint := pg_current_xact_id()::text::bigint;
    query text;
    written bigint;
BEGIN
    IF link = '' THEN  -- practice-wide: nobody's
        query := format('SELECT NULL::bigint, NULL::text, true FROM %I LIMIT 1', changed);
    ELSIF TG_TABLE_NAME = 'participants' THEN  -- their coach now (and before, if reassigned)
        query := format('SELECT r.id, r.coach_role, false FROM %I r', changed);
        IF TG_OP = 'UPDATE' THEN
            query := query || ' UNION SELECT r.id, r.coach_role, false FROM old_rows r';
        END IF;
    ELSIF position(':' IN link) = 0 THEN
        query := format('SELECT DISTINCT r.%I, p.coach_role, false FROM %I r '
                        'LEFT JOIN participants p ON p.id = r.%I', link, changed, link);
    ELSE
        query := format('SELECT DISTINCT o.participant_id, p.coach_role, false FROM %I r '
                        'LEFT JOIN %I o ON o.id = r.%I '
                        'LEFT JOIN participants p ON p.id = o.participant_id',
                        changed, split_part(link, ':', 2), split_part(link, ':', 1));
    END IF;
    EXECUTE format('INSERT INTO change_log.entries (tx, table_name, op, participant_id, '
                   'coach_role, everyone) SELECT $1, $2, $3, c.* FROM (%s) c', query)
        USING tx, TG_TABLE_NAME, lower(TG_OP);
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written > 0 THEN
        PERFORM pg_notify('recoverydesk_changes', tx::text);
    END IF;
    IF random() < 0.02 THEN
        DELETE FROM change_log.entries WHERE id IN (
            SELECT id FROM change_log.entries WHERE at < now() - interval '{RETENTION}'
            LIMIT 1000 FOR UPDATE SKIP LOCKED);
    END IF;
    RETURN NULL;
END
$$
"""

_LOG = f"""
CREATE SCHEMA change_log;
CREATE TABLE change_log.entries (
    id bigserial PRIMARY KEY,
    tx bigint NOT NULL,
    table_name varchar(63) NOT NULL,
    op varchar(6) NOT NULL,
    participant_id bigint,
    coach_role varchar(63),
    everyone boolean NOT NULL DEFAULT false,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entries_tx ON change_log.entries (tx);
ALTER TABLE change_log.entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY coach_read ON change_log.entries FOR SELECT TO {COACH_GROUP}
    USING (coach_role = current_user OR everyone);
CREATE POLICY lead_read ON change_log.entries FOR SELECT TO {LEAD_GROUP} USING (true);
GRANT USAGE ON SCHEMA change_log TO {COACH_GROUP};
GRANT SELECT ON change_log.entries TO {COACH_GROUP};
GRANT SELECT ON SEQUENCE change_log.entries_id_seq TO {LEAD_GROUP};
"""

_UPDATE_TRIGGER = "recoverydesk_participants_update_notice"


def _participants_update_trigger(transitions: str) -> None:
    op.execute(f"DROP TRIGGER {_UPDATE_TRIGGER} ON participants")
    op.execute(f"CREATE TRIGGER {_UPDATE_TRIGGER} AFTER UPDATE ON participants "
               f"REFERENCING {transitions} FOR EACH STATEMENT "
               "EXECUTE FUNCTION recoverydesk_notify_change('id')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_LOG)
    op.execute(_FUNCTION)
    # As the owner, whatever the caller's search_path (SECURITY DEFINER's rule).
    op.execute("DO $$ BEGIN EXECUTE format('ALTER FUNCTION recoverydesk_notify_change() "
               "SET search_path = %I, pg_temp', current_schema()); END $$")
    _participants_update_trigger("OLD TABLE AS old_rows NEW TABLE AS new_rows")
    op.execute(f"DO $$ BEGIN EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT UPDATE "
               f"ON SEQUENCES TO {LEAD_GROUP}', current_schema()); END $$")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DO $$ BEGIN EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I REVOKE UPDATE "
               f"ON SEQUENCES FROM {LEAD_GROUP}', current_schema()); END $$")
    _participants_update_trigger("NEW TABLE AS new_rows")
    # Revision 0019's function as it was (read from its file: one text, not two copies).
    path = Path(__file__).with_name("0019_record_versions.py")
    spec = importlib.util.spec_from_file_location("revision_0019", path)
    revision_0019 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(revision_0019)
    # CREATE OR REPLACE sets every property anew: SECURITY INVOKER, no search_path.
    op.execute(revision_0019._FUNCTION)
    op.execute("DROP SCHEMA change_log CASCADE")
