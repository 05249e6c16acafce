"""The Store: an open practice file, and one short-lived session per unit of work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from recoverydesk.store.engine import READ_ONLY, Secret, connect_raw, make_engine
from recoverydesk.store.errors import PracticeBusyError, PracticeLockedError, is_busy, is_damage
from recoverydesk.store.keys import Passphrase, as_passphrase


class Store:
    """An open practice. ``with store.unit_of_work() as s:`` commits on success and rolls back
    on error. Nothing outside ``services`` should hold a session.

    ``suspend()`` closes every connection and forgets the passphrase and the key derived from it
    (the window is locked); until ``resume(passphrase)`` any use raises PracticeLockedError. The
    engine asks the store for the key at each new connection, so no copy of it outlives a
    suspend, and the key is derived once, not for every connection.
    """

    def __init__(self, path: Path, passphrase: Secret = None):
        self.path = Path(path)
        # Set by the service layer: the store's troubles in its words (None: raised as they are).
        self.translate: Callable[[BaseException], BaseException | None] | None = None
        self._passphrase = as_passphrase(passphrase)
        self._encrypted = self._passphrase is not None
        self._open = True
        self.engine: Engine = make_engine(self.path, self._key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        reader = self.engine.execution_options(**{READ_ONLY: True})  # same pool, begins deferred
        self._reads = sessionmaker(reader, expire_on_commit=False)
        event.listen(self.engine, "handle_error", self._on_error)

    def _on_error(self, context) -> BaseException | None:
        if is_damage(context.original_exception):
            from recoverydesk.store.backup import distrust

            distrust(self.path)  # the next start checks the whole file
        if is_busy(context.original_exception):
            # Another program kept the practice busy past the wait: say so in words.
            return PracticeBusyError()
        return None

    def _key(self) -> Passphrase | None:
        if not self._open:
            raise PracticeLockedError("The practice is locked. Unlock it to carry on.")
        return self._passphrase

    @property
    def encrypted(self) -> bool:
        return self._encrypted

    @property
    def passphrase(self) -> str | None:
        """The passphrase as typed (None when not encrypted, or while locked)."""
        return self._passphrase.text if self._passphrase is not None else None

    @property
    def key(self) -> Passphrase | None:
        """The passphrase with the keys it derived, for copies of this practice (backups), so
        they need no derivation of their own."""
        return self._passphrase

    @property
    def is_open(self) -> bool:
        return self._open

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
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
        """A session for reading only: nothing is committed, and it never waits for a writer."""
        session = self._reads()
        try:
            yield session
        except BaseException as err:
            self._raise_translated(err)
            raise
        finally:
            session.rollback()
            session.close()

    def _raise_translated(self, err: BaseException) -> None:
        better = self.translate(err) if self.translate is not None else None
        if better is not None and better is not err:
            raise better from err

    def suspend(self) -> None:
        """Close every connection and drop the key (the practice file itself stays as it is)."""
        self._open = False
        if self._passphrase is not None:
            self._passphrase.forget()
        self._passphrase = None
        self.engine.dispose()

    def resume(self, passphrase: str | None) -> None:
        """Take the key again after ``suspend()``. Raises DatabaseError when it does not open
        the file (checked read-only, so a wrong passphrase changes nothing)."""
        if self._open:
            return
        key = as_passphrase(passphrase) if self._encrypted else None
        connect_raw(self.path, key, readonly=True).close()
        self._passphrase = key
        self._open = True

    def close(self) -> None:
        self.suspend()
