"""The participant's referrals to services in the directory: what each is for, where it has got
to (its history kept), and referring, moving on and removing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from recoverydesk.services.resources.types import ReferralDTO
from recoverydesk.ui.dialogs.referral_dialog import ReferralDialog, ReferralStatusDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.network.parts import CardPanel, fit_columns, record_table
from recoverydesk.ui.qtmodels.network import ReferralTableModel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, format_date, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class ReferralsPanel(CardPanel):
    def __init__(
        self,
        services: Services,
        participant_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self._participant_id = participant_id
        self.goal_titles: dict[int, str] = {}  # for the "What for" column
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Referrals"), "heading"))
        head.addStretch(1)
        self.refer_button = QPushButton(icon("link-variant-plus"), self.tr("Refer…"))
        self.refer_button.setToolTip(self.tr("Link them with a service from the directory"))
        self.status_button = QPushButton(self.tr("Update…"))
        self.status_button.setToolTip(self.tr("Record what happened next; earlier steps are kept"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Hide a referral made by mistake"))
        for b in (self.refer_button, self.status_button, self.remove_button):
            head.addWidget(b)
        self.body.addLayout(head)
        self.model = ReferralTableModel(self, self.goal_titles.get)
        self.view = record_table(self.model, self.tr("Referrals"))
        self.body.addWidget(self.view, 1)
        self.empty = empty_state(
            self.tr(
                "No referrals yet. Find a group or service together in the resource directory, "
                "then use “Refer…”."
            )
        )
        self.empty.hide()
        self.body.addWidget(self.empty)
        self.history_label = label("", "muted")
        self.body.addWidget(self.history_label)

        self.refer_button.clicked.connect(lambda: self.refer())
        self.status_button.clicked.connect(self.update_status)
        self.remove_button.clicked.connect(self.remove)
        self.view.doubleClicked.connect(lambda _i: self.update_status())
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- showing ---------------------------------------------------------------------------
    def show_referrals(self, referrals: list[ReferralDTO], goal_titles: dict[int, str]) -> None:
        self.goal_titles.clear()
        self.goal_titles.update(goal_titles)
        self.model.set_rows(referrals)
        self.view.setVisible(bool(referrals))
        self.empty.setVisible(not referrals)
        fit_columns(
            self.view,
            stretch=(
                ReferralTableModel.COL_RESOURCE,
                ReferralTableModel.COL_PURPOSE,
                ReferralTableModel.COL_OUTCOME,
            ),
        )
        self._update_buttons()

    def selected(self) -> ReferralDTO | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self, *_args) -> None:
        referral = self.selected()
        self.status_button.setEnabled(referral is not None)
        self.remove_button.setEnabled(referral is not None)
        if referral is not None:
            self.history_label.setText(" → ".join(
                f"{self.tr(h.status_label)} {format_date(h.changed_on)}" for h in referral.history
            ))
        self.history_label.setVisible(referral is not None)

    # -- changing --------------------------------------------------------------------------
    def refer(self, resource_id: int | None = None) -> None:
        pid = self._participant_id()
        if pid is not None:
            ReferralDialog(self.services, pid, resource_id, parent=self).exec()

    def update_status(self) -> None:
        referral = self.selected()
        if referral is not None:
            ReferralStatusDialog(self.services, referral, parent=self).exec()

    def remove(self) -> None:
        referral = self.selected()
        if referral is None:
            return
        svc = self.services.referrals

        def offer_undo(_result) -> None:
            window = self.window()
            if hasattr(window, "offer_undo"):
                window.offer_undo(
                    self.tr("Referral removed."),
                    lambda: Op(self, lambda: svc.set_archived(referral.id, False)).run(),
                )

        Op(self, lambda: svc.set_archived(referral.id, True)).success(offer_undo).run()
