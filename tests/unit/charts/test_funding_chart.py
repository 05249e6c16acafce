"""The funding chart (charts/funding.py): a PNG is written, and the bars and notes are the
figures they come from."""

from __future__ import annotations

import datetime as dt

from recoverydesk.charts.funding import (
    ChartPeriod,
    bar_values,
    dollars,
    funding_figure,
    period_label,
)
from recoverydesk.charts.star import figure_to_png

PERIODS = [
    ChartPeriod(dt.date(2026, 7, 1), dt.date(2026, 9, 30), 300_000, 210_000, 40_000, 0),
    ChartPeriod(dt.date(2026, 10, 1), dt.date(2026, 12, 31), 300_000, 30_000, 20_000, 350_000,
                50_000),
    ChartPeriod(dt.date(2027, 1, 1), dt.date(2027, 3, 31), 300_000, 0, 0, 0),
]


def test_a_png_is_written_and_is_not_empty(tmp_path):
    out = tmp_path / "funding.png"
    out.write_bytes(figure_to_png(funding_figure(PERIODS, title="Funding over the plan"), 100))
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5_000


def test_the_bars_are_the_periods_figures():
    ax = funding_figure(PERIODS).axes[0]
    for gid, key in (("claimed", "claimed_cents"), ("unclaimed", "unclaimed_cents"),
                     ("booked", "booked_cents")):
        bars = [p for p in ax.patches if p.get_gid() == gid]
        assert [b.get_height() for b in bars] == [getattr(p, key) / 100 for p in PERIODS]
    booked = [p for p in ax.patches if p.get_gid() == "booked"]
    assert booked[1].get_y() == (30_000 + 20_000) / 100  # stacked on claimed and delivered
    lines = [ln for ln in ax.lines if ln.get_gid() == "available"]
    assert [ln.get_ydata()[0] for ln in lines] == [3000.0, 3500.0, 3000.0]  # with rollover
    assert bar_values(PERIODS)["available"] == [3000.0, 3500.0, 3000.0]


def test_each_bar_says_what_is_left_or_how_far_over():
    notes = [t.get_text() for t in funding_figure(PERIODS).axes[0].texts]
    assert notes == ["$500 left", "over by $500", "$3,000 left"]
    assert PERIODS[1].over_cents == 50_000


def test_labels():
    assert [period_label(p) for p in PERIODS] == ["Jul-Sep 2026", "Oct-Dec 2026",
                                                  "Jan-Mar 2027"]
    assert period_label(ChartPeriod(dt.date(2026, 12, 1), dt.date(2027, 2, 28), 0, 0, 0, 0)) \
        == "Dec 2026-Feb 2027"
    assert period_label(ChartPeriod(dt.date(2026, 4, 30), dt.date(2026, 7, 29), 0, 0, 0, 0)) \
        == "30 Apr-29 Jul 2026"
    assert period_label(ChartPeriod(dt.date(2026, 10, 30), dt.date(2027, 1, 29), 0, 0, 0, 0)) \
        == "30 Oct 2026-29 Jan 2027"
    assert period_label(ChartPeriod(dt.date(2026, 2, 1), dt.date(2026, 2, 28), 0, 0, 0, 0)) \
        == "Feb 2026"
    assert dollars(-53_666) == "-$537" and dollars(123_456) == "$1,235"
