"""The strength dialog driven through its real ``exec()``: a strength that is too long keeps the
dialog open with the coach's words and the problem beside the field; nothing is lost."""

from __future__ import annotations

from live_dialogs import when_modal
from PySide6.QtWidgets import QDialogButtonBox

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.dialogs.strength_dialog import StrengthDialog


def _save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_a_too_long_strength_keeps_the_dialog_open_with_the_words_and_a_note(
    main_window, services, message_boxes
):
    p = services.participants.create(ParticipantDraft(given_name="Tui", family_name="Marsh")).value
    main_window.open_participant(p.id)
    page = main_window.workspace.page("overview")
    long_text = "Brilliant at fixing bikes for the neighbourhood kids. " * 12  # over 500
    checked: dict = {}

    def act(dialog: StrengthDialog) -> None:
        dialog.text.setText(long_text)
        _save(dialog)
        checked["open"] = dialog.isVisible()
        checked["kept"] = dialog.text.text()
        checked["error"] = dialog.error.text() if not dialog.error.isHidden() else ""
        dialog.text.setText("Brilliant at fixing bikes")
        _save(dialog)

    seen = when_modal(StrengthDialog, act)
    page.add_strength()
    assert seen and checked["open"], "the dialog closed on a strength it could not save"
    assert checked["kept"] == long_text
    assert checked["error"] == "Please keep a strength under 500 characters."
    assert message_boxes.shown == []  # no pop-up: the note sits beside the field
    assert [s.text for s in services.participants.get(p.id).strengths] == [
        "Brilliant at fixing bikes"
    ]


def test_an_empty_strength_is_noted_beside_the_field(qtbot):
    dialog = StrengthDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _save(dialog)
    assert dialog.isVisible() and not dialog.error.isHidden()
    assert dialog.error.text() == "Please describe the strength in a few words."
