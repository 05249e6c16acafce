"""Opening a team practice (a PostgreSQL server) and building the services over it: shared by
the window and the command line, as ``opening.py`` is for practice files.

A team practice has no file: nothing to lock against a second window (the server serves many),
nothing to check for damage, no passphrase, no file backups (the server is backed up where it
runs, see the README). What is the same: the services, the caseload read on the worker, locking
the window (the connection closed and the password forgotten until the coach types it again).
The address never holds a password once parsed; the password travels on its own, from a prompt,
``~/.pgpass`` or ``PGPASSWORD`` (libpq reads those two itself).
"""

from __future__ import annotations

from recoverydesk.services.container import Services
from recoverydesk.services.practice.live import ChangeFeed, OwnConnections
from recoverydesk.services.practice.opening import read_caseload
from recoverydesk.services.practice.service import PracticeService
from recoverydesk.services.practice.team_holding import HeldTeam, in_practice_words
from recoverydesk.services.practice.types import (
    BackupRow,
    Opened,
    PracticeBusyError,
    PracticeInfo,
    PracticeTroubleError,
    WrongPassphraseError,
)
from recoverydesk.services.together.service import TogetherService
from recoverydesk.services.types import NO_PROGRESS, Progress, ServiceError
from recoverydesk.store import errors as store_errors
from recoverydesk.store.errors import PracticeFileError
from recoverydesk.store.server import ServerStore, open_server
from recoverydesk.store.server_errors import ServerError, ServerLoginError

ON_THE_SERVER = ("A team practice is kept on its server, so it is backed up there (the "
                 "practice lead's job, see the README), not as a file on this computer. "
                 "Export everything (File menu) for a copy of your own.")


class TeamPracticeService(PracticeService):
    """The open team practice as use cases: what it is, locking and unlocking (with the
    coach's password), closing. What only makes sense for a file (backups, restore, the
    passphrase) is refused in words; the window hides those commands."""

    def __init__(self, store, services: Services, title: str = ""):
        super().__init__(store, services, reopen=None)
        self.title = title or store.address.database
        self.own_connections = OwnConnections(store.engine)
        self._feed: ChangeFeed | None = None

    @property
    def path(self) -> None:
        return None

    @property
    def is_encrypted(self) -> bool:
        return False  # nothing of it is kept on this computer

    def info(self) -> PracticeInfo:
        store = self._store
        return PracticeInfo(None, False, store.is_open, server=store.address.where,
                            coach=store.coach or "", title=self.title,
                            address=store.address.display)

    @property
    def address(self) -> str:
        """The address without any password: what the window may remember."""
        return self._store.address.display

    def is_current_passphrase(self, typed: str) -> bool:
        return False

    # -- locking: the connection closes and the password is forgotten ------------------------
    def lock(self) -> BackupRow | None:
        if self._store.is_open:
            self._store.suspend()
        return None

    def seconds_until_retry(self, file=None) -> float:
        return 0.0  # the server itself slows down password guessing

    def unlock(self, typed: str | None) -> None:
        try:
            self._store.resume(typed or None)
        except ServerLoginError as err:
            raise WrongPassphraseError(str(err)) from err
        except PracticeFileError as err:
            raise ServiceError(str(err)) from err

    # -- other coaches' changes ----------------------------------------------------------------
    def follow_changes(self, deliver) -> ChangeFeed:
        """Hear other coaches' changes while the practice is open: ``deliver(ChangeSet)`` is
        called on the feed's own thread. Stopped when the practice closes."""
        self.stop_following()
        self._feed = ChangeFeed(self._store, deliver, self.own_connections).start()
        return self._feed

    def stop_following(self) -> None:
        feed, self._feed = self._feed, None
        if feed is not None:
            feed.stop()

    # -- what a file has and a server does not ---------------------------------------------
    def backups_folder(self):
        raise ServiceError(ON_THE_SERVER)

    def list_backups(self) -> list[BackupRow]:
        return []

    def backup_now(self, now=None, progress: Progress = NO_PROGRESS) -> BackupRow:
        raise ServiceError(ON_THE_SERVER)

    def back_up_to(self, target, progress: Progress = NO_PROGRESS):
        raise ServiceError(ON_THE_SERVER)

    def backup_if_due(self, **_when) -> BackupRow | None:
        return None

    def backup_needs_passphrase(self, backup) -> bool:
        return False

    def restore(self, backup, **_options):
        raise ServiceError(ON_THE_SERVER)

    def change_passphrase(self, new, progress: Progress = NO_PROGRESS):
        raise ServiceError("A team practice has no passphrase: each coach signs in to the "
                           "server with their own password.")

    def close(self, *, backup: bool = False) -> None:
        self._services.close()


class TeamServices(Services):
    """Every service over a team practice; ``practice`` is a TeamPracticeService."""

    practice: TeamPracticeService

    def __init__(self, store, title: str = ""):
        super().__init__(store)
        store.translate = _in_words(store.translate)
        self.practice = TeamPracticeService(store, self, title)
        self.together = TogetherService(store, self.practice)

    def close(self) -> None:
        try:
            self.practice.stop_following()
        finally:
            super().close()


def _in_words(translate):
    """The server's troubles met while working (the connection lost, another coach's lock) as
    the practice's PracticeTroubleErrors, in the store's plain words; the rest as for a file."""

    def translated(exc: BaseException) -> BaseException | None:
        if isinstance(exc, store_errors.PracticeBusyError):
            return PracticeBusyError(str(exc))
        if isinstance(exc, ServerError):
            return PracticeTroubleError(str(exc))
        return translate(exc) if translate is not None else None

    return translated


def open_team_services(address: str, password: str | None = None) -> TeamServices:
    """Connect to the team practice at ``address`` (its schema created or upgraded first) and
    build the services. Raises PasswordNeededError when the server asks for a password (none,
    or a wrong one), PracticeOpenError for anything else, in plain words."""
    try:
        store, _result = open_server(address, password or None)
    except PracticeFileError as err:  # unreachable, TLS, no such database, a newer schema…
        raise in_practice_words(err, address) from err
    return _services_over(store)


def _services_over(store: ServerStore) -> TeamServices:
    try:
        services = TeamServices(store)
        services.practice.title = services.settings.details().practice_name or \
            services.practice.title
    except BaseException:
        store.close()
        raise
    return services


def team_services_over(held: HeldTeam) -> Opened:
    """Start-up's second half (on the worker): the store and every service over a team practice
    ``team_holding.hold_team`` signed in to and found at this version's schema (so no Alembic),
    with the same password, and the caseload read through them."""
    held.close()  # (its connection was start-up's caseload's)
    return read_caseload(_services_over(ServerStore(held.address, held.password)))


def open_team_for_window(address: str, password: str | None = None,
                         progress: Progress = NO_PROGRESS) -> Opened:
    """Connect as the window does, with the caseload read (on the worker)."""
    progress.step(0, 0, "Connecting to the team practice…")
    return read_caseload(open_team_services(address, password))
