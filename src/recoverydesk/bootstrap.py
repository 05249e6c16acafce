"""Open a practice file and build the services over it: shared by the app and the CLI."""

from __future__ import annotations

import os
from pathlib import Path

from recoverydesk.services import Services
from recoverydesk.services.errors import ServiceError
from recoverydesk.store import PracticeFileError, open_store


class PracticeOpenError(ServiceError):
    """A practice file could not be opened; the message says why in plain words."""

    def __init__(self, message: str, cause: Exception | None = None):
        super().__init__(message)
        self.cause = cause


def env_passphrase() -> str | None:
    return os.environ.get("RECOVERYDESK_PASSPHRASE") or None


def open_services(path: Path, *, create: bool = False, passphrase: str | None = None
                  ) -> Services:
    passphrase = passphrase if passphrase is not None else env_passphrase()
    try:
        store, _result = open_store(Path(path), passphrase, create=create)
    except PracticeFileError as err:
        raise PracticeOpenError(str(err), err) from err
    except OSError as err:
        raise PracticeOpenError(
            f"RecoveryDesk could not open {Path(path).name}: {err.strerror or err}.", err
        ) from err
    return Services(store)


def create_demo(path: Path, participants: int = 14, years: int = 2, seed: int = 7,
                passphrase: str | None = None) -> Services:
    """Write a fresh fictional demo practice at ``path`` (refusing to overwrite real work)."""
    from recoverydesk.services.demo import generate_demo

    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise PracticeOpenError(
            f"{path.name} already exists. Choose a new file name for the demo practice.")
    services = open_services(path, create=True, passphrase=passphrase)
    generate_demo(services.store, participants=participants, years=years, seed=seed)
    return services
