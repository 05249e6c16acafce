"""The window part (``ui/extensions.py``) for a team practice's coaches: Practice > Team…
(issue 20 item 3). The Practice menu is shown only while a team practice is open (a practice
file has one coach and no team); the dialog shows everyone the team, and its changes only to a
lead (the database refuses the rest anyway)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from recoverydesk.ui.dialogs.team_dialog import TeamDialog

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow


class TeamPart(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        window.commands.add("team", self.tr("&Team…"), self.open,
                            icon_name="account-multiple-outline",
                            tip=self.tr("The practice's coaches and who each participant is "
                                        "assigned to"))
        self.menu = QMenu(self.tr("P&ractice"), window)
        self.menu.addAction(window.commands["team"])
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.menu)
        window.needs_practice(window.commands["team"])
        window.practice_opened.connect(self.show_for_practice)
        self.show_for_practice()

    def show_for_practice(self) -> None:
        """The Practice menu only on a team practice."""
        services = self.window.services
        self.menu.menuAction().setVisible(services is not None and services.team.is_team)

    def open(self) -> None:
        if self.window.services is None or not self.window.services.team.is_team:
            return
        dialog = TeamDialog(self.window.services, self.window)
        dialog.exec()
        dialog.deleteLater()
