"""Refer a participant to a resource, and move a referral on (its history is kept)."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.resources.types import (
    REFERRAL_LABELS,
    STATUS_LABELS,
    ReferralDTO,
    ResourceDTO,
    referral_problems,
    status_change_problems,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.widgets.common import format_date, set_date_format
from recoverydesk.ui.widgets.two_line import SubtitleRole, TwoLineDelegate

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    set_date_format(edit)
    edit.setMaximumDate(QDate.currentDate())
    return edit


def _value(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def _with_error(widget: QWidget, error: QLabel) -> QWidget:
    """``widget`` with the line that shows its problem under it."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(error)
    return holder


def goal_choices(
    services: Services, participant_id: int, current_only: bool = False
) -> list[tuple[int, str]]:
    """The participant's goals (only active or paused ones with ``current_only``)."""
    return services.goals.titles(participant_id, ("active", "paused") if current_only else None)


class ReferralDialog(FormDialog):
    """A new referral: pick a resource (search the directory), a date, what it is for."""

    def __init__(
        self,
        services: Services,
        participant_id: int,
        resource_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.setWindowTitle(self.tr("Refer to a resource"))
        self.setMinimumWidth(560)
        fit_size(self, QSize(560, 560))  # shorter on a short screen (200%): never off it
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the directory: housing, choir, free…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search resources"))
        self.resources = QListWidget()
        self.resources.setItemDelegate(TwoLineDelegate(self.resources))
        self.resources.setAccessibleName(self.tr("Resources"))
        self.empty = QLabel(
            self.tr("Nothing matches. Add the service in View › Resource directory first.")
        )
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.referred_on = _date_edit(dt.date.today())
        self.status = QComboBox()
        for key in ("suggested", "contacted", "attending"):
            self.status.addItem(self.tr(STATUS_LABELS[key]), key)
        self.purpose = QPlainTextEdit()
        self.purpose.setFixedHeight(64)
        self.purpose.setTabChangesFocus(True)
        self.purpose.setPlaceholderText(self.tr("What they hope to get from it"))
        self.goal = QComboBox()
        self.goal.addItem(self.tr("No particular goal"), None)
        for gid, title in goal_choices(services, participant_id, current_only=True):
            self.goal.addItem(title, gid)
        self.goal.setEnabled(self.goal.count() > 1)
        resource_error = self.add_field("resource", self.resources)
        form = QFormLayout()
        for key, widget in (
            ("referred_on", self.referred_on),
            ("status", self.status),
            ("purpose", self.purpose),
            ("goal_id", self.goal),
        ):
            widget.setAccessibleName(self.tr(REFERRAL_LABELS[key]))
            form.addRow(self.tr(REFERRAL_LABELS[key]),
                        _with_error(widget, self.add_field(key, widget)))
        buttons = self.save_cancel_buttons(self.tr("Refer"))
        buttons.button(buttons.StandardButton.Save).setProperty("primary", True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.resources, 1)
        layout.addWidget(self.empty)
        layout.addWidget(resource_error)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._all = services.resources.list()
        self.recheck_on("resource", self.resources.currentRowChanged)
        self.recheck_on("referred_on", self.referred_on.dateChanged)
        self.search.textChanged.connect(self._filter)
        self._filter()
        if resource_id is not None:
            self.select_resource(resource_id)
        self.search.setFocus()

    def _filter(self) -> None:
        words = self.search.text().casefold().split()
        self.resources.clear()
        for r in self._all:
            haystack = " ".join((r.name, r.category_label, r.offers, r.tags)).casefold()
            if all(w in haystack for w in words):
                item = QListWidgetItem(r.name)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setData(
                    SubtitleRole,
                    f"{self.tr(r.category_label)} · " + " ".join(r.offers.split())[:90],
                )
                self.resources.addItem(item)
        self.empty.setVisible(self.resources.count() == 0)
        if self.resources.count():
            self.resources.setCurrentRow(0)

    def select_resource(self, resource_id: int) -> bool:
        for i in range(self.resources.count()):
            if self.resources.item(i).data(Qt.ItemDataRole.UserRole) == resource_id:
                self.resources.setCurrentRow(i)
                return True
        return False

    def selected_resource(self) -> ResourceDTO | None:
        item = self.resources.currentItem()
        if item is None:
            return None
        rid = item.data(Qt.ItemDataRole.UserRole)
        return next((r for r in self._all if r.id == rid), None)

    def problems(self) -> dict[str, str]:
        errors = referral_problems(_value(self.referred_on), self.purpose.toPlainText(),
                                   self.status.currentData())
        if self.selected_resource() is None:
            errors = {"resource": "Please choose a resource from the list.", **errors}
        return errors

    def write(self):
        svc, pid, rid = self.services.referrals, self.participant_id, self.selected_resource().id
        day, status = _value(self.referred_on), self.status.currentData()
        purpose, goal = self.purpose.toPlainText(), self.goal.currentData()
        return lambda: svc.refer(pid, rid, day, purpose, goal, status)


class ReferralStatusDialog(FormDialog):
    """Move a referral on (contacted, attending, declined, closed) and note the outcome. Each
    change is added to its history; earlier steps are never rewritten."""

    def __init__(self, services: Services, referral: ReferralDTO, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.referral = referral
        self.setWindowTitle(self.tr("Update referral: %1").replace("%1", referral.resource_name))
        self.setMinimumWidth(520)
        history = QLabel()
        history.setWordWrap(True)
        history.setTextFormat(Qt.TextFormat.RichText)
        steps = "".join(
            f"<li>{html.escape(format_date(h.changed_on))}: <b>{html.escape(self.tr(h.status_label))}"
            f"</b>{html.escape(' — ' + h.note) if h.note else ''}</li>"
            for h in referral.history
        )
        history.setText(f"<b>{html.escape(self.tr('So far'))}</b><ul style='margin:0'>{steps}</ul>")
        history.setAccessibleName(self.tr("History of this referral"))
        self.status = QComboBox()
        for key, text in STATUS_LABELS.items():
            self.status.addItem(self.tr(text), key)
        following = {"suggested": "contacted", "contacted": "attending", "attending": "closed"}.get(
            referral.status, referral.status
        )
        self.status.setCurrentIndex(self.status.findData(following))
        self.on = _date_edit(dt.date.today())
        self.on.setMinimumDate(
            QDate(referral.referred_on.year, referral.referred_on.month, referral.referred_on.day)
        )
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What happened, in a few words (optional)"))
        self.outcome = QPlainTextEdit(referral.outcome)
        self.outcome.setFixedHeight(64)
        self.outcome.setTabChangesFocus(True)
        self.outcome.setPlaceholderText(self.tr("How it turned out for them"))
        form = QFormLayout()
        for key, widget, text in (
            ("status", self.status, "New status"),
            ("on", self.on, REFERRAL_LABELS["on"]),
            ("note", self.note, REFERRAL_LABELS["note"]),
            ("outcome", self.outcome, REFERRAL_LABELS["outcome"]),
        ):
            widget.setAccessibleName(self.tr(text))
            form.addRow(self.tr(text), _with_error(widget, self.add_field(key, widget)))
        layout = QVBoxLayout(self)
        layout.addWidget(history)
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons())
        self.status.setFocus()

    def problems(self) -> dict[str, str]:
        return status_change_problems(self.status.currentData(), _value(self.on),
                                      self.referral.referred_on)

    def write(self):
        svc, rid = self.services.referrals, self.referral.id
        status, day = self.status.currentData(), _value(self.on)
        note, outcome = self.note.text(), self.outcome.toPlainText()
        return lambda: svc.set_status(rid, status, day, note, outcome)
