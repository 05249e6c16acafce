"""One demo practice per test module that asks for it (made once: it takes a second or two)."""

from __future__ import annotations

import datetime as dt

import pytest

from recoverydesk.services import Services
from recoverydesk.services.demo import generate_demo
from recoverydesk.store import Store
from recoverydesk.store.migrate import create_practice

DEMO_TODAY = dt.date(2026, 11, 2)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.rdk"
    create_practice(path)
    store = Store(path)
    generate_demo(store, participants=14, years=2, seed=7, today=DEMO_TODAY)
    services = Services(store)
    yield services
    store.close()
