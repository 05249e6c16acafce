"""Shared fixtures: every test gets its own practice file, copied from one migrated template."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from recoverydesk.services.container import Services  # noqa: E402
from recoverydesk.store.migrate import create_practice  # noqa: E402
from recoverydesk.store.session import Store  # noqa: E402


@pytest.fixture(scope="session")
def _template_practice(tmp_path_factory):
    """Migrating costs ~0.3 s; do it once per test session and copy the file per test."""
    path = tmp_path_factory.mktemp("template") / "template.rdk"
    create_practice(path)
    return path


@pytest.fixture
def tmp_practice(tmp_path, _template_practice):
    path = tmp_path / "practice.rdk"
    shutil.copyfile(_template_practice, path)
    return path


@pytest.fixture
def store(tmp_practice):
    s = Store(tmp_practice)
    yield s
    s.close()


@pytest.fixture
def services(store):
    return Services(store)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for this test process (started on first use, ~1 s); each
    test takes its own database from it (``pg_cluster.new_database()``)."""
    from pg_cluster import ThrowawayCluster  # only the team-practice tests pay for the import

    with ThrowawayCluster() as cluster:
        yield cluster


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, monkeypatch):
    """Keep tests away from the real user data folder and settings."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.delenv("RECOVERYDESK_DB", raising=False)
    monkeypatch.delenv("RECOVERYDESK_PASSPHRASE", raising=False)
