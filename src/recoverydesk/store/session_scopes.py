"""The two session scopes every store offers, a practice file's (``session.Store``) and a team
practice's (``server.ServerStore``): one unit of work that commits or rolls back, and one read
that never commits. A store sets ``_sessions`` and ``_reads`` (sessionmakers over its engine,
the reads' beginning as the database needs) and may set ``translate``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from recoverydesk.store import read_ahead


class SessionScopes:
    _sessions: sessionmaker[Session]
    _reads: sessionmaker[Session]
    # Set by the service layer: the store's troubles in its words (None: raised as they are).
    translate: Callable[[BaseException], BaseException | None] | None = None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """``with store.unit_of_work() as s:`` commits on success and rolls back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException as err:
            session.rollback()
            self._raise_translated(err)
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only: rolled back, never committed (on a file it never waits
        for a writer; on a server it is a READ ONLY transaction)."""
        session = self._reads()
        try:
            yield session
        except BaseException as err:
            self._raise_translated(err)
            raise
        finally:
            read_ahead.forget(session)
            session.rollback()
            session.close()

    def _raise_translated(self, err: BaseException) -> None:
        better = self.translate(err) if self.translate is not None else None
        if better is not None and better is not err:
            raise better from err
