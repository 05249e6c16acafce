"""An empty practice gives the coach a first step: the caseload says so and offers a button
that opens the real new-participant dialog."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from recoverydesk.ui.dialogs.participant_dialog import ParticipantDialog


def test_an_empty_caseload_offers_to_add_the_first_participant(main_window, services, qtbot):
    panel = main_window.list_panel
    assert panel.empty.isVisibleTo(panel) and not panel.view.isVisibleTo(panel)
    assert "No participants yet" in panel.empty_label.text()
    seen = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ParticipantDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog)
        dialog.given_name.setText("Aroha")
        dialog.family_name.setText("Ngata")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, fill)
    panel.empty_button.click()  # returns once the dialog's own loop has ended
    assert seen
    assert [r.display_name for r in services.participants.list()] == ["Aroha Ngata"]
    assert panel.view.isVisibleTo(panel) and not panel.empty.isVisibleTo(panel)


def test_a_search_with_no_match_is_not_the_empty_practice(main_window, services):
    from recoverydesk.services.participants.types import ParticipantDraft

    services.participants.create(ParticipantDraft(given_name="Aroha", family_name="Ngata"))
    panel = main_window.list_panel
    panel.filter_edit.setText("zzz")
    assert not panel.empty.isVisibleTo(panel)
