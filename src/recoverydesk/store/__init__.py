"""The practice file: opening, migrating, backing up. The only layer that knows the database."""

from __future__ import annotations

from pathlib import Path

from recoverydesk.store.errors import PracticeFileError
from recoverydesk.store.keys import Passphrase, as_passphrase
from recoverydesk.store.migrate import OpenResult, prepare_practice
from recoverydesk.store.session import Store


def open_store(
    path: Path, passphrase: str | Passphrase | None = None, *, create: bool = True
) -> tuple[Store, OpenResult]:
    """Prepare (create or upgrade) and open the practice at ``path`` (one key derivation)."""
    passphrase = as_passphrase(passphrase)
    result = prepare_practice(Path(path), passphrase, create=create)
    return Store(Path(path), passphrase), result


__all__ = ["OpenResult", "PracticeFileError", "Store", "open_store", "prepare_practice"]
