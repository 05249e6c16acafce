"""One error box for everything: plain words, "Copy details", and the excepthook behind it."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from recoverydesk.services.types import ValidationError
from recoverydesk.ui import errors


@pytest.fixture
def boxes(monkeypatch, qapp):
    """Each box is inspected instead of shown: its text, its buttons, and whether it closed."""
    seen = []

    def fake_exec(box):
        copy = next((b for b in box.buttons() if b.text() == "Copy details"), None)
        closed = []
        box.finished.connect(closed.append)
        if copy is not None:
            copy.click()
        seen.append({"text": box.text(), "details": box.detailedText(), "copy": copy,
                     "closed_by_copy": bool(closed)})
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return seen


def test_copy_details_copies_and_keeps_the_box_open(boxes):
    QApplication.clipboard().clear()
    errors.show_error("Something small went wrong.", "Traceback: line 3")
    assert boxes[0]["copy"] is not None
    assert QApplication.clipboard().text() == "Traceback: line 3"
    assert not boxes[0]["closed_by_copy"]


def test_the_coachs_own_mistake_is_just_a_sentence(boxes):
    errors.show_exception(ValidationError.single("score", "A score goes from 1 to 10."))
    assert boxes == [{"text": "A score goes from 1 to 10.", "details": "", "copy": None,
                      "closed_by_copy": False}]


def test_a_full_disk_is_explained_and_says_saved_work_is_safe(boxes):
    errors.show_exception(OSError(28, "No space left on device"))
    assert "disk is full" in boxes[0]["text"] and "safe" in boxes[0]["text"]


def test_excepthook_shows_plain_words_and_logs_no_personal_text(boxes, monkeypatch, caplog):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    try:
        raise KeyError("Aroha O'Brien-Ngata 431234567")
    except KeyError:
        with caplog.at_level(logging.ERROR, logger="recoverydesk"):
            sys.excepthook(*sys.exc_info())
    assert "did not expect" in boxes[0]["text"]
    assert "Aroha" in boxes[0]["details"]  # the coach may copy it to support, on purpose
    logged = caplog.text
    assert "KeyError" in logged and "test_errors.py" in logged
    assert "Aroha" not in logged and "431234567" not in logged


def test_copy_details_never_carries_sql_or_its_values(boxes):
    """A database error's message carries the statement and its parameters (names, notes):
    "Copy details" keeps the error's type, its message without them, and where it happened."""
    from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert
    from sqlalchemy.exc import IntegrityError

    table = Table("people", MetaData(), Column("id", Integer, primary_key=True),
                  Column("name", String, nullable=False), Column("note", String),
                  Column("ndis", String, nullable=False))
    engine = create_engine("sqlite://")
    table.metadata.create_all(engine)
    try:
        with engine.begin() as conn:
            conn.execute(insert(table), {"name": "Aroha Ngata", "note": "Slept at Mum's again",
                                         "ndis": None})
    except IntegrityError as err:
        errors.show_exception(err)
    finally:
        engine.dispose()
    details = boxes[0]["details"]
    assert "IntegrityError" in details and "NOT NULL constraint failed: people.ndis" in details
    assert "test_errors.py:" in details and "in test_copy_details_never_carries" in details
    for secret in ("Aroha", "Mum's", "INSERT", "[SQL", "parameters", "conn.execute"):
        assert secret not in details, (secret, details)


def test_a_disk_io_error_is_not_something_unexpected(boxes):
    """A full disk often reaches SQLite as SQLITE_IOERR ("disk I/O error"), not "disk full".
    (It reaches the window as the service layer's DiskFailingError: practice/errors.py.)"""
    import sqlcipher3.dbapi2 as sqlite
    from sqlalchemy.exc import OperationalError

    from recoverydesk.services.practice.errors import translated
    from recoverydesk.services.practice.types import DiskFailingError

    raised = translated(OperationalError("COMMIT", {}, sqlite.OperationalError("disk I/O error")))
    assert isinstance(raised, DiskFailingError)
    errors.show_exception(raised)
    assert "disk reported a problem" in boxes[0]["text"] and "safe" in boxes[0]["text"]
    assert boxes[0]["copy"] is None
