"""Which file a command opens, and what it says about a file that is not a practice.

``--db`` before the command means the same as after it (before, a command's own default
overwrote it, so ``recoverydesk --db A print-plan 1`` quietly used RECOVERYDESK_DB or the
default practice). A text file, random bytes or a damaged header are told apart from a locked
practice as far as the bytes allow; an empty file and a missing one get the same exit code.
"""

from __future__ import annotations

import pytest

from recoverydesk.cli import main


@pytest.fixture
def demo(demo_copy):
    return demo_copy(2, 1)


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """RECOVERYDESK_DB names another file: the one a misplaced --db used to fall back to."""
    other = tmp_path / "other.rdk"
    monkeypatch.setenv("RECOVERYDESK_DB", str(other))
    return other


def test_db_before_the_command_is_the_practice_used(demo, elsewhere, tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    assert main(["--db", str(demo), "print-plan", "1", "--out", str(out)]) == 0
    assert out.exists() and "plan pack" in capsys.readouterr().out
    assert not elsewhere.exists()
    assert main([f"--db={demo}", "check"]) == 0


def test_db_in_both_places_for_different_files_is_refused(
    demo, elsewhere, tmp_path, capsys, monkeypatch
):
    out = tmp_path / "plan.pdf"
    code = main(["--db", str(demo), "print-plan", "1", "--db", str(elsewhere), "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "--db was given twice" in err and "Traceback" not in err
    assert not out.exists()
    # The same file spelled two ways is fine.
    monkeypatch.chdir(demo.parent)
    assert main(["--db", str(demo), "check", "--db", "demo.rdk"]) == 0


def test_demo_takes_db_before_the_command_too(tmp_path, capsys):
    db = tmp_path / "d.rdk"
    assert main(["--db", str(db), "demo", "--participants", "1", "--years", "1"]) == 0
    assert db.exists()
    assert main(["demo"]) == 2
    assert "demo needs --db" in capsys.readouterr().err


def _damaged_header(path, demo):
    data = bytearray(demo.read_bytes())
    data[:16] = b"X" * 16
    path.write_bytes(bytes(data))


CASES = {
    "text": lambda p, _d: p.write_text("Shopping: milk, bread, tea\nCall Anh on Friday\n"),
    "random": lambda p, _d: p.write_bytes(bytes((i * 7919 + 13) % 251 for i in range(9000))),
    "damaged": _damaged_header,
}


@pytest.mark.parametrize("command", ["check", "print-plan"])
@pytest.mark.parametrize(
    "kind, sentence",
    [
        ("text", "note.rdk is a text file, not a RecoveryDesk practice."),
        ("damaged", "note.rdk is a damaged practice: its first bytes were overwritten."),
    ],
)
def test_a_file_that_is_not_a_practice_is_not_called_locked(
    demo, tmp_path, capsys, monkeypatch, kind, sentence, command
):
    monkeypatch.delenv("RECOVERYDESK_PASSPHRASE", raising=False)
    path = tmp_path / "note.rdk"
    CASES[kind](path, demo)
    before = path.read_bytes()
    args = [command, "1", "--out", str(tmp_path / "x.pdf")] if command == "print-plan" else [command]
    assert main([*args, "--db", str(path)]) == 1
    said = capsys.readouterr()
    text = said.err + said.out
    assert sentence in text
    assert "locked with a passphrase" not in text and "Traceback" not in text
    assert path.read_bytes() == before


def test_random_bytes_may_be_locked_or_not_ours_and_it_says_both(
    demo, tmp_path, capsys, monkeypatch
):
    path = tmp_path / "noise.rdk"
    CASES["random"](path, demo)
    out = str(tmp_path / "x.pdf")
    monkeypatch.delenv("RECOVERYDESK_PASSPHRASE", raising=False)
    assert main(["print-plan", "1", "--db", str(path), "--out", out]) == 1
    assert (
        "noise.rdk is either locked with a passphrase (set RECOVERYDESK_PASSPHRASE to it) "
        "or is not a RecoveryDesk practice." in capsys.readouterr().err
    )
    monkeypatch.setenv("RECOVERYDESK_PASSPHRASE", "a wrong guess at the words")
    assert main(["print-plan", "1", "--db", str(path), "--out", out]) == 1
    assert (
        "That passphrase does not open noise.rdk, or it is not a RecoveryDesk practice."
        in capsys.readouterr().err
    )
    assert main(["check", "--db", str(path)]) == 1
    assert (
        "That passphrase does not open noise.rdk, or it is not a RecoveryDesk practice."
        in capsys.readouterr().out
    )


@pytest.mark.parametrize("command", ["check", "print-plan"])
def test_an_empty_file_and_a_missing_file_get_the_same_exit_code(tmp_path, capsys, command):
    empty = tmp_path / "empty.rdk"
    empty.write_bytes(b"")
    extra = ["1", "--out", str(tmp_path / "x.pdf")] if command == "print-plan" else []
    codes = [main([command, *extra, "--db", str(p)]) for p in (empty, tmp_path / "gone.rdk")]
    assert codes == [2, 2]
    err = capsys.readouterr().err
    assert "empty.rdk is an empty file, not a practice yet." in err
    assert "There is no practice file at" in err
