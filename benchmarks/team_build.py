"""Build the benchmark's team practice on PostgreSQL: one caseload per coach, each a copy of the
SQLite large practice (issue 20 item 7).

The large practice (300 participants, seven years, ~100k session notes; built by the demo
generator) becomes one coach's caseload; the team practice holds one copy per coach (10 coaches:
3,000 participants, ~1M session notes), each copy's ids moved on by the table's largest id, so a
coach sees exactly what the SQLite practice holds and every figure compares like with like,
except that the server holds ten times the rows and row-level security picks the coach's.

Loaded as a restore would be, not through the app (the demo generator would take ~40 minutes of
Python for 3,000 people on this machine): the schema made by the app's own migrations
(``open_server``), then in ONE transaction as the superuser with triggers and foreign-key checks
off (``session_replication_role = replica``) and the tables' secondary indexes dropped: the
SQLite rows COPY'd in once (the first coach's), the other coaches' copies made on the server by
one ``INSERT … SELECT … CROSS JOIN generate_series`` per table, the indexes built again (the
full-text GIN indexes among them), the sequences moved past the ids, then VACUUM ANALYZE and a CHECKPOINT.

Practice-wide tables (resources, templates, price lists, claim batches, settings) are copied
once; a table belongs to a participant when its foreign keys lead to ``participants``. Single-
column unique values of a participant's rows are made unique per copy (NDIS numbers, invoice
numbers and sequences, claim keys). Coaches are LOGIN roles in ``recoverydesk_coach`` (the first
also in ``recoverydesk_lead``), with fictional names.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import UniqueConstraint

COACH_NAMES = ("Aroha Ngata", "Sam Whitford", "Priya Raman", "Tom Kowalski", "Leilani Kealoha",
               "Dev Mehta", "Hannah Brooks", "Mateo Ruiz", "Grace Okafor", "Finn Gallagher",
               "Ines Duarte", "Kofi Mensah")
SKIPPED = {"alembic_version", "coaches"}


@dataclass
class TeamPractice:
    database: str
    coaches: list[str]  # login roles; the first leads
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    bytes: int = 0

    @property
    def measured_coach(self) -> str:
        """A coach who is not the lead (row-level security applies), holding the second copy."""
        return self.coaches[1] if len(self.coaches) > 1 else self.coaches[0]


def coach_roles(coaches: int) -> list[str]:
    return [f"coach_{n:02d}" for n in range(1, coaches + 1)]


def owned_tables(metadata) -> list:
    """The tables whose rows belong to a participant (their foreign keys lead to
    ``participants``), in dependency order."""
    owned: set[str] = {"participants"}
    changed = True
    while changed:
        changed = False
        for table in metadata.sorted_tables:
            if table.name not in owned and any(fk.column.table.name in owned
                                               for fk in table.foreign_keys):
                owned.add(table.name)
                changed = True
    return [t for t in metadata.sorted_tables if t.name in owned]


def build_team(cluster, source: Path, coaches: int, say=print) -> TeamPractice:
    """A new database on ``cluster`` holding ``coaches`` copies of the practice file ``source``,
    one per coach."""
    import psycopg

    from recoverydesk.models import Base
    from recoverydesk.store.server import open_server

    if not 1 <= coaches <= len(COACH_NAMES):
        raise ValueError(f"between 1 and {len(COACH_NAMES)} coaches")
    team = TeamPractice(cluster.new_database(prefix="team"), coach_roles(coaches))
    t0 = time.perf_counter()
    store, _ = open_server(cluster.url(team.database))  # the app's migrations, to head
    store.close()
    team.seconds["schema"] = time.perf_counter() - t0
    owned = owned_tables(Base.metadata)
    with psycopg.connect(cluster.dsn(team.database)) as pg, \
            sqlite3.connect(f"file:{source}?mode=ro", uri=True) as lite:
        for setting in ("session_replication_role = replica", "TimeZone = 'UTC'",
                        "maintenance_work_mem = '512MB'"):
            pg.execute(f"SET {setting}")
        _add_coaches(pg, team.coaches)
        indexes = _drop_indexes(pg, [t.name for t in owned])
        t1 = time.perf_counter()
        for table in Base.metadata.sorted_tables:
            if table.name not in SKIPPED:
                _copy_in(pg, lite, table, team.coaches[0])
        team.seconds["copy"] = time.perf_counter() - t1
        say(f"  COPY'd the practice file in {team.seconds['copy']:.1f} s; "
            f"{len(team.coaches) - 1} more caseloads …", flush=True)
        t2 = time.perf_counter()
        strides = {t.name: _largest(pg, t.name, "id") for t in owned if "id" in t.c}
        for table in owned:
            _replicate(pg, table, strides, team.coaches)
        team.seconds["replicate"] = time.perf_counter() - t2
        t3 = time.perf_counter()
        for sql in indexes:
            pg.execute(sql)
        team.seconds["indexes"] = time.perf_counter() - t3
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and table.name != "alembic_version":
                pg.execute(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                           f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}")
        pg.commit()
        t4 = time.perf_counter()
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE")
        # The build's writes made now, not by the checkpointer while the figures are taken.
        pg.execute("CHECKPOINT")
        team.seconds["analyze"] = time.perf_counter() - t4
        for table in ("participants", "sessions", "goals", "action_steps", "star_readings",
                      "claim_lines", "audit_events"):
            team.rows[table] = pg.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        team.bytes = pg.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    team.seconds["total"] = time.perf_counter() - t0
    return team


def _add_coaches(pg, roles: list[str]) -> None:
    for n, role in enumerate(roles):
        pg.execute(f"CREATE ROLE {role} LOGIN IN ROLE recoverydesk_coach")
        if n == 0:
            pg.execute(f"GRANT recoverydesk_lead TO {role}")
        pg.execute("INSERT INTO coaches (role, display_name, lead, active, added_at) "
                   "VALUES (%s, %s, %s, true, now())", (role, COACH_NAMES[n], n == 0))


def _drop_indexes(pg, tables: list[str]) -> list[str]:
    """Drop the secondary indexes (not a key's or a unique constraint's) of ``tables``;
    returns the statements that make them again."""
    rows = pg.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
        (tables,)).fetchall()
    for name, _sql in rows:
        pg.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in rows]


def _columns(pg, lite, table) -> dict[str, str]:
    """The server's columns of ``table`` the file can fill -> what to read from the file. A
    child's ``participant_id`` (revision 0023) from its parent's in a file older than that."""
    on_server = [r[0] for r in pg.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = %s ORDER BY ordinal_position", (table.name,))]
    in_file = {r[1] for r in lite.execute(f'PRAGMA table_info("{table.name}")')}
    out = {c: f'"{c}"' for c in on_server if c in in_file}
    default = table.c.participant_id.default if "participant_id" in table.c else None
    via = getattr(getattr(default, "arg", None), "parent_link", None)  # models.participant_of
    if out and via and "participant_id" in on_server and "participant_id" not in out:
        out["participant_id"] = (f'(SELECT p.participant_id FROM "{via[0]}" AS p '
                                 f'WHERE p.id = "{table.name}"."{via[1]}")')
    return out


def _copy_in(pg, lite, table, coach: str) -> None:
    """The file's rows of ``table``, as stored (PostgreSQL reads SQLite's text for dates, 0/1
    for booleans), the first coach's for ``coach_role``."""
    read = _columns(pg, lite, table)
    columns = list(read)
    if not columns:  # a table newer than the file
        return
    at = columns.index("coach_role") if "coach_role" in columns else None
    names = ", ".join(f'"{c}"' for c in columns)
    with pg.cursor().copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in lite.execute(f'SELECT {", ".join(read.values())} FROM "{table.name}"'):
            if at is not None:
                row = (*row[:at], coach, *row[at + 1:])
            copy.write_row(row)


def _largest(pg, table: str, column: str) -> int:
    return pg.execute(f"SELECT coalesce(max({column}), 0) FROM {table}").fetchone()[0]


def _replicate(pg, table, strides: dict[str, int], roles: list[str]) -> None:
    """The other coaches' copies of ``table``'s rows, made on the server: copy k (1, 2, …) has
    every id and link to a participant's row moved on by k times that table's largest id."""
    if len(roles) < 2:
        return
    unique = {next(iter(c.columns)).name for c in table.constraints
              if isinstance(c, UniqueConstraint) and len(c.columns) == 1}
    unique |= {next(iter(i.columns)).name for i in table.indexes
               if i.unique and len(i.columns) == 1}
    links = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
    if "participant_id" in table.c:  # a child's copy of its parent's, without a foreign key
        links.setdefault("participant_id", "participants")
    exprs = []
    for column in table.c:
        name = column.name
        if name == "id":
            exprs.append(f"id + r.k * {strides[table.name]}")
        elif links.get(name) in strides:
            exprs.append(f"{name} + r.k * {strides[links[name]]}")
        elif name == "coach_role":
            exprs.append("(%s::text[])[r.k + 1]")
        elif name == "ndis_number":  # 9 digits, unique: '9' and the copy's id, 8 digits
            exprs.append(f"CASE WHEN {name} IS NOT NULL THEN "
                         f"'9' || lpad((id + r.k * {strides[table.name]})::text, 8, '0') END")
        elif name in unique and name not in links:
            if column.type.python_type is int:
                exprs.append(f"{name} + r.k * {_largest(pg, table.name, name)}")
            else:
                exprs.append(f"{name} || '-' || r.k")
        else:
            exprs.append(f'"{name}"')
    where = " WHERE participant_id IS NOT NULL" if table.name == "audit_events" else ""
    names = ", ".join(f'"{c.name}"' for c in table.c)
    params = (roles,) if "coach_role" in table.c else ()
    pg.execute(f"INSERT INTO {table.name} ({names}) SELECT {', '.join(exprs)} FROM "
               f"{table.name} CROSS JOIN generate_series(1, {len(roles) - 1}) AS r(k){where}",
               params)
