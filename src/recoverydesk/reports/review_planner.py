"""The parts of the review report a planner looks for (issue 17 item 12): the participant's own
view, where coach and participant see things differently, each coaching goal against the NDIS
plan goal it serves with its target and measured result, the WRAP and crisis plan status, risks
assessed or not, and a clear place for the hours recommended for the next plan.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from recoverydesk.dates import short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import ReviewReportData
from recoverydesk.reports.layout import KeepTogetherOrFlow, bullets, esc, grid, para

RISK_WORDS = {
    "not_assessed": "Risks were not assessed in this period.",
    "none_identified": "Risks were assessed: no risks identified.",
    "see_below": "Risks were assessed: see below.",
}
HOURS_LINE = (
    "Recovery coaching hours recommended for the next plan: ______ hours a week "
    "(to be filled in; RecoveryDesk does not track funding yet)."
)


def own_words(data: ReviewReportData, s: st.Styles) -> list[Flowable]:
    """"In Ana's words", and where we see things differently (only when written)."""
    name = data.preferred_name or "the participant"
    out: list[Flowable] = [Paragraph(f"In {esc(name)}'s words", s.h2)]
    view = data.participant_view.strip()
    if view:
        out += [para(f"“{p.strip()}”", s.body) for p in view.split("\n\n") if p.strip()]
    else:
        out.append(para(f"Not written yet: {name}'s own view of this plan period.", s.muted))
    if data.different_views.strip():
        out.append(Paragraph("Where we see it differently", s.h3))
        out += [para(p.strip(), s.body) for p in data.different_views.split("\n\n") if p.strip()]
    return out


def goals_against_plan(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
    """The NDIS plan's goals, then each coaching goal: the plan goal it serves, its target and
    the latest measured result."""
    out: list[Flowable] = [Paragraph("The NDIS plan's goals", s.h3)]
    if data.ndis_goals:
        out.append(bullets([f"“{g}”" for g in data.ndis_goals], s.bullet))
    else:
        out.append(para("The NDIS plan's goals have not been recorded yet.", s.muted))
    if not data.goal_results:
        return out
    rows = [
        [
            para(h, s.cell_head)
            for h in ("Coaching goal", "Serves NDIS plan goal", "Target", "Latest result")
        ]
    ]
    for r in data.goal_results:
        result = r.result + (f" ({short_date(r.result_on)})" if r.result_on else "")
        rows.append(
            [
                para(r.title, s.cell),
                para(r.ndis_goal or "Not linked", s.cell),
                para(r.target or "No target set", s.cell),
                para(result or "Not measured yet", s.cell),
            ]
        )
    table = grid(rows, [width * 0.27, width * 0.27, width * 0.21, width * 0.25])
    return [*out, KeepTogetherOrFlow([Paragraph("Goals against targets", s.h3), table])]


def risks(data: ReviewReportData, s: st.Styles, coach_text) -> list[Flowable]:
    """Risks assessed or not, said first; the WRAP and crisis plan status; the coach's words."""
    out: list[Flowable] = [
        Paragraph(f"<b>{esc(RISK_WORDS.get(data.risks_assessed, RISK_WORDS['not_assessed']))}</b>",
                  s.body),
    ]
    if data.wrap_status:
        out.append(para(data.wrap_status, s.body))
    if data.risks.strip():
        out += coach_text(data.risks, "", s)
    elif data.risks_assessed == "see_below":
        out.append(para("The details are still to be written.", s.muted))
    return out


def hours_line(s: st.Styles) -> Flowable:
    return para(HOURS_LINE, s.body)
