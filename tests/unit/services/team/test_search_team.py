"""The search on a team practice keeps a coach to their own participants (issue 20 items 2, 3):
the ranking function of revision 0024 applies the coaches' rule (tests/unit/services/search/
test_coach_search.py calls it through psycopg), and the titles and snippets are read through
row-level security."""

from __future__ import annotations

import datetime as dt

from team_world import make_team, participant

from recoverydesk.services.sessions.types import SessionInput


def test_a_coach_finds_their_own_participants_notes_and_never_anothers(pg_cluster, server_store):
    team = make_team(pg_cluster, server_store)
    try:
        lead, a, b = (team.services_as(r) for r in (team.lead, team.a, team.b))
        ari = participant(a, "Ari")
        bodhi = participant(lead, "Bodhi")
        lead.team.assign(bodhi, team.b)
        for coach, who in ((a, ari), (b, bodhi)):
            coach.sessions.create(who, SessionInput(
                starts_at=dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC),
                talked_about="Started at the café on Monday"))
        assert [(r.participant_id, r.plain_snippet) for r in a.search.search("cafe")] == [
            (ari, "Started at the café on Monday")]
        assert [r.participant_id for r in b.search.search("cafe mon")] == [bodhi]
        assert [r.participant_id for r in b.search.search("ari")] == []
        assert {r.participant_id for r in lead.search.search("cafe")} == {ari, bodhi}
    finally:
        team.close()
