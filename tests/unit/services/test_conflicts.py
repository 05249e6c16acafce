"""Two coaches editing one record never overwrite each other silently (issue 20 item 4), on a
practice file (two Services over one file, as two windows would be) and on a team practice's
server (two connections). The change notices a server sends are in team/test_team_notices.py."""

from __future__ import annotations

import dataclasses

import pytest
from practice_databases import reopen

from recoverydesk.services.conflicts.types import (
    KEEP_MINE,
    MERGED,
    TAKE_THEIRS,
    EditConflict,
    differing,
    shown,
)
from recoverydesk.services.container import Services
from recoverydesk.services.participants import service as participants_service
from recoverydesk.services.participants.types import ParticipantDraft


@pytest.fixture
def two(store):
    """Two coaches' services over the same practice (file or team database)."""
    other = reopen(store)
    yield Services(store), Services(other)
    other.close()


def _participant(services: Services) -> int:
    return services.participants.create(
        ParticipantDraft(given_name="Robin", family_name="Tester", phone="0400 000 001")
    ).value.id


def _stale_edit(a: Services, b: Services, pid: int):
    """Coach A opens the participant; coach B saves a new phone and about; A then saves."""
    opened = a.participants.get(pid)
    theirs = dataclasses.replace(b.participants.get(pid).to_draft(), phone="0400 999 999",
                                 about="Likes the beach.")
    b.participants.update(pid, theirs)
    mine = dataclasses.replace(opened.to_draft(), phone="0411 111 111", pronouns="they/them")
    return opened, mine


def test_the_dto_carries_its_version_and_every_save_moves_it(services):
    pid = _participant(services)
    first = services.participants.get(pid)
    assert first.version == 1 and first.to_draft().base_version == 1
    saved = services.participants.update(pid, dataclasses.replace(first.to_draft(), phone="1"))
    assert saved.value.version == 2 == services.participants.get(pid).version


def test_a_stale_save_is_refused_with_both_versions(two):
    a, b = two
    pid = _participant(a)
    opened, mine = _stale_edit(a, b, pid)
    with pytest.raises(EditConflict) as caught:
        a.participants.update(pid, mine)
    conflict = caught.value
    assert conflict.version == 2
    assert conflict.mine == mine
    assert conflict.theirs.phone == "0400 999 999" and conflict.theirs.about == "Likes the beach."
    assert conflict.fields == ("pronouns", "phone", "about")  # in the form's order
    assert conflict.label("phone") == "Phone"
    assert "Someone else saved this participant" in str(conflict)
    stored = b.participants.get(pid)  # nothing written
    assert (stored.phone, stored.pronouns, stored.version) == ("0400 999 999", "", 2)


def test_keep_mine_saves_over_the_new_version(two):
    a, b = two
    pid = _participant(a)
    _opened, mine = _stale_edit(a, b, pid)
    with pytest.raises(EditConflict) as caught:
        a.participants.update(pid, mine)
    conflict = caught.value
    saved = conflict.save_again(conflict.resolved(KEEP_MINE), KEEP_MINE).value
    stored = b.participants.get(pid)
    assert saved == stored
    assert (stored.phone, stored.pronouns, stored.about) == ("0411 111 111", "they/them", "")
    assert stored.version == 3
    actions = [e.action for e in a.participants.audit_trail(pid)]
    assert actions[0] == "participant.conflict_mine"


def test_take_theirs_writes_nothing_of_mine(two):
    a, b = two
    pid = _participant(a)
    _opened, mine = _stale_edit(a, b, pid)
    with pytest.raises(EditConflict) as caught:
        a.participants.update(pid, mine)
    conflict = caught.value
    saved = conflict.save_again(conflict.resolved(TAKE_THEIRS), TAKE_THEIRS).value
    stored = b.participants.get(pid)
    assert saved == stored
    assert (stored.phone, stored.pronouns, stored.about) == ("0400 999 999", "", "Likes the beach.")
    assert stored.version == 2  # nothing to write


def test_a_merge_by_hand_is_saved_and_audited(two):
    a, b = two
    pid = _participant(a)
    _opened, mine = _stale_edit(a, b, pid)
    with pytest.raises(EditConflict) as caught:
        a.participants.update(pid, mine)
    conflict = caught.value
    merged = conflict.merge({"phone": TAKE_THEIRS, "pronouns": KEEP_MINE, "about": TAKE_THEIRS},
                            {"about": "Likes the beach and the bush."})
    assert merged.base_version == 2
    conflict.save_again(conflict.resolved(MERGED, merged), MERGED)
    stored = b.participants.get(pid)
    assert (stored.phone, stored.pronouns, stored.about) == (
        "0400 999 999", "they/them", "Likes the beach and the bush.")
    assert stored.version == 3
    entry = a.participants.audit_trail(pid)[0]
    assert (entry.action, entry.detail) == ("participant.conflict_merged", "pronouns,about")


def test_a_resolution_that_went_stale_again_is_a_new_conflict(two):
    a, b = two
    pid = _participant(a)
    _opened, mine = _stale_edit(a, b, pid)
    with pytest.raises(EditConflict) as caught:
        a.participants.update(pid, mine)
    b.participants.update(pid, dataclasses.replace(b.participants.get(pid).to_draft(),
                                                   family_name="Tester-Jones"))
    with pytest.raises(EditConflict) as again:
        caught.value.save_again(caught.value.resolved(KEEP_MINE), KEEP_MINE)
    assert again.value.version == 3 and "family_name" in again.value.fields


def test_no_conflict_when_the_other_save_changed_nothing_i_see_differently(two):
    a, b = two
    pid = _participant(a)
    opened = a.participants.get(pid)
    b.participants.update(pid, dataclasses.replace(opened.to_draft(), phone="0400 999 999"))
    # A made the same change: nothing to ask.
    saved = a.participants.update(pid, dataclasses.replace(opened.to_draft(), phone="0400 999 999"))
    assert saved.value.version == 2


def test_a_draft_without_a_base_version_saves_as_before(two):
    a, b = two
    pid = _participant(a)
    b.participants.update(pid, dataclasses.replace(b.participants.get(pid).to_draft(), phone="2"))
    draft = dataclasses.replace(a.participants.get(pid).to_draft(), phone="3", base_version=None)
    assert a.participants.update(pid, draft).value.phone == "3"


def test_the_version_counter_guards_the_race_inside_one_save(two, monkeypatch):
    """B commits after A's save has read the participant (and found its version current) and
    before A writes: A's UPDATE ... WHERE version = 1 touches nothing, and A gets the conflict.
    Only a server has this race: on a practice file every save begins as the one writer."""
    a, b = two
    if not a._store.is_server:
        pytest.skip("a practice file's saves never overlap")
    pid = _participant(a)
    mine = dataclasses.replace(a.participants.get(pid).to_draft(), phone="0411 111 111")
    load, fired = participants_service._load, []

    def load_then_b_saves(s, participant_id):
        row = load(s, participant_id)
        if not fired:  # A's save has read version 1 (and will find it current): B saves now
            fired.append(True)
            b.participants.update(pid, dataclasses.replace(
                b.participants.get(pid).to_draft(), phone="0400 999 999"))
        return row

    monkeypatch.setattr(participants_service, "_load", load_then_b_saves)
    with pytest.raises(EditConflict) as caught:
        a.participants.update(pid, mine)
    assert caught.value.version == 2 and caught.value.fields == ("phone",)
    assert b.participants.get(pid).phone == "0400 999 999"


def test_the_pure_rules():
    mine = ParticipantDraft(given_name="Robin ", phone="1", base_version=1)
    theirs = ParticipantDraft(given_name="Robin", phone="2", base_version=2)
    assert differing(mine, theirs) == ("phone",)  # text compared trimmed, version not a field
    assert shown(None) == shown("") == "(empty)"
    assert shown(True) == "Yes"
    assert shown("paused", {"paused": "Paused"}) == "Paused"
