import datetime as dt

from recoverydesk.ui.today_due import DueItem, due_groups, overdue_words, soon_words

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def test_soon_words_say_today_tomorrow_weekday_then_date():
    assert soon_words(TODAY, TODAY) == "today"
    assert soon_words(TODAY + dt.timedelta(days=1), TODAY, "due") == "due tomorrow"
    assert soon_words(dt.date(2026, 12, 4), TODAY) == "Fri 4 Dec"
    assert soon_words(dt.date(2026, 12, 12), TODAY) == "12 Dec"
    assert soon_words(dt.date(2027, 1, 12), TODAY) == "12 Jan 2027"


def test_overdue_words_are_recent_or_since_a_date():
    assert overdue_words(TODAY - dt.timedelta(days=1), TODAY) == "due yesterday"
    assert overdue_words(TODAY - dt.timedelta(days=13), TODAY) == "due 13 days ago"
    assert overdue_words(dt.date(2026, 5, 7), TODAY) == "due 7 May"
    assert overdue_words(dt.date(2025, 5, 7), TODAY) == "due 7 May 2025"


def item(pid, name, kind, day):
    return DueItem(pid, name, kind, "x", day, "goals")


def test_overdue_items_group_per_person_longest_overdue_first():
    groups = due_groups([
        item(1, "Ada", "Step", dt.date(2026, 11, 20)),
        item(2, "Bea", "Goal", dt.date(2026, 11, 28)),
        item(2, "Bea", "Step", dt.date(2026, 10, 1)),
        item(2, "Bea", "Step", dt.date(2026, 11, 2)),
    ])
    assert [g.name for g in groups] == ["Bea", "Ada"]
    assert groups[0].oldest == dt.date(2026, 10, 1)
    assert groups[0].counts_text == "2 steps and 1 goal"
    assert groups[1].counts_text == "1 step"
