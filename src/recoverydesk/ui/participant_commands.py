"""Participant > New participant, Edit details, Archive or restore (with Undo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow


def _participant_dialog():
    """The participant form, loaded at first use: it brings in the participants service (and
    the database layer), which the window must not load before it is on screen."""
    from recoverydesk.ui.dialogs.participant_dialog import ParticipantDialog

    return ParticipantDialog


class ParticipantCommands(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def new_participant(self) -> None:
        window = self.window
        if window.services is None:
            return
        dialog = _participant_dialog()(window.services, parent=window)
        if dialog.exec() and dialog.saved is not None:
            window.open_participant(dialog.saved.id)

    def edit_participant(self) -> None:
        window = self.window
        pid = window.current_participant_id()
        if pid is None:
            return
        dialog = _participant_dialog()(window.services, window.services.participants.get(pid),
                                        window)
        dialog.exec()

    def toggle_archive(self) -> None:
        window = self.window
        pid = window.current_participant_id()
        if pid is None:
            return
        svc = window.services.participants
        p = svc.get(pid)
        archive = not p.archived
        if archive:
            answer = QMessageBox.question(
                window, self.tr("Archive participant"),
                self.tr("Archive %1? They will be hidden from your caseload, and every record "
                        "is kept. You can restore them at any time.").replace("%1",
                                                                              p.display_name))
            if answer != QMessageBox.StandardButton.Yes:
                return

        def done(_result):
            if archive:
                window.offer_undo(self.tr("%1 archived.").replace("%1", p.display_name),
                                  lambda: Op(window, lambda: svc.restore(pid)).run())

        Op(window, lambda: svc.set_archived(pid, archive)).success(done).run()
