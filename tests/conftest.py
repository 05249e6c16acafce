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


# -- a team practice on the throwaway PostgreSQL server (engineer B) ---------------------------
@pytest.fixture(scope="session")
def pg_template(pg_cluster):
    """The name of a database on ``pg_cluster`` migrated to head once per test session (the
    Alembic chain takes ~2 s on PostgreSQL); ``server_store`` copies it per test (~35 ms). No
    connection stays open on it, so it can be copied."""
    from recoverydesk.store.server import open_server

    name = pg_cluster.new_database(prefix="template")
    store, _ = open_server(pg_cluster.url(name))
    store.close()
    return name


@pytest.fixture
def server_store(pg_cluster, pg_template):
    """A ServerStore over a fresh copy of ``pg_template``, connected as the superuser
    ``postgres`` over the cluster's socket (so row-level security does not apply: tests about
    coaches connect as their own roles). Closed and its database dropped afterwards."""
    from recoverydesk.store.server import ServerStore

    name = pg_cluster.new_database(template=pg_template)
    store = ServerStore(pg_cluster.url(name))
    yield store
    store.close()
    pg_cluster.drop_database(name)


PASSWORD_LOGIN_GROUP = "rd_password_login"


@pytest.fixture(scope="session")
def _pg_password_rule(pg_cluster):
    """The throwaway server trusts every connection; this makes members of one group give a
    real password (scram) over TCP, so a wrong password can be tested. Nothing else changes."""
    pg_cluster.execute(f"CREATE ROLE {PASSWORD_LOGIN_GROUP} NOLOGIN")
    hba = pg_cluster.data / "pg_hba.conf"
    rule = f"host all +{PASSWORD_LOGIN_GROUP} 127.0.0.1/32 scram-sha-256\n"
    hba.write_text(rule + hba.read_text())  # the first matching line wins
    pg_cluster.execute("SELECT pg_reload_conf()")


@pytest.fixture
def pg_password_role(pg_cluster, _pg_password_rule):
    """``(role, password)``: a new LOGIN role that must give ``password`` over TCP
    (``pg_cluster.url(db, role, password, tcp=True)``; without it, or a wrong one, the server
    refuses). Over the socket it is trusted like every role. It has no grants of its own."""
    import uuid

    role, password = f"coach_{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4().hex[:10]}"
    pg_cluster.execute(
        f"CREATE ROLE {role} LOGIN PASSWORD '{password}' IN ROLE {PASSWORD_LOGIN_GROUP}")
    return role, password
