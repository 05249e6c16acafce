"""``recoverydesk import``: every file ``recoverydesk export`` writes goes back in; a broken one
is refused with one plain sentence (exit 2), no traceback, and no practice left behind."""

from __future__ import annotations

import json

import pytest

from recoverydesk.cli import main


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-export")
    db, out = folder / "demo.rdk", folder / "demo.json"
    assert main(["demo", "--db", str(db), "--participants", "4", "--years", "1"]) == 0
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    return out


def test_what_export_writes_imports_and_exports_the_same(demo_export, tmp_path, capsys):
    db = tmp_path / "copy.rdk"
    assert main(["import", str(demo_export), "--db", str(db)]) == 0
    again = tmp_path / "again.json"
    assert main(["export", "--db", str(db), "--out", str(again)]) == 0
    first, second = (json.loads(p.read_text("utf-8")) for p in (demo_export, again))
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["participants"][3].update(strengths=5),
         "participants[3].strengths should be a list, not a number."),
        (lambda d: d["participants"][0].update(id=2**64), "participants[0].id is a number too"),
        (lambda d: d["participants"][0].update(preferred_name="\ud800"), "broken character"),
        (lambda d: d.update(without_participant="none"), "without_participant should be"),
        (lambda d: d["participants"][0].pop("given_name"), "given_name is missing"),
    ],
)
def test_a_broken_export_is_refused_in_one_sentence(
    demo_export, tmp_path, capsys, change, words
):
    doc = json.loads(demo_export.read_text("utf-8"))
    change(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), "utf-8")
    db = tmp_path / "new.rdk"
    assert main(["import", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not db.exists()


def test_deep_brackets_are_refused_in_one_sentence(tmp_path, capsys):
    bad = tmp_path / "deep.json"
    bad.write_text("[" * 200_000, "utf-8")
    assert main(["import", str(bad), "--db", str(tmp_path / "new.rdk")]) == 2
    err = capsys.readouterr().err
    assert "nested" in err and "Traceback" not in err
