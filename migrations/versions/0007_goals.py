"""Goals, action steps, progress notes, append-only status history and agreed plan versions

Revision ID: 0007_goals
Revises: 0006_search
Create Date: 2026-11-23 02:26:42.397705
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_goals"
down_revision = "0006_search"
branch_labels = None
depends_on = None

TRIGGER_NAMES = (
    "goal_status_changes_no_update",
    "goal_status_changes_no_delete",
    "plan_versions_no_update",
    "plan_versions_no_delete",
)
TRIGGERS = (
    "CREATE TRIGGER goal_status_changes_no_update BEFORE UPDATE ON goal_status_changes "
    "BEGIN SELECT RAISE(ABORT, 'a goal history entry never changes'); END",
    "CREATE TRIGGER goal_status_changes_no_delete BEFORE DELETE ON goal_status_changes "
    "WHEN EXISTS (SELECT 1 FROM goals WHERE goals.id = OLD.goal_id) "
    "BEGIN SELECT RAISE(ABORT, 'a goal history entry is never removed'); END",
    "CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions "
    "BEGIN SELECT RAISE(ABORT, 'an agreed plan version never changes'); END",
    "CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions "
    "WHEN EXISTS (SELECT 1 FROM participants WHERE participants.id = OLD.participant_id) "
    "BEGIN SELECT RAISE(ABORT, 'an agreed plan version is never removed'); END",
)
# The same refusals on PostgreSQL: (name, event, table, condition, message).
PG_REFUSALS = (
    ("goal_status_changes_no_update", "UPDATE", "goal_status_changes", "true",
     "a goal history entry never changes"),
    ("goal_status_changes_no_delete", "DELETE", "goal_status_changes",
     "EXISTS (SELECT 1 FROM goals WHERE goals.id = OLD.goal_id)",
     "a goal history entry is never removed"),
    ("plan_versions_no_update", "UPDATE", "plan_versions", "true",
     "an agreed plan version never changes"),
    ("plan_versions_no_delete", "DELETE", "plan_versions",
     "EXISTS (SELECT 1 FROM participants WHERE participants.id = OLD.participant_id)",
     "an agreed plan version is never removed"),
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
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("specific", sa.Text(), nullable=False),
        sa.Column("measure", sa.Text(), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("achievable", sa.Text(), nullable=False),
        sa.Column("why_it_matters", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "paused",
                "reframed",
                "achieved",
                "let_go",
                name="goal_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("reframed_to_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status = 'reframed' OR reframed_to_id IS NULL",
            name=op.f("ck_goals_reframed_to_only_when_reframed"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_goals_title_not_blank")),
        sa.CheckConstraint("priority BETWEEN 1 AND 3", name=op.f("ck_goals_priority_range")),
        sa.CheckConstraint(
            "reframed_to_id IS NULL OR reframed_to_id <> id",
            name=op.f("ck_goals_not_reframed_to_self"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_goals_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reframed_to_id"],
            ["goals.id"],
            name=op.f("fk_goals_reframed_to_id_goals"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goals_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            "ix_goals_participant_status", ["participant_id", "status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_goals_reframed_to_id"), ["reframed_to_id"], unique=False
        )

    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "review_date IS NULL OR review_date >= agreed_on",
            name=op.f("ck_plan_versions_review_after_agreed"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_plan_versions_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_versions")),
        sa.UniqueConstraint("participant_id", "number", name="uq_plan_versions_participant_number"),
    )
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_versions_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "action_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "who",
            sa.Enum(
                "participant",
                "coach",
                "supporter",
                name="step_owner",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_action_steps_text_not_blank")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_action_steps_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_action_steps_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_steps")),
    )
    with op.batch_alter_table("action_steps", schema=None) as batch_op:
        batch_op.create_index("ix_action_steps_due_open", ["done_on", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_steps_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "goal_domains",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("domain_key", sa.String(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_domains_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_domains")),
        sa.UniqueConstraint("goal_id", "domain_key", name="uq_goal_domains_goal_key"),
    )
    with op.batch_alter_table("goal_domains", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_domains_goal_id"), ["goal_id"], unique=False)

    op.create_table(
        "goal_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "active",
                "paused",
                "reframed",
                "achieved",
                "let_go",
                name="goal_change_from_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "active",
                "paused",
                "reframed",
                "achieved",
                "let_go",
                name="goal_change_to_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_status_changes_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_status_changes")),
    )
    with op.batch_alter_table("goal_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_goal_status_changes_goal_id"), ["goal_id"], unique=False
        )

    op.create_table(
        "progress_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_progress_notes_text_not_blank")),
        sa.CheckConstraint(
            "progress IS NULL OR progress BETWEEN 0 AND 100",
            name=op.f("ck_progress_notes_progress_range"),
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_progress_notes_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_notes")),
    )
    with op.batch_alter_table("progress_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_notes_goal_id"), ["goal_id"], unique=False)

    # A goal's history is append-only and an agreed plan is a record: the database refuses to
    # change them. Deleting is refused too, unless the goal (or participant) itself is already
    # gone, so a cascade from removing a whole record still works.
    if _postgresql():
        for refusal in PG_REFUSALS:
            _pg_refusal(*refusal)
        return
    for sql in TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    if _postgresql():
        for name, _event, table, _condition, _message in PG_REFUSALS:
            _drop_pg_refusal(name, table)
    else:
        for name in TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("progress_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_notes_goal_id"))

    op.drop_table("progress_notes")
    with op.batch_alter_table("goal_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_status_changes_goal_id"))

    op.drop_table("goal_status_changes")
    with op.batch_alter_table("goal_domains", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_domains_goal_id"))

    op.drop_table("goal_domains")
    with op.batch_alter_table("action_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_steps_goal_id"))
        batch_op.drop_index("ix_action_steps_due_open")

    op.drop_table("action_steps")
    with op.batch_alter_table("plan_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_versions_participant_id"))

    op.drop_table("plan_versions")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_reframed_to_id"))
        batch_op.drop_index("ix_goals_participant_status")
        batch_op.drop_index(batch_op.f("ix_goals_participant_id"))

    op.drop_table("goals")
