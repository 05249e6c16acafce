"""View > Claims in the main window: the part that opens the Claims view (``ui/claims/window``),
one per open practice, and hands its "Invoice…" requests to the window's invoicing part when
the window has one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from recoverydesk.ui.claims.window import ClaimsWindow

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow

SHORTCUT = "Ctrl+Shift+C"


class ClaimsPart:
    """The window part (``ui/extensions.py``): View > Claims (Ctrl+Shift+C), greyed out until a
    practice is open. ``view`` is the Claims window once opened."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.view: ClaimsWindow | None = None
        self._workspace = None  # the workspace whose Overview lines it opens from
        action = window.commands.add(
            "claims",
            window.tr("&Claims"),
            self.open_view,
            shortcut=SHORTCUT,
            icon_name="cash-check",
            tip=window.tr("Review NDIS claim lines, write the bulk claim file, mark it claimed"),
        )
        window.view_menu.addAction(action)
        window.needs_practice(action)
        window.practice_opened.connect(self._practice_opened)

    def _invoicing(self):
        """The window's invoicing part, if it has one (it builds the invoices)."""
        return getattr(self.window.parts, "invoicing", None)

    def open_view(self, participant_id: int | None = None) -> ClaimsWindow | None:
        """Open (or bring up) the Claims view; ``participant_id``: filtered to them."""
        window = self.window
        if window.services is None:
            return None
        view = self.view
        if view is None or view.services is not window.services:
            if view is not None:
                view.close()
            view = ClaimsWindow(window.services, window)
            view.setWindowFlag(Qt.WindowType.Window, True)
            view.invoice_requested.connect(self._invoice)
            view.invoices.pdf_requested.connect(self._open_pdf)
            self.view = view
        view.set_invoicing(self._invoicing() is not None)
        if participant_id is not None:
            view.filters.choose_participant(participant_id)
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _invoice(self, participant_id: int, start: dt.date, end: dt.date) -> None:
        invoicing = self._invoicing()  # ui/invoicing.py: invoice(pid, from, to, parent=)
        if invoicing is not None:
            invoicing.invoice(participant_id, start, end, parent=self.view)

    def _open_pdf(self, invoice_id: int) -> None:
        """An issued invoice printed again, in the preview issuing shows."""
        invoicing = self._invoicing()
        if invoicing is not None and self.window.services is not None:
            invoice = self.window.services.invoices.get(invoice_id)
            invoicing.show_preview(invoice, parent=self.view, issued=False)

    def _elsewhere(self, key: str) -> None:
        """An Overview line's Open link for "claims": the view, filtered to the participant."""
        pid = self.window.current_participant_id()
        if key != "claims" or pid is None:
            return
        view = self.open_view(pid)
        if view is not None:  # from their oldest support not yet claimed, to today
            old = [r.support_date for r in view.services.claims.nearing_deadline(view.today())
                   if r.participant_id == pid]
            if old:
                view.filters.choose(min(old), view.today())

    def _practice_opened(self) -> None:
        workspace = self.window.workspace
        if workspace is not None and workspace is not self._workspace:
            self._workspace = workspace
            workspace.elsewhere_requested.connect(self._elsewhere)
        if self.view is not None and self.view.services is not self.window.services:
            self.view.close()
            self.view = None
