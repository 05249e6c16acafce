"""Goal edit drafts: unsaved goal edits kept across tab, participant, lock and close

Revision ID: 0011_goal_drafts
Revises: 0010_star
Create Date: 2026-11-23 02:51:08.488980
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_goal_drafts"
down_revision = "0010_star"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goal_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goals.id"], name=op.f("fk_goal_drafts_goal_id_goals"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_goal_drafts_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_drafts")),
    )
    with op.batch_alter_table("goal_drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goal_drafts_participant_id"), ["participant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("goal_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_drafts_participant_id"))

    op.drop_table("goal_drafts")
