import datetime as dt

from recoverydesk.services.goals.types import DueGoalDTO, DueStepDTO
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.plans.types import ReviewDueDTO
from recoverydesk.services.sessions.types import SessionInput, local_midnight
from recoverydesk.services.wrap.types import WrapReviewDue
from recoverydesk.ui.today import TodayCard


def person(services, given):
    return services.participants.create(ParticipantDraft(given_name=given, family_name="Tester")).value


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
    from recoverydesk.services.types import ChangeSet
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


def fake_due(services, monkeypatch, steps=(), goals=(), plan_reviews=(), wrap_reviews=()):
    from types import SimpleNamespace as NS

    monkeypatch.setattr(services, "goals", NS(
        steps_due=lambda d, within_days: list(steps),
        goals_due=lambda d, within_days: list(goals)), raising=False)
    monkeypatch.setattr(services, "plans", NS(
        reviews_due=lambda d, within_days: list(plan_reviews)), raising=False)
    monkeypatch.setattr(services, "wrap", NS(
        reviews_due=lambda d, within_days: list(wrap_reviews)), raising=False)


def step(pid, text, due, goal_id=5):
    return DueStepDTO(1, goal_id, "A goal", pid, "Bea Tester", text, "participant", due,
                      due < dt.date.today())


def test_steps_goals_and_reviews_due_come_from_the_other_capabilities(main_window, services,
                                                                      monkeypatch):
    bea = person(services, "Bea")
    today = dt.date.today()
    fake_due(services, monkeypatch,
             steps=[step(bea.id, "Ring the pool", today + dt.timedelta(days=1))],
             goals=[DueGoalDTO(5, "Swim weekly", bea.id, "Bea Tester",
                               today + dt.timedelta(days=5), False)],
             wrap_reviews=[WrapReviewDue(bea.id, "Bea Tester", today, None, False)])
    card = today_card(main_window)
    card.refresh()
    steps = card.sections["steps"].text()
    assert "Ring the pool" in steps and "·&nbsp;tomorrow" in steps and "Swim weekly" in steps
    assert steps.index("Ring the pool") < steps.index("Swim weekly")  # nearest first
    assert "OVERDUE" not in steps
    assert "WRAP review" in card.sections["reviews"].text()
    assert "due&nbsp;today" in card.sections["reviews"].text()


def test_overdue_steps_sit_apart_from_coming_ones_one_line_per_person(main_window, services,
                                                                      monkeypatch):
    bea = person(services, "Bea")
    today = dt.date.today()
    fake_due(services, monkeypatch, steps=[
        step(bea.id, "Soon", today + dt.timedelta(days=2)),
        step(bea.id, "Late one", today - dt.timedelta(days=3)),
        step(bea.id, "Late two", today - dt.timedelta(days=40)),
    ])
    card = today_card(main_window)
    card.refresh()
    steps = card.sections["steps"].text()
    coming, overdue = steps.split("OVERDUE")
    assert "COMING UP" in coming and "Soon" in coming and "Late" not in coming
    assert "2 steps, the oldest" in overdue and "due&nbsp;" in overdue
    assert "Late one" not in overdue  # summed up, not listed one by one


def test_reviews_overdue_are_listed_after_coming_ones_and_say_since_when(main_window, services,
                                                                         monkeypatch):
    ada, bea = person(services, "Ada"), person(services, "Bea")
    today = dt.date.today()
    fake_due(services, monkeypatch,
             plan_reviews=[ReviewDueDTO(ada.id, "Ada Tester", 1, today + dt.timedelta(days=3),
                                        False)],
             wrap_reviews=[WrapReviewDue(bea.id, "Bea Tester", today - dt.timedelta(days=2),
                                         None, True)])
    card = today_card(main_window)
    card.refresh()
    text = card.sections["reviews"].text()
    assert text.index("Ada Tester") < text.index("OVERDUE") < text.index("Bea Tester")
    assert "due&nbsp;2&nbsp;days&nbsp;ago" in text and "WRAP review:" not in text


def test_a_long_list_shows_more_on_request(main_window, services, monkeypatch):
    bea = person(services, "Bea")
    today = dt.date.today()
    fake_due(services, monkeypatch, steps=[
        step(bea.id, f"Step {n}", today + dt.timedelta(days=n % 7)) for n in range(10)])
    card = today_card(main_window)
    card.refresh()
    body = card.sections["steps"]
    assert body.text().count("Step:") == 6 and "Show 4 more" in body.text()
    body.linkActivated.emit("more:steps")
    assert body.text().count("Step:") == 10 and "Show fewer" in body.text()
    body.linkActivated.emit("less:steps")
    assert body.text().count("Step:") == 6


def test_every_name_on_today_can_be_reached_and_opened_by_keyboard(main_window, services, qtbot):
    from PySide6.QtCore import Qt

    bea = person(services, "Bea")
    services.rhythm.set_frequency(bea.id, "weekly", effective_from=dt.date(2026, 1, 1))
    card = today_card(main_window)
    card.refresh()
    body = card.sections["due"]
    assert body.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    main_window.show()
    qtbot.waitExposed(main_window)
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Tab)  # to the first link
    qtbot.keyClick(body, Qt.Key.Key_Return)
    assert main_window.current_participant_id() == bea.id


def test_an_empty_practice_says_nobody_is_on_the_caseload_yet(main_window, services):
    card = today_card(main_window)
    card.refresh()
    due = card.sections["due"].text()
    assert "Nobody is on your caseload yet" in due
    assert "Everyone is booked in" not in due


def test_a_brand_new_participant_is_calmly_a_first_session_to_plan(main_window, services):
    from recoverydesk.ui import theme

    tui = person(services, "Tui")
    card = today_card(main_window)
    card.refresh()
    due = card.sections["due"].text()
    assert "Tui Tester" in due and "No session yet: plan the first one." in due
    assert "due today" not in due
    assert theme.attention().name() not in due  # calm, not in the attention colour
    assert "overdue" not in card.summary.text()
    assert tui.id


def test_exited_and_archived_people_are_not_on_the_today_lists(main_window, services):
    from recoverydesk.services.goals.types import GoalDraft, StepDraft

    gone = services.participants.create(ParticipantDraft(given_name="Eru", family_name="Exited",
                                                         status="exited")).value
    shelved = person(services, "Ari")
    for p in (gone, shelved):
        g = services.goals.create(p.id, GoalDraft(title="Walk daily")).value
        services.goals.add_step(g.id, StepDraft(text="Buy shoes",
                                                due_on=dt.date.today() - dt.timedelta(days=9)))
    services.participants.archive(shelved.id)
    card = today_card(main_window)
    card.refresh()
    for key in ("due", "steps", "reviews"):
        text = card.sections[key].text()
        assert "Eru" not in text and "Ari" not in text, key
