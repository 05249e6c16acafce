"""Two panels of the Funding tab: how the plan is managed (with Change…) and the service
agreements, every version kept (the one in force on top, marked current; then the others
newest first), the selected one shown in full, with New agreement…. Their saves go through the
dialogs' Op: the change bus reloads the page, never the panel itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from recoverydesk.services.claims.types import Agreement, FundingSetup
from recoverydesk.ui.dialogs.agreement_dialog import AgreementDialog
from recoverydesk.ui.dialogs.funding_setup import FundingSetupDialog
from recoverydesk.ui.pages.funding.words import agreement_title, agreement_words, management_words
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import card, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


def set_role(widget: QWidget, role: str) -> None:
    """Restyle a label (an amber "error" role draws the eye)."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def _heading_row(title: str, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(label(title, "subheading", wrap=False))
    row.addStretch(1)
    row.addWidget(button)
    return row


class ManagementPanel(QWidget):
    def __init__(self, services: Services, participant: Callable[[], int | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self._participant = services, participant
        frame, layout = card(self)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.change_button = QPushButton(self.tr("Change…"))
        self.change_button.setToolTip(self.tr("NDIA-managed, plan-managed or self-managed"))
        self.change_button.clicked.connect(self.change)
        layout.addLayout(_heading_row(self.tr("How the plan is managed"), self.change_button))
        self.words = label("")
        layout.addWidget(self.words)

    def show_setup(self, setup: FundingSetup | None) -> None:
        self.words.setText(self.tr(management_words(setup)))
        set_role(self.words, "error" if setup is None else "")

    def change(self) -> None:
        pid = self._participant()
        if pid is not None:
            FundingSetupDialog(self.services, pid, self).exec()


class AgreementsPanel(QWidget):
    def __init__(self, services: Services, participant: Callable[[], int | None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self._participant = services, participant
        self._agreements: list[Agreement] = []
        self._names: dict[str, str] = {}
        frame, layout = card(self)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.new_button = QPushButton(self.tr("New agreement…"))
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip(self.tr("A first agreement, a renewal or a change; earlier "
                                           "versions are kept"))
        self.new_button.clicked.connect(self.new_agreement)
        layout.addLayout(_heading_row(self.tr("Service agreements"), self.new_button))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Service agreement versions, newest first"))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show_selected)
        layout.addWidget(self.list)
        self.detail = label("")
        self.detail.setAccessibleName(self.tr("The selected agreement"))
        layout.addWidget(self.detail, 1, Qt.AlignmentFlag.AlignTop)

    def show_agreements(self, agreements: list[Agreement], names: dict[str, str],
                        today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        # The one in force on top, then every other version newest first.
        current = [a for a in agreements if a.starts_on and a.ends_on
                   and a.starts_on <= today <= a.ends_on][:1]
        agreements = current + [a for a in agreements if a not in current]
        self._agreements, self._names = agreements, names
        self.list.blockSignals(True)
        self.list.clear()
        for a in agreements:
            item = QListWidgetItem(self.tr(agreement_title(a, today)))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setVisible(bool(agreements))
        rows = min(4, max(1, len(agreements)))
        self.list.setFixedHeight(rows * (self.list.fontMetrics().height() + 6) + 8)
        if agreements:
            self.list.setCurrentRow(0)
            self._show_selected(0)
        else:
            self.detail.setText(self.tr(
                "No service agreement yet. Agree the items, rates, cancellation and travel "
                "terms with the participant, then record them here."))

    def _show_selected(self, row: int) -> None:
        if 0 <= row < len(self._agreements):
            self.detail.setText(agreement_words(self._agreements[row], self._names))

    def new_agreement(self) -> None:
        pid = self._participant()
        if pid is None:
            return
        claims = self.services.claims
        # A new practice has no price list yet: the shipped one is loaded first (a write).
        Op(self, claims.ensure_reference_data).success(lambda _loaded: self._open(pid)).run()

    def _open(self, pid: int) -> None:
        AgreementDialog(self.services, pid, self).exec()
