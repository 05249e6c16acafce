"""The invoice dialog (Participant > Invoice…, and the Claims view's Invoice… button through
``window.parts.invoicing.invoice``), opened as the coach opens it: Ana is plan-managed, with a
session ready to invoice in the practice's week. Joined to the window's cases in
dialog_cases_window.py."""

from __future__ import annotations

from claims_ui_world import claims_practice
from dialog_cases import Case


def _invoice(w):
    practice = claims_practice(w.services)
    part = w.window.parts.invoicing
    return lambda: part.invoice(practice.ana, practice.start, practice.end)


INVOICES: dict[str, Case] = {
    "InvoiceDialog": Case(
        _invoice, None, saved=lambda w: [i.number for i in w.services.invoices.invoices()] == [
            "INV-0001"]),
}
