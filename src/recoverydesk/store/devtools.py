"""Developer tools for migrations (not used by the app): autogenerate a revision at head."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def new_migration(rev_id: str, message: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from recoverydesk.paths import migrations_dir
    from recoverydesk.store.engine import connect_raw
    from recoverydesk.store.migrate import _alembic_upgrade

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "head.rdk"
        _alembic_upgrade(db, None)
        engine = create_engine("sqlite://", creator=lambda: connect_raw(db, None))
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations_dir()))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "new-migration":
        sys.exit("usage: python -m recoverydesk.store.devtools new-migration REV_ID MESSAGE")
    new_migration(sys.argv[2], sys.argv[3])
