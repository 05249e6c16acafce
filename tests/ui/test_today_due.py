import datetime as dt

from recoverydesk.ui.today_due import DueItem, due_groups, overdue_words, soon_words

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def test_soon_words_say_today_tomorrow_weekday_then_date():
    assert soon_words(TODAY, TODAY) == "today"
    assert soon_words(TODAY + dt.timedelta(days=1), TODAY, "due") == "due tomorrow"
    assert soon_words(dt.date(2026, 12, 4), TODAY) == "Fri 4 Dec"
    assert soon_words(dt.date(2026, 12, 12), TODAY) == "12 Dec"
    assert soon_words(dt.date(2027, 1, 12), TODAY) == "12 Jan 2027"


def test_overdue_words_say_time_passed_in_one_style_at_every_distance():
    assert overdue_words(TODAY - dt.timedelta(days=1), TODAY) == "due yesterday"
    assert overdue_words(TODAY - dt.timedelta(days=12), TODAY) == "due 12 days ago"
    assert overdue_words(dt.date(2026, 11, 17), TODAY) == "due 2 weeks ago"  # not "due 17 Nov"
    assert overdue_words(dt.date(2026, 5, 7), TODAY) == "due 6 months ago"
    assert overdue_words(dt.date(2024, 5, 7), TODAY) == "due 2 years ago"
    words = [overdue_words(TODAY - dt.timedelta(days=n), TODAY) for n in range(1, 800)]
    assert all(w.startswith("due ") and w.endswith(("ago", "yesterday")) for w in words)


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
