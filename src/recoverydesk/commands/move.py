"""move-to-server, and a team practice's side of backup and import (issue 20 item 5).

``recoverydesk move-to-server --db practice.rdk --to postgresql://lead@host/practice`` copies
every record (ids and times as they are) in one transaction, checks every row on the server
against the file before keeping it, and reports what it moved. The file is only read; it is held
as a command holds it, so a window cannot change it half-way through. A locked file's passphrase
comes from RECOVERYDESK_PASSPHRASE or is asked for at the terminal (never echoed); the server's
password as for every command on a team practice (the address, PGPASSWORD, ~/.pgpass, a prompt).

``backup --db postgresql://…`` writes the verified JSON export, always, and for the lead the
server's ``pg_dump -Fc`` beside it (services/practice/team_backup.py); ``import FILE --db
postgresql://…`` loads an export into a team practice's new database (the lead's, as a move).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from recoverydesk.commands import UsageError, add_db_argument, db_path, open_team, refuse_unopenable
from recoverydesk.server_scheme import is_server_address
from recoverydesk.services.container import Services


def register(sub: argparse._SubParsersAction) -> None:
    move = sub.add_parser("move-to-server",
                          help="copy a practice file into a team practice's new database")
    add_db_argument(move)
    move.add_argument("--to", required=True, metavar="ADDRESS",
                      help="the team practice's empty database, postgresql://lead@host/name")
    move.set_defaults(func=run_move)


def run_move(args) -> int:
    from recoverydesk.services.practice.move_to_server import move_to_server

    if isinstance(args.db, str):
        raise UsageError("move-to-server moves a practice file: give --db the file (.rdk) and "
                         "--to the team practice's address.")
    if not is_server_address(args.to):
        raise UsageError("--to must be a team practice's address, for example "
                         "postgresql://lead@server/practice.")
    source = open_solo(args)
    try:
        target = open_team(args.to.strip())
        try:
            report = move_to_server(source._store, target._store)
        finally:
            target.close()
    finally:
        source.close()
    print(f"Moved {report.participants} participants and {report.records} records in all from "
          f"{db_path(args).name} to the team practice at {report.where}; every record was "
          "checked on the server.")
    biggest = sorted(((n, t) for t, n in report.counts.items() if n and t != "participants"),
                     reverse=True)[:5]
    print("  " + ", ".join(f"{t.replace('_', ' ')} {n}" for n, t in biggest) + ", …")
    print(f"The participants are assigned to {report.coach}. {db_path(args).name} was only "
          "read: keep it somewhere safe, and work in the team practice from now on.")
    return 0


def run_team_backup(args) -> int:
    from recoverydesk.services.practice.team_backup import back_up_team

    if args.out is not None and args.out.exists() and not args.out.is_dir():
        raise UsageError(f"{args.out} is a file: a team practice's backup is two files, so give "
                         "--out a folder.")
    services = open_team(args.db)
    try:
        done = back_up_team(services._store, args.out)
    finally:
        services.close()
    whose = "" if done.whole else " (your participants only)"
    print(f"Exported {done.participants} participants and {done.records} records{whose} to "
          f"{done.export}; the export was read back and holds them all.")
    if done.dump is not None:
        print(f"Backed up the server with pg_dump to {done.dump}; pg_restore reads it back.")
        return 0
    print(f"recoverydesk: {done.no_dump}", file=sys.stderr)
    return 1 if done.dump_failed else 0  # the export is there; a failed pg_dump must be seen


def run_team_import(args) -> int:
    from recoverydesk.services.practice.move_to_server import import_to_server

    services = open_team(args.db)
    try:
        report = import_to_server(services._store, args.file)
    finally:
        services.close()
    print(f"Imported {report.participants} participants and {report.records} records in all "
          f"into the team practice at {report.where}; they are assigned to {report.coach}.")
    return 0


def open_solo(args, *, tries: int = 3) -> Services:
    """The practice file, held as a command holds it; a locked one's passphrase from
    RECOVERYDESK_PASSPHRASE, else asked for at the terminal."""
    from recoverydesk.services.practice.holding import env_passphrase
    from recoverydesk.services.practice.opening import open_services
    from recoverydesk.services.practice.types import PassphraseNeededError

    path = db_path(args)
    refuse_unopenable(path)
    passphrase = env_passphrase()
    for attempt in range(1, tries + 1):
        try:
            return open_services(path, passphrase=passphrase, command=args.command)
        except PassphraseNeededError as err:
            if attempt == tries or not sys.stdin.isatty():
                raise
            if passphrase is not None:
                print(f"recoverydesk: {err}", file=sys.stderr)
            passphrase = getpass.getpass(f"Passphrase for {path.name}: ")
    raise AssertionError("unreachable")  # the last try returns or raises
