"""The Store: an open practice file, and one short-lived session per unit of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from recoverydesk.store.engine import make_engine


class Store:
    """An open practice. ``with store.unit_of_work() as s:`` commits on success and rolls back
    on error. Nothing outside ``services`` should hold a session."""

    def __init__(self, path: Path, passphrase: str | None = None):
        self.path = Path(path)
        self._passphrase = passphrase
        self.engine: Engine = make_engine(self.path, passphrase)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def encrypted(self) -> bool:
        return bool(self._passphrase)

    @property
    def passphrase(self) -> str | None:
        return self._passphrase

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only: nothing is committed."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.engine.dispose()
