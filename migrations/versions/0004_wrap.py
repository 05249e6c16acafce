"""WRAP plans, items, supporters and reviewed versions

Revision ID: 0004_wrap
Revises: 0003_network
Create Date: 2026-11-23 02:23:32.721486
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_wrap"
down_revision = "0003_network"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wrap_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("last_reviewed", sa.Date(), nullable=True),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "next_review IS NULL OR last_reviewed IS NULL OR next_review >= last_reviewed",
            name=op.f("ck_wrap_plans_next_review_after_last"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_wrap_plans_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wrap_plans")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_wrap_plans_participant_id")),
    )
    op.create_table(
        "wrap_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_wrap_versions_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wrap_versions")),
    )
    with op.batch_alter_table("wrap_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wrap_versions_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "wrap_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_wrap_items_text_not_blank")),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["wrap_plans.id"],
            name=op.f("fk_wrap_items_plan_id_wrap_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wrap_items")),
    )
    with op.batch_alter_table("wrap_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_wrap_items_plan_part_position", ["plan_id", "part", "position"], unique=False
        )

    op.create_table(
        "wrap_supporters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("wanted", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "contact_id IS NOT NULL OR length(trim(name)) > 0",
            name=op.f("ck_wrap_supporters_contact_or_name"),
        ),
        sa.CheckConstraint(
            "NOT wanted OR contact_id IS NOT NULL" if _postgresql()
            else "wanted = 0 OR contact_id IS NOT NULL",
            name=op.f("ck_wrap_supporters_supporter_is_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_wrap_supporters_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["wrap_plans.id"],
            name=op.f("fk_wrap_supporters_plan_id_wrap_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wrap_supporters")),
        sa.UniqueConstraint("plan_id", "contact_id", name="uq_wrap_supporters_plan_contact"),
    )
    with op.batch_alter_table("wrap_supporters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wrap_supporters_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_wrap_supporters_plan_id"), ["plan_id"], unique=False)

    # A reviewed version is a record of what was agreed: the database refuses to change it.
    if _postgresql():
        op.execute(
            "CREATE FUNCTION wrap_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'a reviewed WRAP version never changes' "
            "USING ERRCODE = 'integrity_constraint_violation'; END $$"
        )
        op.execute(
            "CREATE TRIGGER wrap_versions_immutable BEFORE UPDATE ON wrap_versions "
            "FOR EACH ROW EXECUTE FUNCTION wrap_versions_immutable()"
        )
        return
    op.execute(
        "CREATE TRIGGER wrap_versions_immutable BEFORE UPDATE ON wrap_versions "
        "BEGIN SELECT RAISE(ABORT, 'a reviewed WRAP version never changes'); END"
    )


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def downgrade() -> None:
    if _postgresql():
        op.execute("DROP TRIGGER IF EXISTS wrap_versions_immutable ON wrap_versions")
        op.execute("DROP FUNCTION IF EXISTS wrap_versions_immutable()")
    else:
        op.execute("DROP TRIGGER IF EXISTS wrap_versions_immutable")
    with op.batch_alter_table("wrap_supporters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wrap_supporters_plan_id"))
        batch_op.drop_index(batch_op.f("ix_wrap_supporters_contact_id"))

    op.drop_table("wrap_supporters")
    with op.batch_alter_table("wrap_items", schema=None) as batch_op:
        batch_op.drop_index("ix_wrap_items_plan_part_position")

    op.drop_table("wrap_items")
    with op.batch_alter_table("wrap_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wrap_versions_participant_id"))

    op.drop_table("wrap_versions")
    op.drop_table("wrap_plans")
