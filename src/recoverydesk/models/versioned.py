"""The version counter of a record two coaches may edit at once (issue 20).

SQLAlchemy's ``version_id_col``: every UPDATE (and DELETE) of the row says ``WHERE version = <the
version read>`` and sets the next number, so a write over a row another coach changed since it
was read touches nothing and raises ``StaleDataError`` instead of overwriting their change. The
services compare the version the coach started from (the draft's ``base_version``) before they
write, and turn a stale write into an ``EditConflict`` (services/conflicts).

Append-only records (session notes, goal history, readings, audit events, agreed versions)
carry none: they are never updated, so they never conflict.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class Versioned:
    """Mixed into an editable model: a ``version`` column the ORM counts up on every write."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}
