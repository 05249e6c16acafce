"""The participant's plan pack: what they take home and are proud to keep.

Cover (preferred name, agreed and next review dates), my strengths, my goals with their steps,
my Recovery Star (first and latest), my supporters and useful services, my wellness plan (WRAP)
and a tear-off crisis card. Plain warm words, large type, page numbers.
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
    Image,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.charts import theme
from recoverydesk.dates import long_date, short_date
from recoverydesk.reports import ecomap_pictures
from recoverydesk.reports import styles as st
from recoverydesk.reports.bidi_lines import framed_para, labelled_para
from recoverydesk.reports.crisis_card import CARD_MARGIN, crisis_card_story, cut_line
from recoverydesk.reports.data import GoalData, PlanPackData, StarSummary, SupporterData
from recoverydesk.reports.fonts import BOLD, REGULAR
from recoverydesk.reports.layout import (
    BASE_TABLE,
    FlexImage,
    FooterInfo,
    KeepTogetherOrFlow,
    bullets,
    esc,
    grid,
    numbered_canvas,
    para,
    phone_text,
)
from recoverydesk.reports.scripts import draw_string, string_width

MARGIN = 20 * mm
CURRENT = ("active", "paused")  # a reframed goal lives on as its new goal


def _possessive(name: str) -> str:
    name = name.strip() or "My"
    if name == "My":
        return name
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def _cover_band(data: PlanPackData, large: bool):
    def draw(canvas, _doc) -> None:
        canvas.rd_footer = False
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(st.ACCENT)
        canvas.rect(0, height - 85 * mm, width, 85 * mm, stroke=0, fill=1)
        canvas.setFillColor(st.ACCENT_DARK)
        canvas.rect(0, height - 88 * mm, width, 3 * mm, stroke=0, fill=1)
        canvas.setFillColor(st.WHITE)
        canvas.setFont(REGULAR, 16 if large else 14)
        canvas.drawString(MARGIN, height - 30 * mm, "My recovery plan")
        canvas.setFont(BOLD, 40 if large else 36)
        draw_string(
            canvas,
            MARGIN,
            height - 52 * mm,
            _fit(
                canvas,
                data.preferred_name or "My plan",
                BOLD,
                40 if large else 36,
                width - 2 * MARGIN,
            ),
            BOLD,
            canvas._fontsize,
        )
        canvas.setFont(REGULAR, 14 if large else 12)
        if data.full_name and data.full_name != data.preferred_name:
            draw_string(canvas, MARGIN, height - 64 * mm, data.full_name, REGULAR, 14 if large else 12)
        canvas.restoreState()

    return draw


def _fit(canvas, text: str, font: str, size: float, width: float) -> str:
    """Shrink the cover name's font until it fits on one line."""
    while size > 16 and string_width(text, font, size) > width:
        size -= 2
    canvas.setFont(font, size)
    return text


def _inside(data: PlanPackData) -> str:
    """What this pack holds, in the participant's words (only what is really inside)."""
    bits = ["my strengths", "my goals and steps"]
    if data.star is not None and data.star.readings:
        bits.append("how things are going")
    bits.append("the people and places that support me")
    if any(p.items for sec in data.wrap for p in sec.parts):
        bits.append("my wellness plan")
    if data.crisis_card is not None:
        bits.append("a card to keep with you")
    return "Inside: " + ", ".join(bits[:-1]) + ", and " + bits[-1] + "."


def _cover(
    data: PlanPackData, s: st.Styles, width: float, height: float, large: bool
) -> list[Flowable]:
    rows = [["Agreed on", long_date(data.agreed_on)]]
    if data.next_review:
        rows.append(["Next review", long_date(data.next_review)])
    if data.version_number:
        rows.append(["Plan version", str(data.version_number)])
    dates = Table(
        [[para(a, s.cell_bold), para(b, s.subtitle)] for a, b in rows],
        colWidths=[(60 if large else 45) * mm, width - (60 if large else 45) * mm],
        hAlign="LEFT",
    )
    dates.setStyle(
        TableStyle(
            BASE_TABLE
            + [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, st.RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    name = data.preferred_name or "you"
    # The coloured band covers the top 88 mm of the page; the frame starts 20 mm down.
    band = 78 * mm if large else 90 * mm
    body: list[Flowable] = [
        dates,
        Spacer(1, 10 * mm),
        para(
            f"This plan belongs to {name}. We wrote it together, in {name}’s own words. "
            "It is about what matters to you, what you are good at, and the next steps "
            "you have chosen. It can change whenever you want it to.",
            s.body,
        ),
        Spacer(1, 3 * mm),
        para(_inside(data), s.muted),
    ]
    practice = data.practice
    who = [
        t
        for t in (
            practice.coach_name and f"My recovery coach: {practice.coach_name}",
            practice.name,
            practice.phone and f"Phone {practice.phone}",
        )
        if t
    ]
    if who:
        body += [Spacer(1, 10 * mm)] + [para(line, s.body) for line in who]
    # However long the names, the cover is one page.
    return [Spacer(1, band), KeepInFrame(width, height - band, body, mode="shrink")]


def _strengths(data: PlanPackData, s: st.Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("My strengths", s.h1),
        para("The things I'm good at, care about and can lean on.", s.muted),
    ]
    if not data.strengths:
        story.append(
            para(
                "We haven't written my strengths down yet. Next time, let's start "
                "with what is going well.",
                s.body,
            )
        )
        return story
    groups: dict[str, list[str]] = {}
    for item in data.strengths:
        groups.setdefault(item.category or "My strengths", []).append(item.text)
    for category, texts in groups.items():
        story.append(KeepTogether([Paragraph(esc(category), s.h3), bullets(texts, s.bullet)]))
    return story


def aiming_for(goal: GoalData, agreed_on) -> str:
    """The target date, said kindly when it passed before this plan was agreed: a date that
    slipped is something to talk about, not a failure printed in bold."""
    if goal.target_date is None:
        return ""
    if goal.status_key == "active" and goal.target_date < agreed_on:
        return f"{long_date(goal.target_date)} (that date has passed: we'll choose a new one together)"
    return long_date(goal.target_date)


def _goal_block(
    number: int, goal: GoalData, s: st.Styles, width: float, agreed_on
) -> list[Flowable]:
    label = f"Goal {number}"
    if goal.status_key != "active":
        label += f" · {goal.status}"
    head = Table([[para(label, s.small)], [para(f"“{goal.title}”", s.quote)]], colWidths=[width])
    head.setStyle(
        TableStyle(
            BASE_TABLE
            + [
                ("BACKGROUND", (0, 0), (-1, -1), st.ACCENT_SOFT),
                ("LINEBEFORE", (0, 0), (0, -1), 4, st.ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ("TOPPADDING", (0, 1), (-1, 1), 0),
            ]
        )
    )
    details: list[Flowable] = [head, Spacer(1, 2 * mm)]
    pairs = [
        ("Why it matters to me", goal.why_it_matters),
        ("What I'll do", goal.specific),
        ("What will help me", goal.achievable),
        ("How I'll know it's working", goal.measure),
        ("Aiming for", aiming_for(goal, agreed_on)),
    ]
    for title, text in pairs:
        if text:
            details.append(labelled_para(title, text, s.body))
    if goal.domains:
        details.append(para("Life areas: " + ", ".join(goal.domains), s.muted))
    story: list[Flowable] = []
    if goal.steps:
        rows = [[para(h, s.cell_head) for h in ("My next steps", "Who", "By when", "Done")]]
        for step in goal.steps:
            rows.append(
                [
                    para(step.text, s.cell),
                    para(step.who or "Me", s.cell),
                    para(short_date(step.due), s.cell),
                    para("☑ " + short_date(step.done_on) if step.done_on else "☐", s.cell),
                ]
            )
        # Large type needs a wider "Who" column, or "A supporter" breaks mid-word.
        shares = (0.47, 0.15, 0.18, 0.20) if s.body_size < 14 else (0.38, 0.22, 0.20, 0.20)
        table = grid(rows, [width * x for x in shares], header_bg=st.ACCENT_SOFT)
        # Kept on one page when it fits; a long goal flows on with its steps rather than
        # leaving half a page empty (the steps table repeats its header).
        story.append(
            KeepTogetherOrFlow(
                details + [Spacer(1, 1 * mm), table],
                continued=f"Goal {number}: my next steps, continued",
            )
        )
    else:
        details.append(para("No steps yet: what could be a first small step?", s.muted))
        story.append(KeepTogether(details))
    story.append(Spacer(1, 6 * mm))
    return story


def _goals(data: PlanPackData, s: st.Styles, width: float) -> list[Flowable]:
    current = [g for g in data.goals if g.status_key in CURRENT]
    story: list[Flowable] = [Paragraph("My goals", s.h1)]
    if not current:
        first = not any(g.status_key == "achieved" for g in data.goals)
        story.append(
            para(
                "No goals written down yet. What would you like to be different "
                "in a few months’ time? That can be our first goal."
                if first
                else "What would you like to work on next? That can be our next goal.",
                s.body,
            )
        )
    else:
        story.append(
            para("What I'm working towards, and the steps that will get me there.", s.muted)
        )
    for i, goal in enumerate(current, start=1):
        block = _goal_block(i, goal, s, width, data.agreed_on)
        if i == 1 and isinstance(block[0], KeepTogetherOrFlow):
            # "My goals" stays with the first goal (flattened: nested KeepTogethers misfit).
            block[0] = KeepTogetherOrFlow(
                story + block[0]._content, continued="Goal 1: my next steps, continued"
            )
            story = []
        elif i == 1 and isinstance(block[0], KeepTogether):
            # A goal with no steps has no table to flow on with: it moves whole, or its last
            # line ("No steps yet ...") could be left alone at the top of the next page.
            block[0] = KeepTogether(story + block[0]._content)
            story = []
        story += block
    return story


def _reached(data: PlanPackData, s: st.Styles) -> list[Flowable]:
    """Goals already reached sit with the strengths: both are what the person can build on."""
    reached = [g for g in data.goals if g.status_key == "achieved"]
    if not reached:
        return []
    items = [g.title + (f" ({long_date(g.history[-1].on)})" if g.history else "") for g in reached]
    return [KeepTogetherOrFlow([Paragraph("Goals I've reached", s.h2), bullets(items, s.bullet)])]


def _image(png: bytes, max_width: float, max_height: float) -> Image:
    img = Image(io.BytesIO(png))
    ratio = min(max_width / img.imageWidth, max_height / img.imageHeight)
    img.drawWidth, img.drawHeight = img.imageWidth * ratio, img.imageHeight * ratio
    return img


NOT_SCORED = "–"  # an area left unscored that time


def _score_text(value: float | None) -> str:
    return NOT_SCORED if value is None else f"{value:g}"


RADAR_MAX, RADAR_MIN = 110 * mm, 85 * mm  # normal print: the radar grows into the room left
ECOMAP_MAX = 225 * mm  # a crowded eco-map is drawn taller rather than in smaller type


def _star(star: StarSummary, s: st.Styles, width: float, large: bool) -> list[Flowable]:
    """The star section. In normal print the radar takes the room the page has left above
    its table (between RADAR_MIN and RADAR_MAX), so the section fits on a part-used page; in
    large print the star fills the width so its labels grow too, and its table follows on
    the next page. Use ``star_min_height`` for the room it needs."""
    story: list[Flowable] = [Paragraph(f"My {esc(star.template_name)}", s.h1)]
    if star.readings > 1:
        story.append(
            para(
                f"Where I was on {long_date(star.first_date)}, and where I am now "
                f"({long_date(star.latest_date)}). Further out is further along "
                "my journey.",
                s.muted,
            )
        )
    else:
        story.append(
            para(
                f"Where I was on {long_date(star.latest_date)}. We'll look again "
                "together and see how far I've come.",
                s.muted,
            )
        )
    table = _star_table(star, s, width, large)
    if star.radar_png and large:
        story.append(_image(star.radar_png, width, 170 * mm))
    elif star.radar_png:
        reserve = _height(table, width) + 2 * mm
        story.append(FlexImage(star.radar_png, width, RADAR_MAX, RADAR_MIN, reserve=reserve))
    if table:
        story.append(KeepTogether(table))
    return story


def star_min_height(star: StarSummary, s: st.Styles, width: float) -> float:
    """The least room the normal-print star section needs (its radar at RADAR_MIN)."""
    heading = _star(star, s, width, large=False)[:2]  # the title and the words under it
    fixed = heading + _star_table(star, s, width, large=False)
    return _height(fixed, width) + (RADAR_MIN + 2 * mm if star.radar_png else 0)


def _height(flowables: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _star_table(star: StarSummary, s: st.Styles, width: float, large: bool) -> list[Flowable]:
    if not star.domains:
        return []
    two = star.readings > 1
    head = ["Area of my life", "Then", "Now"] if two else ["Area of my life", "Now"]
    stages = any(d.latest_stage or d.first_stage for d in star.domains)
    if stages:  # the stage beside each score, not only in the chart's key
        head.append("Stage now")
    rows = [[para(h, s.cell_head) for h in head]]
    for d in star.domains:
        now = _score_text(d.latest)
        row = [para(d.label, s.cell)]
        if two:
            arrow = ""
            if d.change:
                arrow = "  ↑" if d.change > 0 else "  ↓"
            row += [para(_score_text(d.first), s.cell), para(now + arrow, s.cell_bold)]
        else:
            row.append(para(now, s.cell_bold))
        if stages:
            row.append(para(d.latest_stage or NOT_SCORED, s.cell))
        rows.append(row)
    shares = [0.6, 0.2, 0.2] if two else [0.7, 0.3]
    if stages:
        shares = [0.38, 0.14, 0.16, 0.32] if two else [0.5, 0.18, 0.32]
    widths = [width * x for x in shares]
    table: list[Flowable] = [Spacer(1, 3 * mm)]
    if large:  # the table has a page of its own: say what it is
        when = ": then and now" if two else ""
        table.append(Paragraph(f"My {esc(star.template_name)}{when}", s.h2))
    table.append(grid(rows, widths, header_bg=st.ACCENT_SOFT))
    if any(d.latest is None or (two and d.first is None) for d in star.domains):
        table.append(para(f"{NOT_SCORED} means we did not score that area that time.", s.muted))
    # The words said about each area while scoring together belong to the participant; the
    # reading's own note is the coach's record and goes in the review report instead.
    said = [d for d in star.domains if d.note]
    if said:
        table.append(Paragraph("What I said about each area", s.h3))
        # Paragraphs with a bullet (not a list flowable): the star's room is measured
        # before the page has a canvas.
        table += [
            framed_para(f"{d.label}: ", d.note, "", s.bullet, bullet="•") for d in said
        ]
    return table


def _supporter_cells(sup: SupporterData, s: st.Styles) -> list[Flowable]:
    name = esc(sup.name) + (" <font size='-2'>(emergency contact)</font>" if sup.emergency else "")
    role = esc(sup.role)
    if sup.consent_expired_on:
        # Said plainly, in the attention colour, so it starts a conversation.
        role += (
            f"<br/><font color='{theme.ATTENTION}'>"
            f"{esc(consent_note(sup.consent_expired_on))}</font>"
        )
    return [
        Paragraph(name, s.cell_bold),
        Paragraph(role, s.cell),
        Paragraph(phone_text(sup.phone), s.cell),
    ]


def _contact_columns(phones: list[str], s: st.Styles, width: float) -> list[float]:
    """Name, who, phone: the phone column fits the longest number (numbers never wrap)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    longest = max((stringWidth(p, REGULAR, s.cell.fontSize) for p in phones), default=0)
    phone = min(max(longest + 12, width * 0.2), width * 0.34)
    rest = width - phone
    return [rest * 0.47, rest * 0.53, phone]


def consent_note(day) -> str:
    return f"OK to share my information ended {short_date(day)}: let's check again"


def _people(data: PlanPackData, s: st.Styles, width: float, large: bool) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("People and places that support me", s.h1),
        Paragraph("My supporters", s.h2),
    ]
    if data.supporters:
        rows = [[para(h, s.cell_head) for h in ("Name", "Who they are", "Phone")]]
        rows += [_supporter_cells(sup, s) for sup in data.supporters]
        widths = _contact_columns([x.phone for x in data.supporters], s, width)
        story.append(grid(rows, widths, header_bg=st.ACCENT_SOFT))
    else:
        story.append(
            para("No one written down yet. Who do you trust? We can add them next time.", s.body)
        )
    services: list[Flowable] = [Paragraph("Useful services", s.h2)]
    if data.services:
        rows = [[para(h, s.cell_head) for h in ("Service", "What it's for", "Phone")]]
        for svc in data.services:
            what = svc.purpose or svc.category
            rows.append(
                [
                    para(svc.name, s.cell_bold),
                    para(what, s.cell),
                    Paragraph(phone_text(svc.phone), s.cell),
                ]
            )
        widths = _contact_columns([x.phone for x in data.services], s, width)
        services.append(grid(rows, widths, header_bg=st.ACCENT_SOFT))
    else:
        services.append(para("None yet. Your coach can help you find services near you.", s.body))
    story.append(KeepTogetherOrFlow(services))
    # Drawn at its printed size (services/print_charts): never shrunk. Large print: a page
    # of its own; a crowded network in parts.
    room = ecomap_pictures.ecomap_page_room() if large else ECOMAP_MAX
    return story + ecomap_pictures.plan_story(data.ecomap_png, s, width, room, large)


def _wrap(data: PlanPackData, s: st.Styles) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("My wellness plan", s.h1),
        para(
            "My Wellness Recovery Action Plan (WRAP): what keeps me "
            "well, and what to do when things get hard.",
            s.muted,
        ),
    ]
    for section in data.wrap:
        parts = [p for p in section.parts if p.items]
        if not parts:
            continue
        block: list[Flowable] = [Paragraph(esc(section.title), s.h2)]
        for i, part in enumerate(parts):
            chunk: list[Flowable] = []
            if part.heading:
                chunk.append(Paragraph(esc(part.heading), s.h3))
            chunk.append(bullets(part.items, s.bullet))
            if i == 0:
                story.append(KeepTogether(block + chunk))
            else:
                story.append(KeepTogether(chunk))
    return story


def build_plan_pack(
    data: PlanPackData, out: Path | io.BytesIO | str, large_print: bool = False
) -> int:
    """Write the plan pack PDF to ``out`` (a path or a binary stream); returns the page count."""
    s = st.plan_styles(large_print)
    width, height = A4
    body = Frame(MARGIN, 20 * mm, width - 2 * MARGIN, height - MARGIN - 20 * mm, id="body")
    cover = Frame(MARGIN, 20 * mm, width - 2 * MARGIN, height - MARGIN - 20 * mm, id="cover")
    card = Frame(
        CARD_MARGIN, CARD_MARGIN, width - 2 * CARD_MARGIN, height - 2 * CARD_MARGIN, id="card"
    )
    name = data.preferred_name or data.full_name
    title = f"{_possessive(name)} recovery plan"
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        title=title,
        author=data.practice.author,
        subject=f"Agreed on {long_date(data.agreed_on)}",
        creator="RecoveryDesk",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
    )
    doc.addPageTemplates(
        [
            PageTemplate("cover", [cover], onPage=_cover_band(data, large_print)),
            PageTemplate("body", [body]),
            PageTemplate("card", [card], onPage=cut_line(large_print)),
        ]
    )
    w = width - 2 * MARGIN - 12  # frame padding (6 pt each side)
    h = height - MARGIN - 20 * mm - 12
    story: list[Flowable] = [NextPageTemplate("body")]
    story += _cover(data, s, w, h, large_print)
    story.append(PageBreak())
    story += _strengths(data, s)
    story += _reached(data, s)
    story.append(CondPageBreak(70 * mm))
    story += _goals(data, s, w)
    has_star = data.star is not None and data.star.readings > 0
    if has_star:
        # Normal print: the radar and its table share a page. Large print: the star fills
        # a page and its table follows.
        room = star_min_height(data.star, s, w) + 2 * mm
        story.append(PageBreak() if large_print else CondPageBreak(room))
        story += _star(data.star, s, w, large_print)
    # Supporters follow on the same page when there is room for their table to start.
    story.append(PageBreak() if has_star else CondPageBreak(110 * mm))
    story += _people(data, s, w, large_print)
    if any(p.items for sec in data.wrap for p in sec.parts):
        story.append(PageBreak())
        story += _wrap(data, s)
    if data.crisis_card is not None:
        story += [NextPageTemplate("card"), PageBreak()]
        story += crisis_card_story(
            data.crisis_card,
            width - 2 * CARD_MARGIN - 12,
            height - 2 * CARD_MARGIN - 12,
            large_print,
        )
    footer = FooterInfo(
        f"{title} · agreed on {long_date(data.agreed_on)}"
        + (f" · next review {long_date(data.next_review)}" if data.next_review else ""),
        s.footer_size,
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return doc.page
