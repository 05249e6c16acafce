"""The windowed entry point, ``RecoveryDesk``: the window, with no console behind it.

It takes the same path as ``recoverydesk`` with no command. A desktop, Finder or Explorer that
opens a practice file passes its path alone (``RecoveryDesk practice.rdk``), which becomes
``--db practice.rdk``. macOS's old process serial number argument (``-psn_...``) is ignored.
"""

from __future__ import annotations

import sys

from recoverydesk.cli import main as cli_main


def gui_argv(argv: list[str]) -> list[str]:
    argv = [arg for arg in argv if not arg.startswith("-psn_")]
    if len(argv) == 1 and not argv[0].startswith("-"):
        return ["--db", argv[0]]
    return argv


def main(argv: list[str] | None = None) -> int:
    return cli_main(gui_argv(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
