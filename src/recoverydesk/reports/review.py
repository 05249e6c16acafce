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
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from recoverydesk.dates import long_date, short_date
from recoverydesk.reports import ecomap_pictures
from recoverydesk.reports import review_planner as planner
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import ReviewReportData
from recoverydesk.reports.layout import (
    FooterInfo,
    bullets,
    esc,
    numbered_canvas,
    para,
)
from recoverydesk.reports.review_funding import funding_story
from recoverydesk.reports.review_head import MARGIN, TITLE, details_table, letterhead
from recoverydesk.reports.review_links import supports_story
from recoverydesk.reports.review_progress import goals_progress, supports_provided
from recoverydesk.reports.review_star import star_distance
from recoverydesk.reports.story import story_appendix

# The page margin, for the tests that measure printed pictures.
__all__ = ["MARGIN", "TITLE", "build_review_report"]


def _section(n: int, title: str, s: st.Styles) -> Paragraph:
    return Paragraph(f"{n}. {esc(title)}", s.h1)


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
    doc.addPageTemplates([PageTemplate("body", [frame], onPage=letterhead(data))])
    w = width - 2 * MARGIN - 12
    story: list[Flowable] = [
        Paragraph(TITLE + (" (draft)" if data.draft else ""), s.title),
        para("Psychosocial recovery coaching, for the participant's NDIS plan review.", s.muted),
        Spacer(1, 2 * mm),
        details_table(data, s, w),
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

    section("Supports provided", supports_provided(data, s, w) + funding_story(data, s, w))
    section("Progress toward goals", planner.goals_against_plan(data, s, w) + goals_progress(data, s, w))
    # Named after the star the readings used (a CHIME star is not a "Recovery Star").
    star_name = data.star.template_name if data.star and data.star.template_name else "Recovery Star"
    section(f"{star_name}: distance travelled", star_distance(data, s, w))
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
    if data.recovery_story is not None:  # attached by the coach: their agreed story follows
        story += [PageBreak()] + story_appendix(data.recovery_story, s, w)
    footer = FooterInfo(
        f"{data.full_name} · {TITLE} · {short_date(data.period_start)} to "
        f"{short_date(data.period_end)} · Confidential",
        s.footer_size,
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return doc.page
