"""Tag a highlighted passage of the session note (issue 23): the menu offers the five processes,
the ones the highlighted words suggest first; the tag keeps the saved words; unsaved words and
an unsaved note are refused in plain words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.ui.dialogs.note_tagging import code_points
from recoverydesk.ui.dialogs.session_note import SessionNoteDialog

NOTE = "We walked along the beach. Mia said she feels hopeful about the TAFE course."


@pytest.fixture
def note(qtbot, services):
    pid = services.participants.create(
        ParticipantDraft(given_name="Mia", family_name="Tran")).value.id
    start = dt.datetime(2026, 3, 4, 10).astimezone()
    saved = services.sessions.create(pid, SessionInput(starts_at=start, talked_about=NOTE)).value
    dialog = SessionNoteDialog(services, pid, saved)
    qtbot.addWidget(dialog)
    yield dialog
    dialog._closing_saved = True


def highlight(box, words: str) -> None:
    start = box.toPlainText().index(words)
    cursor = box.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)


def menu_texts(dialog) -> list[str]:
    menu = QMenu()
    dialog.tagging.fill_menu(menu, dialog.tagging.passage())
    return [a.text() for a in menu.actions()]


def test_the_highlighted_words_suggest_first_and_the_tag_keeps_them(qtbot, services, note):
    highlight(note.talked_about, "Mia said she feels hopeful about the TAFE course.")
    texts = menu_texts(note)
    assert texts[0].startswith("Tag “Mia said she feels hopeful")
    assert texts[1] == "Hope and optimism about the future  (suggested by “hopeful”)"
    assert len(texts) == 6 and "Connectedness" in texts[2:]
    note.tagging.tag(note.tagging.passage(), "hope",
                     note.tagging.suggestions(note.tagging.passage())["hope"])
    qtbot.waitUntil(lambda: bool(services.chime.tags_of(note.participant_id)))
    tag = services.chime.tags_of(note.participant_id)[0]
    assert (tag.process, tag.field, tag.quote, tag.cue, tag.passage_state) == (
        "hope", "talked_about", "Mia said she feels hopeful about the TAFE course.", "hopeful",
        "in place")
    assert note.saved_label.text() == "Tagged as Hope."


def test_nothing_highlighted_tags_the_whole_note(qtbot, services, note):
    assert menu_texts(note)[0] == "Tag the whole note as"
    note.tagging.tag(note.tagging.passage(), "connectedness")
    qtbot.waitUntil(lambda: bool(services.chime.tags_of(note.participant_id)))
    assert services.chime.tags_of(note.participant_id)[0].start is None


def test_words_typed_since_the_save_are_not_tagged(qtbot, services, note):
    note.went_well.setPlainText("She joined the choir and felt part of the community.")
    highlight(note.went_well, "felt part of the community")
    note.tagging.tag(note.tagging.passage(), "connectedness")
    assert "save the note" in note.saved_label.text()
    assert services.chime.tags_of(note.participant_id) == []


def test_a_note_not_saved_yet_says_so(qtbot, services):
    pid = services.participants.create(ParticipantDraft(given_name="Ana")).value.id
    dialog = SessionNoteDialog(services, pid)
    qtbot.addWidget(dialog)
    dialog.talked_about.setPlainText(NOTE)
    highlight(dialog.talked_about, "hopeful")
    dialog.tagging.tag(dialog.tagging.passage(), "hope")
    assert dialog.saved_label.text() == "Save the note first: a tag points at saved words."
    dialog._closing_saved = True


def test_the_right_click_menu_has_tag_as(qtbot, note, monkeypatch):
    highlight(note.talked_about, "hopeful")
    shown = []
    monkeypatch.setattr(QMenu, "popup", lambda self, *_a: shown.append(self))
    note.tagging._context_menu("talked_about", note.talked_about.rect().center())
    sub = next(a.menu() for a in shown[0].actions() if a.text() == "Tag as")
    assert [a.text() for a in sub.actions()][1].startswith("Hope and optimism")


def test_offsets_count_characters_not_utf16_units():
    text = "🙂 hope"
    assert code_points(text, 3) == 2
