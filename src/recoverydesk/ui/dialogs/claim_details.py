"""Practice details > NDIS claiming…: what claims and invoices print about the practice (NDIS
registration number, ABN with its check, business name, GST, default MMM zone, state, invoice
numbering, the claim file's date style, how to pay the practice as every invoice prints it),
and the price and public holiday lists in force, with
"Load price list…" and "Load public holidays…" for each July's files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.dates import short_date
from recoverydesk.services.claims.types import (
    DATE_STYLES,
    FIELD_LABELS,
    GST_CODES,
    STATES,
    ClaimDetails,
    clean_details,
)
from recoverydesk.services.types import Changed, problems_of
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

FILE_FILTER = "RecoveryDesk NDIS lists (*.json);;All files (*)"
INVOICE_FIELDS = ("invoice_prefix", "next_invoice_number", "date_style", "payment")


def combo(choices: dict[str, str], current: str) -> QComboBox:
    box = QComboBox()
    for key, text in choices.items():
        box.addItem(text, key)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def price_list_words(services: Services, today: dt.date | None = None) -> str:
    """Which price list is in force today, where it came from and the caution to check it."""
    today = today or dt.date.today()
    book = services.claims.price_book()
    in_force = book.list_on(today)
    if in_force is None:
        return ("No price list is loaded yet. The list shipped with RecoveryDesk is loaded with "
                "the first claim, or load this year's file now.")
    return (f"In force: {in_force.name}, from {short_date(in_force.effective_from)} "
            f"({len(in_force.items)} support items). Source: {in_force.source}. "
            + (in_force.caution or "Check every price against the current NDIS Pricing "
               "Arrangements before you rely on it."))


class ClaimDetailsDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("NDIS claiming"))
        self.setMinimumWidth(780)
        d = services.claims.details()
        self._kept = d  # what the form does not show (the time zone) is saved as it was
        self.registration_number = QLineEdit(d.registration_number)
        self.registration_number.setPlaceholderText(self.tr("digits, from the NDIS Commission"))
        self.abn = QLineEdit(d.abn)
        self.abn.setPlaceholderText(self.tr("11 digits"))
        self.business_name = QLineEdit(d.business_name)
        self.gst_code = combo({k: self.tr(v) for k, v in GST_CODES.items()}, d.gst_code)
        self.default_mmm_zone = QSpinBox()
        self.default_mmm_zone.setRange(1, 7)
        self.default_mmm_zone.setValue(d.default_mmm_zone)
        self.state = combo({"": self.tr("Not chosen")} | {s: s for s in STATES}, d.state)
        self.invoice_prefix = QLineEdit(d.invoice_prefix)
        self.next_invoice_number = QSpinBox()
        self.next_invoice_number.setRange(1, 9_999_999)
        self.next_invoice_number.setValue(d.next_invoice_number)
        self.date_style = combo({k: v.replace("2026", "yyyy").replace("03", "mm")
                                 .replace("31", "dd") for k, v in DATE_STYLES.items()},
                                d.date_style)
        self.payment = QPlainTextEdit(services.invoices.payment_details())
        self.payment.setPlaceholderText(self.tr(
            "Account name, BSB and account number, or how else to pay you"))
        self.payment.setTabChangesFocus(True)
        self.payment.setFixedHeight(self.payment.fontMetrics().lineSpacing() * 4 + 12)
        self.payment.setToolTip(self.tr("Printed on every invoice, under the total"))
        widgets = {
            "business_name": self.business_name, "abn": self.abn,
            "registration_number": self.registration_number, "gst_code": self.gst_code,
            "state": self.state, "default_mmm_zone": self.default_mmm_zone,
            "invoice_prefix": self.invoice_prefix,
            "next_invoice_number": self.next_invoice_number, "date_style": self.date_style,
            "payment": self.payment,
        }
        # Two columns, the practice's then its invoices', so it fits a 960x540 screen.
        practice_form, invoices_form = QFormLayout(), QFormLayout()
        for key, widget in widgets.items():
            text = self.tr(FIELD_LABELS[key])
            widget.setAccessibleName(text)
            error = self.add_field(key, widget)
            form = invoices_form if key in INVOICE_FIELDS else practice_form
            form.addRow(text, widget)
            form.addRow("", error)
            signal = getattr(widget, "textChanged", None) or getattr(
                widget, "currentIndexChanged", None) or widget.valueChanged
            self.recheck_on(key, signal)

        lists = QGroupBox(self.tr("Price list and public holidays"))
        lists_layout = QVBoxLayout(lists)
        self.price_list = label(price_list_words(services), "muted")
        lists_layout.addWidget(self.price_list)
        buttons = QHBoxLayout()
        self.load_prices_button = QPushButton(self.tr("Load price list…"))
        self.load_prices_button.setToolTip(self.tr("Each July: the new year's price list file"))
        self.load_prices_button.clicked.connect(self.load_price_list)
        self.load_holidays_button = QPushButton(self.tr("Load public holidays…"))
        self.load_holidays_button.clicked.connect(self.load_holidays)
        buttons.addWidget(self.load_prices_button)
        buttons.addWidget(self.load_holidays_button)
        buttons.addStretch(1)
        lists_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr(
            "What the bulk claim file and your invoices say about the practice. Figures of "
            "the NDIS price guide are never typed here: they come from the price list.")))
        columns = QHBoxLayout()
        columns.setSpacing(24)
        for form in (practice_form, invoices_form):
            column = QVBoxLayout()
            column.addLayout(form)
            column.addStretch(1)  # the rows at the top, not spread down the column
            columns.addLayout(column, 1)
        layout.addLayout(columns)
        layout.addWidget(lists)
        layout.addWidget(self.save_cancel_buttons())

    def details(self) -> ClaimDetails:
        return ClaimDetails(
            registration_number=self.registration_number.text(), abn=self.abn.text(),
            business_name=self.business_name.text(), gst_code=self.gst_code.currentData(),
            default_mmm_zone=self.default_mmm_zone.value(), state=self.state.currentData(),
            time_zone=self._kept.time_zone, invoice_prefix=self.invoice_prefix.text(),
            next_invoice_number=self.next_invoice_number.value(),
            date_style=self.date_style.currentData())

    def problems(self) -> dict[str, str]:
        return problems_of(clean_details, self.details())

    def write(self):
        details, claims = self.details(), self.services.claims
        invoices, payment = self.services.invoices, self.payment.toPlainText()

        def save() -> Changed:
            saved = claims.save_details(details)
            paid = invoices.save_payment_details(payment)
            return Changed(saved.value, saved.changes | paid.changes)

        return save

    # -- the lists ---------------------------------------------------------------------------
    def _choose(self, title: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(self, title, "", self.tr(FILE_FILTER))
        return Path(path) if path else None

    def load_price_list(self) -> None:
        path = self._choose(self.tr("Load an NDIS price list"))
        if path is not None:
            claims = self.services.claims
            Op(self, lambda: claims.load_price_list(path)).success(self._price_list_loaded).run()

    def load_holidays(self) -> None:
        path = self._choose(self.tr("Load public holidays"))
        if path is not None:
            claims = self.services.claims
            Op(self, lambda: claims.load_holidays(path)).success(self._holidays_loaded).run()

    def _price_list_loaded(self, added: bool) -> None:
        self.price_list.setText(price_list_words(self.services) + ("" if added else self.tr(
            " (That file's list was already loaded; nothing changed.)")))

    def _holidays_loaded(self, added: int) -> None:
        self.price_list.setText(price_list_words(self.services) + " " + (self.tr(
            "Public holidays loaded for {n} state list(s).").format(n=added) if added else self.tr(
            "Those public holidays were already loaded; nothing changed.")))
