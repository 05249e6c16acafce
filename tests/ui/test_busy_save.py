"""A session note saved while another program keeps the practice busy (issue 15.4): the coach
is told in words, not "Something went wrong", and the note stays in the open editor to save
again. The other program is a real process holding a write transaction."""

from __future__ import annotations

import subprocess
import sys

import pytest

from recoverydesk.services.container import Services
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.store import engine as engine_module
from recoverydesk.store.session import Store

HOLDER = r"""
import sys, time
from recoverydesk.store.engine import connect_raw
conn = connect_raw(sys.argv[1])
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""

NOTE = "Walked along the beach; talked about the choir audition next week."


@pytest.fixture
def quick_services(tmp_practice, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT", 0.5)  # not the usual 10 s wait
    store = Store(tmp_practice)
    yield Services(store)
    store.close()


def test_a_busy_practice_is_said_in_words_and_the_note_is_kept(
    qtbot, quick_services, tmp_practice, message_boxes
):
    from recoverydesk.ui.dialogs.session_note import SessionNoteDialog

    services = quick_services
    pid = services.participants.create(ParticipantDraft(given_name="Mereana",
                                                        family_name="Tane")).value.id
    dialog = SessionNoteDialog(services, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.talked_about.setPlainText(NOTE)

    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_practice), "2"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        dialog.save_button.click()
        assert message_boxes.shown == [
            "Couldn't save just now: the practice is busy. Your text is still here; "
            "try again in a moment."
        ]
        assert dialog.isVisible()
        assert dialog.talked_about.toPlainText() == NOTE
    finally:
        assert holder.wait(timeout=30) == 0

    dialog.save_button.click()  # the other program is done: the same note saves
    assert not dialog.isVisible()
    saved = services.sessions.sessions(pid)
    assert len(saved) == 1
