"""One demo practice per test module that asks for it (made once: it takes a second or two)."""

from __future__ import annotations

import pytest
from demo_practices import demo_practice


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    services = demo_practice(tmp_path_factory.mktemp("demo") / "demo.rdk", participants=14,
                             years=2, seed=7)
    yield services
    services.close()
