"""The edit-conflict window, opened as the coach meets it: the participant form is open with a
new phone typed, another coach saves the same participant meanwhile, and Save in the form finds
the version moved. Joined to the window's cases in dialog_cases_window.py."""

from __future__ import annotations

import dataclasses

from dialog_cases import Case

from recoverydesk.ui.dialogs.participant_dialog import ParticipantDialog


def open_conflict(w) -> ParticipantDialog:
    """The form, open on the participant with a phone typed, after the other coach's save."""
    pid = w.participant()
    form = ParticipantDialog(w.services, w.services.participants.get(pid), w.window)
    form.show()
    form.phone.setText("0411 111 111")
    form.pronouns.setText("they/them")
    stored = w.services.participants.get(pid)  # the other coach's save, over the same practice
    w.services.participants.update(pid, dataclasses.replace(
        stored.to_draft(), phone="0400 999 999", about="Likes the beach."))
    w.ids["form"] = form
    return form


def _conflict(w):
    return open_conflict(w).save  # Save in the form: the conflict window opens


def _edit_merged_phone(dialog) -> None:
    dialog.results["phone"].setText("0400 999 999 (mobile)")


CONFLICT: dict[str, Case] = {
    "EditConflictDialog": Case(
        _conflict, _edit_merged_phone,
        saved=lambda w: w.services.participants.get(w.ids["pid"]).phone
        == "0400 999 999 (mobile)"),
}
