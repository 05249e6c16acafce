"""participants, strengths, contacts, audit events

Revision ID: 0001_foundation
Revises:
Create Date: 2026-11-23 01:56:35.509904
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def _nine_digits() -> str:
    """Nine digits and nothing else: GLOB on SQLite, a regular expression on PostgreSQL."""
    if op.get_bind().dialect.name == "postgresql":
        return "ndis_number IS NULL OR (length(ndis_number) = 9 AND ndis_number !~ '[^0-9]')"
    return "ndis_number IS NULL OR (length(ndis_number) = 9 AND ndis_number NOT GLOB '*[^0-9]*')"


def upgrade() -> None:
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("preferred_name", sa.String(length=100), nullable=False),
        sa.Column("pronouns", sa.String(length=40), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("ndis_number", sa.String(length=9), nullable=True),
        sa.Column("plan_start", sa.Date(), nullable=True),
        sa.Column("plan_end", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "paused",
                "exited",
                name="participant_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            _nine_digits(), name=op.f("ck_participants_ndis_number_nine_digits")
        ),
        sa.CheckConstraint(
            "plan_end IS NULL OR plan_start IS NULL OR plan_end >= plan_start",
            name=op.f("ck_participants_plan_end_after_start"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
        sa.UniqueConstraint("ndis_number", name=op.f("uq_participants_ndis_number")),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participants_archived"), ["archived"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_audit_events_participant_id_participants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_events_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "family",
                "friend",
                "carer",
                "gp",
                "psychiatrist",
                "case_manager",
                "support_coordinator",
                "peer_worker",
                "other",
                name="contact_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("relationship_text", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("formal", sa.Boolean(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("emergency_contact", sa.Boolean(), nullable=False),
        sa.Column("closeness", sa.Integer(), nullable=False),
        sa.Column("consent_to_share", sa.Boolean(), nullable=False),
        sa.Column("consent_scope", sa.Text(), nullable=False),
        sa.Column("consent_given_on", sa.Date(), nullable=True),
        sa.Column("consent_expires", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("closeness BETWEEN 1 AND 3", name=op.f("ck_contacts_closeness_range")),
        sa.CheckConstraint(
            "consent_expires IS NULL OR consent_given_on IS NULL OR consent_expires >= consent_given_on",
            name=op.f("ck_contacts_consent_expiry_after_given"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_contacts_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contacts_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "strengths",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "personal",
                "skills",
                "interests",
                "relationships",
                "environment",
                "values",
                name="strength_category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_strengths_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_strengths")),
    )
    with op.batch_alter_table("strengths", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_strengths_participant_id"), ["participant_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("strengths", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strengths_participant_id"))

    op.drop_table("strengths")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_participant_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_participant_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))

    op.drop_table("audit_events")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_archived"))

    op.drop_table("participants")
