"""NDIS funding and claims (issue 19): how each plan is managed, service agreements (with
their history and agreed items), plan budgets and funding periods, dated price lists and public
holiday lists, claim lines drawn from sessions and the batches they are claimed in. A line claimed
once can never be claimed again: one claimed line per source (a partial unique index), and a
claimed line never goes back to ready (a trigger)

Revision ID: 0013_claims
Revises: 0012_planner_review
Create Date: 2026-12-03 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_claims"
down_revision = "0012_planner_review"
branch_labels = None
depends_on = None

# A claimed line may become rejected (the portal said no) but never ready again, nor move to
# another batch: claiming it twice would need exactly that.
CLAIMED_STAYS = (
    "CREATE TRIGGER claim_lines_claimed_stays BEFORE UPDATE OF status, batch_id, source_key "
    "ON claim_lines WHEN OLD.status = 'claimed' AND (NEW.status NOT IN ('claimed', 'rejected') "
    "OR NEW.batch_id IS NOT OLD.batch_id OR NEW.source_key IS NOT OLD.source_key) "
    "BEGIN SELECT RAISE(ABORT, 'a claimed line cannot be claimed again'); END"
)
PG_CLAIMED_STAYS = (
    "claim_lines_claimed_stays", "UPDATE OF status, batch_id, source_key", "claim_lines",
    "OLD.status = 'claimed' AND (NEW.status NOT IN ('claimed', 'rejected') "
    "OR NEW.batch_id IS DISTINCT FROM OLD.batch_id "
    "OR NEW.source_key IS DISTINCT FROM OLD.source_key)",
    "a claimed line cannot be claimed again",
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
        "claim_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("file_names", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_batches")),
    )
    op.create_table(
        "holiday_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("covers_from", sa.Date(), nullable=False),
        sa.Column("covers_to", sa.Date(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "covers_to >= covers_from", name=op.f("ck_holiday_lists_covers_in_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holiday_lists")),
    )
    op.create_index(op.f("ix_holiday_lists_state"), "holiday_lists", ["state"], unique=False)
    op.create_table(
        "price_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("caution", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_lists")),
        sa.UniqueConstraint("effective_from", "name", name="uq_price_lists_effective_name"),
    )
    op.create_index(
        op.f("ix_price_lists_effective_from"), "price_lists", ["effective_from"], unique=False
    )
    op.create_table(
        "participant_funding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column(
            "management",
            sa.Enum(
                "ndia",
                "plan",
                "self",
                name="plan_management",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("manager_name", sa.String(length=200), nullable=False),
        sa.Column("manager_email", sa.String(length=200), nullable=False),
        sa.Column("manager_phone", sa.String(length=40), nullable=False),
        sa.Column("manager_address", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=3), nullable=False),
        sa.Column("mmm_zone", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "mmm_zone IS NULL OR mmm_zone BETWEEN 1 AND 7",
            name=op.f("ck_participant_funding_mmm_zone_range"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_participant_funding_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant_funding")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_participant_funding_participant_id")),
    )
    op.create_table(
        "plan_budgets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("plan_start", sa.Date(), nullable=False),
        sa.Column("plan_end", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount_cents >= 0", name=op.f("ck_plan_budgets_amount_not_negative")),
        sa.CheckConstraint(
            "plan_end >= plan_start", name=op.f("ck_plan_budgets_plan_end_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_plan_budgets_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_budgets")),
    )
    op.create_index(
        op.f("ix_plan_budgets_participant_id"), "plan_budgets", ["participant_id"], unique=False
    )
    op.create_table(
        "price_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("price_list_id", sa.Integer(), nullable=False),
        sa.Column("support_number", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=4), nullable=False),
        sa.Column("band", sa.String(length=20), nullable=False),
        sa.Column("price_limit_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint("price_limit_cents > 0", name=op.f("ck_price_items_price_positive")),
        sa.ForeignKeyConstraint(
            ["price_list_id"],
            ["price_lists.id"],
            name=op.f("fk_price_items_price_list_id_price_lists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_items")),
        sa.UniqueConstraint("price_list_id", "support_number", name="uq_price_items_item"),
    )
    op.create_index(
        op.f("ix_price_items_price_list_id"), "price_items", ["price_list_id"], unique=False
    )
    op.create_table(
        "public_holidays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holiday_list_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["holiday_list_id"],
            ["holiday_lists.id"],
            name=op.f("fk_public_holidays_holiday_list_id_holiday_lists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_holidays")),
        sa.UniqueConstraint("holiday_list_id", "day", name="uq_public_holidays_day"),
    )
    op.create_index(
        op.f("ix_public_holidays_holiday_list_id"),
        "public_holidays",
        ["holiday_list_id"],
        unique=False,
    )
    op.create_table(
        "service_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("nf2f_agreed", sa.Boolean(), nullable=False),
        sa.Column("cancellation_percent", sa.Integer(), nullable=False),
        sa.Column("cancellation_terms", sa.Text(), nullable=False),
        sa.Column("travel_time_agreed", sa.Boolean(), nullable=False),
        sa.Column("travel_km_agreed", sa.Boolean(), nullable=False),
        sa.Column("travel_cap_minutes", sa.Integer(), nullable=True),
        sa.Column("travel_terms", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "cancellation_percent BETWEEN 0 AND 100",
            name=op.f("ck_service_agreements_cancellation_percent_range"),
        ),
        sa.CheckConstraint(
            "ends_on >= starts_on", name=op.f("ck_service_agreements_ends_after_start")
        ),
        sa.CheckConstraint(
            "travel_cap_minutes IS NULL OR travel_cap_minutes BETWEEN 0 AND 240",
            name=op.f("ck_service_agreements_travel_cap_range"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_service_agreements_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_agreements")),
        sa.UniqueConstraint("participant_id", "version", name="uq_service_agreements_version"),
    )
    op.create_index(
        op.f("ix_service_agreements_participant_id"),
        "service_agreements",
        ["participant_id"],
        unique=False,
    )
    op.create_table(
        "agreement_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("support_number", sa.String(length=20), nullable=False),
        sa.Column("rate_cents", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "rate_cents IS NULL OR rate_cents > 0", name=op.f("ck_agreement_items_rate_positive")
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["service_agreements.id"],
            name=op.f("fk_agreement_items_agreement_id_service_agreements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_items")),
        sa.UniqueConstraint("agreement_id", "support_number", name="uq_agreement_items_item"),
    )
    op.create_index(
        op.f("ix_agreement_items_agreement_id"), "agreement_items", ["agreement_id"], unique=False
    )
    op.create_table(
        "claim_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("source_key", sa.String(length=40), nullable=False),
        sa.Column("support_date", sa.Date(), nullable=False),
        sa.Column("support_number", sa.String(length=20), nullable=False),
        sa.Column("claim_type", sa.String(length=4), nullable=False),
        sa.Column("cancellation_reason", sa.String(length=4), nullable=False),
        sa.Column("quantity_centi", sa.Integer(), nullable=False),
        sa.Column("unit_price_cents", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "ready",
                "claimed",
                "rejected",
                name="claim_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("edit_reason", sa.Text(), nullable=False),
        sa.Column("rejection_reason", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(claim_type = 'CANC') = (cancellation_reason <> '')",
            name=op.f("ck_claim_lines_reason_only_for_canc"),
        ),
        sa.CheckConstraint(
            "status <> 'claimed' OR batch_id IS NOT NULL",
            name=op.f("ck_claim_lines_claimed_in_a_batch"),
        ),
        sa.CheckConstraint("quantity_centi > 0", name=op.f("ck_claim_lines_quantity_positive")),
        sa.CheckConstraint("unit_price_cents > 0", name=op.f("ck_claim_lines_price_positive")),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["claim_batches.id"],
            name=op.f("fk_claim_lines_batch_id_claim_batches"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_claim_lines_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_claim_lines_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_lines")),
    )
    op.create_index(op.f("ix_claim_lines_batch_id"), "claim_lines", ["batch_id"], unique=False)
    op.create_index(
        "ix_claim_lines_participant_date",
        "claim_lines",
        ["participant_id", "support_date"],
        unique=False,
    )
    op.create_index(op.f("ix_claim_lines_session_id"), "claim_lines", ["session_id"], unique=False)
    op.create_index(op.f("ix_claim_lines_source_key"), "claim_lines", ["source_key"], unique=False)
    op.create_index(
        "uq_claim_lines_claimed_once",
        "claim_lines",
        ["source_key"],
        unique=True,
        sqlite_where=sa.text("status = 'claimed'"),
        postgresql_where=sa.text("status = 'claimed'"),
    )
    op.create_table(
        "funding_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("released_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "ends_on >= starts_on", name=op.f("ck_funding_periods_ends_after_start")
        ),
        sa.CheckConstraint(
            "released_cents >= 0", name=op.f("ck_funding_periods_released_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["plan_budgets.id"],
            name=op.f("fk_funding_periods_budget_id_plan_budgets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_periods")),
    )
    op.create_index(
        op.f("ix_funding_periods_budget_id"), "funding_periods", ["budget_id"], unique=False
    )
    if _postgresql():
        _pg_refusal(*PG_CLAIMED_STAYS)
    else:
        op.execute(CLAIMED_STAYS)


def downgrade() -> None:
    if _postgresql():
        _drop_pg_refusal("claim_lines_claimed_stays", "claim_lines")
    else:
        op.execute("DROP TRIGGER IF EXISTS claim_lines_claimed_stays")
    op.drop_index(op.f("ix_funding_periods_budget_id"), table_name="funding_periods")
    op.drop_table("funding_periods")
    op.drop_index(
        "uq_claim_lines_claimed_once",
        table_name="claim_lines",
        sqlite_where=sa.text("status = 'claimed'"),
        postgresql_where=sa.text("status = 'claimed'"),
    )
    op.drop_index(op.f("ix_claim_lines_source_key"), table_name="claim_lines")
    op.drop_index(op.f("ix_claim_lines_session_id"), table_name="claim_lines")
    op.drop_index("ix_claim_lines_participant_date", table_name="claim_lines")
    op.drop_index(op.f("ix_claim_lines_batch_id"), table_name="claim_lines")
    op.drop_table("claim_lines")
    op.drop_index(op.f("ix_agreement_items_agreement_id"), table_name="agreement_items")
    op.drop_table("agreement_items")
    op.drop_index(op.f("ix_service_agreements_participant_id"), table_name="service_agreements")
    op.drop_table("service_agreements")
    op.drop_index(op.f("ix_public_holidays_holiday_list_id"), table_name="public_holidays")
    op.drop_table("public_holidays")
    op.drop_index(op.f("ix_price_items_price_list_id"), table_name="price_items")
    op.drop_table("price_items")
    op.drop_index(op.f("ix_plan_budgets_participant_id"), table_name="plan_budgets")
    op.drop_table("plan_budgets")
    op.drop_table("participant_funding")
    op.drop_index(op.f("ix_price_lists_effective_from"), table_name="price_lists")
    op.drop_table("price_lists")
    op.drop_index(op.f("ix_holiday_lists_state"), table_name="holiday_lists")
    op.drop_table("holiday_lists")
    op.drop_table("claim_batches")
