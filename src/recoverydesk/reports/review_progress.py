"""The review report's supports provided (sessions, hours, how and where) and progress toward
each goal in the period."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from recoverydesk.dates import plural, short_date, short_month
from recoverydesk.reports import styles as st
from recoverydesk.reports.bidi_lines import framed_para, labelled_para
from recoverydesk.reports.data import ReviewReportData
from recoverydesk.reports.layout import (
    esc,
    grid,
    hours_minutes,
    hours_text,
    para,
)


def supports_provided(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
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


def goals_progress(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
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


