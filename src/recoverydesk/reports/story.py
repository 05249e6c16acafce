"""The participant's Recovery story (issue 23 item 4): what they agreed with their coach, to
keep, share, or attach to their plan review.

Five short parts, one per CHIME process (Connectedness, Hope, Identity, Meaning, Empowerment),
each the dated moments they chose in their own words; their measures then and now (the first
and latest Recovery Star reading up to the day agreed, and any measure like the QPR); what they
want to say in their own words; and who agreed it and when. Plain and warm, normal or large
print. ``story_appendix`` is the same story inside the plan review report.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.dates import long_date, short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.layout import (
    BASE_TABLE,
    FooterInfo,
    KeepTogetherOrFlow,
    esc,
    grid,
    numbered_canvas,
    para,
)
from recoverydesk.reports.page_sizes import PLAN_MARGIN
from recoverydesk.reports.plan_cover import possessive
from recoverydesk.reports.story_data import MeasureThenNow, StoryPdfData, StorySection

MARGIN = PLAN_MARGIN
# Each part's line under its heading: what the part is about, in the first person.
ABOUT = {
    "connectedness": "The people, groups and places I feel part of.",
    "hope": "What gives me hope, and what I look forward to.",
    "identity": "Who I am, and who I am becoming.",
    "meaning": "What makes my life meaningful: my roles, goals and what I value.",
    "empowerment": "Taking charge of my life: my strengths and my choices.",
}


def _quoted(text: str, quoted: bool) -> str:
    words = " ".join((text or "").split())
    return f"“{words}”" if quoted else words


def _section(sec: StorySection, s: st.Styles, width: float, name: str) -> list[Flowable]:
    head: list[Flowable] = [Paragraph(esc(sec.title), s.h2),
                            para(ABOUT.get(sec.key, ""), s.muted)]
    if not sec.excerpts:
        return [KeepTogether(head + [para(f"{name} chose no moment for this part.", s.small)])]
    tables = [_moment(e, s, width) for e in sec.excerpts]
    # The heading stays with the first moment; the others may go on to the next page.
    return [KeepTogether(head + tables[:1])] + tables[1:]


def _moment(e, s: st.Styles, width: float) -> Table:
    """One moment: its date beside their words (and what it was: a session note, a goal)."""
    words = [para(_quoted(e.words, e.quoted), s.body)]
    if e.kind:
        words.append(para(e.kind, s.small))
    date_w = s.body_size * 7.4
    table = Table([[para(short_date(e.day), s.cell_bold), words]],
                  colWidths=[date_w, width - date_w], hAlign="LEFT")
    table.setStyle(TableStyle(BASE_TABLE + [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBEFORE", (1, 0), (1, -1), 2, st.ACCENT_SOFT),
        ("LEFTPADDING", (1, 0), (1, -1), 8),
    ]))
    return table


def _head_bg(s: st.Styles):
    """A soft header in the participant's own print, the review's dark one (white words)
    when the story is attached to the plan review report."""
    return st.ACCENT_DARK if s.cell_head.textColor == st.WHITE else st.ACCENT_SOFT


def _measure(m: MeasureThenNow, s: st.Styles, width: float) -> list[Flowable]:
    if not m.rows:
        return []
    one = m.one_reading
    latest = short_date(m.latest_on) if m.latest_on else ""
    if one:
        head = [para(m.name, s.cell_head), para(latest, s.cell_head)]
        rows = [head] + [[para(r.label, s.cell), para(r.now or "–", s.cell_bold)]
                         for r in m.rows]
        table = grid(rows, [width * 0.7, width * 0.3], header_bg=_head_bg(s))
        note = para(f"One reading so far, on {long_date(m.latest_on)}." if m.latest_on
                    else "", s.small)
        return [KeepTogether([table, note])]
    first = short_date(m.first_on) if m.first_on else ""
    head = [para(m.name, s.cell_head), para(f"Then<br/>{esc(first)}", s.cell_head, False),
            para(f"Now<br/>{esc(latest)}", s.cell_head, False)]
    rows = [head] + [[para(r.label, s.cell), para(r.then or "–", s.cell),
                      para(r.now or "–", s.cell_bold)] for r in m.rows]
    return [grid(rows, [width * 0.56, width * 0.22, width * 0.22], header_bg=_head_bg(s)),
            Spacer(1, s.body_size * 0.6)]


def _own_words(data: StoryPdfData, s: st.Styles, width: float, name: str) -> list[Flowable]:
    if not data.own_words.strip():
        return []
    paras = [p.strip() for p in data.own_words.split("\n\n") if p.strip()]
    box = Table([[[para(p, s.quote) for p in paras]]], colWidths=[width], hAlign="LEFT")
    box.setStyle(TableStyle(BASE_TABLE + [
        ("BACKGROUND", (0, 0), (-1, -1), st.SURFACE),
        ("LINEBEFORE", (0, 0), (0, -1), 4, st.ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return [Paragraph("In my own words", s.h1), para(f"What {name} wants to say.", s.muted),
            box]


def _agreed(data: StoryPdfData, s: st.Styles) -> list[Flowable]:
    who = data.typed_name.strip() or data.preferred_name
    coach = data.agreed_by.strip() or data.practice.coach_name or "their coach"
    where = f", {data.practice.name}" if data.practice.name else ""
    lines = [para(f"Agreed on {long_date(data.agreed_on)}", s.cell_bold),
             para(f"by {who}" + (" (name typed)" if data.typed_name.strip() else ""), s.cell),
             para(f"with {coach}{where}", s.cell)]
    return [Spacer(1, 6 * mm)] + lines


def story_body(data: StoryPdfData, s: st.Styles, width: float) -> list[Flowable]:
    """The five parts, the measures, their own words and who agreed it (no title)."""
    name = data.preferred_name or data.full_name
    out: list[Flowable] = []
    for sec in data.sections:
        out += _section(sec, s, width, name)
    measures = [f for m in data.measures for f in _measure(m, s, width)]
    if measures:
        # On one page when it fits, else the table flows on (its header row repeated).
        out += [KeepTogetherOrFlow([Paragraph("My measures, then and now", s.h1),
                                    para("Where I stood when we began, and where I stand now.",
                                         s.muted)] + measures[:1], lead_rows=3)] + measures[1:]
    # Their words and who agreed it stay together: the end of the story, on one page.
    return out + [KeepTogether(_own_words(data, s, width, name) + _agreed(data, s))]


def story_appendix(data: StoryPdfData, s: st.Styles, width: float) -> list[Flowable]:
    """The agreed story inside another report (the plan review's last pages)."""
    name = data.preferred_name or data.full_name
    return [Paragraph(f"Attached: {esc(possessive(name))} recovery story", s.h1),
            para(f"In {name}’s own words, agreed with them on {long_date(data.agreed_on)}. "
                 "The moments they chose, in five parts of personal recovery (CHIME).", s.muted),
            ] + story_body(data, s, width)


def build_story(data: StoryPdfData, out: Path | io.BytesIO | str,
                large_print: bool = False) -> int:
    """Write the Recovery story PDF to ``out``; returns the page count."""
    s = st.plan_styles(large_print)
    width, height = A4
    frame = Frame(MARGIN, 20 * mm, width - 2 * MARGIN, height - MARGIN - 20 * mm, id="body")
    name = data.preferred_name or data.full_name
    title = f"{possessive(name)} recovery story"
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(target, pagesize=A4, title=title, author=data.practice.author,
                          subject=f"Agreed on {long_date(data.agreed_on)}",
                          creator="RecoveryDesk")
    doc.addPageTemplates([PageTemplate("body", [frame], onPage=_band)])
    w = width - 2 * MARGIN - 12
    story: list[Flowable] = [
        Paragraph(esc(title), s.title),
        para(f"Agreed together on {long_date(data.agreed_on)}", s.subtitle),
        para("Moments from our work together that I chose, in five parts of recovery: "
             "Connectedness, Hope, Identity, Meaning and Empowerment.", s.muted),
        Spacer(1, 2 * mm),
    ]
    story += story_body(data, s, w)
    footer = FooterInfo(f"{title} · agreed on {long_date(data.agreed_on)}", s.footer_size)
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return doc.page


def _band(canvas, _doc) -> None:
    """A thin warm band across the top of every page."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(st.ACCENT)
    canvas.rect(0, height - 8 * mm, width, 8 * mm, stroke=0, fill=1)
    canvas.restoreState()
