"""A team practice's coaches (issue 20 item 3).

On a team practice (PostgreSQL) every coach is a database role that logs in; this table is the
practice's own list of them: the role, the name shown to people, whether they lead the practice
and whether they still work in it. Which coach a participant is assigned to is
``Participant.coach_role`` (a role name; empty: the lead's to assign). The database itself keeps
each coach to their participants (row-level security, revision 0018), so this table only
describes the team; it grants nothing. On a solo practice file the table stays empty.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, UTCDateTime, utcnow

# PostgreSQL's longest role name (NAMEDATALEN - 1).
ROLE_NAME_LENGTH = 63


class Coach(Base):
    __tablename__ = "coaches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(ROLE_NAME_LENGTH), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    lead: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
