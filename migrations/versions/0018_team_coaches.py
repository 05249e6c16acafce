"""A team practice's coaches, who is assigned to whom, and the row-level security that keeps each coach to their own participants. Reserved in the chain.

Revision ID: 0018_team_coaches
Revises: 0017_server_search
Create Date: 2026-12-03 07:25:00
"""

from __future__ import annotations

revision = "0018_team_coaches"
down_revision = "0017_server_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by its capability's first commit (issue 20)


def downgrade() -> None:
    pass
