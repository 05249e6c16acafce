"""The Recovery story's timeline (charts/chime.py timeline_figure): a lane per process, each
moment on its day in its process's lane, readings hollow, turning points across every lane."""

from __future__ import annotations

import datetime as dt

from matplotlib.dates import date2num

from recoverydesk.charts.chime import timeline_figure
from recoverydesk.charts.star import figure_to_png

NAMES = {"connectedness": "Connectedness", "hope": "Hope", "identity": "Identity",
         "meaning": "Meaning", "empowerment": "Empowerment"}
LANES = {"connectedness": [dt.date(2025, 11, 4), dt.date(2026, 1, 20)],
         "hope": [dt.date(2026, 3, 9)], "meaning": [dt.date(2026, 5, 14)]}


def test_each_moment_is_on_its_day_in_its_process_lane():
    ax = timeline_figure(LANES, NAMES).axes[0]
    rows = {t.get_text(): t.get_position()[1] for t in ax.get_yticklabels()}
    assert rows["Connectedness"] == 4 and rows["Empowerment"] == 0  # the first process on top
    for key, days in LANES.items():
        (line,) = [ln for ln in ax.lines if ln.get_gid() == key]
        assert list(line.get_xdata()) == days
        assert set(line.get_ydata()) == {rows[NAMES[key]]}
    assert not [ln for ln in ax.lines if ln.get_gid() == "identity"]  # no moments, no marks


def test_readings_are_hollow_and_turning_points_cross_every_lane():
    reading_day, turn = dt.date(2026, 2, 1), dt.date(2026, 3, 9)
    ax = timeline_figure(LANES, NAMES, [(turn, "First bus trip on her own")],
                         {"hope": [reading_day]}).axes[0]
    (hollow,) = [ln for ln in ax.lines if ln.get_gid() == "hope-readings"]
    assert list(hollow.get_xdata()) == [reading_day]
    assert hollow.get_markerfacecolor() == "none"
    crossing = [ln for ln in ax.lines if list(ln.get_xdata()) == [date2num(turn)] * 2
                or list(ln.get_xdata()) == [turn, turn]]
    assert len(crossing) == 1
    assert "First bus trip on her own" in [t.get_text() for t in ax.texts]
    low, high = ax.get_xlim()
    assert low < date2num(dt.date(2025, 11, 4)) and high > date2num(dt.date(2026, 5, 14))


def test_without_moments_it_says_so_and_still_draws(tmp_path):
    fig = timeline_figure({}, NAMES)
    assert "No tagged moments yet" in [t.get_text() for t in fig.axes[0].texts]
    png = figure_to_png(timeline_figure(LANES, NAMES, [(dt.date(2026, 3, 9), "Bus")]), 100)
    assert png.startswith(b"\x89PNG") and len(png) > 5_000
