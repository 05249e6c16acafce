"""What a planner looks for in a review: the participant's NDIS plan goals (a coaching goal may
link to one), and on the review draft the participant's own view, where coach and participant
see things differently, and whether risks were assessed

Revision ID: 0012_planner_review
Revises: 0011_goal_drafts
Create Date: 2026-12-02 17:28:38.501385
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_planner_review"
down_revision = "0011_goal_drafts"
branch_labels = None
depends_on = None

RISKS = ("not_assessed", "none_identified", "see_below")


def upgrade() -> None:
    op.create_table(
        "ndis_plan_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_ndis_plan_goals_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ndis_plan_goals")),
    )
    with op.batch_alter_table("ndis_plan_goals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ndis_plan_goals_participant_id"), ["participant_id"], unique=False
        )

    # A plain ADD COLUMN, no foreign key: adding one means rebuilding "goals" (a batch
    # operation), which breaks the triggers that name it (goal history, search index).
    op.add_column("goals", sa.Column("ndis_goal_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_goals_ndis_goal_id"), "goals", ["ndis_goal_id"], unique=False)

    # Earlier drafts get empty words and "not assessed": nothing is claimed that was not said.
    with op.batch_alter_table("review_drafts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("participant_view", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("different_views", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "risks_assessed",
                sa.Enum(
                    *RISKS,
                    name="risks_assessed",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                nullable=False,
                server_default="not_assessed",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("review_drafts", schema=None) as batch_op:
        batch_op.drop_column("risks_assessed")
        batch_op.drop_column("different_views")
        batch_op.drop_column("participant_view")

    op.drop_index(op.f("ix_goals_ndis_goal_id"), table_name="goals")
    op.drop_column("goals", "ndis_goal_id")

    with op.batch_alter_table("ndis_plan_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ndis_plan_goals_participant_id"))

    op.drop_table("ndis_plan_goals")
