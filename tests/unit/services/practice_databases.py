"""Helpers for service tests that run on both databases (see this folder's conftest.py): the
same practice opened a second time, as another process or another coach's window would, and the
``--db`` a command is given for it."""

from __future__ import annotations

from recoverydesk.services.container import Services
from recoverydesk.store.server import ServerStore
from recoverydesk.store.session import Store


def reopen(store: Store | ServerStore) -> Store | ServerStore:
    """A second, independent store over the same practice (close it after)."""
    if store.is_server:
        return ServerStore(store.address)
    return Store(store.path, store.passphrase)


def reopened(services: Services) -> Services:
    """``reopen`` for a Services object (close it after)."""
    return Services(reopen(services._store))


def db_arg(store: Store | ServerStore) -> str:
    """What a command's ``--db`` is given for this practice: the file, or the server's address."""
    return str(store.address) if store.is_server else str(store.path)
