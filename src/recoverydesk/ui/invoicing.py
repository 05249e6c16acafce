"""Participant > Invoice… (and the Claims view's Invoice… button): a plan-managed or
self-managed participant's ready claim lines for a period, invoiced to their plan manager (or
to them) with the practice's next number, then shown in the PDF preview the plan pack uses, to
save or print. Drawing the lines, numbering the invoice, building the PDF and rasterising its
pages all run off the GUI thread (``Op``), with a progress bar that counts the pages.

The window part is ``window.parts.invoicing``; the Claims view calls
``window.parts.invoicing.invoice(participant_id, start, end)``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.dates import long_date
from recoverydesk.services.types import Changed, Progress, ValidationError
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.dialogs.pdf_preview import PdfPreviewDialog, render_pages
from recoverydesk.ui.print_job import counting_pages, print_pdf
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import label
from recoverydesk.ui.widgets.date_field import OptionalDateEdit

if TYPE_CHECKING:
    from recoverydesk.services.claims.invoice_types import Invoice
    from recoverydesk.services.claims.types import FundingSetup
    from recoverydesk.services.container import Services
    from recoverydesk.ui.main_window import MainWindow

PDF_FILTER = "PDF document (*.pdf)"
PREVIEW_DPI = 80


def last_month(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The calendar month before ``today``'s: the period most invoices are for."""
    first = (today or dt.date.today()).replace(day=1)
    end = first - dt.timedelta(days=1)
    return end.replace(day=1), end


class InvoiceDialog(FormDialog):
    """Choose the period; Issue invoice draws the lines from the sessions and numbers the
    invoice (``saved`` is the Invoice). Refusals come back in plain words."""

    def __init__(self, services: Services, participant_id: int, name: str,
                 funding: FundingSetup | None, start: dt.date, end: dt.date,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.participant_id = services, participant_id
        self.setWindowTitle(self.tr("Invoice %1").replace("%1", name))
        self.setMinimumWidth(480)
        if funding is not None and funding.management == "plan":
            to = self.tr("An invoice to %1, %2's plan manager,") \
                .replace("%1", funding.manager_name)
        elif funding is not None and funding.management == "self":
            to = self.tr("An invoice to %2 (self-managed)")
        else:
            to = self.tr("An invoice")
        intro = (to + self.tr(" for %2's supports ready to invoice in the period, numbered "
                              "from your sequence. A preview follows, to save or print.")
                 ).replace("%2", name)
        self.start = OptionalDateEdit()
        self.start.set_value(start)
        self.end = OptionalDateEdit()
        self.end.set_value(end)
        form = QFormLayout()
        add_row(self, form, "start", self.start, self.tr("From"), "F")
        add_row(self, form, "period", self.end, self.tr("To"), "T")
        for key, edit in (("start", self.start), ("period", self.end)):
            self.recheck_on(key, edit.textChanged)
        # What stops the invoice that is not a field here (the practice's ABN, the plan).
        self.trouble = label("", "error")
        self.trouble.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(label(intro, "muted"))
        layout.addLayout(form)
        layout.addWidget(self.trouble)
        layout.addWidget(self.save_cancel_buttons(self.tr("&Issue invoice")))
        self.start.setFocus()

    def problems(self) -> dict[str, str]:
        start, end = self.start.value(), self.end.value()
        if start is None:
            return {"start": self.tr("When does the period start? (a date like 1/3/2026)")}
        if end is None:
            return {"period": self.tr("When does the period end?")}
        if end < start:
            return {"period": self.tr("The period ends before it starts.")}
        return {}

    def write(self):
        claims, invoices = self.services.claims, self.services.invoices
        pid, start, end = self.participant_id, self.start.value(), self.end.value()

        def issue() -> Changed[Invoice]:
            derived = claims.derive(start, end, pid)  # never typed twice: from the sessions
            issued = invoices.issue(pid, start, end)
            return Changed(issued.value, issued.changes | derived.changes)

        return issue

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, ValidationError):
            super()._failed(error)
            return
        beside = {k: v for k, v in error.errors.items() if k in ("start", "period")}
        rest = [v for k, v in error.errors.items() if k not in beside]
        self.show_errors(beside)
        self.trouble.setText(" ".join(rest))
        self.trouble.setVisible(bool(rest))


class InvoicingPart:
    """The window part (``ui/extensions.py``): Participant > Invoice… (Ctrl+Alt+I), greyed out
    until a participant is open. ``preview`` is the invoice's preview once shown."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.dialog: InvoiceDialog | None = None
        self.preview: PdfPreviewDialog | None = None
        action = window.commands.add(
            "invoice",
            window.tr("&Invoice…"),
            self.invoice_current,
            shortcut="Ctrl+Alt+I",
            icon_name="receipt-text-outline",
            tip=window.tr("Invoice a plan-managed or self-managed participant for a period"),
        )
        window.needs_participant(action)
        window.participant_menu.addAction(action)

    def invoice_current(self) -> None:
        pid = self.window.current_participant_id()
        if self.window.services is None or pid is None:
            return
        self.invoice(pid, *last_month())

    def invoice(self, participant_id: int, start: dt.date, end: dt.date,
                parent: QWidget | None = None) -> Invoice | None:
        """Ask to invoice the participant for the period (start and end filled in), then show
        the issued invoice's preview. Returns the invoice issued (None: not issued)."""
        services = self.window.services
        if services is None:
            return None
        parent = parent or self._front()
        name = services.participants.get(participant_id).display_name
        funding = services.claims.funding_setup(participant_id)
        if funding is not None and funding.management == "ndia":
            QMessageBox.information(parent, self.window.tr("Claimed through the portal"), (
                self.window.tr("%1's plan is NDIA-managed: their supports go in the bulk "
                               "claim file (View > Claims), never on an invoice.")
                .replace("%1", name)))
            return None
        dialog = InvoiceDialog(services, participant_id, name, funding, start, end, parent)
        self.dialog = dialog
        dialog.exec()
        self.dialog = None
        if dialog.saved is None:
            return None
        self.show_preview(dialog.saved, parent)
        return dialog.saved

    def _front(self) -> QWidget:
        """The Claims view when the coach invoices from it (a window of its own), else the
        main window."""
        view = self.window.parts.claims.view
        if view is not None and view.isVisible() and view.isActiveWindow():
            return view
        return self.window

    def show_preview(self, invoice: Invoice, parent: QWidget | None = None,
                     issued: bool = True) -> None:
        """The invoice's PDF in the preview, to save or print (``issued``: just now, which
        the status bar says; False for one issued before, opened again)."""
        invoices, tr = self.window.services.invoices, self.window.tr
        page_text = tr("Preparing page %1…")

        def build(progress: Progress):
            pdf = invoices.invoice_pdf(invoice.id)
            return pdf, render_pages(pdf, PREVIEW_DPI, counting_pages(progress, page_text))

        def show(payload) -> None:
            pdf, images = payload
            title = tr("Invoice %1 for %2: preview").replace("%1", invoice.number) \
                .replace("%2", invoice.participant_name)
            dialog = PdfPreviewDialog(title, images, parent or self.window,
                                      save_text=tr("&Save invoice PDF…"))
            if issued:
                self.window.statusBar().showMessage(
                    tr("Issued %1 to %2 for %3 (%4 to %5).").replace("%1", invoice.number)
                    .replace("%2", invoice.recipient_name).replace("%3", invoice.total_text)
                    .replace("%4", long_date(invoice.period_from))
                    .replace("%5", long_date(invoice.period_to)), 15000)
            dialog.save_requested.connect(lambda: self._save(invoice, dialog))
            dialog.print_requested.connect(lambda: print_pdf(
                self.window, lambda: pdf, title, None, dialog, write=False))
            self.preview = dialog
            dialog.show()

        Op(self.window, build, write=False).success(show).with_progress(
            tr("Preparing the invoice…"), counted=True).run()

    def _save(self, invoice: Invoice, parent: QWidget) -> None:
        tr = self.window.tr
        suggested = Path.home() / f"{invoice.number} {invoice.participant_name}.pdf"
        path, _ = QFileDialog.getSaveFileName(parent, tr("Save the invoice as a PDF"),
                                              str(suggested), PDF_FILTER)
        if not path:
            return
        out = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        invoices = self.window.services.invoices

        def done(_pdf) -> None:
            self.window.statusBar().showMessage(tr("Saved %1.").replace("%1", str(out)), 8000)

        Op(parent, lambda: invoices.invoice_pdf(invoice.id, out), write=False).success(
            done).with_progress(tr("Saving the invoice…")).run()
