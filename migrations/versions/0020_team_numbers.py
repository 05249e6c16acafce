"""What a coach must know about the whole practice without seeing it, and the lead's switch for a coach who leaves (issue 20 item 3, follow-ups).

Row-level security (revision 0018) keeps a coach to their own participants, so a coach cannot
count what the practice has: the highest invoice number, whether an NDIS number is someone
else's. Three functions answer exactly that, SECURITY DEFINER as the database's owner (a lead,
so every row counts), each returning no more than the question asks and touching no table
beyond the one it names. PostgreSQL only: a practice file has one coach, who sees everything.

- ``recoverydesk_last_invoice_sequence()`` -> integer: takes the practice's invoice-numbering
  lock (a transaction-level advisory lock, held until the caller's transaction ends) and returns
  the highest sequence any invoice in the practice has had (voided ones keep theirs; 0: none).
  Two coaches issuing at the same moment take turns, and the second counts the first's invoice.
  Every coach may call it.
- ``recoverydesk_ndis_taken(ndis, own_id)`` -> boolean: whether another participant of the
  practice (not ``own_id``) has this NDIS number, under a lock on that number (held until the
  caller's transaction ends, so two coaches adding the same number take turns). It says nothing
  of whose. Every coach may call it (the unique constraint would tell them as much).
- ``recoverydesk_set_coach_active(login, active)``: a lead deactivates a coach of this practice
  (``coaches.active`` false, the login NOLOGIN and out of the coach and lead groups, so a
  connection they still hold reads nothing more) or takes them back (LOGIN, the groups as
  ``coaches.lead`` says). Refuses a login that is not in ``coaches``, the database's owner, a
  superuser, and deactivating the practice's last active lead (the leads' rows locked first, so
  two leads deactivating each other cannot both succeed). The server's logins and groups belong
  to the whole server: a login that is also a coach in another practice on it is shut out of
  both. Only leads may call it; it touches no table beyond ``coaches``.

Revision ID: 0020_team_numbers
Revises: 0019_record_versions
Create Date: 2026-12-03 08:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0020_team_numbers"
down_revision = "0019_record_versions"
branch_labels = None
depends_on = None

COACH_GROUP = "recoverydesk_coach"
LEAD_GROUP = "recoverydesk_lead"
_HEADER = ("LANGUAGE plpgsql VOLATILE SECURITY DEFINER "
           "SET search_path = pg_catalog, {schema}, pg_temp")

LAST_INVOICE = "recoverydesk_last_invoice_sequence()"
NDIS_TAKEN = "recoverydesk_ndis_taken(text, integer)"
SET_ACTIVE = "recoverydesk_set_coach_active(text, boolean)"

_LAST_INVOICE = """
CREATE FUNCTION recoverydesk_last_invoice_sequence() RETURNS integer {header} AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('recoverydesk.invoice_numbers'), 0);
    RETURN coalesce((SELECT max(sequence) FROM invoices), 0);
END
$$"""

_NDIS_TAKEN = """
CREATE FUNCTION recoverydesk_ndis_taken(ndis text, own_id integer) RETURNS boolean {header} AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('recoverydesk.ndis_numbers'), hashtext(ndis));
    RETURN EXISTS (SELECT 1 FROM participants
                   WHERE ndis_number = ndis AND id IS DISTINCT FROM own_id);
END
$$"""

_SET_ACTIVE = f"""
CREATE FUNCTION recoverydesk_set_coach_active(login text, make_active boolean)
RETURNS void {{header}} AS $$
DECLARE
    was_lead boolean;
BEGIN
    PERFORM 1 FROM coaches WHERE coaches.lead AND coaches.active FOR UPDATE;
    SELECT coaches.lead INTO was_lead FROM coaches WHERE coaches.role = login FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not one of this practice''s coaches.', login
            USING ERRCODE = 'P0001';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND rolsuper)
       OR login = (SELECT pg_get_userbyid(datdba) FROM pg_database
                   WHERE datname = current_database()) THEN
        RAISE EXCEPTION '% owns the practice''s database (or the server): that login cannot '
                        'be deactivated here.', login USING ERRCODE = 'P0001';
    END IF;
    IF NOT make_active AND was_lead AND NOT EXISTS (
            SELECT 1 FROM coaches WHERE coaches.lead AND coaches.active
                                        AND coaches.role <> login) THEN
        RAISE EXCEPTION '% is the practice''s last lead: add another lead before deactivating '
                        'them.', login USING ERRCODE = 'P0001';
    END IF;
    UPDATE coaches SET active = make_active WHERE coaches.role = login;
    IF make_active THEN
        EXECUTE format('ALTER ROLE %I LOGIN', login);
        EXECUTE format('GRANT {COACH_GROUP} TO %I', login);
        IF was_lead THEN
            EXECUTE format('GRANT {LEAD_GROUP} TO %I', login);
        END IF;
    ELSE
        EXECUTE format('ALTER ROLE %I NOLOGIN', login);
        IF pg_has_role(login, '{LEAD_GROUP}', 'USAGE') THEN
            EXECUTE format('REVOKE {LEAD_GROUP} FROM %I', login);
        END IF;
        EXECUTE format('REVOKE {COACH_GROUP} FROM %I', login);
    END IF;
END
$$"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # a practice file has one coach, who sees the whole practice
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one()
    header = _HEADER.format(schema=_quoted(schema))
    for body, signature, callers in (
            (_LAST_INVOICE, LAST_INVOICE, COACH_GROUP),
            (_NDIS_TAKEN, NDIS_TAKEN, COACH_GROUP),
            (_SET_ACTIVE, SET_ACTIVE, LEAD_GROUP)):
        op.execute(body.format(header=header))
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {callers}")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for signature in (SET_ACTIVE, NDIS_TAKEN, LAST_INVOICE):
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
