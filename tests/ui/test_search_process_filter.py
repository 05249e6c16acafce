"""The search's recovery process filter (issue 23): choosing "Tagged Hope" lists everything
tagged Hope with no words typed; words then narrow it; "Any recovery process" goes back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from recoverydesk.services.chime.types import TagDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput


def _tagged(services):
    p = services.participants.create(ParticipantDraft(given_name="Zoë",
                                                      family_name="Hartley")).value
    ids = []
    for days, text in ((9, "Felt hopeful at the ocean pool."), (2, "Hopeful about the choir."),
                       (1, "Choir practice, tired.")):
        ids.append(services.sessions.create(p.id, SessionInput(
            starts_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days),
            talked_about=text)).value.id)
    for sid in ids[:2]:
        services.chime.accept(TagDraft("session", sid, "hope"))
    return p, ids


def test_the_filter_lists_everything_tagged_then_words_narrow_it(qtbot, main_window, services):
    p, ids = _tagged(services)
    main_window.commands["search"].trigger()
    dialog = main_window.parts.search.dialog
    assert dialog.process.itemText(0) == "Any recovery process"
    dialog.process.setCurrentIndex(dialog.process.findData("hope"))  # runs the search itself
    assert {r.ref for r in dialog.results()} == set(ids[:2])
    assert dialog.status.text() == "2 matches"
    qtbot.keyClicks(dialog.edit, "choir")
    qtbot.waitUntil(lambda: [r.ref for r in dialog.results()] == [ids[1]])
    dialog.process.setCurrentIndex(dialog.process.findData("identity"))
    assert dialog.results() == [] and not dialog.empty.isHidden()
    assert dialog.empty.text() == "Nothing tagged Identity matches “choir”."
    dialog.process.setCurrentIndex(0)
    assert {r.ref for r in dialog.results()} >= set(ids[1:])
    dialog.edit.clear()
    dialog.process.setCurrentIndex(dialog.process.findData("identity"))
    assert dialog.empty.text() == "Nothing is tagged Identity yet."


def test_a_tagged_result_opens_the_note(qtbot, main_window, services):
    p, ids = _tagged(services)
    main_window.commands["search"].trigger()
    dialog = main_window.parts.search.dialog
    dialog.process.setCurrentIndex(dialog.process.findData("hope"))
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert main_window.workspace is not None
    assert main_window.workspace.participant_id == p.id
