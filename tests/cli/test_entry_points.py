"""Entry points: ``recoverydesk`` is a console program whose every documented command is there;
``RecoveryDesk`` opens the window without a console; a missing command module is an error."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import recoverydesk.cli as cli
import recoverydesk.commands
from recoverydesk import gui

ROOT = Path(__file__).resolve().parents[2]


def documented_commands() -> set[str]:
    """Every ``recoverydesk COMMAND`` line in the README's code blocks."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", readme, flags=re.M | re.S)
    return {m.group(1) for block in blocks
            for m in re.finditer(r"^recoverydesk ([a-z][a-z-]+)", block, flags=re.M)}


def test_every_documented_command_is_in_the_help():
    documented = documented_commands()
    assert {"demo", "check", "print-plan", "backup", "restore"} <= documented
    out = subprocess.run([sys.executable, "-m", "recoverydesk", "--help"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    listed = set(re.findall(r"^ {4}([a-z][a-z-]+)", out.stdout, flags=re.M))
    assert documented <= listed, f"missing from --help: {sorted(documented - listed)}"


def test_recoverydesk_is_a_console_script_and_recoverydesk_gui_opens_the_window():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["recoverydesk"] == "recoverydesk.cli:main"
    assert project["gui-scripts"]["recoverydesk-gui"] == "recoverydesk.gui:main"
    # Windows and macOS ignore case in file names: no two launchers may differ only by it.
    names = [name.lower() for name in [*project["scripts"], *project["gui-scripts"]]]
    assert len(names) == len(set(names))


def test_a_missing_command_module_is_an_error_not_a_vanished_command(monkeypatch):
    # As in a frozen build that left the module out: importing it fails.
    monkeypatch.delattr(recoverydesk.commands, "sessions", raising=False)
    monkeypatch.setitem(sys.modules, "recoverydesk.commands.sessions", None)
    with pytest.raises(ImportError, match="recoverydesk.commands.sessions"):
        cli.build_parser()


@pytest.mark.parametrize(("argv", "db"), [
    ([], None),
    (["practice.rdk"], Path("practice.rdk")),  # a double-clicked practice file
    (["--db", "practice.rdk"], Path("practice.rdk")),
    (["-psn_0_12345"], None),  # what an older macOS Finder adds
])
def test_the_window_entry_point_opens_the_window_on_the_file_it_is_given(argv, db, monkeypatch):
    opened = []
    monkeypatch.setattr(cli, "run_gui", lambda path: opened.append(path) or 0)
    assert gui.main(argv) == 0
    assert opened == [db]
