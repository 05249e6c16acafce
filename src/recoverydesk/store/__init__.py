"""The practice file: opening, migrating, backing up. The only layer that knows the database.

The names below load their modules on first use (PEP 562), so importing a light part such as
``recoverydesk.store.errors`` does not pull in SQLAlchemy before the first window is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from recoverydesk.store.errors import PracticeFileError

if TYPE_CHECKING:
    from recoverydesk.store.keys import Passphrase
    from recoverydesk.store.migrate import OpenResult, prepare_practice
    from recoverydesk.store.session import Store

_LAZY = {
    "OpenResult": "recoverydesk.store.migrate",
    "prepare_practice": "recoverydesk.store.migrate",
    "Store": "recoverydesk.store.session",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def open_store(
    path: Path, passphrase: str | Passphrase | None = None, *, create: bool = True
) -> tuple[Store, OpenResult]:
    """Prepare (create or upgrade) and open the practice at ``path`` (one key derivation)."""
    from recoverydesk.store.keys import as_passphrase
    from recoverydesk.store.migrate import prepare_practice
    from recoverydesk.store.session import Store

    passphrase = as_passphrase(passphrase)
    result = prepare_practice(Path(path), passphrase, create=create)
    return Store(Path(path), passphrase), result


__all__ = ["OpenResult", "PracticeFileError", "Store", "open_store", "prepare_practice"]
