"""Invoices (issue 19): plan-managed and self-managed participants' claim lines invoiced to the
plan manager or the participant, numbered from the practice's sequence and never renumbered
(voiding keeps the record). A claim line is on at most one live invoice (a partial unique
index); a line on a live invoice is never changed, deleted or put into a bulk claim file, and
only a ready line outside any claim file is invoiced (triggers)

Revision ID: 0015_invoices
Revises: 0014_chime
Create Date: 2026-12-03 04:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_invoices"
down_revision = "0014_chime"
branch_labels = None
depends_on = None

_ON_LIVE_INVOICE = (
    "EXISTS (SELECT 1 FROM invoice_lines WHERE invoice_lines.claim_line_id = OLD.id "
    "AND invoice_lines.live = 1)"
)
TRIGGERS = {
    "claim_lines_invoiced_stays": (
        "CREATE TRIGGER claim_lines_invoiced_stays BEFORE UPDATE OF support_date, "
        "support_number, claim_type, cancellation_reason, quantity_centi, unit_price_cents, "
        f"status, batch_id, participant_id ON claim_lines WHEN {_ON_LIVE_INVOICE} "
        "BEGIN SELECT RAISE(ABORT, 'a line on a live invoice cannot be changed or claimed'); END"
    ),
    "claim_lines_invoiced_kept": (
        f"CREATE TRIGGER claim_lines_invoiced_kept BEFORE DELETE ON claim_lines WHEN "
        f"{_ON_LIVE_INVOICE} "
        "BEGIN SELECT RAISE(ABORT, 'a line on a live invoice cannot be deleted'); END"
    ),
    "invoice_lines_only_ready": (
        "CREATE TRIGGER invoice_lines_only_ready BEFORE INSERT ON invoice_lines "
        "WHEN NEW.live = 1 AND EXISTS (SELECT 1 FROM claim_lines WHERE claim_lines.id = "
        "NEW.claim_line_id AND (claim_lines.status <> 'ready' OR claim_lines.batch_id IS NOT "
        "NULL)) BEGIN SELECT RAISE(ABORT, 'only a ready line outside any claim file can be "
        "invoiced'); END"
    ),
    "invoice_lines_void_stays": (
        "CREATE TRIGGER invoice_lines_void_stays BEFORE UPDATE OF live, invoice_id "
        "ON invoice_lines WHEN (OLD.live = 0 AND NEW.live = 1) "
        "OR NEW.invoice_id IS NOT OLD.invoice_id "
        "BEGIN SELECT RAISE(ABORT, 'a voided invoice stays voided'); END"
    ),
    "invoices_number_stays": (
        "CREATE TRIGGER invoices_number_stays BEFORE UPDATE OF number, sequence ON invoices "
        "WHEN NEW.number IS NOT OLD.number OR NEW.sequence IS NOT OLD.sequence "
        "BEGIN SELECT RAISE(ABORT, 'an invoice number never changes'); END"
    ),
}
_PG_ON_LIVE_INVOICE = (
    "EXISTS (SELECT 1 FROM invoice_lines WHERE invoice_lines.claim_line_id = OLD.id "
    "AND invoice_lines.live)"
)
# The same refusals on PostgreSQL: (name, event, table, condition, message).
PG_REFUSALS = (
    ("claim_lines_invoiced_stays",
     "UPDATE OF support_date, support_number, claim_type, cancellation_reason, "
     "quantity_centi, unit_price_cents, status, batch_id, participant_id", "claim_lines",
     _PG_ON_LIVE_INVOICE, "a line on a live invoice cannot be changed or claimed"),
    # Unless the whole record is going: removing a participant cascades to their invoices and
    # lines, and PostgreSQL may reach the lines before the invoices (SQLite reaches them after).
    ("claim_lines_invoiced_kept", "DELETE", "claim_lines",
     f"{_PG_ON_LIVE_INVOICE} AND EXISTS (SELECT 1 FROM participants "
     "WHERE participants.id = OLD.participant_id)",
     "a line on a live invoice cannot be deleted"),
    ("invoice_lines_only_ready", "INSERT", "invoice_lines",
     "NEW.live AND EXISTS (SELECT 1 FROM claim_lines WHERE claim_lines.id = "
     "NEW.claim_line_id AND (claim_lines.status <> 'ready' OR claim_lines.batch_id IS NOT "
     "NULL))", "only a ready line outside any claim file can be invoiced"),
    ("invoice_lines_void_stays", "UPDATE OF live, invoice_id", "invoice_lines",
     "(NOT OLD.live AND NEW.live) OR NEW.invoice_id IS DISTINCT FROM OLD.invoice_id",
     "a voided invoice stays voided"),
    ("invoices_number_stays", "UPDATE OF number, sequence", "invoices",
     "NEW.number IS DISTINCT FROM OLD.number OR NEW.sequence IS DISTINCT FROM OLD.sequence",
     "an invoice number never changes"),
)

def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _pg_refusal(name: str, event: str, table: str, condition: str, message: str) -> None:
    """The same refusal on PostgreSQL: a PL/pgSQL trigger function raising an integrity error
    (as SQLite's RAISE(ABORT) does) with the same plain words. Subqueries are not allowed in a
    PostgreSQL trigger's WHEN, so the condition is tested in the function."""
    kept = "OLD" if event.startswith("DELETE") else "NEW"
    op.execute(
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF {condition} THEN RAISE EXCEPTION '{message}' "
        "USING ERRCODE = 'integrity_constraint_violation'; END IF; "
        f"RETURN {kept}; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()"
    )


def _drop_pg_refusal(name: str, table: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    op.execute(f"DROP FUNCTION IF EXISTS {name}()")



def upgrade() -> None:
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("addressed_to", sa.String(length=8), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("recipient_email", sa.String(length=200), nullable=False),
        sa.Column("recipient_phone", sa.String(length=40), nullable=False),
        sa.Column("recipient_address", sa.Text(), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("gst_cents", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.CheckConstraint("sequence >= 1", name=op.f("ck_invoices_sequence_positive")),
        sa.CheckConstraint("period_to >= period_from", name=op.f("ck_invoices_period_in_order")),
        sa.CheckConstraint(
            "addressed_to IN ('plan', 'self')", name=op.f("ck_invoices_addressed_to_known")
        ),
        sa.CheckConstraint("total_cents >= 0", name=op.f("ck_invoices_total_not_negative")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_invoices_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
        sa.UniqueConstraint("sequence", name=op.f("uq_invoices_sequence")),
    )
    op.create_index(
        op.f("ix_invoices_participant_id"), "invoices", ["participant_id"], unique=False
    )
    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("claim_line_id", sa.Integer(), nullable=True),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("support_date", sa.Date(), nullable=False),
        sa.Column("support_number", sa.String(length=20), nullable=False),
        sa.Column("claim_type", sa.String(length=4), nullable=False),
        sa.Column("cancellation_reason", sa.String(length=4), nullable=False),
        sa.Column("quantity_centi", sa.Integer(), nullable=False),
        sa.Column("unit_price_cents", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "quantity_centi > 0", name=op.f("ck_invoice_lines_quantity_positive")
        ),
        sa.CheckConstraint("unit_price_cents > 0", name=op.f("ck_invoice_lines_price_positive")),
        sa.ForeignKeyConstraint(
            ["claim_line_id"],
            ["claim_lines.id"],
            name=op.f("fk_invoice_lines_claim_line_id_claim_lines"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoice_lines_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
    )
    op.create_index(
        op.f("ix_invoice_lines_invoice_id"), "invoice_lines", ["invoice_id"], unique=False
    )
    op.create_index(
        op.f("ix_invoice_lines_claim_line_id"), "invoice_lines", ["claim_line_id"], unique=False
    )
    op.create_index(
        "uq_invoice_lines_live_once",
        "invoice_lines",
        ["claim_line_id"],
        unique=True,
        sqlite_where=sa.text("live = 1"),
        postgresql_where=sa.text("live"),
    )
    if _postgresql():
        for refusal in PG_REFUSALS:
            _pg_refusal(*refusal)
        return
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    if _postgresql():
        for name, _event, table, _condition, _message in PG_REFUSALS:
            _drop_pg_refusal(name, table)
    else:
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("uq_invoice_lines_live_once", table_name="invoice_lines")
    op.drop_index(op.f("ix_invoice_lines_claim_line_id"), table_name="invoice_lines")
    op.drop_index(op.f("ix_invoice_lines_invoice_id"), table_name="invoice_lines")
    op.drop_table("invoice_lines")
    op.drop_index(op.f("ix_invoices_participant_id"), table_name="invoices")
    op.drop_table("invoices")
