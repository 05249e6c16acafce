"""The UI's dates read as the rest of the app's (recoverydesk.dates), whatever Qt's locale."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale

from recoverydesk import dates
from recoverydesk.ui.widgets.common import OptionalDateEdit, format_date, month_name


@pytest.fixture
def australian_locale():
    """A coach's machine: Qt's en-AU short months are "June", "July" and "Sept"."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Australia))
    yield
    QLocale.setDefault(before)


DAYS = [dt.date(2026, m, 6) for m in range(1, 13)]


def test_format_date_agrees_with_the_shared_formatter(australian_locale):
    assert [format_date(d) for d in DAYS] == [dates.short_date(d) for d in DAYS]
    assert format_date(dt.date(2026, 9, 6)) == "6 Sep 2026"
    assert month_name(dt.date(2026, 6, 1)) == "Jun 2026"
    assert format_date(None) == ""


def test_a_date_field_shows_the_date_as_labels_do(qtbot, australian_locale):
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    shown = []
    for day in (dt.date(2026, 6, 6), dt.date(2026, 7, 6), dt.date(2026, 9, 6)):
        edit.set_value(day)
        shown.append(edit.text())
    assert shown == ["6 Jun 2026", "6 Jul 2026", "6 Sep 2026"]
    assert edit.calendarWidget().firstDayOfWeek().name == "Monday"  # an Australian week
