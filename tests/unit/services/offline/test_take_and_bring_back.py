"""Issue 21: taking participants offline and bringing the work back, on a real PostgreSQL
server and real encrypted practice files."""

from __future__ import annotations

import pytest

from offline_world import PASSPHRASE, TakeRequest, a_goal, a_note, make_world
from recoverydesk.services.offline.types import (
    EDITED_BOTH,
    RETURNED,
    TAKEN,
    HeldElsewhereError,
    OfflineError,
)
from recoverydesk.services.types import ValidationError


@pytest.fixture
def world(pg_cluster, server_store, tmp_path):
    w, ids = make_world(pg_cluster, server_store, tmp_path)
    yield w, ids
    w.close()


def test_take_holds_the_participants_and_writes_an_encrypted_copy_without_names(world):
    w, ids = world
    coach = w.as_(w.a)
    gid = a_goal(coach, ids["a"][0])
    a_note(coach, gid, "Walked to the pier together")
    path = w.take(w.a, ids["a"])
    raw = path.read_bytes()
    assert b"Zephyrine" not in raw and b"Quillfeather" not in raw and b"pier" not in raw
    held = coach.offline.holds()
    assert set(held) == set(ids["a"])
    assert "taken offline by Alex Ames" in held[ids["a"][0]].label
    local = w.copy(path)
    state = local.offline.state()
    assert state.state == TAKEN and state.coach == w.a and "postgres" not in state.where
    names = {p.full_name for p in local.participants.list(include_archived=True)}
    assert names == {"Zephyrinea0 Quillfeather", "Zephyrinea1 Quillfeather"}  # B's participant is not in A's copy


def test_a_participant_is_taken_by_one_device_at_a_time(world):
    w, ids = world
    w.take(w.a, ids["a"][:1])
    with pytest.raises(HeldElsewhereError, match="already taken offline"):
        w.take(w.a, ids["a"], name="second laptop")
    assert w.counts("offline_holds") == 1  # nothing of the second attempt placed
    assert not list(w.folder.glob("*second*"))


def test_work_done_offline_comes_back_and_the_holds_are_released(world):
    w, ids = world
    coach = w.as_(w.a)
    pid = ids["a"][0]
    gid = a_goal(coach, pid)
    path = w.take(w.a, [pid])
    local = w.copy(path)
    a_note(local, gid, "Offline note at the cafe")
    new_goal = a_goal(local, pid, "Swim at dawn")
    a_note(local, new_goal, "First swim")
    strength = local.participants.add_strength(pid, "personal", "Kind to strangers").value
    report = local.offline.bring_back().value
    assert report.conflicts == 0 and not report.already_done
    assert report.added["progress_notes"] == 2 and report.added["goals"] == 1
    notes = {r[0] for r in w.sql("SELECT text FROM progress_notes")}
    assert {"Offline note at the cafe", "First swim"} <= notes
    # the new goal's note hangs on the new goal's server id
    linked = w.sql("SELECT g.title FROM progress_notes n JOIN goals g ON g.id = n.goal_id "
                   "WHERE n.text = 'First swim'")
    assert linked == [("Swim at dawn",)]
    assert w.sql("SELECT text FROM strengths") == [(strength.text,)]
    assert coach.offline.holds() == {}
    assert local.offline.state().state == RETURNED
    again = local.offline.bring_back().value  # a second run changes nothing
    assert again.already_done
    assert w.counts("progress_notes") == 2
    local.offline.discard_copy()
    assert not path.exists()


def test_both_sides_edit_the_same_record_the_servers_stays_and_the_coachs_is_a_conflict(world):
    w, ids = world
    coach = w.as_(w.a)
    pid = ids["a"][0]
    strength = coach.participants.add_strength(pid, "personal", "Patient").value
    path = w.take(w.a, [pid])
    local = w.copy(path)
    local.participants.update_strength(strength.id, "personal", "Patient and kind")
    lead = w.as_(w.lead)
    lead.participants.update_strength(strength.id, "personal", "Very patient")
    report = local.offline.bring_back().value
    assert report.conflicts == 1
    assert w.sql("SELECT text FROM strengths") == [("Very patient",)]
    [conflict] = coach.offline.conflicts(pid)
    assert conflict.kind == EDITED_BOTH and conflict.table == "strengths"
    assert conflict.mine["text"] == "Patient and kind" and conflict.theirs["text"] == "Very patient"
    assert conflict.base["text"] == "Patient" and "text" in conflict.fields
    edit = coach.offline.edit_conflict(conflict.id)
    assert edit.fields == ("text",)
    edit.save_again(edit.resolved("mine"), "mine")
    assert w.sql("SELECT text, version FROM strengths") == [("Patient and kind", 3)]
    assert coach.offline.conflicts(pid) == []


def test_an_unchanged_record_edited_offline_is_applied_with_its_version_counted_up(world):
    w, ids = world
    coach = w.as_(w.a)
    pid = ids["a"][0]
    strength = coach.participants.add_strength(pid, "skills", "Cooks").value
    local = w.copy(w.take(w.a, [pid]))
    local.participants.update_strength(strength.id, "skills", "Cooks for the group")
    assert local.offline.bring_back().value.applied == 1
    assert w.sql("SELECT text, version FROM strengths") == [("Cooks for the group", 2)]


def test_a_broken_hold_brings_edits_back_as_conflicts_and_additions_still_in(world):
    w, ids = world
    coach = w.as_(w.a)
    pid = ids["a"][0]
    strength = coach.participants.add_strength(pid, "skills", "Draws").value
    gid = a_goal(coach, pid)
    local = w.copy(w.take(w.a, [pid]))
    local.participants.update_strength(strength.id, "skills", "Draws portraits")
    a_note(local, gid, "Drew the harbour")
    with pytest.raises(OfflineError, match="Only the practice lead"):
        coach.offline.break_hold(pid)
    w.as_(w.lead).offline.break_hold(pid)
    assert coach.offline.holds() == {}
    report = local.offline.bring_back().value
    assert report.broken_holds == (pid,) and report.conflicts == 1
    assert w.sql("SELECT text FROM strengths") == [("Draws",)]
    assert w.sql("SELECT text FROM progress_notes") == [("Drew the harbour",)]
    assert w.sql("SELECT action FROM audit_events WHERE action = 'offline.hold_broken'")


def test_taking_needs_a_passphrase_and_a_participant(world):
    w, ids = world
    with pytest.raises(Exception, match="passphrase|Choose"):
        w.as_(w.a).offline.take(TakeRequest((), "short"))
    assert PASSPHRASE


def test_a_place_that_cannot_be_written_says_so_and_takes_nothing(world):
    """The coach chose where the copy goes (Take offline…, Change…): a folder that cannot be
    made (here a file stands where it would be; on a laptop a read-only or full disk) is said
    beside the place, and no participant is left marked as taken."""
    w, ids = world
    blocker = w.folder / "not-a-folder"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(ValidationError) as raised:
        w.as_(w.a).offline.take(TakeRequest(tuple(ids["a"]), PASSPHRASE, "laptop",
                                            blocker / "copy.rdk"))
    assert "could not be written" in raised.value.errors["path"]
    assert "Nothing was taken" in raised.value.errors["path"]
    assert w.counts("offline_holds") == 0
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"
