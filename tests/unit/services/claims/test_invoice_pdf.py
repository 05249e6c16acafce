"""The invoice PDF as a plan manager reads it (its text extracted with pypdf): the title, the
practice's business name, ABN and registration number, the plan manager it is addressed to, the
participant's name and NDIS number, the number and date, every line (item, date, hours x price,
claim type with the cancellation reason, amount), the total and the GST; then the statement of
hours in plain words on a page of its own; VOID across a voided invoice."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from claims_world import World, local
from pypdf import PdfReader

from recoverydesk.services.claims.invoicing import InvoicingService
from recoverydesk.services.claims.types import FundingSetup

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def pages_text(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def invoiced(store):
    world = World(store)
    invoices = InvoicingService(store)
    pid = world.person("Ana", ndis="430000002", management="plan")
    world.claims.save_funding_setup(pid, FundingSetup(
        management="plan", manager_name="Banksia Plan Managers",
        manager_email="accounts@banksia.example", manager_address="PO Box 12, Geelong VIC"))
    world.session(pid, local(2026, 3, 2, 10), 90, travel_minutes=40, travel_km=12.5)
    world.session(pid, local(2026, 3, 12, 14), 60, status="no_show", reason="She was unwell")
    world.claims.derive(*MARCH)
    invoice = invoices.issue(pid, *MARCH, issued_on=dt.date(2026, 4, 1)).value
    invoices.save_payment_details("BSB 063-000\nAccount 1234 5678")
    return invoices, invoice


def test_the_invoice_page_carries_what_a_plan_manager_needs(invoiced):
    invoices, invoice = invoiced
    first, *rest = pages_text(invoices.invoice_pdf(invoice.id))
    for words in ("Tax invoice", "Tidewater Coaching", "ABN 83 123 456 790",
                  "registration number 4050099999", "Banksia Plan Managers",
                  "accounts@banksia.example", "Ana Quokkason", "NDIS number 430000002",
                  "INV-0001", "1 April 2026", "07_101_0106_6_3", "2 Mar 2026",
                  "1.50 h × $105.43", "$158.15", "Provider travel", "07_799_0106_6_3",
                  "12.50 km", "Short-notice cancellation NSDH: No show due to health",
                  "GST: nil, GST-free supply", "BSB 063-000", "Please quote INV-0001"):
        assert words in first, words
    assert f"Total due {invoice.total_text}" in first
    assert "statement of hours" not in first.lower()
    assert rest and "Your statement of hours" in rest[0]


def test_the_statement_of_hours_is_in_plain_words(invoiced):
    invoices, invoice = invoiced
    statement = " ".join(pages_text(invoices.invoice_pdf(invoice.id))[1:])
    for words in ("For Ana Quokkason, from 1 March 2026 to 31 March 2026",
                  "what we did together", "Monday 2 March 2026, 10:00 am",
                  "Recovery coaching together", "1 hour 30 minutes", "Travel time to meet you",
                  "Kilometres driven to meet you (12.5 km)",
                  "cancelled at short notice, because you were unwell", "INV-0001",
                  "Banksia Plan Managers", invoice.total_text):
        assert words in statement, words


def test_a_voided_invoice_says_so(invoiced, tmp_path):
    invoices, invoice = invoiced
    invoices.void(invoice.id, "Wrong plan manager")
    out = tmp_path / "void.pdf"
    invoices.invoice_pdf(invoice.id, out)
    first = pages_text(out.read_bytes())[0]
    assert "voided: Wrong plan manager. Do not pay it." in first
