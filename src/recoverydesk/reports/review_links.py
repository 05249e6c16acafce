"""The review's "Links to informal, community and mainstream supports", in words.

Everyone on the eco-map is listed here too, under the same heading the map's grouping gives
them (services/support_links.py decides both): informal supports, community supports and
mainstream or formal services, each with the network's people and services first and then the
referrals of the period. Before, the GP, psychiatrist and support coordinator were only in the
picture while the text said "No referrals".
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from recoverydesk.dates import short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import ReviewReportData, SupporterData
from recoverydesk.reports.layout import KeepTogetherOrFlow, bullets, esc, grid, para

# (heading, link kind, what to say when there is nothing under it)
SECTIONS = (
    ("Community supports", "community", "No community supports in this period."),
    (
        "Mainstream and formal services",
        "mainstream",
        "No mainstream or formal services in this period.",
    ),
)


def supports_story(data: ReviewReportData, s: st.Styles, width: float) -> list[Flowable]:
    story: list[Flowable] = []
    informal: list[Flowable] = [Paragraph("Informal supports", s.h3)]
    if data.informal_supports:
        informal.append(bullets([_person(x) for x in data.informal_supports], s.bullet))
    else:
        informal.append(para("No informal supports recorded.", s.muted))
    story.append(KeepTogether(informal))
    for title, kind, empty in SECTIONS:
        people = [x for x in data.formal_supports if x.link == kind]
        referrals = [r for r in data.referrals if r.kind == kind]
        block: list[Flowable] = [Paragraph(title, s.h3)]
        if people:
            block.append(para("In the support network:", s.body))
            block.append(bullets([_person(x) for x in people], s.bullet))
        if referrals:
            block.append(para("Referrals in this period:", s.body))
            block.append(referral_table(referrals, s, width))
        elif people:
            block.append(para("No new referrals in this period.", s.muted))
        if not people and not referrals:
            block.append(para(empty, s.muted))
        story.append(KeepTogetherOrFlow(block) if referrals else KeepTogether(block))
    return story


def referral_table(referrals, s: st.Styles, width: float):
    rows = [[para(h, s.cell_head) for h in ("Service", "Referred", "Purpose", "Status", "Outcome")]]
    for r in referrals:
        service = f"<b>{esc(r.name)}</b><br/><font size='-1'>{esc(r.category)}</font>"
        purpose = r.purpose + (f" (goal: {r.goal_title})" if r.goal_title else "")
        rows.append(
            [
                Paragraph(service, s.cell),
                para(short_date(r.referred_on), s.cell),
                para(purpose, s.cell),
                para(r.status, s.cell),
                para(r.outcome, s.cell),
            ]
        )
    return grid(rows, [width * 0.22, width * 0.13, width * 0.27, width * 0.12, width * 0.26])


def _person(x: SupporterData) -> str:
    text = f"{x.name} ({x.role})" if x.role else x.name
    if x.consent_expired_on:
        text += f": consent to share expired {short_date(x.consent_expired_on)}"
    return text
