"""Type scale and colours for printed reports, from the one palette in ``charts/theme.py``.

``plan_styles(large_print)`` is for what the participant keeps (large, warm, high contrast);
``review_styles()`` is for the plan-review report (smaller, professional).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from recoverydesk.charts import theme
from recoverydesk.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts

ACCENT = colors.HexColor(theme.ACCENT)
ACCENT_DARK = colors.HexColor(theme.ACCENT_DARK)
ACCENT_SOFT = colors.HexColor(theme.ACCENT_SOFT)
INK = colors.HexColor(theme.INK)
MUTED = colors.HexColor(theme.MUTED)
RULE = colors.HexColor(theme.RULE)
SURFACE = colors.HexColor(theme.SURFACE)
ATTENTION = colors.HexColor(theme.ATTENTION)
SUCCESS = colors.HexColor(theme.SUCCESS)
WHITE = colors.white


@dataclass(frozen=True)
class Styles:
    body_size: float
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    quote: ParagraphStyle
    footer_size: float

    @property
    def leading(self) -> float:
        return self.body.leading


def _make(body: float, heading_scale: float, *, warm: bool) -> Styles:
    register_fonts()
    lead = round(body * 1.38, 1)

    def ps(name: str, **kw) -> ParagraphStyle:
        base = {
            "fontName": REGULAR,
            "bulletFontName": REGULAR,
            "fontSize": body,
            "leading": lead,
            "textColor": INK,
            "alignment": TA_LEFT,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    h1 = body * heading_scale
    return Styles(
        body_size=body,
        title=ps(
            "title", fontName=BOLD, fontSize=h1 * 1.55, leading=h1 * 1.8, textColor=ACCENT_DARK
        ),
        subtitle=ps("subtitle", fontSize=body * 1.3, leading=body * 1.75, textColor=INK),
        h1=ps(
            "h1",
            fontName=BOLD,
            fontSize=h1,
            leading=h1 * 1.25,
            textColor=ACCENT_DARK,
            spaceBefore=body * 0.6,
            spaceAfter=body * 0.6,
        ),
        h2=ps(
            "h2",
            fontName=BOLD,
            fontSize=body * 1.3,
            leading=body * 1.65,
            textColor=INK,
            spaceBefore=body * 0.8,
            spaceAfter=body * 0.3,
        ),
        h3=ps(
            "h3",
            fontName=BOLD,
            fontSize=body * 1.05,
            leading=lead,
            textColor=ACCENT_DARK,
            spaceBefore=body * 0.5,
            spaceAfter=body * 0.15,
        ),
        body=ps("body", spaceAfter=body * 0.35),
        small=ps("small", fontSize=body * 0.85, leading=body * 1.15),
        muted=ps("muted", fontName=ITALIC, textColor=MUTED, spaceAfter=body * 0.35),
        bullet=ps("bullet", leftIndent=body * 1.3, bulletIndent=body * 0.2, spaceAfter=body * 0.2),
        cell=ps("cell", fontSize=body * 0.92, leading=body * 1.25),
        cell_bold=ps("cell_bold", fontName=BOLD, fontSize=body * 0.92, leading=body * 1.25),
        cell_head=ps(
            "cell_head",
            fontName=BOLD,
            fontSize=body * 0.85,
            leading=body * 1.15,
            textColor=WHITE if not warm else ACCENT_DARK,
        ),
        quote=ps(
            "quote",
            fontName=BOLD,
            fontSize=body * 1.25,
            leading=body * 1.6,
            textColor=INK,
            spaceAfter=body * 0.3,
        ),
        footer_size=max(8.0, body * 0.72),
    )


def plan_styles(large_print: bool = False, body: float | None = None) -> Styles:
    """The participant's plan: 12 pt body (16 pt in large print), generous headings; ``body``
    picks another size (a long crisis card in large print steps down to fit its page)."""
    return _make(body or (16.0 if large_print else 12.0), 1.75, warm=True)


def review_styles() -> Styles:
    """The plan-review report: a 10 pt professional body."""
    return _make(10.0, 1.55, warm=False)


CENTER = TA_CENTER
