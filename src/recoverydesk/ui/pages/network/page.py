"""The Network & resources tab: who is around the participant (with consent to share), the
eco-map of that network, and the community resources they have been referred to.

The page loads what its panels show (``refresh``), once per change on the bus that touches it;
the panels' own writes go through ``Op`` and never reload the page themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout

from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.pages.network.ecomap import EcoMapPanel
from recoverydesk.ui.pages.network.people import PeoplePanel
from recoverydesk.ui.pages.network.referrals import ReferralsPanel
from recoverydesk.ui.widgets.scroll_body import scroll_page

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class NetworkPage(ParticipantPage):
    key = "network"
    title = "Network & resources"
    short_title = "Network"
    icon_name = "account-group-outline"
    order = 60
    watches = ("contact", "referral", "resource", "participant", "goal")

    def __init__(self, services: Services, parent=None):
        super().__init__(services, parent)
        self.setAccessibleName(self.tr(self.title))
        self.people = PeoplePanel(services, lambda: self.participant_id)
        self.ecomap_panel = EcoMapPanel()
        self.ecomap = self.ecomap_panel.map
        self.referrals = ReferralsPanel(services, lambda: self.participant_id)
        # People and the eco-map side by side on top; referrals across the bottom.
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setChildrenCollapsible(False)
        top.addWidget(self.people)
        top.addWidget(self.ecomap_panel)
        top.setStretchFactor(0, 6)
        top.setStretchFactor(1, 5)
        top.setSizes([600, 480])
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.setChildrenCollapsible(False)
        rows.addWidget(top)
        rows.addWidget(self.referrals)
        rows.setStretchFactor(0, 2)
        rows.setStretchFactor(1, 1)
        rows.setSizes([640, 260])  # proportions: the map and the network get the most room
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # On a short or scaled screen the page scrolls, never drawing its parts over each other.
        outer.addWidget(scroll_page(rows))
        self.people.show_archived.toggled.connect(lambda _c: self.refresh())

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        pid = self.participant_id
        if pid is None:
            return
        # One read: the people, the referrals, the goals they may serve and the eco-map.
        tab = self.services.network.tab(pid, self.people.show_archived.isChecked())
        self.people.show_contacts(tab.contacts)
        self.referrals.show_referrals(tab.referrals, dict(tab.goals))
        self.ecomap_panel.show_map(tab.ecomap, pid)

    def tab_title(self) -> str:
        return self.tr(self.title).replace("&", "&&")  # "&" would become a shortcut marker

    def focus_item(self, ref: object) -> None:
        if isinstance(ref, int):
            self.people.select(ref)

    # -- what the window and its commands open -------------------------------------------
    def add_contact(self) -> None:
        self.people.add()

    def edit_contact(self) -> None:
        self.people.edit()

    def refer(self, resource_id: int | None = None) -> None:
        self.referrals.refer(resource_id)

    def update_status(self) -> None:
        self.referrals.update_status()
