"""The practice file: opening, migrating, backing up. The only layer that knows the database.

The package imports no SQLAlchemy: the file is held, checked and upgraded, and the caseload
read, with ``engine.connect_raw`` alone; ``session.Store`` (SQLAlchemy's engine and sessions)
is imported by what uses it, after the caseload is on screen (docs/benchmarks.md).
"""

from __future__ import annotations

from recoverydesk.store.errors import PracticeFileError
from recoverydesk.store.migrate import OpenResult, prepare_practice

__all__ = ["OpenResult", "PracticeFileError", "prepare_practice"]
