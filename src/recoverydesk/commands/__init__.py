"""Headless commands, one module per capability, each with ``register(subparsers)``.

A command function takes the parsed ``args`` and returns an exit status. It raises
``UsageError`` (exit 2) for bad input and lets ServiceError / PracticeOpenError through: the
CLI turns those into one plain sentence on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from recoverydesk.paths import default_practice_path
from recoverydesk.server_scheme import is_server_address
from recoverydesk.services.container import Services
from recoverydesk.services.practice.opening import open_services


class UsageError(Exception):
    """Bad usage or bad input: exit status 2."""


def practice_path(text: str) -> Path | str:
    """An argparse type: a practice file name, never an empty one (which would mean "."), or a
    team practice's address (``postgresql://…``), kept as text (a Path would fold its "//")."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a practice file name is needed")
    if is_server_address(text):
        return text.strip()
    return Path(text)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=practice_path, default=None,
                        help="the practice file (default: RECOVERYDESK_DB or your data folder)")


def db_path(args) -> Path:
    """The practice file of a command that works on files only (a team practice is refused)."""
    if isinstance(args.db, str) or (
            args.db is None and is_server_address(os.environ.get("RECOVERYDESK_DB", ""))):
        raise UsageError(f"{args.command} works on a practice file, not on a team practice on a "
                         "server: give --db a practice file (.rdk).")
    return Path(args.db) if args.db else default_practice_path()


def open_existing(args, *, writes: bool = False) -> Services:
    """``writes``: the command changes the practice, so it holds the practice as the window
    does, waits a little for another command and is refused while a window has it open."""
    from recoverydesk.services.practice.holding import env_passphrase
    from recoverydesk.services.practice.types import PassphraseNeededError, PracticeOpenError
    from recoverydesk.store.file_kind import FileKind, not_a_practice

    if isinstance(args.db, str):  # a team practice: its server holds it, nothing to lock
        return open_team(args.db)
    if args.db is None and is_server_address(os.environ.get("RECOVERYDESK_DB", "")):
        return open_team(os.environ["RECOVERYDESK_DB"].strip())
    path = db_path(args)
    kind = refuse_unopenable(path)
    try:
        return open_whole(path, command=args.command if writes else None)
    except PassphraseNeededError as err:
        if kind is not FileKind.OPAQUE:
            raise
        # Locked, or not ours at all: from outside, the two look the same.
        sentence = not_a_practice(path, kind, passphrase_given=bool(env_passphrase()))
        raise PracticeOpenError(sentence or str(err), err) from err


def open_team(address: str, *, tries: int = 3) -> Services:
    """Connect to the team practice at ``address``. The password: from the address, libpq's
    ``PGPASSWORD`` or ``~/.pgpass``, else asked for at the terminal (never echoed, never kept);
    without a terminal to ask at, the server's words are the error."""
    # (psycopg and the server's store load only for a team practice)
    from recoverydesk.services.practice.team_opening import open_team_services
    from recoverydesk.services.practice.types import PasswordNeededError

    password = None
    for attempt in range(1, tries + 1):
        try:
            return open_team_services(address, password)
        except PasswordNeededError as err:
            if attempt == tries or not sys.stdin.isatty():
                raise
            if password is not None:
                print(f"recoverydesk: {err}", file=sys.stderr)
            password = getpass.getpass("Password: ")


def refuse_unopenable(path: Path):
    """Refuse a file that is missing or empty (exit 2 for both), text or a damaged header
    (exit 1) in plain words, before anything opens it; returns the file's kind."""
    from recoverydesk.services.practice.types import PracticeOpenError
    from recoverydesk.store.file_kind import FileKind, file_kind, not_a_practice

    kind = file_kind(path)
    if kind is FileKind.MISSING:
        raise UsageError(f"There is no practice file at {path}.")
    if kind is FileKind.EMPTY:
        raise UsageError(f"{path} is an empty file, not a practice yet.")
    if kind in (FileKind.TEXT, FileKind.DAMAGED):
        raise PracticeOpenError(not_a_practice(path, kind, passphrase_given=False) or "")
    return kind


def open_whole(path: Path, command: str | None = None) -> Services:
    """Open the practice for a command, looked over in full first whenever it changed since its
    last verified backup (a crash left its log, a sync or a copy replaced it, another command
    wrote to it): a command must never write into a damaged file, nor crash on one. A damaged
    file is refused with the newest good backup named (as at start-up), and left untouched.

    An unchanged file is not scanned again (about 50 ms per MB): its last backup was checked.
    Damage met later while reading (bit rot that kept the file's size and time) is refused in
    words too, and makes the next opening look the file over in full."""
    return open_services(path, command=command)
