"""The command line: ``recoverydesk [--db PATH]`` opens the app; subcommands work headless.

Errors are one plain sentence on stderr: exit 2 for bad usage or input, 1 for a failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from recoverydesk import __version__
from recoverydesk.server_scheme import is_server_address


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # plain words, exit status 2, no usage dump
        self.exit(2, f"recoverydesk: {message}. Try 'recoverydesk --help'.\n")


def build_parser() -> argparse.ArgumentParser:
    # Each command module registers its subcommands; capabilities add theirs here. Imported
    # plainly, so a module that is missing or broken (say, left out of a frozen build) stops
    # the program with its error instead of its commands quietly vanishing. Imported here, not
    # at the top, so that opening the window does not load every command's dependencies.
    from recoverydesk.commands import (
        claims,
        core,
        invoices,
        move,
        practice_path,
        reports,
        resources,
        safety,
        sessions,
        star,
        team,
    )

    parser = _Parser(prog="recoverydesk", description="RecoveryDesk for recovery coaches.")
    parser.add_argument("--version", action="version", version=f"RecoveryDesk {__version__}")
    # Its own name: a command's --db (default None) would otherwise overwrite this one.
    parser.add_argument("--db", dest="global_db", type=practice_path, default=None,
                        help="the practice to open (before or after the command)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for module in (core, star, reports, safety, sessions, resources, claims, invoices, team,
                   move):
        module.register(sub)
    return parser


def _gui_request(argv: list[str]) -> tuple[bool, Path | str | None]:
    """``recoverydesk`` or ``recoverydesk --db PATH`` opens the window straight away, without
    building the parser (which imports every command module): start-up stays quick. A team
    practice's address (``postgresql://…``) stays text: a Path would fold its "//"."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return True, _practice(argv[1])
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return True, _practice(argv[0].split("=", 1)[1])
    return False, None


def _practice(text: str) -> Path | str:
    return text.strip() if is_server_address(text) else Path(text)


def no_screen_message() -> str | None:
    """On Linux without a display Qt aborts the whole process; say so in plain words instead."""
    if not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get(
            "QT_QPA_PLATFORM"):
        return None
    return ("recoverydesk: there is no screen to show the window on (DISPLAY is not set). "
            "Start it from your desktop, or use a command such as 'recoverydesk check'.")


def run_gui(db: Path | str | None) -> int:
    message = no_screen_message()
    if message:
        print(message, file=sys.stderr)
        return 1
    from recoverydesk.app import run_gui as run_app

    return run_app(db)


def main(argv: list[str] | None = None) -> int:
    from recoverydesk.private_files import private_umask

    private_umask()  # everything written from here on is the coach's alone (0600, 0700)
    from recoverydesk.console_text import safe_output_streams

    safe_output_streams()  # a name like Nguyễn into a Windows pipe or file: no traceback
    argv = sys.argv[1:] if argv is None else argv
    gui, db = _gui_request(argv)
    if gui:
        return run_gui(db)
    parser = build_parser()
    args = parser.parse_args(argv)
    refusal = merge_db(args)
    if refusal:
        print(f"recoverydesk: {refusal}", file=sys.stderr)
        return 2
    if args.command is None:
        return run_gui(args.db)
    return run_command(args)


def merge_db(args) -> str | None:
    """``--db`` before the command means the same as after it. Given in both places for two
    different files, it is refused (returns the sentence) rather than one silently winning."""
    before, after = args.global_db, getattr(args, "db", None)
    if before and after and not _same_file(before, after):
        return (f"--db was given twice, as {before} and {after}. Give the practice once, "
                "before or after the command.")
    args.db = after or before
    return None


def _same_file(a: Path | str, b: Path | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):  # a team practice's address
        return a == b
    return Path(os.path.abspath(a)) == Path(os.path.abspath(b))


def run_command(args) -> int:
    from recoverydesk.commands import UsageError
    from recoverydesk.commands.chart_notes import chart_notes
    from recoverydesk.services.practice.types import PracticeOpenError, PracticeTroubleError
    from recoverydesk.services.types import AmbiguousError, NotFoundError, ServiceError
    from recoverydesk.services.types import ValidationError as InputError

    try:
        with chart_notes():  # the charting library's words, in ours
            return int(args.func(args) or 0)
    except (UsageError, InputError, NotFoundError, AmbiguousError) as err:
        print(f"recoverydesk: {err}", file=sys.stderr)
        return 2
    except PracticeTroubleError as err:  # a full or failing disk, a busy practice: in words
        from recoverydesk.store.disk_errors import plain_error

        sentence = plain_error(err.__cause__, getattr(args, "db", None)) if err.__cause__ else None
        print(f"recoverydesk: {sentence or err}", file=sys.stderr)
        return 1
    except (PracticeOpenError, ServiceError) as err:
        print(f"recoverydesk: {err}", file=sys.stderr)
        return 1
    except Exception as err:  # a full or failing disk, or a file it may not use: in words
        from recoverydesk.store.disk_errors import plain_error

        sentence = plain_error(err, getattr(args, "db", None))
        if sentence is None:
            raise
        print(f"recoverydesk: {sentence}", file=sys.stderr)
        return 1
