"""Every Overview line of the demo practice says its dates the short way ("6 Sep 2026")."""

from __future__ import annotations

import re

from demo_practices import DEMO_TODAY  # the demo fixture's today

SHORT_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
A_DATE = re.compile(r"\b\d{1,2} ([A-Z][a-z]+)\b")


def test_every_overview_line_says_dates_the_short_way(demo):
    months: list[str] = []
    for person in demo.participants.list(include_archived=True):
        for line in demo.overview.lines(person.id, DEMO_TODAY):
            months += A_DATE.findall(line.text)
    assert len(months) > 20  # the demo's lines do carry dates
    assert set(months) <= SHORT_MONTHS
