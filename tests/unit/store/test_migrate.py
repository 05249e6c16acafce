"""Start-up order: create, refuse what is not ours or is newer, back up, upgrade, roll back."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from recoverydesk.paths import migrations_dir
from recoverydesk.store import migrate
from recoverydesk.store.errors import NewerSchemaError, NotAPracticeFileError, UpgradeFailedError
from recoverydesk.store.migrate import head_revision, inspect_file, prepare_practice
from recoverydesk.store.session import open_store


def file_bytes(path):
    return path.read_bytes()


def test_new_file_is_created_at_head(tmp_path):
    path = tmp_path / "new.rdk"
    result = prepare_practice(path)
    assert result.created
    assert inspect_file(path).revision == head_revision()
    assert not list(tmp_path.glob("*.creating*"))


def test_open_at_head_changes_nothing(tmp_practice):
    before = file_bytes(tmp_practice)
    result = prepare_practice(tmp_practice)
    assert not result.created and result.upgraded_from is None
    assert file_bytes(tmp_practice) == before


def test_refuses_newer_schema_and_leaves_file_untouched(tmp_practice):
    con = sqlite3.connect(tmp_practice)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = file_bytes(tmp_practice)
    with pytest.raises(NewerSchemaError, match="newer version of RecoveryDesk"):
        open_store(tmp_practice)
    assert file_bytes(tmp_practice) == before


def test_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.rdk"
    path.write_bytes(b"Dear diary, this is not a database at all. " * 50)
    before = file_bytes(path)
    with pytest.raises(NotAPracticeFileError, match="not a RecoveryDesk practice file"):
        open_store(path)
    assert file_bytes(path) == before


def test_refuses_another_apps_database(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO recipes (name) VALUES ('scones')")
    con.commit()
    con.close()
    before = file_bytes(path)
    with pytest.raises(NotAPracticeFileError, match="not a RecoveryDesk practice file"):
        open_store(path)
    assert file_bytes(path) == before


def test_missing_file_not_created_when_told_not_to(tmp_path):
    with pytest.raises(NotAPracticeFileError):
        prepare_practice(tmp_path / "absent.rdk", create=False)
    assert not (tmp_path / "absent.rdk").exists()


NOOP_REVISION = '''
from alembic import op
import sqlalchemy as sa

revision = "9000_test_extra"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("test_extra", sa.Column("id", sa.Integer, primary_key=True))
    {extra}


def downgrade():
    op.drop_table("test_extra")
'''


@pytest.fixture
def extra_revision(tmp_path, monkeypatch):
    """A copy of our migrations with one more revision on top, to exercise an upgrade."""

    def make(extra: str = "pass"):
        copy = tmp_path / "migrations"
        shutil.copytree(migrations_dir(), copy)
        (copy / "versions" / "9000_test_extra.py").write_text(
            NOOP_REVISION.format(down=head_revision(), extra=extra))
        monkeypatch.setattr(migrate, "migrations_dir", lambda: copy)
        migrate.revision_chain.cache_clear()
        return copy

    yield make
    migrate.revision_chain.cache_clear()


def _add_participant(path):
    con = sqlite3.connect(path)
    con.execute("INSERT INTO participants (given_name, family_name, preferred_name, pronouns, "
                "phone, email, address, status, about, archived, created_at, updated_at) VALUES "
                "('Kim', 'Test', '', '', '', '', '', 'active', '', 0, '2026-01-01', '2026-01-01')")
    con.commit()
    con.close()


def test_upgrade_backs_up_first_and_keeps_data(tmp_practice, extra_revision):
    _add_participant(tmp_practice)
    old = head_revision()
    extra_revision()
    result = prepare_practice(tmp_practice)
    assert result.upgraded_from == old
    assert result.backup is not None and result.backup.exists()
    assert inspect_file(result.backup).revision == old  # the backup is the file as it was
    assert inspect_file(tmp_practice).revision == "9000_test_extra"
    con = sqlite3.connect(tmp_practice)
    assert con.execute("SELECT given_name FROM participants").fetchall() == [("Kim",)]
    con.close()


def test_failed_upgrade_restores_the_file(tmp_practice, extra_revision):
    _add_participant(tmp_practice)
    old = head_revision()
    extra_revision('raise RuntimeError("simulated failure half way")')
    with pytest.raises(UpgradeFailedError, match="put the file back"):
        prepare_practice(tmp_practice)
    assert inspect_file(tmp_practice).revision == old
    con = sqlite3.connect(tmp_practice)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "test_extra" not in tables
    assert con.execute("SELECT count(*) FROM participants").fetchone() == (1,)
    con.close()


def test_pragmas_applied(store):
    with store.read() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_retrying_a_failed_upgrade_keeps_one_copy_not_one_per_try(tmp_practice, extra_revision):
    import time

    _add_participant(tmp_practice)
    old = head_revision()
    extra_revision('raise RuntimeError("simulated failure half way")')
    messages = []
    for _try in range(3):
        with pytest.raises(UpgradeFailedError) as failed:
            prepare_practice(tmp_practice)
        messages.append(str(failed.value))
        time.sleep(1.05)  # each try in its own second, as a coach's retries are
    copies = sorted(tmp_practice.parent.glob("practice.before-upgrade-*"))
    assert [c.name for c in copies] == [f"practice.before-upgrade-{old}.rdk"]
    assert all(copies[0].name in m for m in messages)  # the message names the copy kept
    assert inspect_file(copies[0]).revision == old
    con = sqlite3.connect(copies[0])
    assert con.execute("SELECT count(*) FROM participants").fetchone() == (1,)
    con.close()
