"""Agreed recovery stories (issue 23 item 4): the moments a participant chose for each CHIME
process, kept with their words and dates as agreed, what they want to say in their own words,
the day agreed and the name they typed. Agreeing again adds a row; none is ever changed

Revision ID: 0016_agreed_stories
Revises: 0015_invoices
Create Date: 2026-12-03 05:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_agreed_stories"
down_revision = "0015_invoices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chime_agreed_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("excerpts", sa.Text(), nullable=False),
        sa.Column("own_words", sa.Text(), nullable=False),
        sa.Column("typed_name", sa.String(length=200), nullable=False),
        sa.Column("agreed_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_chime_agreed_stories_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chime_agreed_stories")),
    )
    op.create_index(
        "ix_chime_agreed_stories_participant_agreed",
        "chime_agreed_stories",
        ["participant_id", "agreed_on"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_chime_agreed_stories_participant_agreed",
                  table_name="chime_agreed_stories")
    op.drop_table("chime_agreed_stories")
