"""The service tests run on both databases a practice lives in: every test that asks for
``store`` or ``services`` runs twice, ``[sqlite]`` on a practice file (copied from one migrated
template) and ``[postgresql]`` on a team practice (a fresh copy of a migrated database on the
throwaway server, ``server_store`` in tests/conftest.py, connected as the superuser, so row-level
security stays out of the way: tests about coaches connect as their own roles).

A test about the FILE itself (its path, SQLCipher, a backup of the file, the CLI over a file)
says so with ``@pytest.mark.sqlite_only("why")`` and runs once. ``RECOVERYDESK_TEST_DATABASES``
(``sqlite``, ``postgresql`` or both, comma separated; both when unset) narrows a local run.

One demo practice per test module and database that asks for it (``demo``: made once, it takes
a few seconds).
"""

from __future__ import annotations

import os
import shutil

import pytest
from demo_practices import demo_on_server, demo_practice

from recoverydesk.services.container import Services
from recoverydesk.store.server import ServerStore
from recoverydesk.store.session import Store

DATABASES = ("sqlite", "postgresql")


def wanted_databases() -> list[str]:
    asked = os.environ.get("RECOVERYDESK_TEST_DATABASES", "")
    kinds = [k.strip() for k in asked.split(",") if k.strip()] or list(DATABASES)
    unknown = set(kinds) - set(DATABASES)
    if unknown:
        raise pytest.UsageError(f"RECOVERYDESK_TEST_DATABASES: unknown {sorted(unknown)}")
    return kinds


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only(reason): a test about the practice file itself, run on SQLite "
        "only (tests/unit/services/conftest.py)")


def pytest_generate_tests(metafunc):
    if "database" not in metafunc.fixturenames:
        return
    only = metafunc.definition.get_closest_marker("sqlite_only")
    kinds = ["sqlite"] if only else wanted_databases()
    if kinds:
        metafunc.parametrize("database", kinds, indirect=True)


@pytest.fixture
def database(request) -> str:
    """``sqlite`` or ``postgresql``: which database this run of the test uses."""
    return request.param


@pytest.fixture
def store(database, request):
    if database == "postgresql":
        yield request.getfixturevalue("server_store")
        return
    s = Store(request.getfixturevalue("tmp_practice"))
    yield s
    s.close()


@pytest.fixture
def services(store):
    return Services(store)


@pytest.fixture
def empty_store(database, request, tmp_path, _template_practice):
    """A second, empty practice on the same database as ``store`` (an import's target)."""
    if database == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.new_database(template=request.getfixturevalue("pg_template"))
        s = ServerStore(cluster.url(name))
        yield s
        s.close()
        cluster.drop_database(name)
        return
    path = tmp_path / "empty.rdk"
    shutil.copyfile(_template_practice, path)
    s = Store(path)
    yield s
    s.close()


@pytest.fixture(scope="module", params=wanted_databases())
def demo(request, tmp_path_factory):
    """The demo practice (14 participants, two years), on each database in turn."""
    if request.param == "sqlite":
        services = demo_practice(tmp_path_factory.mktemp("demo") / "demo.rdk", participants=14,
                                 years=2, seed=7)
        yield services
        services.close()
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.new_database(template=request.getfixturevalue("pg_template"), prefix="demo")
    services = demo_on_server(cluster.url(name), participants=14, years=2, seed=7)
    yield services
    services.close()
    cluster.drop_database(name)
