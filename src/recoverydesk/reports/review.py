"""The plan-review progress report: what the coach sends for an NDIS plan review.

Over a chosen period: supports provided, progress on each goal, Recovery Star distance
travelled (radar and trend charts), links to informal, community and mainstream supports,
barriers and strategies, risks, and the coach's recommendations. Professional layout.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.dates import long_date, plural, short_date, short_month
from recoverydesk.reports import ecomap_pictures
from recoverydesk.reports import review_planner as planner
from recoverydesk.reports import styles as st
from recoverydesk.reports.bidi_lines import framed_para, labelled_para
from recoverydesk.reports.data import DomainChange, ReviewReportData, StarSummary
from recoverydesk.reports.fonts import BOLD, REGULAR
from recoverydesk.reports.layout import (
    BASE_TABLE,
    FlexImage,
    FooterInfo,
    bullets,
    esc,
    grid,
    hours_minutes,
    hours_text,
    numbered_canvas,
    para,
)
from recoverydesk.reports.review_links import supports_story

MARGIN = 18 * mm
TITLE = "Plan review progress report"
NOT_SCORED = "–"  # a domain left unscored in a reading


def _score(value: float | None) -> str:
    return NOT_SCORED if value is None else f"{value:g}"


def _letterhead(data: ReviewReportData):
    def draw(canvas, doc) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        if data.draft:
            canvas.setFillColor(st.SURFACE)
            canvas.setFont(BOLD, 96)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(40)
            canvas.drawCentredString(0, -30, "DRAFT")
            canvas.rotate(-40)
            canvas.translate(-width / 2, -height / 2)
        canvas.setFillColor(st.ACCENT)
        canvas.rect(0, height - 6 * mm, width, 6 * mm, stroke=0, fill=1)
        canvas.setFont(BOLD, 9)
        canvas.setFillColor(st.ACCENT_DARK)
        practice = data.practice
        canvas.drawString(MARGIN, height - 13 * mm, practice.name or practice.coach_name or "")
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(st.MUTED)
        bits = [
            b
            for b in (
                practice.abn and f"ABN {practice.abn}",
                practice.phone and f"Phone {practice.phone}",
                practice.email,
            )
            if b
        ]
        canvas.drawRightString(width - MARGIN, height - 13 * mm, " · ".join(bits))
        canvas.restoreState()

    return draw


def _details(data: ReviewReportData, s: st.Styles, width: float) -> Table:
    plan = ""
    if data.plan_start or data.plan_end:
        plan = f"{long_date(data.plan_start) or '?'} to {long_date(data.plan_end) or '?'}"
    name = data.full_name
    if data.preferred_name and data.preferred_name not in data.full_name.split():
        name += f" (prefers {data.preferred_name})"
    left = [
        ("Participant", name),
        ("NDIS number", _ndis(data.ndis_number)),
        ("Date of birth", long_date(data.date_of_birth)),
        ("Current plan", plan),
    ]
    right = [
        ("Report period", f"{long_date(data.period_start)} to {long_date(data.period_end)}"),
        ("Support", "Psychosocial recovery coaching"),
        ("Prepared by", ", ".join(x for x in (data.practice.coach_name, data.practice.name) if x)),
        ("Date prepared", long_date(data.prepared_on)),
    ]
    rows = []
    for (a, b), (c, d) in zip(left, right, strict=True):
        rows.append(
            [
                para(a, s.cell_bold),
                para(b or "Not recorded", s.cell),
                para(c, s.cell_bold),
                para(d, s.cell),
            ]
        )
    table = Table(rows, colWidths=[width * 0.17, width * 0.33, width * 0.17, width * 0.33])
    table.setStyle(
        TableStyle(
            BASE_TABLE
            + [
                ("BACKGROUND", (0, 0), (-1, -1), st.SURFACE),
                ("BOX", (0, 0), (-1, -1), 0.6, st.RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _ndis(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 9 else number


def _section(n: int, title: str, s: st.Styles) -> Paragraph:
    return Paragraph(f"{n}. {esc(title)}", s.h1)


def _supports(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
    sup = data.supports
    story: list[Flowable] = []
    if not sup.sessions:
        story.append(para("No completed coaching sessions were recorded in this period.", s.body))
        return story
    f2f = sup.face_to_face_hours
    pct = round(100 * f2f / sup.hours) if sup.hours else 0
    story.append(
        para(
            f"{data.preferred_name or data.full_name} took part in "
            f"{plural(sup.sessions, 'recovery coaching session')}, {hours_text(sup.hours)} in all: "
            f"{hours_text(f2f)} face to face ({pct}%) and {hours_text(sup.other_hours)} by phone "
            "or video.",
            s.body,
        )
    )
    missed = []
    if sup.cancelled:
        missed.append(f"{sup.cancelled} cancelled")
    if sup.no_show:
        missed.append(f"{sup.no_show} not attended")
    if missed:
        story.append(para("Sessions not held: " + ", ".join(missed) + ".", s.body))
    if sup.travel_km or sup.travel_minutes:
        story.append(
            para(
                f"Provider travel: {sup.travel_km:g} km, {hours_minutes(sup.travel_minutes)}.",
                s.body,
            )
        )
    if sup.by_month:
        rows = [
            [
                para(h, s.cell_head)
                for h in ("Month", "Sessions", "Hours", "Face to face", "Phone or video")
            ]
        ]
        for m in sup.by_month:
            rows.append(
                [
                    para(short_month(m.month), s.cell),
                    para(str(m.sessions), s.cell),
                    para(f"{m.hours:.1f}", s.cell),
                    para(f"{m.face_to_face_hours:.1f}", s.cell),
                    para(f"{m.other_hours:.1f}", s.cell),
                ]
            )
        rows.append(
            [
                para("Total", s.cell_bold),
                para(str(sup.sessions), s.cell_bold),
                para(f"{sup.hours:.1f}", s.cell_bold),
                para(f"{f2f:.1f}", s.cell_bold),
                para(f"{sup.other_hours:.1f}", s.cell_bold),
            ]
        )
        story.append(grid(rows, [width * 0.28] + [width * 0.18] * 4))
    extras = []
    if sup.tools:
        extras.append("Recovery tools used: " + ", ".join(f"{k} ({n})" for k, n in sup.tools))
    if sup.places:
        extras.append("Where we met: " + ", ".join(f"{k} ({n})" for k, n in sup.places))
    for line in extras:
        story.append(Spacer(1, 2 * mm))
        story.append(para(line + ".", s.body))
    return story


def _goals(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
    if not data.goals:
        return [para("No goals were recorded for this period.", s.body)]
    story: list[Flowable] = []
    for i, g in enumerate(data.goals, start=1):
        facts = [f"Status: <b>{esc(g.status)}</b>"]
        if g.target_date:
            facts.append(f"target date {short_date(g.target_date)}")
        if g.sessions_worked:
            facts.append(
                f"worked on in {plural(g.sessions_worked, 'session')}"
            )
        head: list[Flowable] = [
            framed_para(f"Goal {i}: “", g.title, "”", s.h2),
            Paragraph(" · ".join(facts), s.body),
        ]
        if g.domains:
            head.append(para("Life areas: " + ", ".join(g.domains), s.muted))
        smart = (
            ("Specific", g.specific),
            ("Measure", g.measure),
            ("Achievable (what helps)", g.achievable),
            ("Why it matters", g.why_it_matters),
        )
        head += [labelled_para(label, text, s.body) for label, text in smart if text]
        units: list[list[Flowable]] = []  # each small heading stays with what it heads
        if g.history:
            rows = [[para(h, s.cell_head) for h in ("Date", "Status", "Reason")]]
            rows += [
                [para(short_date(e.on), s.cell), para(e.status, s.cell), para(e.reason, s.cell)]
                for e in g.history
            ]
            units.append(
                [
                    Paragraph("Status history", s.h3),
                    grid(rows, [width * 0.18, width * 0.18, width * 0.64]),
                ]
            )
        done = [st_ for st_ in g.steps if st_.done_on]
        if g.steps:
            units.append(
                [
                    Paragraph("Steps", s.h3),
                    para(f"{len(done)} of {len(g.steps)} steps done.", s.body),
                ]
            )
        if g.progress_notes:
            rows = [
                [para(short_date(n.on), s.cell), para(n.text, s.cell)] for n in g.progress_notes
            ]
            units.append(
                [
                    Paragraph("Progress notes", s.h3),
                    grid(
                        [[para("Date", s.cell_head), para("Note", s.cell_head)]] + rows,
                        [width * 0.18, width * 0.82],
                    ),
                ]
            )
        story.append(KeepTogether(head + (units[0] if units else [])))
        story += [KeepTogether(unit) for unit in units[1:]]
        story.append(Spacer(1, 3 * mm))
    return story


def _star(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
    star = data.star
    if star is None or not star.readings:
        return [para("No star readings were recorded by the end of this period.", s.body)]
    scores: list[Flowable] = [para(_star_intro(star), s.body)]
    if star.domains and star.readings == 1:
        rows = [[para(h, s.cell_head) for h in ("Area", "Score", "Stage")]]
        rows += [
            [para(d.label, s.cell), para(_score(d.latest), s.cell), para(d.latest_stage, s.cell)]
            for d in star.domains
        ]
        scores.append(grid(rows, [width * 0.5, width * 0.15, width * 0.35]))
    elif star.domains:
        scores.append(_distance_table(star, s, width))
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
        story += _chart(caption, star.radar_png, width * 0.8, 105 * mm, 80 * mm, s)
    if star.trend_png:
        story += _chart("Each area over the period", star.trend_png, width, 110 * mm, 85 * mm, s)
    return story


def _star_intro(star: StarSummary) -> str:
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


def _distance_table(star: StarSummary, s: st.Styles, width: float) -> Flowable:
    head = ("Area", "Baseline", "Latest", "Distance", "Stage")
    rows = [[para(h, s.cell_head) for h in head]]
    for d in star.domains:
        change = d.change
        text = NOT_SCORED if change is None else (f"+{change:g}" if change > 0 else f"{change:g}")
        rows.append(
            [
                para(d.label, s.cell),
                para(_score(d.first), s.cell),
                para(_score(d.latest), s.cell),
                para(text, s.cell_bold),
                para(_stage_move(d), s.cell),
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


def _stage_move(d: DomainChange) -> str:
    """'Accepting help → Believing' when the stage changed, else the one stage."""
    if d.first_stage and d.latest_stage and d.first_stage != d.latest_stage:
        return f"{d.first_stage} → {d.latest_stage}"
    return d.latest_stage or d.first_stage


def _chart(
    caption: str, png: bytes, max_w: float, max_h: float, min_h: float, s: st.Styles
) -> list[Flowable]:
    head = Paragraph(caption, s.h3)
    _w, head_h = head.wrap(max_w, max_h)
    room = min_h + head_h + head.getSpaceBefore() + head.getSpaceAfter() + 3 * mm
    return [CondPageBreak(room), Spacer(1, 3 * mm), head, FlexImage(png, max_w, max_h, min_h)]


def _links(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    if data.ecomap_png:
        # Drawn at its printed size (services/print_charts): never shrunk; a crowded
        # network in parts, one picture after another.
        head = Paragraph("Support network (eco-map)", s.h3)
        story += ecomap_pictures.review_story(data.ecomap_png, head, width * 0.85, 225 * mm)
    # Everyone on the map is named in the text too, under the map's own grouping.
    return story + supports_story(data, s, width)


def _coach_text(text: str, empty: str, s: st.Styles) -> list[Flowable]:
    if not text.strip():
        return [para(empty, s.muted)]
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    out: list[Flowable] = []
    for p in paras:
        lines = [ln.strip() for ln in p.splitlines() if ln.strip()]
        if all(ln[:1] in "-•*" for ln in lines):
            out.append(bullets([ln[1:].strip() for ln in lines], s.bullet))
        else:
            out.append(para(p, s.body))
    return out


def build_review_report(data: ReviewReportData, out: Path | io.BytesIO | str) -> int:
    """Write the report PDF to ``out``; returns the page count."""
    s = st.review_styles()
    width, height = A4
    frame = Frame(MARGIN, 20 * mm, width - 2 * MARGIN, height - 20 * mm - 20 * mm, id="body")
    target = str(out) if isinstance(out, Path) else out
    title = f"{TITLE}: {data.full_name}"
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        title=title,
        author=data.practice.author,
        subject=f"{long_date(data.period_start)} to {long_date(data.period_end)}",
        creator="RecoveryDesk",
    )
    doc.addPageTemplates([PageTemplate("body", [frame], onPage=_letterhead(data))])
    w = width - 2 * MARGIN - 12
    story: list[Flowable] = [
        Paragraph(TITLE + (" (draft)" if data.draft else ""), s.title),
        para("Psychosocial recovery coaching, for the participant's NDIS plan review.", s.muted),
        Spacer(1, 2 * mm),
        _details(data, s, w),
        Spacer(1, 2 * mm),
    ]
    if data.summary.strip():
        story += [Paragraph("Summary", s.h2)] + _coach_text(data.summary, "", s)
    story += planner.own_words(data, s)
    n = 0

    def section(title: str, body: list[Flowable], keep: int = 1) -> None:
        """A numbered section whose heading never sits alone at the foot of a page (kept with
        the first ``keep`` flowables of its body)."""
        nonlocal n
        n += 1
        story.append(CondPageBreak(30 * mm))
        # Flatten a leading KeepTogether: reportlab mis-measures one nested in another.
        first: list[Flowable] = []
        for f in body[:keep]:
            first += f._content if isinstance(f, KeepTogether) else [f]
        story.append(KeepTogether([_section(n, title, s)] + first))
        story.extend(body[keep:])

    section("Supports provided", _supports(data, s, w))
    section("Progress toward goals", planner.goals_against_plan(data, s, w) + _goals(data, s, w))
    # Named after the star the readings used (a CHIME star is not a "Recovery Star").
    star_name = data.star.template_name if data.star and data.star.template_name else "Recovery Star"
    section(f"{star_name}: distance travelled", _star(data, s, w))
    section("Links to informal, community and mainstream supports", _links(data, s, w))
    section(
        "Barriers and strategies",
        _coach_text(data.barriers_strategies, "None noted for this period.", s),
    )
    section("Risks", planner.risks(data, s, _coach_text))
    sign = [
        Spacer(1, 10 * mm),
        para(data.practice.coach_name or "Recovery coach", s.cell_bold),
        para(
            "Psychosocial recovery coach"
            + (f", {data.practice.name}" if data.practice.name else ""),
            s.cell,
        ),
        para(f"Date: {long_date(data.prepared_on)}", s.cell),
    ]
    recommendations = _coach_text(data.recommendations, "No recommendations written yet.", s)
    recommendations.append(planner.hours_line(s))
    # The last words and the signature stay together on the final page.
    section(
        "Recommendations for the next plan",
        recommendations + sign,
        keep=len(recommendations) + len(sign),
    )
    footer = FooterInfo(
        f"{data.full_name} · {TITLE} · {short_date(data.period_start)} to "
        f"{short_date(data.period_end)} · Confidential",
        s.footer_size,
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return doc.page
