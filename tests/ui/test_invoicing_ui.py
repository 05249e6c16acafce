"""Participant > Invoice… live, through the window's event loop against a real practice file:
the command (greyed without a participant, last month filled in), the Claims view's way in
(``parts.invoicing.invoice``), the issued invoice's preview (pages, notes) saved as a PDF,
refusals in plain words in the dialog, and an NDIA-managed participant turned away."""

from __future__ import annotations

import datetime as dt

from claims_ui_world import claims_practice
from live_dialogs import ACCEPTED, REJECTED, click_save, drive
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from recoverydesk.ui.invoicing import InvoiceDialog, last_month


def _errors(dialog) -> list[str]:
    return [lbl.text() for lbl in dialog.findChildren(QLabel)
            if lbl.property("role") == "error" and lbl.isVisibleTo(dialog) and lbl.text()]


def test_last_month_is_the_calendar_month_before():
    assert last_month(dt.date(2026, 3, 15)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert last_month(dt.date(2026, 1, 1)) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))


def test_the_command_is_greyed_until_a_participant_is_open(main_window, services, qtbot):
    practice = claims_practice(services)
    action = main_window.commands["invoice"]
    assert action in main_window.participant_menu.actions()
    assert not action.isEnabled()
    main_window.open_participant(practice.ana)
    assert action.isEnabled()
    seen = {}

    def look(dialog):
        seen["dates"] = (dialog.start.value(), dialog.end.value())
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    run = drive(qtbot, InvoiceDialog, action.trigger, look)
    assert run.problems == [] and run.codes == [REJECTED]
    assert seen["dates"] == last_month()
    assert seen["title"] == "Invoice Ana Bilby"
    assert services.invoices.invoices() == []


def test_invoicing_shows_the_preview_and_saves_the_pdf(main_window, services, qtbot,
                                                       monkeypatch, tmp_path):
    practice = claims_practice(services)
    part = main_window.parts.invoicing
    run = drive(qtbot, InvoiceDialog,
                lambda: part.invoice(practice.ana, practice.start, practice.end), click_save)
    assert run.problems == [] and run.codes == [ACCEPTED]
    (invoice,) = services.invoices.invoices(practice.ana)
    assert invoice.number == "INV-0001" and invoice.recipient_name == "Banksia Plan Managers"
    preview = part.preview
    qtbot.waitUntil(lambda: preview.isVisible())
    assert "INV-0001" in preview.windowTitle() and "Ana Bilby" in preview.windowTitle()
    assert "2" in preview.count_label.text()  # the invoice, then the statement of hours
    assert main_window.statusBar().currentMessage().startswith(
        "Issued INV-0001 to Banksia Plan Managers for $")
    out = tmp_path / "invoice.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    preview.save_button.click()
    qtbot.waitUntil(out.exists)
    assert out.read_bytes().startswith(b"%PDF")
    preview.close()


def test_a_refusal_is_said_in_the_dialog(main_window, services, qtbot):
    practice = claims_practice(services)
    part = main_window.parts.invoicing
    said = []

    def save_then_look(dialog):
        click_save(dialog)
        said.extend(_errors(dialog))
        dialog.reject()

    year_ago = practice.start - dt.timedelta(days=365)
    run = drive(qtbot, InvoiceDialog,
                lambda: part.invoice(practice.ana, year_ago, year_ago + dt.timedelta(days=6)),
                save_then_look)
    assert run.problems == []
    assert any("no lines ready to invoice" in s for s in said), said
    assert services.invoices.invoices() == []


def test_an_ndia_managed_participant_is_turned_away(main_window, services, monkeypatch):
    practice = claims_practice(services)
    told = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda parent, title, text, *a: told.append(text)))
    assert main_window.parts.invoicing.invoice(practice.mele, practice.start,
                                               practice.end) is None
    assert told and "NDIA-managed" in told[0]
