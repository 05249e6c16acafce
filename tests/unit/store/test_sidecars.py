"""store/sidecars.py: a look at a practice never deletes side files another program is using.

Every open of a practice first looks at the file (read-only). Another program (the window, a
command) may open the same practice during that look, creating its -wal and -shm. Deleting
them after the look split the write-ahead log in two: that program's commits were invisible to
everyone else (seen as two first calendar exports making different practice ids)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recoverydesk.services.practice.holding import damage_problems
from recoverydesk.services.practice.opening import open_services
from recoverydesk.store.engine import connect_raw
from recoverydesk.store.migrate import inspect_file
from recoverydesk.store.scan import damage_report
from recoverydesk.store.sidecars import tidy_sidecars


@pytest.fixture
def practice(tmp_path) -> Path:
    path = tmp_path / "p.rdk"
    open_services(path, create=True).close()
    assert not Path(f"{path}-wal").exists()  # closed cleanly: no side files
    return path


def _other_program_opens_during(look, path: Path, monkeypatch):
    """Run ``look(path)`` while another connection opens the practice inside it (as another
    process would at that moment: just as the look opens its own), then let that connection
    commit."""
    import recoverydesk.services.practice.holding as holding
    import recoverydesk.store.migrate as migrate
    import recoverydesk.store.scan as scan

    other = {}

    def opened_meanwhile(*args, **kwargs):
        if "conn" not in other:
            other["conn"] = conn = connect_raw(path)
            conn.execute("SELECT count(*) FROM participants").fetchone()  # -wal, -shm made
        return connect_raw(*args, **kwargs)

    for module in (holding, migrate, scan):
        monkeypatch.setattr(module, "connect_raw", opened_meanwhile)
    look(path)
    conn = other["conn"]
    conn.execute(
        "INSERT INTO practice_settings (key, value, updated_at) "
        "VALUES ('calendar-test', 'kept', '2026-12-02 08:00:00')"
    )
    conn.commit()
    return conn


@pytest.mark.parametrize(
    "look",
    [inspect_file, lambda p: damage_problems(p, None), lambda p: damage_report(p)],
    ids=["inspect_file", "damage_problems", "damage_report"],
)
def test_a_look_leaves_another_programs_side_files_alone(practice, look, monkeypatch):
    writer = _other_program_opens_during(look, practice, monkeypatch)
    try:
        reader = connect_raw(practice)
        try:
            row = reader.execute(
                "SELECT value FROM practice_settings WHERE key = 'calendar-test'"
            ).fetchone()
        finally:
            reader.close()
        assert row == ("kept",)  # the other program's commit is seen by everyone
        assert Path(f"{practice}-shm").exists()
    finally:
        writer.close()


def test_a_refused_look_still_tidies_what_it_made(tmp_path):
    path = tmp_path / "other.db"
    conn = connect_raw(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    assert not Path(f"{path}-wal").exists()
    with pytest.raises(ValueError), tidy_sidecars(path):
        look = connect_raw(path, readonly=True)
        look.execute("SELECT * FROM notes").fetchall()
        look.close()
        raise ValueError("not a practice")
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
