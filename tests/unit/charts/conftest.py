"""A demo practice for the chart tests that need real networks and readings (made once per
module: it takes a few seconds)."""

from __future__ import annotations

import datetime as dt

import pytest

DEMO_TODAY = dt.date(2026, 11, 2)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from recoverydesk.demo import generate_demo
    from recoverydesk.services.container import Services
    from recoverydesk.store.migrate import create_practice
    from recoverydesk.store.session import Store

    path = tmp_path_factory.mktemp("demo") / "demo.rdk"
    create_practice(path)
    store = Store(path)
    generate_demo(store, today=DEMO_TODAY)
    services = Services(store)
    yield services
    services.close()
