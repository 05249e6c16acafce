"""Changing the passphrase (and protecting a plain practice with one): the practice file is
re-keyed, then each automatic backup and each copy kept before an upgrade, one by one, so no copy
is left with the old passphrase or unencrypted. The file must be closed; its lock file is held
while this works."""

from __future__ import annotations

from pathlib import Path

from recoverydesk.services.practice.backups import holding_lock
from recoverydesk.services.practice.types import BackupError
from recoverydesk.services.types import NO_PROGRESS, Progress
from recoverydesk.store import backup as _backup
from recoverydesk.store import crypto as _crypto
from recoverydesk.store.engine import DatabaseError
from recoverydesk.store.errors import PracticeFileError
from recoverydesk.store.keys import as_passphrase


def change_passphrase(practice: Path, old: str | None, new: str | None,
                      progress: Progress = NO_PROGRESS) -> int:
    """Re-key the (closed) practice and its copies. Returns how many copies were re-keyed.
    ``progress`` counts the files (no Cancel: a practice half re-keyed would have backups it
    cannot open)."""
    practice = Path(practice)
    if new is not None and not new:
        new = None
    return holding_lock(practice, _rekey_all, practice, old, new, progress)


def _rekey_all(practice: Path, old: str | None, new: str | None, progress: Progress) -> int:
    # One key per passphrase for the practice and all its copies (they share its salt), instead
    # of several derivations for each copy.
    old, new = as_passphrase(old), as_passphrase(new)
    copies = [b.path for b in _backup.list_backups(practice)]
    copies += sorted(practice.parent.glob(f"{practice.stem}.before-upgrade-*{practice.suffix}"))
    total = len(copies) + 1
    progress.step(0, total, f"Protecting {practice.name}…")
    _crypto.change_passphrase(practice, old, new)
    done = 0
    for number, copy in enumerate(copies, start=1):
        progress.step(number, total, f"Protecting backup {number} of {len(copies)}…")
        try:
            _crypto.change_passphrase(copy, old, new)
            done += 1
        except (PracticeFileError, DatabaseError, OSError):
            continue  # a copy made under another key stays as it was
    progress.step(total, total, "")
    return done


def encrypt_practice(practice: Path, passphrase: str, progress: Progress = NO_PROGRESS) -> int:
    """Encrypt a plain practice file (and its backups) with ``passphrase``."""
    if not passphrase:
        raise BackupError("Choose a passphrase first.")
    if _crypto.is_encrypted(Path(practice)):
        raise BackupError(f"{Path(practice).name} is already protected with a passphrase.")
    return change_passphrase(practice, None, passphrase, progress)
