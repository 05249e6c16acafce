"""The Claims view and invoices, through the window's event loop against a real practice file:
a line on an invoice says which, and counts as invoiced; the Invoices tab lists every invoice,
opens an issued one's PDF again in the preview, and voids one with its reason (the number is
kept, the lines are free again); the Overview's deadline line opens the view for that
participant."""

from __future__ import annotations

import datetime as dt

import pytest
from claims_ui_world import claims_practice, open_claims
from live_dialogs import ACCEPTED, REJECTED, click_save, drive
from PySide6.QtWidgets import QLabel

from recoverydesk.services.claims.types import ClaimLineRow
from recoverydesk.ui.claims.invoices import VoidInvoiceDialog
from recoverydesk.ui.dialogs.claim_details import ClaimDetailsDialog
from recoverydesk.ui.qtmodels.claims import ClaimLineModel


@pytest.fixture
def world(main_window, services):
    practice = claims_practice(services)
    view = open_claims(main_window, practice)
    view.derive_button.click()
    return main_window, view, practice


def _issue(services, view, practice):
    invoice = services.invoices.issue(practice.ana, practice.start, practice.end).value
    view.reload()  # issued straight through the service: no bus
    return invoice


def _status_of(view, participant_id: int) -> list[str]:
    model = view.model
    return [model.data(model.index(i, ClaimLineModel.COL_STATUS))
            for i, r in enumerate(model.rows()) if r.participant_id == participant_id]


def test_an_invoiced_line_says_its_invoice_and_counts_as_invoiced(world, services):
    _, view, practice = world
    assert _status_of(view, practice.ana) == ["Ready"]
    assert "to invoice (plan- or self-managed" in view.totals.text()
    invoice = _issue(services, view, practice)
    assert invoice.number == "INV-0001"
    assert _status_of(view, practice.ana) == ["Invoiced INV-0001"]
    assert _status_of(view, practice.mele) == ["Ready", "Ready"]
    totals = view.totals.text()
    assert "invoiced: 1 line, $" in totals and "to invoice" not in totals
    row = next(i for i, r in enumerate(view.model.rows()) if r.participant_id == practice.ana)
    view.view.selectRow(row)
    assert not view.edit_button.isEnabled()  # void the invoice first
    view.set_invoicing(True)
    assert not view.invoice_button.isEnabled()  # on an invoice already
    assert "INV-0001" in view.edit_button.toolTip()
    assert "On invoice INV-0001" in view.detail.text()


def test_the_invoices_tab_lists_opens_the_pdf_and_voids_keeping_the_number(
        world, services, qtbot):
    window, view, practice = world
    panel = view.invoices
    assert view.tabs.tabText(view.tabs.indexOf(panel)) == "Invoi&ces"
    assert panel.table.rowCount() == 0
    invoice = _issue(services, view, practice)
    view.tabs.setCurrentWidget(panel)
    cells = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    assert cells[0] == "INV-0001" and cells[1] == "Ana Bilby"
    assert cells[3] == invoice.total_text and cells[5] == ""
    assert panel.open_button.isVisibleTo(panel) and panel.void_button.isEnabled()

    panel.open_button.click()  # the window's invoicing part shows its preview again
    part = window.parts.invoicing
    qtbot.waitUntil(lambda: part.preview is not None and part.preview.isVisible())
    assert "INV-0001" in part.preview.windowTitle()
    assert "2" in part.preview.count_label.text()  # the invoice, then the statement of hours
    assert not window.statusBar().currentMessage().startswith("Issued")
    part.preview.close()

    def cancel(dialog):
        assert "INV-0001" in dialog.windowTitle()
        assert "never used again" in " ".join(lbl.text() for lbl in dialog.findChildren(QLabel))
        dialog.reject()

    run = drive(qtbot, VoidInvoiceDialog, panel.void_button.click, cancel)
    assert run.problems == [] and run.codes == [REJECTED]
    assert not services.invoices.get(invoice.id).voided

    def void(dialog):
        click_save(dialog)  # no reason yet: refused, said beside the field
        assert dialog.isVisible()
        dialog.reason.setText("Sent with the wrong period")
        click_save(dialog)

    run = drive(qtbot, VoidInvoiceDialog, panel.void_button.click, void)
    assert run.problems == [] and run.codes == [ACCEPTED]
    voided = services.invoices.get(invoice.id)
    assert voided.voided and voided.void_reason == "Sent with the wrong period"
    assert panel.table.item(0, 0).text() == "INV-0001" and panel.table.item(0, 5).text()
    assert not panel.void_button.isEnabled()
    assert "voided: Sent with the wrong period" in panel.detail.text()
    assert _status_of(view, practice.ana) == ["Ready"]  # free to invoice again
    again = _issue(services, view, practice)
    assert again.number == "INV-0002"  # the voided number is never used again
    assert _status_of(view, practice.ana) == ["Invoiced INV-0002"]
    assert [panel.table.item(r, 0).text() for r in range(2)] == ["INV-0002", "INV-0001"]


def test_the_invoices_tab_follows_the_participant_filter(world, services):
    _, view, practice = world
    _issue(services, view, practice)
    f = view.filters
    f.participant.setCurrentIndex(f.participant.findData(practice.mele))
    assert view.invoices.table.rowCount() == 0 and not view.invoices.empty.isHidden()
    f.participant.setCurrentIndex(f.participant.findData(practice.ana))
    assert view.invoices.table.rowCount() == 1


def test_the_overviews_claims_line_opens_the_view_for_the_participant(
        main_window, services, monkeypatch):
    practice = claims_practice(services)
    old = practice.start - dt.timedelta(days=40)
    row = ClaimLineRow(99, practice.ana, "Ana Bilby", "430000002", "plan", None, "s9", old,
                       "07_101_0106_6_3", "", "", 100, 10543, "ready", "", "", None)
    monkeypatch.setattr(type(services.claims), "nearing_deadline", lambda self, today: [row])
    main_window.list_panel.reload()
    main_window.open_participant(practice.ana, "overview")
    page = main_window.workspace.page("overview")
    page.open_page.emit("claims", None)  # what the deadline line's Open link does
    view = main_window.parts.claims.view
    assert view is not None and view.isVisible()
    assert view.filters.participant_id() == practice.ana
    assert view.filters.dates() == (old, view.today())
    # The tab stays where it was: "claims" is no tab of the workspace.
    assert main_window.workspace.tabs.currentWidget() is page


def test_payment_details_are_entered_in_the_claim_details_dialog(main_window, services, qtbot):
    claims_practice(services)
    text = "Tidewater Coaching\nBSB 062-000  Account 1234 5678"

    def fill(dialog):
        assert dialog.payment.toPlainText() == ""
        dialog.payment.setPlainText(text + "\n")
        click_save(dialog)

    run = drive(qtbot, ClaimDetailsDialog,
                lambda: ClaimDetailsDialog(services, main_window).exec(), fill)
    assert run.problems == [] and run.codes == [ACCEPTED]
    assert services.invoices.payment_details() == text
    assert services.claims.details().business_name == "Tidewater Coaching"  # kept

    def look(dialog):
        assert dialog.payment.toPlainText() == text
        dialog.reject()

    drive(qtbot, ClaimDetailsDialog, lambda: ClaimDetailsDialog(services, main_window).exec(),
          look)
