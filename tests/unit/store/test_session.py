"""One unit of work per ``with``: all of it is saved, or none of it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from recoverydesk.models import Participant, Strength, StrengthCategory


def count(store, model):
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_success_commits_and_objects_stay_readable(store):
    with store.unit_of_work() as s:
        p = Participant(given_name="Mei", family_name="Chen")
        s.add(p)
    assert p.given_name == "Mei" and p.id is not None  # expire_on_commit=False: no reload
    assert count(store, Participant) == 1


def test_an_error_half_way_leaves_nothing_written(store):
    with pytest.raises(RuntimeError), store.unit_of_work() as s:
        p = Participant(given_name="Tariq", family_name="Haddad")
        s.add(p)
        s.flush()
        s.add(Strength(participant_id=p.id, category=StrengthCategory.SKILLS, text="Carpentry"))
        s.flush()
        raise RuntimeError("the power went")
    assert count(store, Participant) == 0 and count(store, Strength) == 0


def test_reading_never_commits(store):
    with store.read() as s:
        s.add(Participant(given_name="Not", family_name="Saved"))
        s.flush()
    assert count(store, Participant) == 0


def test_foreign_keys_are_enforced(store):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.unit_of_work() as s:
        s.add(Strength(participant_id=999, category=StrengthCategory.SKILLS, text="Orphan"))
    assert count(store, Strength) == 0
