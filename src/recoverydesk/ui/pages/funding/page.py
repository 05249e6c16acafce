"""The Funding tab: how the participant's plan is managed, their service agreements with history,
and the plan budget by funding period with the chart of use. Coach-only content: nothing of it is
shown in what the participant sees.

The page loads what its panels show (``refresh``), once per change on the bus that touches it;
the panels' dialogs save through ``Op`` and never reload the page themselves."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.pages.funding.budget import BudgetPanel
from recoverydesk.ui.pages.funding.panels import AgreementsPanel, ManagementPanel
from recoverydesk.ui.widgets.scroll_body import scroll_page

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class FundingPage(ParticipantPage):
    key = "funding"
    title = "Funding"
    icon_name = "cash-multiple"
    order = 90  # last
    watches = ("participant_funding", "service_agreement", "plan_budget", "claim_line",
               "claim_batch", "session", "price_list", "public_holidays", "participant")

    def __init__(self, services: Services, parent=None):
        super().__init__(services, parent)
        who = lambda: self.participant_id  # noqa: E731 (the panels ask who is shown)
        self.management = ManagementPanel(services, who)
        self.agreements = AgreementsPanel(services, who)
        self.budget = BudgetPanel(services, who)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.management)
        column.addWidget(self.budget.head)
        column.addWidget(self.agreements, 1)
        left.setMinimumWidth(400)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self.budget)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 660])
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(split, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_page(body))

    def refresh(self, today: dt.date | None = None) -> None:
        pid = self.participant_id
        if pid is None:
            return
        today = today or dt.date.today()
        tab = self.services.claims.funding_tab(pid, today)  # one read for the four panels' data
        self.management.show_setup(tab.setup)
        self.agreements.show_agreements(tab.agreements, tab.item_names, today)
        self.budget.show_funding(tab.funding, today)
