"""The migration chain: one head, and every earlier revision upgrades to match the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from recoverydesk.models import Base
from recoverydesk.paths import migrations_dir
from recoverydesk.store.engine import connect_raw
from recoverydesk.store.migrate import _alembic_upgrade, head_revision, revision_chain


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


def _diff(path):
    engine = create_engine("sqlite://", creator=lambda: connect_raw(path))
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_name": lambda name, type_, parents: not (
                type_ == "table" and name and name.startswith("fts_")),
        })
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    return diff


@pytest.mark.parametrize("start", [None, *revision_chain()[:-1]])
def test_upgrade_from_every_revision_matches_models(tmp_path, start):
    path = tmp_path / "p.rdk"
    if start is not None:
        _alembic_upgrade(path, None, start)
    _alembic_upgrade(path, None, "head")
    assert _diff(path) == []
