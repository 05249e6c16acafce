"""The plan pack's people and places: the supporters and useful services tables (the phone
column fits the longest number) and the eco-map at its printed size."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Paragraph,
)

from recoverydesk.charts import theme
from recoverydesk.dates import short_date
from recoverydesk.reports import ecomap_pictures
from recoverydesk.reports import styles as st
from recoverydesk.reports.data import PlanPackData, SupporterData
from recoverydesk.reports.fonts import REGULAR
from recoverydesk.reports.layout import (
    KeepTogetherOrFlow,
    esc,
    grid,
    para,
    phone_text,
)

ECOMAP_MAX = 225 * mm  # a crowded eco-map is drawn taller rather than in smaller type


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
    longest = max((stringWidth(p, REGULAR, s.cell.fontSize) for p in phones), default=0)
    phone = min(max(longest + 12, width * 0.2), width * 0.34)
    rest = width - phone
    return [rest * 0.47, rest * 0.53, phone]


def consent_note(day) -> str:
    return f"OK to share my information ended {short_date(day)}: let's check again"


def people(data: PlanPackData, s: st.Styles, width: float, large: bool) -> list[Flowable]:
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
