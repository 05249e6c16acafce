"""Headless commands, one module per capability, each with ``register(subparsers)``.

A command function takes the parsed ``args`` and returns an exit status. It raises
``UsageError`` (exit 2) for bad input and lets ServiceError / PracticeOpenError through: the
CLI turns those into one plain sentence on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from recoverydesk.paths import default_practice_path
from recoverydesk.services.container import Services
from recoverydesk.services.practice.opening import open_services


class UsageError(Exception):
    """Bad usage or bad input: exit status 2."""


def practice_path(text: str) -> Path:
    """An argparse type: a practice file name, never an empty one (which would mean ".")."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a practice file name is needed")
    return Path(text)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=practice_path, default=None,
                        help="the practice file (default: RECOVERYDESK_DB or your data folder)")


def db_path(args) -> Path:
    return Path(args.db) if args.db else default_practice_path()


def open_existing(args, *, writes: bool = False) -> Services:
    """``writes``: the command changes the practice, so it holds the practice as the window
    does, waits a little for another command and is refused while a window has it open."""
    from recoverydesk.services.practice.holding import env_passphrase
    from recoverydesk.services.practice.types import PassphraseNeededError, PracticeOpenError
    from recoverydesk.store.file_kind import FileKind, not_a_practice

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
