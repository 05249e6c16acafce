"""Opening a practice file and building the services over it: shared by the window and the
command line. Holding the file (the lock, the look for damage, the key, an upgrade) is
``holding.py``; start-up shows the caseload between the two (``app.Opener.start_on_worker``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import configure_mappers

from recoverydesk.services.container import Services
from recoverydesk.services.practice.holding import Held, hold
from recoverydesk.services.practice.types import Opened, PracticeOpenError
from recoverydesk.services.types import NO_PROGRESS, Progress
from recoverydesk.store.lockfile import PracticeLock
from recoverydesk.store.session import Store


class LockedServices(Services):
    """Services that also hold the practice's lock file until closed."""

    practice_lock: PracticeLock | None = None

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.practice_lock is not None:
                self.practice_lock.release()
                self.practice_lock = None


def open_services(
    path: Path, *, create: bool = False, passphrase: str | None = None, lock: bool = False,
    command: str | None = None,
) -> Services:
    """Open the practice file (``holding.hold``: ``lock`` and ``command`` are explained there)
    and build the services over it."""
    return services_over(hold(path, create=create, passphrase=passphrase, lock=lock,
                              command=command))


def services_over(held: Held) -> Services:
    """The store and every service over a practice file just held (closed again if they cannot
    be built)."""
    store = None
    try:
        store = Store(held.path, held.key)
        reopen = _reopener(lock=held.lock is not None and not held.command)
        if held.lock is None:
            return Services(store, reopen)
        services = LockedServices(store, reopen)
        services.practice_lock = held.lock
        return services
    except BaseException:
        try:
            if store is not None:
                store.close()
        finally:
            held.close()
        raise


def _reopener(*, lock: bool):
    """How a restore or a passphrase change opens the practice again: as it was held."""

    def reopen(path: Path, passphrase: str | None) -> Opened:
        return read_caseload(open_services(path, passphrase=passphrase, lock=lock))

    return reopen


def read_caseload(services: Services) -> Opened:
    """Link every model now (not at the window's first query) and read the caseload: the
    window shows it the moment the practice is open."""
    try:
        configure_mappers()
        caseload = services.participants.list(include_archived=True)
        services.practice  # noqa: B018 (built here, on the worker: the window asks it at once)
    except BaseException:
        services.close()
        raise
    return Opened(services, caseload)


def open_for_window(path: Path, *, create: bool = False, passphrase: str | None = None,
                    progress: Progress = NO_PROGRESS) -> Opened:
    """Open a practice the way the window holds it (its lock file taken), with its caseload.
    Runs on the worker: imports, key derivation, the check, any upgrade, all off the window's
    thread. A question for the coach comes back as PassphraseNeededError or
    DamagedPracticeError."""
    progress.step(0, 0, f"Opening {Path(path).name}…")
    return read_caseload(open_services(path, create=create, passphrase=passphrase, lock=True))


def discard_new_practice(practice: Path) -> None:
    """Remove a practice file that was only just made (filling it failed)."""
    from recoverydesk.store.lockfile import discard as discard_lock  # the one rare path

    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{practice}{suffix}").unlink(missing_ok=True)
    discard_lock(practice)


def create_filled(path: Path, fill: Callable[[Store], object], *, what: str = "new practice",
                  passphrase: str | None = None, lock: bool = False) -> Services:
    """Make a new practice at ``path`` (refusing to overwrite real work) and ``fill`` its store
    (the demo, an import). If that fails, the half-made file is removed, so trying again just
    works. ``what``: the practice's name in the refusal ("demo practice")."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise PracticeOpenError(
            f"{path.name} already exists. Choose a new file name for the {what}."
        )
    services = open_services(path, create=True, passphrase=passphrase, lock=lock)
    try:
        fill(services._store)  # (opening builds the services around this store)
    except BaseException:
        services.close()
        discard_new_practice(path)
        raise
    return services
