"""The tax invoice a plan manager (or a self-managed participant) pays from, and after it, on
a page of its own, the participant's statement of hours (``reports/statement.py``).

Laid out as a plan manager reads one: who is asking to be paid (business name, ABN, NDIS
registration), who pays (the plan manager, or the participant), whose plan it is (name and NDIS
number), the number and date, then one line per support (item number and name, date, hours or
quantity times the unit price, claim type, amount), the total and the GST, and how to pay.

Both are drawn from one invoice record, so the participant's page and the plan manager's can
never disagree; the statement starts on a new page so the coach can hand it over on its own.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from recoverydesk.dates import long_date, short_date
from recoverydesk.reports import styles as st
from recoverydesk.reports.fonts import BOLD
from recoverydesk.reports.layout import BASE_TABLE, FooterInfo, esc, grid, numbered_canvas, para
from recoverydesk.reports.page_sizes import REVIEW_MARGIN
from recoverydesk.reports.statement import statement_of_hours

if TYPE_CHECKING:
    from recoverydesk.services.claims.invoice_types import InvoiceDocument

MARGIN = REVIEW_MARGIN
TITLE = "Tax invoice"


def money(cents: int) -> str:
    """12345 -> "$123.45"; 1234567 -> "$12,345.67"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}${whole:,}.{part:02d}"


def centi(value: int) -> str:
    """150 -> "1.50" (hundredths of an hour or a kilometre)."""
    whole, part = divmod(value, 100)
    return f"{whole}.{part:02d}"


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(style.name + "_right", parent=style, alignment=TA_RIGHT)


def _lines_of(*bits: str) -> str:
    return "<br/>".join(esc(b) for b in bits if b and b.strip())


def _head(doc: InvoiceDocument, s: st.Styles, width: float) -> Table:
    """The practice on the left; the title, number and date on the right."""
    d, inv = doc.details, doc.invoice
    practice = [
        Paragraph(esc(d.business_name), s.h2),
        para(f"ABN {_abn(d.abn)}", s.cell_bold),
    ]
    if d.registration_number:
        practice.append(para(f"NDIS provider registration number {d.registration_number}",
                             s.cell))
    contact = _lines_of(doc.coach_name and f"Recovery coach: {doc.coach_name}",
                        doc.phone and f"Phone {doc.phone}", doc.email)
    if contact:
        practice.append(Paragraph(contact, s.cell))
    right = _right(s.cell)
    title = ParagraphStyle("inv_title", parent=s.title, alignment=TA_RIGHT)
    facts = [
        Paragraph(TITLE, title),
        Paragraph(f"<b>Invoice number</b> {esc(inv.number)}", right),
        Paragraph(f"<b>Date</b> {esc(long_date(inv.issued_on))}", right),
        Paragraph(f"<b>Supports delivered</b><br/>{esc(short_date(inv.period_from))} to "
                  f"{esc(short_date(inv.period_to))}", right),
    ]
    table = Table([[practice, facts]], colWidths=[width * 0.55, width * 0.45])
    table.setStyle(TableStyle(BASE_TABLE + [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, st.ACCENT),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 8),
    ]))
    return table


def _abn(abn: str) -> str:
    digits = abn.replace(" ", "")
    if len(digits) != 11:
        return abn
    return f"{digits[:2]} {digits[2:5]} {digits[5:8]} {digits[8:]}"


def _parties(doc: InvoiceDocument, s: st.Styles, width: float) -> Table:
    inv = doc.invoice
    if inv.addressed_to == "plan":
        to_head = "Bill to (plan manager)"
        to = _lines_of(inv.recipient_name, inv.recipient_address, inv.recipient_email,
                       inv.recipient_phone and f"Phone {inv.recipient_phone}")
    else:
        to_head = "Bill to (self-managed participant)"
        to = _lines_of(inv.recipient_name)
    who = _lines_of(inv.participant_name, f"NDIS number {inv.ndis_number}")
    head = ParagraphStyle("party_head", parent=s.cell_head, textColor=st.ACCENT_DARK)
    table = Table(
        [[Paragraph(to_head, head), Paragraph("NDIS participant", head)],
         [Paragraph(to, s.cell), Paragraph(who, s.cell)]],
        colWidths=[width * 0.55, width * 0.45])
    table.setStyle(TableStyle(BASE_TABLE + [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _quantity(line) -> str:
    if line.hourly:
        return f"{centi(line.quantity_centi)} h"
    return f"{centi(line.quantity_centi)} km" if line.unit == "E" else centi(line.quantity_centi)


def _small(text: str, s: st.Styles) -> str:
    return f"<font size='{s.cell.fontSize * 0.85:.1f}' color='#{st.MUTED.hexval()[2:]}'>" \
           f"{esc(text)}</font>" if text else ""


def _item(line, s: st.Styles) -> Paragraph:
    name = f"<br/>{_small(line.item_name, s)}" if line.item_name else ""
    return Paragraph(f"{esc(line.support_number)}{name}", s.cell)


def _claim_type(line, s: st.Styles) -> Paragraph:
    """The claim type, and for a cancellation its code and reason (smaller, beneath)."""
    label = line.claim_type_label.split(" (")[0]
    if line.cancellation_reason:
        reason = line.claim_type_label.partition(" (")[2].rstrip(")")
        return Paragraph(f"{esc(label)}<br/>{_small(reason, s)}", s.cell)
    return Paragraph(esc(label), s.cell)


def _lines_table(doc: InvoiceDocument, s: st.Styles, width: float) -> Table:
    head = s.cell_head
    right_head = _right(head)
    right = _right(s.cell)
    rows: list[list] = [[
        Paragraph("Date", head), Paragraph("Support item", head), Paragraph("Claim type", head),
        Paragraph("Quantity × unit price", right_head), Paragraph("Amount", right_head),
    ]]
    for line in doc.invoice.lines:
        rows.append([
            para(short_date(line.support_date), s.cell),
            _item(line, s),
            _claim_type(line, s),
            Paragraph(f"{_quantity(line)} × {money(line.unit_price_cents)}", right),
            Paragraph(money(line.amount_cents), right),
        ])
    widths = [0.14, 0.37, 0.18, 0.19, 0.12]
    return grid(rows, [width * w for w in widths], pad=3)


def _totals(doc: InvoiceDocument, s: st.Styles, width: float) -> Table:
    inv = doc.invoice
    right = _right(s.cell)
    bold = _right(s.cell_bold)
    total = ParagraphStyle("inv_total", parent=bold, fontSize=s.body_size * 1.2,
                           leading=s.body_size * 1.6)
    rows = [
        [Paragraph("Subtotal", right), Paragraph(money(inv.total_cents), right)],
        [Paragraph(esc(doc.gst_text), right),
         Paragraph(money(inv.gst_cents), right)],
        [Paragraph("Total due", total), Paragraph(money(inv.total_cents), total)],
    ]
    table = Table(rows, colWidths=[width * 0.8, width * 0.2], hAlign="RIGHT")
    table.setStyle(TableStyle(BASE_TABLE + [
        ("LINEABOVE", (0, 2), (-1, 2), 1, st.INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def _payment(doc: InvoiceDocument, s: st.Styles) -> list:
    inv = doc.invoice
    out: list = [Paragraph("Payment", s.h3)]
    if doc.payment.strip():
        out.append(Paragraph(_lines_of(*doc.payment.splitlines()), s.cell))
    out.append(para(f"Please quote {inv.number} with your payment. Supports for "
                    f"{inv.participant_name} only; one participant per invoice.", s.cell))
    return out


def _void_mark(doc: InvoiceDocument):
    def draw(canvas, _doc) -> None:
        if not doc.invoice.voided:
            return
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setFillColor(st.ATTENTION)
        canvas.setFont(BOLD, 90)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(40)
        canvas.setFillAlpha(0.18)
        canvas.drawCentredString(0, -30, "VOID")
        canvas.restoreState()

    return draw


def invoice_story(doc: InvoiceDocument, s: st.Styles, width: float) -> list:
    inv = doc.invoice
    story: list = [_head(doc, s, width), Spacer(1, 5 * mm), _parties(doc, s, width),
                   Spacer(1, 5 * mm)]
    if inv.voided:
        story.append(para(f"This invoice was voided: {inv.void_reason}. Do not pay it.",
                          ParagraphStyle("void", parent=s.cell_bold, textColor=st.ATTENTION)))
        story.append(Spacer(1, 3 * mm))
    story += [
        _lines_table(doc, s, width),
        Spacer(1, 3 * mm),
        KeepTogether([_totals(doc, s, width), Spacer(1, 4 * mm), *_payment(doc, s)]),
    ]
    return story


def build_invoice(doc: InvoiceDocument, out: io.BytesIO | None = None) -> bytes:
    """The invoice, then the participant's statement of hours on a new page; the PDF's bytes."""
    s = st.review_styles()
    buffer = out or io.BytesIO()
    width, height = A4
    frame = Frame(MARGIN, 20 * mm, width - 2 * MARGIN, height - 20 * mm - 16 * mm, id="body")
    inv = doc.invoice
    pdf = BaseDocTemplate(
        buffer, pagesize=A4, title=f"{TITLE} {inv.number}: {inv.participant_name}",
        author=doc.details.business_name, subject=f"{TITLE} {inv.number}",
        creator="RecoveryDesk")
    pdf.addPageTemplates([PageTemplate("body", [frame], onPage=_void_mark(doc))])
    w = width - 2 * MARGIN - 12  # the frame's own padding, 6 pt each side
    story = invoice_story(doc, s, w)
    story += [PageBreak(), *statement_of_hours(doc, w)]
    footer = FooterInfo(f"{doc.details.business_name} · {TITLE} {inv.number} · "
                        f"{inv.participant_name}", s.footer_size)
    pdf.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()
