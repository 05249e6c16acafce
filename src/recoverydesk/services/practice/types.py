"""The practice file as the window and the command line see it: what is open, its backups, and
the troubles a coach can meet with it, each a ServiceError in plain words.

Standard library, ``recoverydesk.dates`` and ``recoverydesk.services.types`` only: this is the
one module of the ``practice`` capability the window imports. The store's own exceptions never
reach the window: ``practice/errors.py`` turns them into the classes below.
"""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from recoverydesk.dates import short_datetime
from recoverydesk.server_scheme import is_server_address
from recoverydesk.services.types import ServiceError

# The words for the passphrase form's fields, in the dialogs and their messages alike.
FIELD_LABELS = {
    "current": "Current passphrase",
    "passphrase": "Passphrase",
    "new": "New passphrase",
    "confirm": "Type it again",
}


@dataclass(frozen=True)
class PracticeInfo:
    """The open practice, for the window's title, menus and status bar. A team practice (on a
    PostgreSQL server) has no file: ``server`` says where it is (never with a password)."""

    path: Path | None
    encrypted: bool
    is_open: bool  # False while the window is locked
    server: str = ""  # a team practice: "host/database" as the coach reads it, else ""
    coach: str = ""  # a team practice: the coach connected (their PostgreSQL role)
    title: str = ""  # a team practice: its name from the practice details, or the database's
    address: str = ""  # a team practice: its address without any password (what settings keep)

    @property
    def is_team(self) -> bool:
        return bool(self.server)

    @property
    def name(self) -> str:
        return self.title if self.path is None else self.path.name

    @property
    def stem(self) -> str:
        return self.title if self.path is None else self.path.stem


@dataclass(frozen=True)
class BackupRow:
    """One backup file: where, when, how big."""

    path: Path
    taken_at: dt.datetime | None
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size_label(self) -> str:
        return size_label(self.size)


def size_label(size_in_bytes: int) -> str:
    size = float(size_in_bytes)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size_in_bytes} bytes"


# -- opening ------------------------------------------------------------------------------------


class PracticeOpenError(ServiceError):
    """A practice file could not be opened; the message says why in plain words."""

    def __init__(self, message: str, cause: BaseException | None = None):
        super().__init__(message)
        self.cause = cause


class PassphraseNeededError(PracticeOpenError):
    """The practice is encrypted and no passphrase (or a wrong one) was given."""


class PasswordNeededError(PracticeOpenError):
    """A team practice's server asks for the coach's password (none was given, or it was
    wrong): ask for it and connect again. ``address``: the address as given (it may hold no
    password: the password travels on its own)."""

    def __init__(self, message: str, address: str = "", cause: BaseException | None = None):
        super().__init__(message, cause)
        self.address = address


class DamagedPracticeError(PracticeOpenError):
    """The file failed its check at start. ``backup`` is the newest good backup, if any."""

    def __init__(self, message: str, path: Path, backup: BackupRow | None):
        super().__init__(message)
        self.path = path
        self.backup = backup


def damaged_message(path: Path, backup: BackupRow | None) -> str:
    text = f"{path.name} is damaged, so RecoveryDesk did not open it and left it untouched."
    if backup is None:
        return text + " No good backup was found next to it."
    when = short_datetime(backup.taken_at)
    return (
        text + f" The newest good backup is {backup.path.name} (from {when}). Restore it "
        f'with: recoverydesk restore "{backup.path}" --db "{path}"'
    )


NOT_STARTED = "No new practice was started."


def needs_passphrase(path: Path) -> str:
    return f"{Path(path).name} was not opened: it needs its passphrase."


# -- backups, restore and the passphrase --------------------------------------------------------


class BackupError(ServiceError):
    """A backup, restore or passphrase change could not be done; nothing was lost."""


class UnusableBackupError(BackupError):
    """The file offered for restoring is not a practice this version can open (the message
    says what it is); nothing was changed."""


class WrongPassphraseError(BackupError):
    """The passphrase typed does not open the practice (or the backup); the next try waits."""


# -- trouble while working ----------------------------------------------------------------------


class PracticeTroubleError(ServiceError):
    """Something outside the coach's last action stopped it; what was saved before is safe."""


class PracticeLockedError(PracticeTroubleError):
    """Used while the window is locked: let pass quietly, redone after unlocking."""

    def __init__(self, message: str = "The practice is locked. Unlock it to carry on."):
        super().__init__(message)


class PracticeBusyError(PracticeTroubleError):
    """Another program kept the practice busy past the wait: this change was not saved."""

    def __init__(self, message: str = "The practice is busy (another program is writing to it), "
                 "so this change could not be saved just now. Try again in a moment."):
        super().__init__(message)


class DiskFullError(PracticeTroubleError):
    """The disk (or the coach's quota) is full."""

    def __init__(self, message: str = "The disk is full, so the last change could not be "
                 "saved. Everything saved before it is safe. Free some space and try again."):
        super().__init__(message)


class DiskFailingError(PracticeTroubleError):
    """The disk reported an I/O error (a memory stick pulled out, a failing disk)."""

    def __init__(self, message: str = "The disk reported a problem, so the last change could "
                 "not be saved. Everything saved before it is safe."):
        super().__init__(message)


class PracticeDamagedError(PracticeTroubleError):
    """Part of the practice file could not be read while working."""

    def __init__(self, message: str = "Part of your practice file could not be read: it seems "
                 "to be damaged. Close RecoveryDesk and open it again: it will check the file "
                 "and offer your newest good backup."):
        super().__init__(message)


# -- a file the coach chose (a PDF still open in a reader, a folder given as a file) ------------

_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def os_trouble(exc: BaseException) -> PracticeTroubleError | None:
    """A full or failing disk met outside the practice file (writing a PDF, say)."""
    if isinstance(exc, OSError) and exc.errno in _NO_SPACE:
        return DiskFullError()
    if isinstance(exc, OSError) and exc.errno == errno.EIO:
        return DiskFailingError()
    return None


def file_problem(exc: OSError) -> str:
    """One sentence for a file the coach named that could not be used."""
    name = exc.filename
    where = f" {name}" if name else " a file it needed"
    if isinstance(exc, PermissionError):
        return (f"RecoveryDesk may not use{where}: it is read-only, someone else's, or open in "
                "another program. Close it there, or choose another place.")
    if isinstance(exc, IsADirectoryError):
        return f"{name} is a folder: give a file name instead."
    if isinstance(exc, FileNotFoundError):
        return f"RecoveryDesk could not find{where}."
    return f"RecoveryDesk could not use{where} ({exc.strerror or exc})."


@dataclass(frozen=True)
class Opened:
    """A practice opened on the worker, with its caseload read, for the window to show."""

    services: Any  # recoverydesk.services.container.Services (the window never imports it)
    caseload: list  # ParticipantRow DTOs, everyone (archived too); the panel filters them


@dataclass(frozen=True)
class CaseloadFirst:
    """Start-up's first half, done on the worker: the practice file is open and its caseload
    read (``participants/caseload.py``), for the window to show at once. The window then runs
    ``finish`` on the worker (the models and every service: Opened), or ``give_up`` when it no
    longer wants the practice (closed meanwhile, or another one opened)."""

    caseload: list  # ParticipantRow DTOs, everyone (archived too); the panel filters them
    finish: Callable[[], Opened]
    give_up: Callable[[], None]


@dataclass(frozen=True)
class Reopened:
    """The practice opened again after a restore or a passphrase change. ``problem``: why the
    change itself was not made (the practice is open again as it was), or None."""

    opened: Opened
    problem: ServiceError | None = None
    kept: Path | None = None  # a restore: where the file it replaced was kept
    rekeyed: int = 0  # a passphrase change: how many backups were re-keyed too


# -- a team practice's address (the Connect dialog and --db) --------------------------------------

# The words for the Connect dialog's fields, in the dialog and its messages alike.
TEAM_FIELD_LABELS = {
    "address": "Address",
    "host": "Server",
    "port": "Port",
    "database": "Practice database",
    "coach": "Coach name",
    "password": "Password",
    "ca_file": "CA certificate",
}
_LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class TeamFields:
    """What the coach typed to reach a team practice: a pasted ``address``, or its parts."""

    address: str = ""
    host: str = ""
    port: str = ""
    database: str = ""
    coach: str = ""
    ca_file: str = ""

    @property
    def is_local(self) -> bool:
        return self.host.strip().lower() in _LOCAL_HOSTS or self.host.strip().startswith("/")


def team_address_problems(fields: TeamFields) -> dict[str, str]:
    """What stops ``fields`` making an address, by field (empty when it can be tried)."""
    label = TEAM_FIELD_LABELS
    if fields.address.strip():
        if not is_server_address(fields.address):
            return {"address": "An address starts with postgresql:// (or leave it empty and "
                               "fill in the server, database and coach name)."}
        return {}
    problems = {}
    for key in ("host", "database", "coach"):
        if not getattr(fields, key).strip():
            problems[key] = f"{label[key]} is needed."
    port = fields.port.strip()
    if port and not (port.isdigit() and 1 <= int(port) <= 65535):
        problems["port"] = f"{label['port']} is a number from 1 to 65535 (usually 5432)."
    ca_file = fields.ca_file.strip()
    if ca_file and not Path(ca_file).expanduser().is_file():
        problems["ca_file"] = f"There is no file at {ca_file}."
    return problems


def team_address(fields: TeamFields) -> str:
    """The address for ``fields`` (check ``team_address_problems`` first). A server that is not
    on this computer is always reached over TLS: ``verify-full`` against the practice's CA
    certificate when one is given (the server proves who it is), else ``require`` (encrypted)."""
    if fields.address.strip():
        return fields.address.strip()
    host, coach = fields.host.strip(), quote(fields.coach.strip(), safe="")
    query: dict[str, str] = {}
    if host.startswith("/"):  # a Unix socket's folder
        netloc = f"{coach}@"
        query["host"] = host
    else:
        netloc = f"{coach}@[{host}]" if ":" in host else f"{coach}@{host}"
    port = fields.port.strip()
    if port and host.startswith("/"):
        query["port"] = port
    elif port:
        netloc += f":{port}"
    ca_file = fields.ca_file.strip()
    if ca_file:
        query["sslmode"] = "verify-full"
        query["sslrootcert"] = str(Path(ca_file).expanduser())
    elif not fields.is_local:
        query["sslmode"] = "require"
    database = quote(fields.database.strip(), safe="")
    tail = f"?{urlencode(query, safe='/')}" if query else ""
    return f"postgresql://{netloc}/{database}{tail}"


def team_fields(address: str) -> TeamFields:
    """The parts of ``address`` for the Connect dialog's fields (a password in it is dropped)."""
    try:
        parts = urlsplit(address.strip())
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        port = str(parts.port or query.get("port", "") or "")
        host = parts.hostname or query.get("host", "")
    except ValueError:
        return TeamFields(address=address.strip())
    return TeamFields(host=host, port=port, database=unquote(parts.path.lstrip("/")),
                      coach=unquote(parts.username or ""),
                      ca_file=query.get("sslrootcert", ""))


def without_password(address: str) -> str:
    """``address`` with any password taken out (``coach:secret@`` or ``password=``), for a
    field the coach sees again or a setting."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:
        return ""
    netloc = parts.netloc
    if "@" in netloc:
        who, _, where = netloc.rpartition("@")
        netloc = f"{who.partition(':')[0]}@{where}"
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not pair.lower().startswith("password="))
    return parts._replace(netloc=netloc, query=query).geturl()
