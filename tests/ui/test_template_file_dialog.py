"""The star template dialog's "add from a file" with files that cannot be read: the dialog
says why in place (never "Something went wrong"); a Notepad file with a byte-order mark is
added (issue 15, item 8)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog

from recoverydesk.ui.dialogs.template_dialog import TemplateDialog

GOOD = {
    "key": "cafe-star",
    "name": "Café star",
    "domains": [{"key": k, "label": k.title()} for k in ("home", "money", "friends")],
}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (json.dumps(GOOD, ensure_ascii=False).encode("latin-1"), "latin.json is not UTF-8 text"),
        (b'{"name": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", "nested"),
        (json.dumps(dict(GOOD, name="Caf\ud800")).encode(), "broken character"),
    ],
)
def test_an_unreadable_template_file_is_explained_in_the_dialog(
    qtbot, services, tmp_path, monkeypatch, message_boxes, content, words
):
    path = tmp_path / "latin.json"
    path.write_bytes(content)
    dialog = TemplateDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    before = len(services.star.templates(include_archived=True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog.import_file()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert words in dialog.error.text()
    assert message_boxes.shown == []  # no "Something went wrong"
    assert len(services.star.templates(include_archived=True)) == before


def test_a_notepad_file_with_a_byte_order_mark_is_added(qtbot, services, tmp_path,
                                                         monkeypatch):
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD, ensure_ascii=False).encode("utf-8"))
    dialog = TemplateDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog.import_file()
    qtbot.waitUntil(lambda: dialog.current() is not None and dialog.current().name == "Café star")
    assert not dialog.error.isVisible()
