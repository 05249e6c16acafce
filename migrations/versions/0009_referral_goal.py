"""referrals link to goals

Revision ID: 0009_referral_goal
Revises: 0008_session_goals
Create Date: 2026-11-23 02:30:53.600255
"""

from __future__ import annotations

from alembic import op

revision = "0009_referral_goal"
down_revision = "0008_session_goals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A referral made before goals existed may carry a number that matches no goal: clear it,
    # so the new foreign key holds.
    op.execute(
        "UPDATE referrals SET goal_id = NULL "
        "WHERE goal_id IS NOT NULL AND goal_id NOT IN (SELECT id FROM goals)"
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_referrals_goal_id_goals"),
            "goals",
            ["goal_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_referrals_goal_id_goals"), type_="foreignkey")
