"""The caseload read without the models (services/participants/caseload.py) stays the model's."""

from __future__ import annotations

import datetime as dt

from recoverydesk.models import Participant
from recoverydesk.services.participants.caseload import PARTICIPANTS, caseload
from recoverydesk.services.participants.types import ParticipantDraft


def test_each_column_it_names_is_the_models_with_the_same_kind_of_type():
    model = Participant.__table__
    assert PARTICIPANTS.name == model.name
    for col in PARTICIPANTS.c:
        assert col.name in model.c, col.name
        assert col.type._type_affinity is model.c[col.name].type._type_affinity, col.name


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
