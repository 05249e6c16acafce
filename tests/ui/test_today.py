import datetime as dt

from recoverydesk.services.participants import ParticipantDraft
from recoverydesk.services.sessions import SessionInput, local_midnight
from recoverydesk.ui.today import TodayCard


def person(services, given):
    return services.participants.create(ParticipantDraft(given_name=given, family_name="Tester"))


def today_card(window) -> TodayCard:
    return next(c for c in window.home.cards if isinstance(c, TodayCard))


def test_today_lists_todays_sessions_and_who_is_overdue(main_window, services):
    ada, bea = person(services, "Ada"), person(services, "Bea")
    later_today = max(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5),
                      local_midnight(dt.date.today()) + dt.timedelta(hours=23))
    services.sessions.create(ada.id, SessionInput(starts_at=later_today, status="planned",
                                                  location_kind="beach"))
    services.rhythm.set_frequency(bea.id, "weekly", effective_from=dt.date(2026, 1, 1))
    services.sessions.create(bea.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=12)))
    card = today_card(main_window)
    card.refresh()
    assert "Ada Tester" in card.sections["today"].text()
    assert "Beach" in card.sections["today"].text()
    due = card.sections["due"].text()
    assert "Bea Tester" in due and "due 5 days ago" in due
    assert "Ada Tester" not in due  # booked in today


def test_today_card_refreshes_when_a_session_is_planned(main_window, services):
    from recoverydesk.services.changes import ChangeSet
    from recoverydesk.ui.bus import change_bus

    ada = person(services, "Ada")
    card = today_card(main_window)
    assert "Nothing planned for the coming week" in card.sections["week"].text()
    services.sessions.plan_series(ada.id, SessionInput(
        starts_at=local_midnight(dt.date.today() + dt.timedelta(days=2))
        + dt.timedelta(hours=10)), 7, 1)
    change_bus().publish(ChangeSet.of("session", participant_id=ada.id))
    assert "Ada Tester" in card.sections["week"].text()


def test_clicking_a_name_opens_their_sessions_tab(main_window, services):
    bea = person(services, "Bea")
    services.rhythm.set_frequency(bea.id, "weekly", effective_from=dt.date(2026, 1, 1))
    card = today_card(main_window)
    card.refresh()
    card.sections["due"].linkActivated.emit(f"{bea.id}/sessions/")
    assert main_window.current_participant_id() == bea.id
    assert main_window.workspace.tabs.currentWidget().key == "sessions"


def test_today_card_spans_both_columns_and_is_first(main_window):
    card = today_card(main_window)
    assert card.column_span == 2
    assert main_window.home.cards[0] is card


def test_steps_goals_and_reviews_due_come_from_the_other_capabilities(main_window, services,
                                                                      monkeypatch):
    from types import SimpleNamespace as NS

    bea = person(services, "Bea")
    today = dt.date.today()
    step = NS(participant_id=bea.id, participant_name="Bea Tester", text="Ring the pool",
              due_on=today - dt.timedelta(days=1), goal_id=5)
    goal = NS(participant_id=bea.id, participant_name="Bea Tester", title="Swim weekly",
              target_date=today + dt.timedelta(days=5), goal_id=5)
    review = NS(participant_id=bea.id, display_name="Bea Tester", due=today)
    monkeypatch.setattr(services, "goals", NS(steps_due=lambda d, within_days: [step],
                                              goals_due=lambda d, within_days: [goal]),
                        raising=False)
    monkeypatch.setattr(services, "wrap", NS(reviews_due=lambda d, within_days: [review]),
                        raising=False)
    monkeypatch.setattr(services, "plans", NS(reviews_due=lambda d, within_days: []),
                        raising=False)
    card = today_card(main_window)
    card.refresh()
    steps = card.sections["steps"].text()
    assert "Ring the pool" in steps and "Swim weekly" in steps and "Step:" in steps
    assert "WRAP review" in card.sections["reviews"].text()
