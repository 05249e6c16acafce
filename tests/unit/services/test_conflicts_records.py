"""Every editable record the coach saves in a form refuses a stale save the same way as the
participant (test_conflicts.py): the other coach's version kept, both versions handed back, and
each answer saved over the new version. Two Services over one practice, on both databases."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from recoverydesk.services.conflicts.types import KEEP_MINE, MERGED, TAKE_THEIRS, EditConflict
from recoverydesk.services.container import Services
from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.types import ResourceDraft
from recoverydesk.store.session import Store


@pytest.fixture
def two(store, database, request):
    """Two coaches' services over the same practice (file or team database)."""
    if database == "postgresql":
        from recoverydesk.store.server import ServerStore

        other = ServerStore(request.getfixturevalue("pg_cluster").url(store.address.database))
    else:
        other = Store(store.path)
    yield Services(store), Services(other)
    other.close()


@dataclasses.dataclass(frozen=True)
class Kind:
    make: Callable[[Services, int], int]  # a record of this kind for the participant: its id
    get: Callable[[Services, int], Any]  # its DTO
    update: Callable[..., Any]  # (services, id, draft, *resolution)
    field: str  # a text field both coaches change
    what: str


def _contact(sv: Services, pid: int) -> int:
    return sv.network.add(pid, ContactDraft(name="Rose Walker", phone="0400 1")).value.id


def _goal(sv: Services, pid: int) -> int:
    return sv.goals.create(pid, GoalDraft(title="Walk to the beach")).value.id


def _step(sv: Services, pid: int) -> int:
    return sv.goals.add_step(_goal(sv, pid), StepDraft(text="Ring the surf club")).value.id


def _resource(sv: Services, _pid: int) -> int:
    return sv.resources.create(ResourceDraft(name="Harbour Choir", category="recreation")).value.id


def _strength(sv: Services, pid: int) -> int:
    return sv.participants.add_strength(pid, "skills", "Good with dogs").value.id


def _update_strength(sv: Services, sid: int, d, *resolution):
    return sv.participants.update_strength(sid, d.category, d.text, base_version=d.base_version,
                                           resolution=resolution[0] if resolution else "")


def _wrap_item(sv: Services, pid: int) -> int:
    return sv.wrap.add_item(pid, "daily_well", "Up early, walk the dog").value.id


def _update_item(sv: Services, item_id: int, d, *resolution):
    return sv.wrap.update_item(item_id, d.text, base_version=d.base_version,
                               resolution=resolution[0] if resolution else "")


def _referral(sv: Services, pid: int) -> int:
    return sv.referrals.refer(pid, _resource(sv, pid), dt.date.today(), "To sing again").value.id


def _update_referral(sv: Services, rid: int, d, *resolution):
    return sv.referrals.update(rid, d.purpose, d.outcome, d.goal_id, base_version=d.base_version,
                               resolution=resolution[0] if resolution else "")


KINDS = {
    "contact": Kind(_contact, lambda sv, i: sv.network.get(i),
                    lambda sv, i, d, *r: sv.network.update(i, d, *r), "phone", "contact"),
    "goal": Kind(_goal, lambda sv, i: sv.goals.get(i),
                 lambda sv, i, d, *r: sv.goals.update(i, d, *r), "specific", "goal"),
    "strength": Kind(_strength, lambda sv, i: sv.participants.strength(i), _update_strength,
                     "text", "strength"),
    "wrap_item": Kind(_wrap_item, lambda sv, i: sv.wrap.item(i), _update_item, "text",
                      "WRAP item"),
    "referral": Kind(_referral, lambda sv, i: sv.referrals.get(i), _update_referral, "outcome",
                     "referral"),
    "resource": Kind(_resource, lambda sv, i: sv.resources.get(i),
                     lambda sv, i, d, *r: sv.resources.update(i, d, *r), "offers", "resource"),
    "action_step": Kind(_step, lambda sv, i: sv.goals.step(i),
                        lambda sv, i, d, *r: sv.goals.update_step(i, d, *r), "text", "step"),
}


def _stale(two, kind: Kind) -> tuple[Services, Services, int, EditConflict]:
    a, b = two
    pid = a.participants.create(ParticipantDraft(given_name="Kiri")).value.id
    rid = kind.make(a, pid)
    opened = kind.get(a, rid)
    kind.update(b, rid, dataclasses.replace(kind.get(b, rid).to_draft(), **{kind.field: "theirs"}))
    mine = dataclasses.replace(opened.to_draft(), **{kind.field: "mine"})
    with pytest.raises(EditConflict) as caught:
        kind.update(a, rid, mine)
    return a, b, rid, caught.value


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_stale_save_is_refused_with_both_versions(two, name):
    kind = KINDS[name]
    a, b, rid, conflict = _stale(two, kind)
    assert conflict.what == kind.what and conflict.fields == (kind.field,)
    assert getattr(conflict.mine, kind.field) == "mine"
    assert getattr(conflict.theirs, kind.field) == "theirs"
    stored = kind.get(b, rid)
    assert (getattr(stored, kind.field), stored.version) == ("theirs", 2)


@pytest.mark.parametrize("how", [KEEP_MINE, TAKE_THEIRS, MERGED])
@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_answer_is_saved_over_the_new_version(two, name, how):
    kind = KINDS[name]
    a, b, rid, conflict = _stale(two, kind)
    merged = conflict.merge({}, {kind.field: "both"})
    conflict.save_again(conflict.resolved(how, merged), how)
    stored = kind.get(b, rid)
    expected = {KEEP_MINE: ("mine", 3), TAKE_THEIRS: ("theirs", 2), MERGED: ("both", 3)}[how]
    assert (getattr(stored, kind.field), stored.version) == expected
