"""Moving a solo practice (a file) into a team practice's new database, and importing an export
into one (issue 20 item 5).

The move is the export and the import, in one transaction on the server: the file's records
are read (every table, ids and times as they are), loaded with the import's own rules (the
file's checks, claims-once and every other rule of the database), then every table is read
back from the server and compared row by row with the file, in the same transaction. Any
difference, or any refusal, rolls the whole load back: the server is left as it was. The file is
only read.

What the move changes on purpose, and the check expects: each participant without a coach is
assigned to the coach who moved them (``participants.coach_role``, revision 0018), and that
coach is recorded in ``coaches`` as the practice's lead (named as the file's practice details
name its coach, else by their login), so the Team dialog and ``recoverydesk team list`` show
who holds the caseload. In plain SQL, not ``TeamService.assign``, which audits each assignment:
the copy must stay the file's records exactly, with these two additions.

"Empty" means as RecoveryDesk makes a team practice: no participant, none of their records, no
audit event and no coach yet (the audit trail can never be removed from, so a lead who added
coaches first would have events in the way of the file's): coaches are added after the move.

Only the practice lead (or the server's superuser) may load a practice into a team database:
row-level security would hide other coaches' rows from anyone else, so "empty" could not be
trusted, and the records would not all be theirs to write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, Table, func, select, text
from sqlalchemy.orm import Session

from recoverydesk.models.settings import PracticeSetting
from recoverydesk.models.team import Coach
from recoverydesk.services.practice.transfer import PARTICIPANTS, IOService, _row_dict, layout
from recoverydesk.services.team.roles import who_am_i
from recoverydesk.services.types import NO_PROGRESS, Progress, ServiceError, ValidationError

COACHES = "coaches"
COACH_NAME_SETTING = "practice.coach_name"  # the file's own coach (services/settings)
SHOWN_DIFFERENCES = 5  # the first few, named; the count says the rest


class MoveCheckError(ServiceError):
    """The copy on the server did not match the file: nothing of it was kept."""


@dataclass(frozen=True)
class LoadReport:
    """What went into the team database: rows per table, and who the participants are
    assigned to (the coach who loaded them)."""

    counts: dict[str, int]
    coach: str
    where: str

    @property
    def participants(self) -> int:
        return self.counts.get(PARTICIPANTS, 0)

    @property
    def records(self) -> int:
        return sum(self.counts.values())


class _OneTransaction:
    """A store whose units of work and reads are all one session: the move's transaction, so
    the import and the check after it are kept or rolled back together."""

    def __init__(self, session: Session):
        self._session = session

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        yield self._session

    read = unit_of_work


def move_to_server(source, target, progress: Progress = NO_PROGRESS) -> LoadReport:
    """Copy the practice file open in ``source`` (a Store) into the team database ``target``
    (a ServerStore, its schema up to date), which must hold no practice yet; checked row by row
    before it is committed. Raises ValidationError (not empty, not the lead, a refusal of the
    file's records) or MoveCheckError, with the server left as it was."""
    document = IOService(source).export_data(progress)
    return _load(target, lambda io: io.import_data(document, progress),
                 check=lambda s, coach: _check_copy(source, s, coach, progress))


def import_to_server(target, file: Path, progress: Progress = NO_PROGRESS) -> LoadReport:
    """Import the export ``file`` into the team database ``target`` (which must hold no
    practice yet) with the same rules as a move, all or nothing."""
    return _load(target, lambda io: io.import_from(Path(file), progress))


def _load(target, fill: Callable[[IOService], dict[str, int]],
          check: Callable[[Session, str], None] | None = None) -> LoadReport:
    where = target.address.where  # "server.example.org/practice": never a password
    with target.unit_of_work() as s:
        coach = _must_lead(s, where)
        io = IOService(_OneTransaction(s))
        if not io.is_empty():
            raise ValidationError.single("practice", _not_empty(s, where))
        if s.scalar(select(func.count()).select_from(_table(COACHES))):
            raise ValidationError.single("practice", (
                f"The team practice at {where} has coaches already, so nothing was changed. "
                "Load the practice into a new database first, then add the coaches."))
        counts = fill(io)
        # Plain SQL: no onupdate default touches the copied times.
        s.execute(text("UPDATE participants SET coach_role = current_user "
                       "WHERE coach_role IS NULL"))
        _record_lead(s, coach)
        if check is not None:
            check(s, coach)
    return LoadReport(counts, coach, where)


def _record_lead(s: Session, coach: str) -> None:
    """The coach who loaded the practice, in the team's list as its lead (unless the file's own
    list names them already)."""
    if s.scalar(select(Coach.id).where(Coach.role == coach)) is not None:
        return
    name = (s.scalar(select(PracticeSetting.value)
                     .where(PracticeSetting.key == COACH_NAME_SETTING)) or "").strip()
    s.add(Coach(role=coach, display_name=name or coach, lead=True, active=True))
    s.flush()


def _must_lead(s: Session, where: str) -> str:
    me, lead = who_am_i(s)
    if not lead:
        raise ValidationError.single(
            "practice", f"Only the practice lead (who owns the database) can load a practice "
            f"into the team practice at {where}; you are connected as {me}. Nothing was changed.")
    return me


def _not_empty(s: Session, where: str) -> str:
    people = s.scalar(select(func.count()).select_from(_table(PARTICIPANTS))) or 0
    held = f" ({people} participants)" if people else ", or the start of one"
    return (f"The team practice at {where} already holds a practice{held}, so nothing was "
            "changed. A practice goes into a new, empty database: ask for one to be made (for "
            "example 'createdb practice2') and give its address.")


def _table(name: str) -> Table:
    return next(t for t in layout().tables if t.name == name)


# -- the check: every table of the file against the server, row by row ------------------------
def _check_copy(source, s: Session, coach: str, progress: Progress) -> None:
    tables = layout().tables
    differences: list[str] = []
    count = 0
    with source.read() as file_session:
        for number, t in enumerate(tables):
            progress.step(number, len(tables), "Checking every record on the server…")
            expected = _rows(file_session, t)
            if t.name == PARTICIPANTS:
                expected = (dict(r, coach_role=r["coach_role"] or coach) for r in expected)
            elif t.name == COACHES:  # and the loader as the lead (added last: the highest id)
                lead = list(_rows(s, t, t.c.role == coach, t.c.lead.is_(True)))
                expected = chain(expected, lead)
            for what in _compare(t, expected, _rows(s, t)):
                count += 1
                if len(differences) < SHOWN_DIFFERENCES:
                    differences.append(what)
    if count:
        raise MoveCheckError(
            f"The copy on the server did not match the practice file ({count} differences, "
            f"first: {'; '.join(differences)}), so nothing was kept on the server. The practice "
            "file is as it was.")


def _rows(s: Session, t: Table, *where) -> Iterator[dict[str, Any]]:
    """Every row of ``t`` (those ``where`` picks) as the export writes it, in key order."""
    keys = list(t.primary_key.columns)
    query = select(t).where(*where).order_by(*keys).execution_options(yield_per=2000)
    return (_row_dict(t, r) for r in s.execute(query))


def _compare(t: Table, file_rows: Iterator[dict], server_rows: Iterator[dict]) -> Iterator[str]:
    keys = [c.name for c in t.primary_key.columns]
    if all(isinstance(c.type, Integer) for c in t.primary_key.columns):
        pairs = _merged(keys, file_rows, server_rows)
    else:  # text keys: the two databases may sort them differently; these tables are small
        mine = {tuple(r[k] for k in keys): r for r in file_rows}
        theirs = {tuple(r[k] for k in keys): r for r in server_rows}
        pairs = ((mine.get(key), theirs.get(key)) for key in sorted(mine.keys() | theirs.keys()))
    for a, b in pairs:
        if a == b:
            continue
        row = a if a is not None else b
        key = ", ".join(str(row[k]) for k in keys)
        if a is None or b is None:
            yield f"{t.name} {key}: {'missing on the server' if b is None else 'not in the file'}"
        else:
            fields = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
            yield f"{t.name} {key}: {', '.join(fields)} differ"


def _merged(keys: list[str], left: Iterator[dict], right: Iterator[dict]
            ) -> Iterator[tuple[dict | None, dict | None]]:
    """Two row streams in key order, paired by key (None where one side has no such row)."""
    a, b = next(left, None), next(right, None)
    while a is not None or b is not None:
        ka = None if a is None else tuple(a[k] for k in keys)
        kb = None if b is None else tuple(b[k] for k in keys)
        if kb is None or (ka is not None and ka < kb):
            yield a, None
            a = next(left, None)
        elif ka is None or kb < ka:
            yield None, b
            b = next(right, None)
        else:
            yield a, b
            a, b = next(left, None), next(right, None)
