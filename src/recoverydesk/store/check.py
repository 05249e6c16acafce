"""``recoverydesk check``: is this practice file whole, and which version is it? Read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from recoverydesk.store.backup import integrity_problems
from recoverydesk.store.engine import DatabaseError, Secret, connect_raw
from recoverydesk.store.errors import PracticeFileError
from recoverydesk.store.migrate import inspect_file, revision_chain

from recoverydesk.store.sidecars import tidy_sidecars

@dataclass
class CheckReport:
    ok: bool
    revision: str | None = None
    lines: list[str] = field(default_factory=list)


def check_practice(path: Path, passphrase: Secret = None) -> CheckReport:
    """Never writes to the file: every connection is read-only."""
    from recoverydesk.store.keys import as_passphrase

    with tidy_sidecars(Path(path)):
        return _check(Path(path), as_passphrase(passphrase))


def _check(path: Path, passphrase: Secret) -> CheckReport:
    try:
        state = inspect_file(path, passphrase)
    except PracticeFileError as err:
        return CheckReport(False, None, [f"Damaged or unreadable: {err}"])
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
        conn = connect_raw(path, passphrase, readonly=True)
        try:
            problems = integrity_problems(conn)
        finally:
            conn.close()
    except DatabaseError as err:
        problems = [str(err)]
    if problems:
        ok = False
        lines.append("Integrity: damaged")
        lines += [f"  {p}" for p in problems[:10]]
    else:
        lines.append("Integrity: ok")
    return CheckReport(ok, state.revision, lines)
