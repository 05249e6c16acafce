"""Funding tab > New agreement…: a service agreement's new version (a first agreement, a renewal
or a change; the earlier ones are kept). Start and end, the agreed support items with their rates
(blank: the NDIS price limit on the day; above the limit is refused, saying the limit), whether
non-face-to-face work is agreed, the cancellation terms and fee, and the travel terms. It starts
from the newest version, so a renewal is a change of dates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.claims.types import (
    FIELD_LABELS,
    AgreedItem,
    AgreementDraft,
    check_agreement,
    format_centi,
    parse_centi,
)
from recoverydesk.services.types import problems_of
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import label, set_date_format
from recoverydesk.ui.widgets.scroll_body import scroll_body

if TYPE_CHECKING:
    from recoverydesk.services.claims.pricing import PriceBook
    from recoverydesk.services.container import Services


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    set_date_format(edit)
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


class _ItemRow:
    """One support item: ticked when agreed, with its rate (blank: the price limit)."""

    def __init__(self, number: str, name: str, agreed: AgreedItem | None):
        self.number = number
        short = name.rsplit(" - ", 1)[-1]  # "weekday daytime" of "Psychosocial ... - ..."
        self.check = QCheckBox(f"{short[:1].upper()}{short[1:]}  ({number})")
        self.check.setToolTip(name)
        self.check.setChecked(agreed is not None)
        self.rate = QLineEdit(format_centi(agreed.rate_cents) if agreed and agreed.rate_cents
                              else "")
        self.rate.setPlaceholderText("price limit")
        self.rate.setAccessibleName(f"Agreed rate for {name}")
        self.rate.setMaximumWidth(110)
        self.limit = QLabel()
        self.limit.setProperty("role", "muted")


class AgreementDialog(FormDialog):
    def __init__(self, services: Services, participant_id: int, parent: QWidget | None = None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.services, self.participant_id = services, participant_id
        self.setWindowTitle(self.tr("New service agreement"))
        self.setMinimumWidth(680)
        today = today or dt.date.today()
        self.book: PriceBook = services.claims.price_book()
        versions = services.claims.agreements(participant_id)
        last = versions[0] if versions else None
        start = last.ends_on + dt.timedelta(days=1) if last and last.ends_on and \
            last.ends_on >= today else today
        self.starts_on = date_edit(start)
        self.ends_on = date_edit(start.replace(year=start.year + 1) - dt.timedelta(days=1)
                                 if not (start.month == 2 and start.day == 29)
                                 else dt.date(start.year + 1, 2, 28))
        agreed = {i.support_number: i for i in last.items} if last else {}
        in_force = self.book.list_on(start) or self.book.list_on(today)
        prices = list(in_force.items) if in_force else []
        self.rows = [_ItemRow(p.support_number, p.name,
                              agreed.get(p.support_number) if last else (
                                  AgreedItem(p.support_number) if p.unit == "H" else None))
                     for p in prices]
        self.nf2f_agreed = QCheckBox(self.tr(FIELD_LABELS["nf2f_agreed"]))
        self.cancellation_percent = QSpinBox()
        self.cancellation_percent.setRange(0, 100)
        self.cancellation_percent.setSuffix("%")
        self.cancellation_terms = QLineEdit()
        self.cancellation_terms.setPlaceholderText(
            self.tr("for example: 2 clear business days' notice"))
        self.travel_time_agreed = QCheckBox(self.tr(FIELD_LABELS["travel_time_agreed"]))
        self.travel_km_agreed = QCheckBox(self.tr(FIELD_LABELS["travel_km_agreed"]))
        self.travel_cap_minutes = QSpinBox()
        self.travel_cap_minutes.setRange(0, 240)
        self.travel_cap_minutes.setSuffix(self.tr(" min"))
        self.travel_cap_minutes.setSpecialValueText(self.tr("Not agreed"))
        self.travel_terms = QLineEdit()
        if last is not None:
            self.nf2f_agreed.setChecked(last.nf2f_agreed)
            self.cancellation_percent.setValue(last.cancellation_percent)
            self.cancellation_terms.setText(last.cancellation_terms)
            self.travel_time_agreed.setChecked(last.travel_time_agreed)
            self.travel_km_agreed.setChecked(last.travel_km_agreed)
            self.travel_cap_minutes.setValue(last.travel_cap_minutes or 0)
            self.travel_terms.setText(last.travel_terms)
        self._build()
        self._show_limits()

    def _build(self) -> None:
        dates = QFormLayout()
        for key, widget in (("starts_on", self.starts_on), ("ends_on", self.ends_on)):
            widget.setAccessibleName(self.tr(FIELD_LABELS[key]))
            dates.addRow(self.tr(FIELD_LABELS[key]), widget)
            dates.addRow("", self.add_field(key, widget))
            self.recheck_on(key, widget.dateChanged)
        self.starts_on.dateChanged.connect(lambda *_: self._show_limits())
        items = QGroupBox(self.tr(FIELD_LABELS["items"]))
        grid = QGridLayout(items)
        grid.addWidget(label(self.tr("Leave a rate blank to charge the NDIS price limit on the "
                                     "day of each support."), "muted"), 0, 0, 1, 3)
        for n, row in enumerate(self.rows, start=1):
            grid.addWidget(row.check, n, 0)
            grid.addWidget(row.rate, n, 1)
            grid.addWidget(row.limit, n, 2)
            row.check.toggled.connect(lambda *_: self._touch("items"))
            row.rate.textChanged.connect(lambda *_: self._touch("items"))
        if not self.rows:
            grid.addWidget(label(self.tr("No price list is loaded: load one under Practice "
                                         "details > NDIS claiming."), "error"), 1, 0, 1, 3)
        grid.addWidget(self.add_field("items", items), len(self.rows) + 1, 0, 1, 3)
        terms = QFormLayout()
        terms.addRow("", self.nf2f_agreed)
        for key in ("cancellation_percent", "cancellation_terms"):
            widget = getattr(self, key)
            widget.setAccessibleName(self.tr(FIELD_LABELS[key]))
            terms.addRow(self.tr(FIELD_LABELS[key]), widget)
            terms.addRow("", self.add_field(key, widget))
        terms.addRow("", self.travel_time_agreed)
        terms.addRow("", self.travel_km_agreed)
        for key in ("travel_cap_minutes", "travel_terms"):
            widget = getattr(self, key)
            widget.setAccessibleName(self.tr(FIELD_LABELS[key]))
            terms.addRow(self.tr(FIELD_LABELS[key]), widget)
            terms.addRow("", self.add_field(key, widget))
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(dates)
        inner.addWidget(items)
        inner.addLayout(terms)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_body(body))
        layout.addWidget(self.save_cancel_buttons())

    def limits(self) -> dict[str, int]:
        """Each item's price limit on the start day (as the service checks it)."""
        start = date_of(self.starts_on)
        return {r.number: limit for r in self.rows
                if (limit := self.book.limit(r.number, start)) is not None}

    def _show_limits(self) -> None:
        limits = self.limits()
        for row in self.rows:
            limit = limits.get(row.number)
            row.limit.setText(self.tr("limit ${amount}").format(amount=format_centi(limit))
                              if limit is not None else self.tr("no limit on the start day"))

    def _rates(self) -> tuple[list[AgreedItem], list[str]]:
        items, unreadable = [], []
        for row in self.rows:
            if not row.check.isChecked():
                continue
            text = row.rate.text().strip()
            cents = parse_centi(text) if text else None
            if text and cents is None:
                unreadable.append(row.number)
            items.append(AgreedItem(row.number, cents))
        return items, unreadable

    def draft(self) -> AgreementDraft:
        items, _ = self._rates()
        return AgreementDraft(
            starts_on=date_of(self.starts_on), ends_on=date_of(self.ends_on), items=tuple(items),
            nf2f_agreed=self.nf2f_agreed.isChecked(),
            cancellation_percent=self.cancellation_percent.value(),
            cancellation_terms=self.cancellation_terms.text(),
            travel_time_agreed=self.travel_time_agreed.isChecked(),
            travel_km_agreed=self.travel_km_agreed.isChecked(),
            travel_cap_minutes=self.travel_cap_minutes.value() or None,
            travel_terms=self.travel_terms.text())

    def problems(self) -> dict[str, str]:
        _, unreadable = self._rates()
        found = problems_of(check_agreement, self.draft(), self.limits())
        if unreadable:
            found.setdefault("items", self.tr("A rate is an amount like 105.43 (for {items}).")
                             .format(items=", ".join(unreadable)))
        return found

    def write(self):
        draft, pid, claims = self.draft(), self.participant_id, self.services.claims
        return lambda: claims.add_agreement(pid, draft)
