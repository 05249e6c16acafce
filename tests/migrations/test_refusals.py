"""The database's own refusals hold on a practice file (SQLite) and on a team practice
(PostgreSQL) alike, tried in plain SQL as psql or a script would: append-only records (a
reviewed WRAP version, goal history, an agreed plan), a claimed line claimed once, an invoice
number never reused, a line on a live invoice kept, and the checks whose SQL differs."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from refusal_rows import Rows
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from recoverydesk.store.engine import connect_raw, sqlite
from recoverydesk.store.migrate import create_practice


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        path = tmp_path / "p.rdk"
        create_practice(path)
        engine = create_engine("sqlite://", creator=lambda: connect_raw(path), module=sqlite)
        yield engine
        engine.dispose()
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.new_database(template=request.getfixturevalue("pg_template"))
    engine = create_engine(cluster.url(name))  # the superuser: no row-level security here
    yield engine
    engine.dispose()
    cluster.drop_database(name)


@pytest.fixture
def rows(engine):
    return Rows(engine)


def run(engine, sql: str, **params) -> int:
    with engine.begin() as conn:
        return conn.execute(text(sql), params).rowcount


def count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def refused(engine, sql: str, match: str | None = None, **params) -> None:
    with pytest.raises(IntegrityError, match=match):
        run(engine, sql, **params)


# -- append-only records -------------------------------------------------------------------------

def test_a_reviewed_wrap_version_never_changes(engine, rows):
    pid = rows.participant()
    version = rows.wrap_version(pid)
    refused(engine, "UPDATE wrap_versions SET note = 'x' WHERE id = :id", "never changes",
            id=version)
    run(engine, "DELETE FROM participants WHERE id = :id", id=pid)  # the whole record may go
    assert count(engine, "wrap_versions") == 0


def test_goal_history_is_append_only_until_the_goal_goes(engine, rows):
    goal = rows.goal_with_history(rows.participant())
    refused(engine, "UPDATE goal_status_changes SET reason = 'x'",
            "a goal history entry never changes")
    refused(engine, "DELETE FROM goal_status_changes", "a goal history entry is never removed")
    assert count(engine, "goal_status_changes") == 1
    run(engine, "DELETE FROM goals WHERE id = :id", id=goal)  # its history goes with it
    assert count(engine, "goal_status_changes") == 0
    pid = rows.participant("Mele")
    rows.goal_with_history(pid)
    run(engine, "DELETE FROM participants WHERE id = :id", id=pid)  # and with the whole record
    assert count(engine, "goal_status_changes") == 0


def test_an_agreed_plan_version_is_kept_until_the_participant_goes(engine, rows):
    pid = rows.participant()
    rows.plan_version(pid)
    refused(engine, "UPDATE plan_versions SET note = 'x'", "an agreed plan version never changes")
    refused(engine, "DELETE FROM plan_versions", "an agreed plan version is never removed")
    run(engine, "DELETE FROM participants WHERE id = :id", id=pid)
    assert count(engine, "plan_versions") == 0


# -- claims and invoices -------------------------------------------------------------------------

@pytest.mark.parametrize("change", [
    "status = 'ready'",  # back to ready, to be claimed again
    "batch_id = NULL, status = 'ready'",
    "source_key = 'other'",  # under another name
])
def test_a_claimed_line_is_never_claimed_again(engine, rows, change):
    line = rows.claim_line(rows.participant(), claimed=True)
    refused(engine, f"UPDATE claim_lines SET {change} WHERE id = :id",
            "a claimed line cannot be claimed again", id=line)
    # The portal may still say no: claimed -> rejected is allowed.
    assert run(engine, "UPDATE claim_lines SET status = 'rejected' WHERE id = :id", id=line) == 1


def test_one_claimed_line_per_source(engine, rows):
    pid = rows.participant()
    rows.claim_line(pid, claimed=True)
    rows.claim_line(pid)  # a ready line for the same session is fine
    with pytest.raises(IntegrityError):
        rows.claim_line(pid, claimed=True)


def test_an_invoice_number_is_never_reused(engine, rows):
    pid = rows.participant()
    first, second = rows.invoice(pid, 1), rows.invoice(pid, 2)
    refused(engine, "UPDATE invoices SET number = 'INV-0009' WHERE id = :id",
            "an invoice number never changes", id=second)
    refused(engine, "UPDATE invoices SET sequence = 9 WHERE id = :id",
            "an invoice number never changes", id=second)
    with pytest.raises(IntegrityError):
        rows.invoice(pid, 1)  # the number (and sequence) of the first, again
    run(engine, "UPDATE invoices SET void_reason = 'Wrong period' WHERE id = :id", id=first)


def test_a_line_on_a_live_invoice_is_kept(engine, rows):
    pid = rows.participant()
    line = rows.claim_line(pid)
    invoice = rows.invoice(pid, 1, (line,))
    refused(engine, "UPDATE claim_lines SET quantity_centi = 1 WHERE id = :id",
            "a line on a live invoice cannot be changed or claimed", id=line)
    refused(engine, "DELETE FROM claim_lines WHERE id = :id",
            "a line on a live invoice cannot be deleted", id=line)
    with pytest.raises(IntegrityError):  # on one live invoice at most (invoice 2 has no line)
        rows.invoice(pid, 2, (line,))
    run(engine, "UPDATE invoice_lines SET live = :no WHERE invoice_id = :id", no=False,
        id=invoice)
    refused(engine, "UPDATE invoice_lines SET live = :yes WHERE invoice_id = :id",
            "a voided invoice stays voided", yes=True, id=invoice)
    rows.invoice(pid, 3, (line,))  # voided, the line is free for a new invoice
    assert count(engine, "invoice_lines") == 2


def test_removing_a_participant_removes_their_invoiced_lines_too(engine, rows):
    """The whole record may go (the cascade), even with a line on a live invoice."""
    pid = rows.participant()
    rows.invoice(pid, 1, (rows.claim_line(pid),))
    run(engine, "DELETE FROM participants WHERE id = :id", id=pid)
    assert (count(engine, "claim_lines"), count(engine, "invoices")) == (0, 0)


def test_only_a_ready_line_is_invoiced(engine, rows):
    pid = rows.participant()
    line = rows.claim_line(pid, claimed=True)
    with pytest.raises(IntegrityError, match="only a ready line outside any claim file"):
        rows.invoice(pid, 1, (line,))


# -- checks whose SQL differs between the two databases ------------------------------------------

@pytest.mark.parametrize(("number", "kept"), [
    ("430123456", True), ("43012345", False), ("43012345x", False), ("4301 3456", False),
])
def test_an_ndis_number_is_nine_digits(engine, rows, number, kept):
    pid = rows.participant()
    sql = "UPDATE participants SET ndis_number = :n WHERE id = :id"
    if kept:
        assert run(engine, sql, n=number, id=pid) == 1
    else:
        refused(engine, sql, "nine_digits", n=number, id=pid)


def test_a_wanted_supporter_is_a_contact(engine, rows):
    pid = rows.participant()
    run(engine, "INSERT INTO wrap_plans (participant_id, created_at, updated_at) "
                "VALUES (:pid, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", pid=pid)
    insert = ("INSERT INTO wrap_supporters (plan_id, participant_id, contact_id, wanted, name, "
              "note, position, created_at, updated_at) SELECT id, participant_id, NULL, :wanted, "
              "'Uncle Joe', '', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM wrap_plans")
    refused(engine, insert, "supporter_is_contact", wanted=True)
    assert run(engine, insert, wanted=False) == 1  # someone not wanted may be just a name


@pytest.mark.parametrize(("targets", "kept"), [(0, False), (1, True), (2, False)])
def test_a_chime_tag_has_one_target(engine, rows, targets, kept):
    pid = rows.participant()
    goal = rows.goal_with_history(pid)
    run(engine, "INSERT INTO action_steps (goal_id, participant_id, text, who, position, "
                "created_at, updated_at) VALUES (:g, :pid, 'Ring', 'coach', 0, CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)", g=goal, pid=pid)
    goal_id = goal if targets >= 1 else None
    step_id = "(SELECT id FROM action_steps)" if targets == 2 else "NULL"
    sql = ("INSERT INTO chime_tags (participant_id, goal_id, step_id, process, sub_theme, field, "
           "quote, cue, accepted_by, accepted_at, created_at, updated_at) VALUES (:pid, :goal, "
           f"{step_id}, 'hope', '', '', '', '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
           "CURRENT_TIMESTAMP)")
    if kept:
        assert run(engine, sql, pid=pid, goal=goal_id) == 1
    else:
        refused(engine, sql, "one_target", pid=pid, goal=goal_id)


# -- a coach under row-level security (revision 0018) --------------------------------------------

def test_the_refusals_hold_for_a_coach_under_row_level_security(pg_cluster, pg_template):
    """The trigger functions run as the coach, so their look at the parent row passes through
    the coach's policies: the coach's own history is still refused, another coach's is not
    even seen, and removing the coach's participant still takes its history with it."""
    name = pg_cluster.new_database(template=pg_template)
    mine, other = (f"coach_{uuid.uuid4().hex[:8]}" for _ in range(2))
    for role in (mine, other):
        pg_cluster.execute(f"CREATE ROLE {role} LOGIN IN ROLE recoverydesk_coach")
    engine = create_engine(pg_cluster.url(name, mine))
    try:
        rows = Rows(engine)
        rows.goal_with_history(rows.participant())  # assigned to its maker, the coach
        refused(engine, "UPDATE goal_status_changes SET reason = 'x'", "never changes")
        refused(engine, "DELETE FROM goal_status_changes", "never removed")
        with psycopg.connect(pg_cluster.dsn(name, other), autocommit=True) as conn:
            assert conn.execute("DELETE FROM goal_status_changes").rowcount == 0
        run(engine, "DELETE FROM participants")
        assert count(engine, "goal_status_changes") == 0
    finally:
        engine.dispose()
        pg_cluster.drop_database(name)
