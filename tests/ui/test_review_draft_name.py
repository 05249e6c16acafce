"""The review draft dialog calls the participant by the name they go by, as the report does:
"In Ro's words", not "In Ro O'Brien-Ngata's words" (the report's own heading uses the preferred
name). Opened through the window's Plan review report command."""

from __future__ import annotations

from recoverydesk.services.participants.types import ParticipantDraft


def _open_review(main_window, services, **names):
    p = services.participants.create(ParticipantDraft(family_name="O'Brien-Ngata", **names)).value
    main_window.open_participant(p.id, "overview")
    main_window.commands["review_report"].trigger()
    dialog = main_window.parts.printing.review_dialog
    assert dialog.isVisible()
    return dialog


def test_their_words_are_headed_with_the_name_they_go_by(main_window, services):
    dialog = _open_review(main_window, services, given_name="Rosalind", preferred_name="Ro")
    assert dialog.texts["participant_view"].accessibleName() == "In Ro's words"
    assert "O'Brien" not in dialog.texts["participant_view"].accessibleName()
    dialog.close()


def test_without_a_preferred_name_it_is_their_given_name(main_window, services):
    dialog = _open_review(main_window, services, given_name="Rosalind")
    assert dialog.texts["participant_view"].accessibleName() == "In Rosalind's words"
    dialog.close()
