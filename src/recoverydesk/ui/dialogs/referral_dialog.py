"""Refer a participant to a resource, and move a referral on (its history is kept)."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.container import Services
from recoverydesk.services.resources.service import STATUS_LABELS, ReferralDTO, ResourceDTO
from recoverydesk.services.types import ChangeSet, ValidationError
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import format_date, set_date_format
from recoverydesk.ui.widgets.two_line import SubtitleRole, TwoLineDelegate


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    set_date_format(edit)
    edit.setMaximumDate(QDate.currentDate())
    return edit


def _value(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def goal_choices(
    services: Services, participant_id: int, current_only: bool = False
) -> list[tuple[int, str]]:
    """The participant's goals (only active or paused ones with ``current_only``)."""
    return services.goals.titles(participant_id, ("active", "paused") if current_only else None)


class ReferralDialog(QDialog):
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
        self.saved: ReferralDTO | None = None
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
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        for widget, text in (
            (self.referred_on, "Date"),
            (self.status, "Status"),
            (self.purpose, "What for"),
            (self.goal, "For goal"),
        ):
            widget.setAccessibleName(self.tr(text))

        form = QFormLayout()
        form.addRow(self.tr("Date"), self.referred_on)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("What for"), self.purpose)
        form.addRow(self.tr("For goal"), self.goal)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Refer"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.resources, 1)
        layout.addWidget(self.empty)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._all = services.resources.list()
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

    def save(self) -> None:
        resource = self.selected_resource()
        if resource is None:
            self.error.setText(self.tr("Please choose a resource from the list."))
            self.error.show()
            return
        pid, rid = self.participant_id, resource.id
        day, status = _value(self.referred_on), self.status.currentData()
        purpose, goal = self.purpose.toPlainText(), self.goal.currentData()
        Op(self, lambda: self.services.resources.refer(pid, rid, day, purpose, goal, status)).emits(
            ChangeSet.of("referral", participant_id=pid)
        ).success(self._saved).failure(self._failed).run()

    def _saved(self, referral: ReferralDTO) -> None:
        self.saved = referral
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.error.setText(str(error))
            self.error.show()
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)


class ReferralStatusDialog(QDialog):
    """Move a referral on (contacted, attending, declined, closed) and note the outcome. Each
    change is added to its history; earlier steps are never rewritten."""

    def __init__(self, services: Services, referral: ReferralDTO, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.referral = referral
        self.saved: ReferralDTO | None = None
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
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        for widget, text in (
            (self.status, "New status"),
            (self.on, "Date"),
            (self.note, "Note"),
            (self.outcome, "Outcome"),
        ):
            widget.setAccessibleName(self.tr(text))
        form = QFormLayout()
        form.addRow(self.tr("New status"), self.status)
        form.addRow(self.tr("Date"), self.on)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Outcome"), self.outcome)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(history)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.status.setFocus()

    def save(self) -> None:
        rid = self.referral.id
        status, day = self.status.currentData(), _value(self.on)
        note, outcome = self.note.text(), self.outcome.toPlainText()
        Op(self, lambda: self.services.resources.set_status(rid, status, day, note, outcome)).emits(
            ChangeSet.of("referral", participant_id=self.referral.participant_id)
        ).success(self._saved).failure(self._failed).run()

    def _saved(self, referral: ReferralDTO) -> None:
        self.saved = referral
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.error.setText(str(error))
            self.error.show()
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)
