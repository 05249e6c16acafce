"""``SessionService.tab`` (the Sessions tab's reads in one transaction) gives what the separate
reads give: the ids as filtered, the rows, the rhythm, the hours, the newest draft and the goal
titles; on both databases (the services fixture)."""

from __future__ import annotations

import datetime as dt

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput, hours_start

UTC = dt.UTC


def ago(**kw) -> dt.datetime:
    return dt.datetime.now(UTC).replace(microsecond=0) - dt.timedelta(**kw)


def same(services, pid, statuses=None, goal_id=None, tool=None, around=None, first=50):
    today = dt.date.today()
    tab = services.sessions.tab(pid, statuses, goal_id, tool, around=around, first=first,
                                today=today)
    ids = services.sessions.session_ids(pid, statuses, goal_id, tool)
    assert tab.participant_id == pid
    assert tab.ids == ids
    wanted = ids[:first]
    if around in ids and ids.index(around) >= first:
        wanted += ids[ids.index(around):ids.index(around) + first]
    assert tab.rows == services.sessions.rows(wanted)  # (plain rows, not ORM objects)
    assert tab.rows == [services.sessions.get(i) for i in wanted]  # as the ORM reads them
    assert tab.rhythm == services.rhythm.status(pid, today)
    assert tab.summary == services.sessions.summary(pid, hours_start(today), today)
    drafts = services.sessions.drafts(pid)
    assert tab.draft == (drafts[0] if drafts else None)
    assert tab.goal_titles == services.goals.titles(pid)
    none = services.sessions.tab(pid, statuses, goal_id, tool, goal_titles=False, around=around,
                                 first=first, today=today)
    assert none.goal_titles is None and none.ids == tab.ids
    no_hours = services.sessions.tab(pid, statuses, goal_id, tool, hours=False, first=first,
                                     today=today)
    assert no_hours.summary is None and no_hours.rows == tab.rows[:first]
    return tab


def test_the_tab_is_what_its_separate_reads_give(services):
    pid = services.participants.create(ParticipantDraft(given_name="Robin",
                                                        family_name="Tester")).value.id
    other = services.participants.create(ParticipantDraft(given_name="Sam")).value.id
    empty = same(services, pid)
    assert empty.ids == [] and empty.rows == [] and empty.draft is None
    g1 = services.goals.create(pid, GoalDraft(title="Walk to the beach")).value
    g2 = services.goals.create(pid, GoalDraft(title="Cook twice a week")).value
    made = []
    for days in range(1, 9):
        made.append(services.sessions.create(pid, SessionInput(
            starts_at=ago(days=days * 20), tools=("wrap",) if days % 2 else (),
            goal_ids=(g1.id,) if days % 3 else (g2.id,), travel_km=1.5 * days)).value)
    services.sessions.create(pid, SessionInput(starts_at=ago(days=-3), status="planned"))
    services.sessions.create(other, SessionInput(starts_at=ago(days=2)))
    services.rhythm.set_frequency(pid, "fortnightly", effective_from=dt.date.today()
                                  - dt.timedelta(days=100))
    services.sessions.save_draft(pid, None, SessionInput(starts_at=ago(hours=1),
                                                         talked_about="Half typed"))
    tab = same(services, pid)
    assert len(tab.ids) == 9 and tab.draft is not None and len(tab.goal_titles) == 2
    assert tab.rows[0].participant_name == services.participants.get(pid).display_name
    same(services, pid, statuses=("completed",), tool="wrap")
    same(services, pid, goal_id=g2.id)
    same(services, pid, first=2, around=made[-1].id)  # its rows are read where it is
    same(services, other)


def test_rows_read_by_their_ids_when_the_first_rows_read_differ(services, monkeypatch):
    """On a team practice another coach's note can land between the tab's read of the ids and
    its read of the first rows (two statements, each its own snapshot): the rows shown are then
    read by the ids, so every id shown has its row. Simulated by a first-rows read that missed
    the newest note."""
    from recoverydesk.services.sessions import rows

    pid = services.participants.create(ParticipantDraft(given_name="Noa")).value.id
    for days in (3, 2, 1):
        services.sessions.create(pid, SessionInput(starts_at=ago(days=days)))
    real = rows.first_dtos
    monkeypatch.setattr(rows, "first_dtos",
                        lambda s, params, names=None: real(s, params, names)[1:])
    tab = services.sessions.tab(pid, today=dt.date.today())
    assert [r.id for r in tab.rows] == tab.ids and len(tab.ids) == 3
