"""Demo practices for tests: a fresh practice file filled by the demo generator."""

from __future__ import annotations

import datetime as dt

from recoverydesk.demo import generate_demo
from recoverydesk.services.container import Services
from recoverydesk.store.migrate import create_practice
from recoverydesk.store.server import ServerStore
from recoverydesk.store.session import Store

DEMO_TODAY = dt.date(2026, 11, 2)


def demo_practice(path, **kwargs) -> Services:
    """A fresh practice at ``path`` filled by the demo generator (close its store after)."""
    create_practice(path)
    store = Store(path)
    generate_demo(store, **{"today": DEMO_TODAY, **kwargs})
    return Services(store)


def demo_on_server(url: str, **kwargs) -> Services:
    """The same, in the migrated (empty) team database at ``url`` (close its store after)."""
    store = ServerStore(url)
    generate_demo(store, **{"today": DEMO_TODAY, **kwargs})
    return Services(store)
