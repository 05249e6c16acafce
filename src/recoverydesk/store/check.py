"""``recoverydesk check``: is this practice file whole, and which version is it? Read-only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from recoverydesk.store.backup import backup_opens_with
from recoverydesk.store.disk_errors import DiskProblemError, disk_trouble
from recoverydesk.store.engine import DatabaseError, Secret
from recoverydesk.store.errors import DamagedFileError, PracticeFileError, WrongPassphraseError
from recoverydesk.store.lockfile import COMMAND, PracticeLock, discard, lock_path_for
from recoverydesk.store.migrate import inspect_file, revision_chain
from recoverydesk.store.scan import damage_report
from recoverydesk.store.sidecars import tidy_sidecars


@dataclass
class CheckReport:
    ok: bool
    revision: str | None = None
    lines: list[str] = field(default_factory=list)


def check_practice(path: Path, passphrase: Secret = None) -> CheckReport:
    """Never writes to the file: every connection is read-only."""
    from recoverydesk.store.keys import as_passphrase

    path = Path(path)
    with _alone_with(path) as alone, tidy_sidecars(path) as refuse:
        report = _check(path, as_passphrase(passphrase))
        # The side files our read-only look made go again when the file is refused, or when
        # no window or writing command can be using them (we hold the practice's lock).
        if alone or not report.ok or report.revision not in revision_chain():
            refuse()
        return report


@contextmanager
def _alone_with(path: Path) -> Iterator[bool]:
    """Hold the practice's lock for the block when nobody else has it (True), so no window or
    writing command opens the practice meanwhile; a lock file that was not there is removed
    again, so a check leaves the folder as it found it."""
    had_lock_file = lock_path_for(path).exists()
    lock = PracticeLock(path, kind=COMMAND, what="check", wait=0)
    try:
        lock.acquire()
    except PracticeFileError:  # in use, or a folder we may not write in
        yield False
        return
    try:
        yield True
    finally:
        lock.release()
        if not had_lock_file:
            discard(path)


def _wrong_passphrase(path: Path, passphrase: Secret) -> str:
    """A damaged first page of an encrypted file looks just like a wrong passphrase: when the
    newest backup opens with it, the passphrase is right and the file is damaged."""
    if backup_opens_with(path, passphrase):
        return (f"Damaged or unreadable: {path.name} is damaged at its start (the passphrase "
                "is right: it opens the newest backup).")
    # An encrypted practice and bytes of no practice at all look the same from outside.
    return (f"That passphrase does not open {path.name}, or it is not a RecoveryDesk "
            "practice. Check the passphrase and try again.")


def _check(path: Path, passphrase: Secret) -> CheckReport:
    try:
        state = inspect_file(path, passphrase)
    except DiskProblemError as err:  # a full disk: the file is not damaged
        return CheckReport(False, None, [str(err)])
    except WrongPassphraseError:
        return CheckReport(False, None, [_wrong_passphrase(path, passphrase)])
    except DamagedFileError as err:
        return CheckReport(False, None, [f"Damaged or unreadable: {err}"])
    except PracticeFileError as err:  # another program's file, or locked without a passphrase
        return CheckReport(False, None, [str(err)])
    if state.revision is None:
        return CheckReport(False, None, [f"{path.name} is empty: not a practice yet."])
    chain = revision_chain()
    lines = [f"Schema version: {state.revision}"]
    ok = True
    if state.revision not in chain:
        lines.append("This file was saved by a newer version of RecoveryDesk.")
    elif state.revision != chain[-1]:
        lines.append(f"Older schema: it will be upgraded to {chain[-1]} when opened.")
    try:
        problems = damage_report(path, passphrase)
    except DatabaseError as err:
        trouble = disk_trouble(err, path)
        if trouble:
            return CheckReport(False, state.revision, [*lines, trouble])
        problems = [str(err)]
    if problems:
        ok = False
        lines.append("Integrity: damaged")
        lines += [f"  {p}" for p in problems[:10]]
    else:
        lines.append("Integrity: ok")
    return CheckReport(ok, state.revision, lines)
