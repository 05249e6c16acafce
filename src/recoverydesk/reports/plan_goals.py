"""The plan pack's strengths and goals: the strengths in their words by kind, each current goal
with its SMART words and its next steps, and the goals already reached."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.dates import long_date, short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.bidi_lines import labelled_para
from recoverydesk.reports.data import GoalData, PlanPackData
from recoverydesk.reports.layout import (
    BASE_TABLE,
    KeepTogetherOrFlow,
    bullets,
    esc,
    grid,
    para,
)

CURRENT = ("active", "paused")  # a reframed goal lives on as its new goal


def strengths(data: PlanPackData, s: st.Styles) -> list[Flowable]:
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
        return (
            f"{long_date(goal.target_date)} (that date has passed: we'll choose a new one together)"
        )
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


def goals(data: PlanPackData, s: st.Styles, width: float) -> list[Flowable]:
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


def reached(data: PlanPackData, s: st.Styles) -> list[Flowable]:
    """Goals already reached sit with the strengths: both are what the person can build on."""
    reached = [g for g in data.goals if g.status_key == "achieved"]
    if not reached:
        return []
    items = [g.title + (f" ({long_date(g.history[-1].on)})" if g.history else "") for g in reached]
    return [KeepTogetherOrFlow([Paragraph("Goals I've reached", s.h2), bullets(items, s.bullet)])]
