"""CHIME (issue 23): the coach's recovery tags on session notes, goals, steps reached and WRAP
items (a whole item or a quoted passage), turning points on a participant's recovery story, and
measures loaded from a template file (the QPR route: licensed wording the coach loads)

Revision ID: 0014_chime
Revises: 0013_claims
Create Date: 2026-12-03 04:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_chime"
down_revision = "0013_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "measure_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("licence", sa.Text(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_templates")),
        sa.UniqueConstraint("key", name=op.f("uq_measure_templates_key")),
    )
    op.create_table(
        "measure_readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_measure_readings_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["measure_templates.id"],
            name=op.f("fk_measure_readings_template_id_measure_templates"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measure_readings")),
    )
    op.create_index(
        "ix_measure_readings_participant_taken",
        "measure_readings",
        ["participant_id", "taken_on"],
        unique=False,
    )
    op.create_index(
        op.f("ix_measure_readings_template_id"), "measure_readings", ["template_id"], unique=False
    )
    op.create_table(
        "chime_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("step_id", sa.Integer(), nullable=True),
        sa.Column("wrap_item_id", sa.Integer(), nullable=True),
        sa.Column(
            "process",
            sa.Enum(
                "connectedness",
                "hope",
                "identity",
                "meaning",
                "empowerment",
                name="chime_process",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("sub_theme", sa.String(length=60), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("cue", sa.String(length=100), nullable=False),
        sa.Column("accepted_by", sa.String(length=200), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            # PostgreSQL adds no booleans: it counts the targets given with num_nonnulls.
            "num_nonnulls(session_id, goal_id, step_id, wrap_item_id) = 1"
            if op.get_bind().dialect.name == "postgresql"
            else "(session_id IS NOT NULL) + (goal_id IS NOT NULL) + (step_id IS NOT NULL) + (wrap_item_id IS NOT NULL) = 1",
            name=op.f("ck_chime_tags_one_target"),
        ),
        sa.CheckConstraint(
            '(start IS NULL AND "end" IS NULL) OR (start >= 0 AND "end" > start)',
            name=op.f("ck_chime_tags_span_in_order"),
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goals.id"], name=op.f("fk_chime_tags_goal_id_goals"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_chime_tags_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_chime_tags_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["step_id"],
            ["action_steps.id"],
            name=op.f("fk_chime_tags_step_id_action_steps"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["wrap_item_id"],
            ["wrap_items.id"],
            name=op.f("fk_chime_tags_wrap_item_id_wrap_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chime_tags")),
    )
    op.create_index(op.f("ix_chime_tags_goal_id"), "chime_tags", ["goal_id"], unique=False)
    op.create_index(
        "ix_chime_tags_participant_process",
        "chime_tags",
        ["participant_id", "process"],
        unique=False,
    )
    op.create_index(op.f("ix_chime_tags_session_id"), "chime_tags", ["session_id"], unique=False)
    op.create_index(op.f("ix_chime_tags_step_id"), "chime_tags", ["step_id"], unique=False)
    op.create_index(
        op.f("ix_chime_tags_wrap_item_id"), "chime_tags", ["wrap_item_id"], unique=False
    )
    op.create_table(
        "chime_turning_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("marked_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "length(trim(title)) > 0", name=op.f("ck_chime_turning_points_title_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_chime_turning_points_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"],
            ["chime_tags.id"],
            name=op.f("fk_chime_turning_points_tag_id_chime_tags"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chime_turning_points")),
    )
    op.create_index(
        op.f("ix_chime_turning_points_participant_id"),
        "chime_turning_points",
        ["participant_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_chime_turning_points_tag_id"), "chime_turning_points", ["tag_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_chime_turning_points_tag_id"), table_name="chime_turning_points")
    op.drop_index(op.f("ix_chime_turning_points_participant_id"), table_name="chime_turning_points")
    op.drop_table("chime_turning_points")
    op.drop_index(op.f("ix_chime_tags_wrap_item_id"), table_name="chime_tags")
    op.drop_index(op.f("ix_chime_tags_step_id"), table_name="chime_tags")
    op.drop_index(op.f("ix_chime_tags_session_id"), table_name="chime_tags")
    op.drop_index("ix_chime_tags_participant_process", table_name="chime_tags")
    op.drop_index(op.f("ix_chime_tags_goal_id"), table_name="chime_tags")
    op.drop_table("chime_tags")
    op.drop_index(op.f("ix_measure_readings_template_id"), table_name="measure_readings")
    op.drop_index("ix_measure_readings_participant_taken", table_name="measure_readings")
    op.drop_table("measure_readings")
    op.drop_table("measure_templates")
