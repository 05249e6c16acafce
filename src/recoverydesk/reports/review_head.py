"""The review report's letterhead (the practice's name and details, DRAFT across a draft) and
the participant's details table at the top of the first page."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Table,
    TableStyle,
)

from recoverydesk.dates import long_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import ReviewReportData
from recoverydesk.reports.fonts import BOLD, REGULAR
from recoverydesk.reports.layout import (
    BASE_TABLE,
    para,
)
from recoverydesk.reports.page_sizes import REVIEW_MARGIN

MARGIN = REVIEW_MARGIN
TITLE = "Plan review progress report"


def letterhead(data: ReviewReportData):
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


def details_table(data: ReviewReportData, s: st.Styles, width: float) -> Table:
    plan = ""
    if data.plan_start or data.plan_end:
        plan = f"{long_date(data.plan_start) or '?'} to {long_date(data.plan_end) or '?'}"
    name = data.full_name
    if data.preferred_name and data.preferred_name not in data.full_name.split():
        name += f" (prefers {data.preferred_name})"
    left = [
        ("Participant", name),
        ("NDIS number", ndis_number(data.ndis_number)),
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


def ndis_number(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 9 else number


