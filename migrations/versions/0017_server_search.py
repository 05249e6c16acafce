"""Search on a team practice (PostgreSQL): its full-text indexes. Reserved in the chain so the team practice's three revisions land in a fixed order.

Revision ID: 0017_server_search
Revises: 0016_agreed_stories
Create Date: 2026-12-03 07:25:00
"""

from __future__ import annotations

revision = "0017_server_search"
down_revision = "0016_agreed_stories"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by its capability's first commit (issue 20)


def downgrade() -> None:
    pass
