"""backup, restore, export, import, encrypt: keeping the practice safe, headless.

An encrypted practice takes its passphrase from RECOVERYDESK_PASSPHRASE; a backup made under an
earlier passphrase is opened with RECOVERYDESK_BACKUP_PASSPHRASE.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from recoverydesk.commands import UsageError, add_db_argument, db_path, open_existing, open_whole
from recoverydesk.commands.move import run_team_backup, run_team_import
from recoverydesk.services.practice.holding import env_passphrase
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.types import PracticeOpenError, UnusableBackupError, size_label


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="make a verified backup of a practice")
    add_db_argument(p)
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="a file or folder (default: the practice's backups folder); for a team practice, "
        "a folder",
    )
    p.set_defaults(func=run_backup)

    p = sub.add_parser("restore", help="put a backup in place of the practice")
    p.add_argument("file", type=Path, help="the backup to restore")
    add_db_argument(p)
    p.set_defaults(func=run_restore)

    p = sub.add_parser("export", help="export everything as one JSON file")
    add_db_argument(p)
    p.add_argument("--out", type=Path, required=True, help="the JSON file to write")
    p.set_defaults(func=run_export)

    p = sub.add_parser("import", help="import a JSON export into a new practice")
    p.add_argument("file", type=Path, help="the JSON export")
    add_db_argument(p)
    p.set_defaults(func=run_import)

    p = sub.add_parser("encrypt", help="protect a practice with RECOVERYDESK_PASSPHRASE")
    add_db_argument(p)
    p.set_defaults(func=run_encrypt)


def _existing(args) -> Path:
    path = db_path(args)
    if not path.is_file():
        raise UsageError(f"There is no practice file at {path}.")
    return path


def _passphrase_for(backup: Path) -> str | None:
    from recoverydesk.services.practice.backups import is_encrypted

    passphrase = env_passphrase()
    if is_encrypted(backup) and not passphrase:
        raise UsageError(
            f"{backup.name} is not a RecoveryDesk backup, or it is locked with a passphrase "
            "(then set RECOVERYDESK_PASSPHRASE). Nothing was changed."
        )
    return passphrase if is_encrypted(backup) else None


def run_backup(args) -> int:
    if isinstance(args.db, str):  # a team practice: its export, and pg_dump (commands/move.py)
        return run_team_backup(args)
    path = _existing(args)
    services = open_whole(path)  # refuses a damaged file or a wrong passphrase first
    try:
        if args.out is None:
            row = services.practice.backup_now()
            out, size = row.path, row.size_label
        else:
            out = services.practice.back_up_to(args.out)
            size = size_label(out.stat().st_size)
    finally:
        services.close()
    print(f"Backed up to {out} ({size}); the copy passed its check.")
    return 0


def run_restore(args) -> int:
    from recoverydesk.services.practice import backups

    path = db_path(args)
    if not args.file.is_file():
        raise UsageError(f"There is no backup at {args.file}.")
    # A backup made before the passphrase was changed: RECOVERYDESK_BACKUP_PASSPHRASE opens it,
    # and it comes back locked with the practice's RECOVERYDESK_PASSPHRASE.
    old = os.environ.get("RECOVERYDESK_BACKUP_PASSPHRASE") or None
    # A restore never lowers the practice's protection: a protected practice needs its
    # passphrase, and a plain backup comes back locked with it.
    protected = path.is_file() and backups.is_encrypted(path)
    if protected and not env_passphrase():
        raise PracticeOpenError(
            f"{path.name} is locked with a passphrase: set RECOVERYDESK_PASSPHRASE to it. "
            "Nothing was changed."
        )
    passphrase = env_passphrase() if old or protected else _passphrase_for(args.file)
    if old:
        backups.check_backup_passphrase(args.file, old)
    elif backups.backup_needs_passphrase(args.file, passphrase):
        raise PracticeOpenError(
            f"{args.file.name} does not open with this practice's passphrase. If it was made "
            "under an earlier one, set RECOVERYDESK_BACKUP_PASSPHRASE to that one; it comes "
            "back locked with this practice's passphrase. Nothing was changed."
        )
    try:
        kept = backups.restore(path, args.file, passphrase, backup_passphrase=old)
    except UnusableBackupError as err:
        raise UsageError(str(err)) from err  # bad input: exit status 2
    print(f"Restored {args.file.name} to {path}.")
    if kept is not None:
        print(f"The file it replaced was kept at {kept}.")
    return 0


def run_export(args) -> int:
    services = open_existing(args)
    try:
        counts = services.practice.export_to(args.out)
    finally:
        services.close()
    print(
        f"Exported {counts.get('participants', 0)} participants and "
        f"{sum(counts.values())} records in all to {args.out}."
    )
    return 0


def run_import(args) -> int:
    from recoverydesk.services.practice.opening import discard_new_practice

    if not args.file.is_file():
        raise UsageError(f"There is no export at {args.file}.")
    if isinstance(args.db, str):  # into a team practice's new database (commands/move.py)
        return run_team_import(args)
    path = db_path(args)
    created = not path.exists() or path.stat().st_size == 0
    services = None
    try:  # a new practice that could not be made or filled (a full disk) is taken away whole
        services = open_services(path, create=True, command=args.command)
        counts = services.practice.import_from(args.file)
    except BaseException:
        if services is not None:
            services.close()
        if created:
            discard_new_practice(path)
        raise
    services.close()
    print(
        f"Imported {counts.get('participants', 0)} participants and "
        f"{sum(counts.values())} records in all into {path}."
    )
    return 0


def run_encrypt(args) -> int:
    from recoverydesk.services.practice import backups
    from recoverydesk.services.practice.passphrase import encrypt_practice

    path = _existing(args)
    passphrase = env_passphrase()
    if not passphrase:
        raise UsageError("Set RECOVERYDESK_PASSPHRASE to the passphrase you want to use.")
    if backups.is_encrypted(path):
        raise UsageError(f"{path.name} is already protected with a passphrase.")
    open_whole(path).close()  # refuses a damaged file
    count = encrypt_practice(path, passphrase)
    print(
        f"{path.name} is now encrypted ({count} backups too). Keep the passphrase safe: "
        "it cannot be recovered."
    )
    return 0
