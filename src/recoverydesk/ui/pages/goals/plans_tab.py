"""The Plan versions tab of the Goals page: every agreed version (read only when the tab is
opened: each snapshot is the slow part of a participant's goals), "what changed" between two of
them or up to today, and "Agree plan"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from recoverydesk.ui.dialogs.goal_agree import GoalAgreeDialog
from recoverydesk.ui.widgets.goal_plan_versions import PlanVersionsPanel

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class PlanVersionsTab(PlanVersionsPanel):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id: int | None = None
        self.loaded = False
        self.compare_requested.connect(self._compare)

    def forget(self, participant_id: int | None, labels: dict[str, str]) -> None:
        """The plan may have changed: read it again when the tab is next looked at."""
        self.participant_id, self.labels, self.loaded = participant_id, labels, False

    def load(self) -> None:
        if self.loaded or self.participant_id is None:
            return
        self.loaded = True
        self.set_versions(self.services.plans.versions(self.participant_id), self.labels)

    def agree(self, name: str) -> bool:
        """Ask for the review date and agree the plan; True once it is agreed."""
        if self.participant_id is None:
            return False
        dialog = GoalAgreeDialog(self.services, self.participant_id, name, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _compare(self, older_id: int, newer_id: int) -> None:
        newer = None if newer_id is None or newer_id < 0 else newer_id
        self.show_changes(self.services.plans.compare_grouped(older_id, newer))
