"""core_rows, the Core path of the reads on a participant switch, reads what the session holds
but has not written yet, as an ORM read would (autoflush): a WRAP review or an agreed plan's
snapshot reads inside its unit of work. Runs on both databases (conftest.py)."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from recoverydesk.models import Participant, Strength
from recoverydesk.services.core_read import core_rows


def _names():
    return select(Participant.given_name).where(Participant.given_name == bindparam("name"))


def test_core_rows_sees_what_the_unit_of_work_has_not_written_yet(store):
    with store.unit_of_work() as s:
        person = Participant(given_name="Wren", family_name="Kestrel-Ashdown")
        s.add(person)
        assert core_rows(s, _names(), {"name": "Wren"}).scalars().all() == ["Wren"]
        s.add(Strength(participant=person, category="personal", text="Keeps a garden"))
        texts = core_rows(s, select(Strength.text).where(Strength.participant_id == person.id))
        assert texts.scalars().all() == ["Keeps a garden"]
    with store.read() as s:  # and what was read is what was kept
        assert core_rows(s, _names(), {"name": "Wren"}).scalars().all() == ["Wren"]


def test_core_rows_without_params_and_without_anything_pending(store):
    with store.read() as s:
        assert core_rows(s, select(Participant.id).where(Participant.id < 0)).all() == []
