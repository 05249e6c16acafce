"""The caseload read in plain SQL (services/participants/caseload.py) stays the model's, and
reads the same over a raw connection (start-up's, before SQLAlchemy) as through the store; a team
practice's server reads the same rows through SQLAlchemy (server_caseload.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from recoverydesk.models import Participant
from recoverydesk.services.participants.caseload import COLUMNS, TABLE, caseload, caseload_over
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.store.engine import connect_raw


def test_each_column_it_names_is_the_models():
    model = Participant.__table__
    assert model.name == TABLE
    for name in COLUMNS:
        assert name in model.c, name


def test_it_reads_what_the_service_lists(services):
    p = services.participants
    kiri = p.create(ParticipantDraft(given_name="Kiri", family_name="Waititi",
                                     plan_end=dt.date(2027, 1, 31))).value
    p.create(ParticipantDraft(given_name="Ana", family_name="Silva", preferred_name="Nina"))
    p.set_archived(kiri.id, True)
    rows = caseload(services._store, include_archived=True)
    assert rows == p.list(include_archived=True)
    assert [(r.display_name, r.status, r.archived, r.plan_end) for r in rows] == [
        ("Kiri Waititi", "active", True, dt.date(2027, 1, 31)), ("Nina Silva", "active", False, None)]
    assert caseload(services._store, "nin") == p.list("nin") == rows[1:]
    assert caseload(services._store, status="exited") == []


@pytest.mark.sqlite_only("start-up's raw connection is a practice file's (a server reads through "
                         "SQLAlchemy, checked above on both)")
def test_the_raw_connection_reads_what_the_store_reads(services):
    p = services.participants
    kiri = p.create(ParticipantDraft(given_name="Kiri", family_name="Waititi", ndis_number="431234567",
                                     plan_end=dt.date(2027, 1, 31))).value
    p.create(ParticipantDraft(given_name="Ana", family_name="Silva", preferred_name="Nina"))
    p.create(ParticipantDraft(given_name="Tama", family_name="Ngata"))
    p.set_archived(kiri.id, True)
    conn = connect_raw(services._store.path, services._store.key)
    try:
        for args in (("", None, True), ("", None, False), ("431 234", None, True), ("nin", None, False),
                     ("", "active", True), ("", "exited", True)):
            assert caseload_over(conn, *args) == caseload(services._store, *args), args
        rows = caseload_over(conn, include_archived=True)
    finally:
        conn.close()
    assert [(r.display_name, r.archived, r.plan_end) for r in rows] == [
        ("Kiri Waititi", True, dt.date(2027, 1, 31)), ("Nina Silva", False, None),
        ("Tama Ngata", False, None)]
