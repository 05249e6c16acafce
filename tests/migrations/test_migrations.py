"""The migration chain: one head, and every earlier revision upgrades to match the models, on a
practice file (SQLite) and on a team practice's PostgreSQL database alike."""

from __future__ import annotations

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from recoverydesk.models import Base
from recoverydesk.paths import migrations_dir
from recoverydesk.store.engine import connect_raw
from recoverydesk.store.migrate import (
    _alembic_upgrade,
    current_revision,
    head_revision,
    revision_chain,
    upgrade_connection,
)


def script() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return ScriptDirectory.from_config(cfg)


def test_single_head_and_linear_chain():
    s = script()
    assert len(s.get_heads()) == 1
    assert head_revision() == s.get_current_head()
    # Our fast, alembic-free reading of the chain agrees with Alembic's.
    walked = [r.revision for r in s.walk_revisions()][::-1]
    assert list(revision_chain()) == walked


def _searched(name, type_, parent_names) -> bool:
    """The rule of migrations/env.py: search's hand-built tables, indexes and columns (named
    ``fts_...``) are not in the models."""
    return not (type_ in ("table", "index", "column") and name and name.startswith("fts_"))


def _compare(conn) -> list:
    ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": _searched})
    return compare_metadata(ctx, Base.metadata)


def _diff(path):
    engine = create_engine("sqlite://", creator=lambda: connect_raw(path))
    with engine.connect() as conn:
        diff = _compare(conn)
    engine.dispose()
    return diff


@pytest.mark.parametrize("start", [None, *revision_chain()[:-1]])
def test_upgrade_from_every_revision_matches_models(tmp_path, start):
    path = tmp_path / "p.rdk"
    if start is not None:
        _alembic_upgrade(path, None, start)
    _alembic_upgrade(path, None, "head")
    assert _diff(path) == []


# -- a team practice: the same chain on PostgreSQL -------------------------------------------

@pytest.fixture
def server(pg_cluster):
    """An engine on a new, empty PostgreSQL database (dropped afterwards)."""
    name = pg_cluster.new_database(prefix="mig")
    engine = create_engine(pg_cluster.url(name))
    yield engine
    engine.dispose()
    pg_cluster.drop_database(name)


@pytest.mark.parametrize("start", [None, *revision_chain()[:-1]])
def test_upgrade_from_every_revision_matches_models_on_postgresql(server, start):
    if start is not None:
        with server.connect() as conn:
            upgrade_connection(conn, start)
            assert current_revision(conn) == start
    with server.connect() as conn:
        upgrade_connection(conn)
        assert current_revision(conn) == head_revision()
        assert _compare(conn) == []


def test_an_empty_server_database_has_no_revision(server):
    with server.connect() as conn:
        assert current_revision(conn) is None


def test_an_upgrade_in_the_callers_transaction_is_undone_with_it(server):
    """upgrade_connection joins a transaction already open: rolled back, nothing is left."""
    with server.connect() as conn:
        conn.begin()
        upgrade_connection(conn)
        assert current_revision(conn) == head_revision()
        conn.rollback()
        assert current_revision(conn) is None
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").scalar() == 0


def test_two_openers_upgrading_at_once_wait_for_each_other(server):
    """Two coaches' apps opening a new version at the same moment: the second waits for the
    first (an advisory lock), then finds the schema at head and changes nothing."""
    start, errors = threading.Barrier(2), []

    def opener() -> None:
        try:
            with server.connect() as conn:
                start.wait()
                upgrade_connection(conn)
        except Exception as err:  # noqa: BLE001 - any failure fails the test below
            errors.append(err)

    threads = [threading.Thread(target=opener) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with server.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert _compare(conn) == []
