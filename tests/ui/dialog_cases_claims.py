"""The Claims view's dialogs (View > Claims), opened as the coach opens them: Edit line… and
Reject… on a line the view shows, Void… on an invoice of its Invoices tab. Joined to the window's cases in dialog_cases_window.py."""

from __future__ import annotations

from claims_ui_world import claims_practice, open_claims
from dialog_cases import Case, typed


def _view(w):
    practice = claims_practice(w.services)
    view = open_claims(w.window, practice)
    view.derive()
    w.ids["practice"] = practice
    return view


def _select_mele(w, view) -> None:
    row = next(i for i, r in enumerate(view.model.rows()) if r.management == "ndia")
    view.view.selectRow(row)
    w.ids["line"] = view.selected().id


def _edit(w):
    view = _view(w)
    _select_mele(w, view)
    return view.edit_line


def _reject(w):
    view = _view(w)
    practice = w.ids["practice"]
    claims = w.services.claims
    written = claims.write_bulk_file(practice.start, practice.end,
                                     w.tmp_path / "claims.csv").value
    claims.mark_batch_claimed(written.batch_id)
    view.reload()
    _select_mele(w, view)
    return view.reject_line


def _void(w):
    view = _view(w)
    practice = w.ids["practice"]
    w.services.claims.derive(practice.start, practice.end, practice.ana)
    invoice = w.services.invoices.issue(practice.ana, practice.start, practice.end).value
    w.ids["invoice"] = invoice.id
    view.reload()
    view.tabs.setCurrentWidget(view.invoices)
    return view.invoices.void


def _line(w):
    return w.services.claims.line(w.ids["line"])


CLAIMS: dict[str, Case] = {
    "EditLineDialog": Case(
        _edit, typed("reason", "Ended early: she felt unwell"),
        saved=lambda w: _line(w).edit_reason == "Ended early: she felt unwell"),
    "RejectLineDialog": Case(
        _reject, typed("reason", "Participant details do not match"),
        saved=lambda w: _line(w).status == "rejected"),
    "VoidInvoiceDialog": Case(
        _void, typed("reason", "Sent with the wrong period"),
        saved=lambda w: w.services.invoices.get(w.ids["invoice"]).voided),
}
