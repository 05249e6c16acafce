"""The review report's distance travelled on the Recovery Star: the readings in the period, each
area's change and stage, the radar and the trend of each area."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from recoverydesk.dates import long_date, short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import DomainChange, ReviewReportData, StarSummary
from recoverydesk.reports.layout import (
    FlexImage,
    bullets,
    grid,
    para,
)

NOT_SCORED = "–"  # a domain left unscored in a reading


def score_text(value: float | None) -> str:
    return NOT_SCORED if value is None else f"{value:g}"


def star_distance(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
    star = data.star
    if star is None or not star.readings:
        return [para("No star readings were recorded by the end of this period.", s.body)]
    scores: list[Flowable] = [para(star_intro(star), s.body)]
    if star.domains and star.readings == 1:
        rows = [[para(h, s.cell_head) for h in ("Area", "Score", "Stage")]]
        rows += [
            [para(d.label, s.cell), para(score_text(d.latest), s.cell), para(d.latest_stage, s.cell)]
            for d in star.domains
        ]
        scores.append(grid(rows, [width * 0.5, width * 0.15, width * 0.35]))
    elif star.domains:
        scores.append(distance_table(star, s, width))
    if any(d.latest is None or (star.readings > 1 and d.first is None) for d in star.domains):
        scores.append(para(f"{NOT_SCORED} not scored in that reading.", s.muted))
    # The scores are read across as one table: kept whole (with what introduces them and the
    # section heading), never 8 rows on one page and 2 on the next.
    story: list[Flowable] = [KeepTogether(scores)]
    said = [d for d in star.domains if d.note]
    if said:
        story.append(
            KeepTogether(
                [
                    Paragraph(f"Said about each area on {short_date(star.latest_date)}", s.h3),
                    bullets([f"{d.label}: {d.note}" for d in said], s.bullet),
                ]
            )
        )
    if star.reading_notes:
        story.append(Paragraph("Notes on the readings", s.h3))
        story.append(bullets([f"{short_date(day)}: {note}" for day, note in star.reading_notes], s.bullet))
    # Each chart takes the room left on the page, between a readable minimum and its full
    # size, so a chart never leaves half a page empty above it.
    if star.radar_png:
        caption = "Baseline and latest readings" if star.readings > 1 else "The reading"
        story += chart(caption, star.radar_png, width * 0.8, 105 * mm, 80 * mm, s)
    if star.trend_png:
        story += chart("Each area over the period", star.trend_png, width, 110 * mm, 85 * mm, s)
    return story


def star_intro(star: StarSummary) -> str:
    """Which reading is the baseline, and when it was taken: the plan pack and the review
    must never seem to disagree about where the person started."""
    name, first, latest = star.template_name, long_date(star.first_date), long_date(star.latest_date)
    if star.readings == 1 and star.baseline_before_period:
        return (
            f"No new {name} reading was agreed in this period. The latest, on {first}, "
            "is shown: it is the baseline for the next review."
        )
    if star.readings == 1:
        return f"One {name} reading was agreed, on {first}: a baseline for the next review."
    new = star.readings - 1 if star.baseline_before_period else star.readings
    where = "the last reading before this period" if star.baseline_before_period else (
        "the first reading of this period"
    )
    count = "One new reading was" if new == 1 else f"{new} readings were"
    return (
        f"{count} agreed together in this period, the latest on {latest}. Distance travelled "
        f"is the latest score minus the baseline: {where}, on {first}. Scores run from 1 to "
        "10; the stage is where each score sits on the Journey of Change."
    )


def distance_table(star: StarSummary, s: st.Styles, width: float) -> Flowable:
    head = ("Area", "Baseline", "Latest", "Distance", "Stage")
    rows = [[para(h, s.cell_head) for h in head]]
    for d in star.domains:
        change = d.change
        text = NOT_SCORED if change is None else (f"+{change:g}" if change > 0 else f"{change:g}")
        rows.append(
            [
                para(d.label, s.cell),
                para(score_text(d.first), s.cell),
                para(score_text(d.latest), s.cell),
                para(text, s.cell_bold),
                para(stage_move(d), s.cell),
            ]
        )
    both = [d for d in star.domains if d.change is not None]
    if both:
        first = sum(d.first for d in both)
        latest = sum(d.latest for d in both)
        change = latest - first
        label = "All areas" if len(both) == len(star.domains) else "Areas scored both times"
        rows.append(
            [
                para(label, s.cell_bold),
                para(f"{first:g}", s.cell_bold),
                para(f"{latest:g}", s.cell_bold),
                para(f"+{change:g}" if change > 0 else f"{change:g}", s.cell_bold),
                para("", s.cell),
            ]
        )
    return grid(rows, [width * w for w in (0.3, 0.12, 0.11, 0.13, 0.34)])


def stage_move(d: DomainChange) -> str:
    """'Accepting help → Believing' when the stage changed, else the one stage."""
    if d.first_stage and d.latest_stage and d.first_stage != d.latest_stage:
        return f"{d.first_stage} → {d.latest_stage}"
    return d.latest_stage or d.first_stage


def chart(
    caption: str, png: bytes, max_w: float, max_h: float, min_h: float, s: st.Styles
) -> list[Flowable]:
    head = Paragraph(caption, s.h3)
    _w, head_h = head.wrap(max_w, max_h)
    room = min_h + head_h + head.getSpaceBefore() + head.getSpaceAfter() + 3 * mm
    return [CondPageBreak(room), Spacer(1, 3 * mm), head, FlexImage(png, max_w, max_h, min_h)]


