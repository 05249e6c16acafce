"""``recoverydesk demo --db postgresql://… --coaches 3`` (issue 20 item 8): the fictional demo
written into an empty team practice on the throwaway server, three fictional coaches made real
logins (the first the lead), the participants spread across them; each coach sees their own."""

from __future__ import annotations

import re

import psycopg
import pytest

from recoverydesk.cli import main
from recoverydesk.demo.team import COACHES, ROLE_PREFIX
from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.store.server import ServerStore

ROLES = [ROLE_PREFIX + role for role, _name in COACHES]


def address(cluster, database: str, user: str = "postgres") -> str:
    return f"postgresql://{user}@/{database}?host={cluster.folder}&port={cluster.port}"


def _drop_demo_logins(cluster) -> None:
    for role in ROLES:  # logins are the server's, shared by every database on it
        cluster.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.fixture
def empty_team(pg_cluster, pg_template, _pg_password_rule):
    """An empty, migrated team practice's database, with no demo logins on the server."""
    _drop_demo_logins(pg_cluster)
    name = pg_cluster.new_database(template=pg_template)
    yield name
    pg_cluster.drop_database(name)
    _drop_demo_logins(pg_cluster)


def _passwords(out: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(demo_\w+)\s.*password (\S+)$", out, re.M))


def _as(cluster, database: str, role: str):
    return Services(ServerStore(cluster.url(database, user=role)))


def test_a_demo_team_practice_with_three_coaches(pg_cluster, empty_team, capsys):
    assert main(["demo", "--db", address(pg_cluster, empty_team), "--coaches", "3",
                 "--participants", "9", "--years", "1"]) == 0
    out = capsys.readouterr().out
    assert "9 fictional participants and 3 fictional coaches" in out
    assert "shown only this once" in out
    passwords = _passwords(out)
    assert sorted(passwords) == sorted(ROLES[:3])
    assert len(set(passwords.values())) == 3 and all(len(p) >= 12 for p in passwords.values())

    lead = _as(pg_cluster, empty_team, "postgres")
    try:
        view = lead.team.view()
        assert [(c.role, c.lead, c.participants) for c in view.coaches] == [
            ("demo_aroha", True, 3), ("demo_priya", False, 3), ("demo_sam", False, 3)]
        assert view.unassigned == 0
        theirs = {a.participant_id for a in lead.team.assignments() if a.coach_role == "demo_sam"}
    finally:
        lead.close()
    # The printed password is the login's (over TCP, where the server asks for one) ...
    pg_cluster.execute("GRANT rd_password_login TO demo_sam")
    with psycopg.connect(host="127.0.0.1", port=pg_cluster.port, dbname=empty_team,
                         user="demo_sam", password=passwords["demo_sam"]) as conn:
        seen = {r[0] for r in conn.execute("SELECT id FROM participants")}
    assert seen == theirs
    # ... and the coach sees and adds only their own, with ids after the demo's.
    sam = _as(pg_cluster, empty_team, "demo_sam")
    try:
        assert {r.id for r in sam.participants.list(include_archived=True)} == theirs
        new = sam.participants.create(ParticipantDraft(given_name="Tui",
                                                       family_name="Ngata")).value
        assert new.id > max(theirs)
        assert sam.sessions is not None and sam.search.search("Tui")
    finally:
        sam.close()
    aroha = _as(pg_cluster, empty_team, "demo_aroha")  # the lead sees everyone
    try:
        assert len(aroha.participants.list(include_archived=True)) == 10
    finally:
        aroha.close()


def test_given_password_and_logins_already_on_the_server(pg_cluster, empty_team, capsys):
    assert main(["demo", "--db", address(pg_cluster, empty_team), "--coaches", "2",
                 "--participants", "4", "--years", "1", "--coach-password",
                 "harbour-lantern-47"]) == 0
    out = capsys.readouterr().out
    assert out.count("password as given") == 2 and "shown only this once" not in out
    pg_cluster.execute("GRANT rd_password_login TO demo_sam")
    psycopg.connect(host="127.0.0.1", port=pg_cluster.port, dbname=empty_team,
                    user="demo_sam", password="harbour-lantern-47").close()
    # A second demo on the same server takes the logins as they are.
    other = pg_cluster.new_database()  # not even migrated: the demo's opening does it
    try:
        assert main(["demo", "--db", address(pg_cluster, other), "--coaches", "3",
                     "--participants", "3", "--years", "1"]) == 0
        out = capsys.readouterr().out
        assert out.count("its password unchanged") == 2
        assert len(_passwords(out)) == 1  # only demo_priya is new
    finally:
        pg_cluster.drop_database(other)


def test_refusals_in_words(pg_cluster, pg_template, empty_team, tmp_path, capsys):
    lead = address(pg_cluster, empty_team)
    assert main(["demo", "--db", lead, "--participants", "2"]) == 2
    assert "--coaches" in capsys.readouterr().err
    assert main(["demo", "--db", str(tmp_path / "p.rdk"), "--coaches", "2"]) == 2
    assert "team practice" in capsys.readouterr().err
    assert main(["demo", "--db", lead, "--coaches", "11"]) == 2
    capsys.readouterr()
    assert main(["demo", "--db", lead, "--coaches", "1", "--participants", "2",
                 "--years", "1"]) == 0
    capsys.readouterr()
    assert main(["demo", "--db", lead, "--coaches", "1", "--participants", "2"]) == 1
    assert "already holds participants" in capsys.readouterr().err
    # A coach who does not lead the practice makes no coaches.
    pg_cluster.execute("CREATE ROLE demo_sam LOGIN IN ROLE recoverydesk_coach")
    other = pg_cluster.new_database(template=pg_template)
    try:
        assert main(["demo", "--db", address(pg_cluster, other, "demo_sam"), "--coaches", "1",
                     "--participants", "2", "--years", "1"]) == 1
        assert "Only the practice lead" in capsys.readouterr().err
    finally:
        pg_cluster.drop_database(other)
