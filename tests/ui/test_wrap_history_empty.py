"""WRAP history with no reviewed version shows one plain sentence, not two empty panes; with
versions, the list and the version beside it."""

from __future__ import annotations

import datetime as dt

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.dialogs.wrap_history import WrapHistoryDialog


def test_no_versions_is_one_plain_empty_state(qtbot):
    dialog = WrapHistoryDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty.isVisible() and "No reviewed versions yet" in dialog.empty.text()
    assert not dialog.list.isVisible() and not dialog.view.isVisible()
    assert not dialog.intro.isVisible()


def test_versions_show_the_list_and_the_version(qtbot, services):
    p = services.participants.create(ParticipantDraft(given_name="Rua", family_name="Kemp")).value
    services.wrap.mark_reviewed(p.id, dt.date.today(), None, "Looked at it together")
    dialog = WrapHistoryDialog(services.wrap.versions(p.id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.empty.isVisible()
    assert dialog.list.isVisible() and dialog.list.count() == 1 and dialog.view.isVisible()
