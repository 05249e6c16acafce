"""Moving a solo practice into a team practice's new database (issue 20 item 5), on the real
throwaway PostgreSQL server: every table, id and time arrives, checked row by row in the same
transaction; a database that holds a practice is refused; a copy that does not match is rolled
back whole; the file is only read."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest
from demo_practices import demo_practice
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from recoverydesk.models import Base
from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.move_to_server import (
    MoveCheckError,
    import_to_server,
    move_to_server,
)
from recoverydesk.services.practice.transfer import IOService, layout
from recoverydesk.services.settings.types import PracticeDetails
from recoverydesk.services.team.types import NewCoach
from recoverydesk.services.types import ValidationError
from recoverydesk.store.server import ServerStore
from recoverydesk.store.session import Store


@pytest.fixture(scope="module")
def solo(tmp_path_factory):
    """A demo practice file (14 participants, two years, its coach named in its details) with a
    goal reframed into a later one: a row pointing forward at a row of its own table."""
    path = tmp_path_factory.mktemp("solo") / "solo.rdk"
    services = demo_practice(path, participants=14, years=2, seed=7)
    services.settings.save_details(PracticeDetails(practice_name="Harbour Lights",
                                                   coach_name="Mere Solo"))
    with services._store.unit_of_work() as s:
        first, last = s.execute(text("SELECT min(id), max(id) FROM goals")).one()
        s.execute(text("UPDATE goals SET reframed_to_id = :last WHERE id = :first"),
                  {"last": last, "first": first})
    services.close()
    return path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _all_rows(store) -> dict[str, list[dict]]:
    doc = IOService(store).export_data()
    doc.pop("exported_at")
    return json.loads(json.dumps(doc))


def test_a_demo_practice_moves_exactly_and_the_file_is_untouched(solo, server_store):
    before = _digest(solo)
    source = Store(solo)
    try:
        report = move_to_server(source, server_store)
        file_doc = _all_rows(source)
    finally:
        source.close()
    assert _digest(solo) == before
    assert report.participants == 14 and report.coach == "postgres"
    assert report.records == sum(len(v) for v in _flat_counts(file_doc).values())
    server_doc = _all_rows(server_store)
    # the changes on purpose: each participant is the mover's, and the mover is the team's lead,
    # named as the file names its coach
    assert {p["coach_role"] for p in server_doc["participants"]} == {"postgres"}
    for p in file_doc["participants"]:
        p["coach_role"] = "postgres"
    assert file_doc["coaches"] == []
    (mover,) = server_doc.pop("coaches")
    file_doc.pop("coaches")
    assert (mover["role"], mover["lead"], mover["active"]) == ("postgres", True, True)
    assert mover["display_name"] == "Mere Solo"
    assert server_doc == file_doc  # every table, id, time and value
    view = Services(server_store).team.view()
    assert [(c.role, c.lead, c.participants) for c in view.coaches] == [("postgres", True, 14)]

    services = Services(server_store)
    # sequences moved past the copied ids: the next record gets the next id
    top = max(p["id"] for p in file_doc["participants"])
    added = services.participants.create(ParticipantDraft(given_name="Ngaio", family_name="Marsh"))
    assert added.value.id == top + 1
    # a line claimed once still can never be claimed again
    columns = [c.name for c in Base.metadata.tables["claim_lines"].columns
               if c.name not in ("id", "version")]
    names = ", ".join(columns)
    with server_store.read() as s:
        claimed = s.scalar(text("SELECT id FROM claim_lines WHERE status = 'claimed' LIMIT 1"))
    assert claimed is not None
    with pytest.raises(IntegrityError, match="uq_claim_lines_claimed_once"), \
            server_store.unit_of_work() as s:
        s.execute(text(f"INSERT INTO claim_lines ({names}) SELECT {names} FROM claim_lines "
                       "WHERE id = :id"), {"id": claimed})


def _flat_counts(doc) -> dict[str, list]:
    from recoverydesk.services.practice.transfer import flatten

    return flatten(doc)


def test_the_search_finds_a_moved_participant(solo, server_store):
    source = Store(solo)
    try:
        move_to_server(source, server_store)
    finally:
        source.close()
    services = Services(server_store)
    someone = services.participants.list()[0]
    found = services.search.search(someone.full_name.split()[-1], kinds=("participant",))
    assert someone.id in {hit.participant_id for hit in found}
    with server_store.read() as s:
        note = s.scalar(text("SELECT talked_about FROM sessions WHERE talked_about <> '' "
                             "ORDER BY id DESC LIMIT 1"))
    word = max(note.split(), key=len).strip(".,;:!?")
    assert services.search.search(word, kinds=("session",))


def test_a_database_that_holds_a_practice_is_refused_and_left_alone(solo, server_store):
    services = Services(server_store)
    services.participants.create(ParticipantDraft(given_name="Tui", family_name="Ngata"))
    source = Store(solo)
    try:
        with pytest.raises(ValidationError, match="already holds a practice \\(1 participants"):
            move_to_server(source, server_store)
    finally:
        source.close()
    assert [p.full_name for p in services.participants.list()] == ["Tui Ngata"]


def test_a_copy_that_does_not_match_is_rolled_back_whole(solo, server_store, pg_cluster):
    # the server quietly changes what it is given: the check must notice and keep nothing
    database = server_store.address.database
    pg_cluster.execute(
        "CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN NEW.text := upper(NEW.text); RETURN NEW; END $$", database)
    pg_cluster.execute("CREATE TRIGGER shout BEFORE INSERT ON strengths FOR EACH ROW "
                       "EXECUTE FUNCTION shout()", database)
    source = Store(solo)
    try:
        with pytest.raises(MoveCheckError, match="did not match .* strengths \\d+: text differ"):
            move_to_server(source, server_store)
    finally:
        source.close()
    with server_store.read() as s:
        for t in layout().tables:
            if t.name in ("participants", "strengths", "sessions", "audit_events"):
                assert s.execute(select(t)).first() is None


def test_only_the_lead_may_move_a_practice_in_then_adds_the_coaches(solo, server_store,
                                                                   pg_cluster, pg_template):
    owner = Services(server_store)
    lead, coach = f"lead_{uuid.uuid4().hex[:8]}", f"coach_{uuid.uuid4().hex[:8]}"
    owner.team.add_coach(NewCoach(lead, "Lee Lead", lead=True), "a-long-password")
    owner.team.add_coach(NewCoach(coach, "Alex Ames"), "a-long-password")
    database = server_store.address.database
    source = Store(solo)
    try:
        as_coach = ServerStore(pg_cluster.url(database, user=coach))
        try:
            with pytest.raises(ValidationError, match=f"Only the practice lead.*as {coach}"):
                move_to_server(source, as_coach)
        finally:
            as_coach.close()
        as_lead = ServerStore(pg_cluster.url(database, user=lead))
        try:  # the coaches were added first: their audit trail is in the way, said in words
            with pytest.raises(ValidationError, match="already holds .* the start of one"):
                move_to_server(source, as_lead)
        finally:
            as_lead.close()
        fresh = pg_cluster.new_database(template=pg_template)
        as_lead = ServerStore(pg_cluster.url(fresh, user=lead))
        try:
            report = move_to_server(source, as_lead)
            assert report.coach == lead and report.participants == 14
            after = Services(as_lead)
            after.team.add_coach(NewCoach(coach, "Alex Ames"), None)  # ids moved on
            assert {c.role: (c.lead, c.participants) for c in after.team.view().coaches} == {
                lead: (True, 14), coach: (False, 0)}
            assert len(after.participants.list(include_archived=True)) == 14
        finally:
            as_lead.close()
            pg_cluster.drop_database(fresh)
    finally:
        source.close()


def test_an_export_imports_into_a_team_database_and_exports_the_same(solo, server_store,
                                                                    tmp_path):
    source = Store(solo)
    try:
        first = tmp_path / "first.json"
        IOService(source).export_to(first)
    finally:
        source.close()
    report = import_to_server(server_store, first)
    assert report.participants == 14
    second = tmp_path / "second.json"
    IOService(server_store).export_to(second)
    a, b = json.loads(first.read_text("utf-8")), json.loads(second.read_text("utf-8"))
    a.pop("exported_at"), b.pop("exported_at")
    for p in a["participants"]:
        p["coach_role"] = "postgres"
    assert [c["role"] for c in b.pop("coaches")] == ["postgres"] and a.pop("coaches") == []
    assert a == b
    with pytest.raises(ValidationError, match="already holds a practice"):
        import_to_server(server_store, first)


def test_a_file_the_server_refuses_is_said_in_the_import_s_words(server_store, tmp_path):
    doc = IOService(server_store).export_data()
    person = {"id": 7, "given_name": "Tui", "family_name": "Ngata"}
    doc["participants"] = [person, dict(person, given_name="Mere")]
    export = tmp_path / "twice.json"
    export.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ValidationError, match="the same record \\(participants\\) twice"):
        import_to_server(server_store, export)
    assert Services(server_store).participants.list(include_archived=True) == []
