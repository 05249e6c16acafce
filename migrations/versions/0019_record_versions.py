"""Version counters on editable records, so two coaches never overwrite each other silently, and the change notices other windows listen for. Reserved in the chain.

Revision ID: 0019_record_versions
Revises: 0018_team_coaches
Create Date: 2026-12-03 07:25:00
"""

from __future__ import annotations

revision = "0019_record_versions"
down_revision = "0018_team_coaches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by its capability's first commit (issue 20)


def downgrade() -> None:
    pass
