"""Cancelling a planned session asks with buttons that say what they do: "Cancel session" and
"Keep session" (an OK/Cancel box made "Cancel" mean "do not cancel"). Driven in its real loop."""

from __future__ import annotations

import datetime as dt

from live_dialogs import when_modal
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput


def _button(box, text):
    buttons = box.findChild(QDialogButtonBox).buttons()
    return next(b for b in buttons if b.text() == text)


def test_cancel_box_says_cancel_session_or_keep_session(main_window, services):
    p = services.participants.create(ParticipantDraft(given_name="Hemi", family_name="Parata")).value
    planned = services.sessions.create(p.id, SessionInput(
        starts_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=2), status="planned")).value
    main_window.open_participant(p.id, "sessions", planned.id)
    page = main_window.workspace.page("sessions")
    assert page.selected().id == planned.id
    texts = {}

    def keep(box):
        texts["buttons"] = sorted(b.text() for b in box.findChild(QDialogButtonBox).buttons())
        texts["label"] = box.labelText()
        _button(box, "Keep session").click()

    seen = when_modal(QInputDialog, keep)
    page.cancel_selected()
    assert seen and texts["buttons"] == ["Cancel session", "Keep session"]
    assert "Cancel the session on" in texts["label"]
    assert services.sessions.get(planned.id).status == "planned"

    def cancel(box):
        box.setTextValue("Hemi is unwell")
        _button(box, "Cancel session").click()

    when_modal(QInputDialog, cancel)
    page.cancel_selected()
    after = services.sessions.get(planned.id)
    assert after.status == "cancelled" and after.status_reason == "Hemi is unwell"
