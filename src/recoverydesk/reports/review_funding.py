"""The review report's NDIS funding part (issue 19), printed under "Supports provided" only when
the participant has a plan budget: hours and funding used against funded in the plan, each
funding period (released, claimed, delivered not yet claimed, booked, left), the claim deadline
warning and the chart of use."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from recoverydesk.charts.funding import ChartPeriod, period_label
from recoverydesk.dates import short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import FundingData, ReviewReportData
from recoverydesk.reports.layout import FlexImage, esc, grid, para

HEADING = "NDIS funding for recovery coaching"


def money(cents: int) -> str:
    """ "$1,234.50"; "-$80.00" """
    whole, part = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}${whole:,}.{part:02d}"


def hours(centi: int) -> str:
    return f"{centi / 100:,.1f} hours"


def used_words(f: FundingData) -> str:
    """ "$2,741.18 of $12,000.00 used (23%): 26.0 hours of about 113.8 funded at $105.43 an
    hour (weekday daytime)." """
    share = round(100 * f.used_cents / f.amount_cents) if f.amount_cents else 0
    text = (f"{money(f.used_cents)} of {money(f.amount_cents)} used ({share}%) in the plan "
            f"{short_date(f.plan_start)} to {short_date(f.plan_end)}: {hours(f.hours_used_centi)} "
            "of recovery coaching delivered")
    if f.hourly_rate_cents:
        funded = 100 * f.amount_cents // f.hourly_rate_cents
        text += (f" of about {hours(funded)} the budget buys at {money(f.hourly_rate_cents)} "
                 "an hour (weekday daytime)")
    return text + "."


def funding_story(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
    f = data.funding
    if f is None:
        return []
    head = Paragraph(esc(HEADING), s.h3)
    story: list[Flowable] = [para(used_words(f), s.body)]
    if f.management:
        story.append(para(f"{f.management}.", s.muted))
    over = [p for p in f.periods if p.left_cents < 0 and p.ends_on >= data.prepared_on]
    for p in over:
        story.append(para(f"Booked sessions would overspend the funding period ending "
                          f"{short_date(p.ends_on)} by {money(-p.left_cents)}.", s.body))
    if f.deadline_warning:
        story.append(para(f.deadline_warning, s.body))
    rows = [[para(h, s.cell_head) for h in ("Funding period", "Released", "Rolled over",
                                             "Claimed", "Not yet claimed", "Booked",
                                             "Left")]]
    for p in f.periods:
        period = ChartPeriod(p.starts_on, p.ends_on, 0, 0, 0, 0)
        rows.append([para(period_label(period), s.cell), para(money(p.released_cents), s.cell),
                     para(money(p.rolled_over_cents) if p.rolled_over_cents else "", s.cell),
                     para(money(p.claimed_cents), s.cell),
                     para(money(p.unclaimed_cents), s.cell), para(money(p.booked_cents), s.cell),
                     para(money(p.left_cents), s.cell_bold if p.left_cents < 0 else s.cell)])
    table = [grid(rows, [width * 0.19] + [width * 0.135] * 6)] if f.periods else []
    out: list[Flowable] = [Spacer(1, 3 * mm), KeepTogether([head, *story[:1]]), *story[1:]]
    out += [Spacer(1, 2 * mm), *table]
    if f.chart_png:
        out += [CondPageBreak(42 * mm), Spacer(1, 2 * mm),
                FlexImage(f.chart_png, width * 0.95, 62 * mm, 40 * mm)]
    return out
