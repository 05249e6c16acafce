"""The Qt binding keeps Python's reference counts: a release that does not would abort the app.

PySide6 6.12.0 gave back one reference to None on every call to a C++ method returning
nothing. On Python 3.11 None is an ordinary object, so after some tens of thousands of such
calls (painting a list calls several per row) it was freed and the app aborted ("deallocating
None"). pyproject.toml keeps that release out on 3.11; this test fails on any release that
does it. From Python 3.12 None is immortal (its count never moves, so the first two tests pass
there whatever the binding does); the last two check the same bookkeeping on ordinary objects
passed into and handed back by Qt, which counts on every Python.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QListView


class Rows(QAbstractListModel):
    def __init__(self, parent=None, text: str | None = None):
        super().__init__(parent)
        self.text = text

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 40

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text if self.text is not None else f"Row {index.row()}"


def references_lost(obj, fn, times: int) -> int:
    """How many references to ``obj`` ``times`` calls of ``fn`` gave back (negative: kept)."""
    fn()
    gc.collect()
    before = sys.getrefcount(obj)
    for _ in range(times):
        fn()
    gc.collect()
    return before - sys.getrefcount(obj)


def none_references_lost(fn, times: int) -> int:
    return references_lost(None, fn, times)


def ordinary_text() -> str:
    """A string object of its own (not interned, not immortal), so its count is its own."""
    return "".join(["Kiri ", "Waititi-", str(id(object()))])


def test_calls_that_return_nothing_keep_the_references_to_none(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    lost = none_references_lost(lambda: (label.setText("Kiri"), label.setVisible(True),
                                         label.setToolTip("A note")), 2000)
    assert lost < 100  # the broken release loses 6000 here


def test_painting_a_model_that_answers_none_keeps_the_references(qtbot):
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(Rows(view))
    view.resize(300, 600)
    view.show()
    lost = none_references_lost(lambda: view.viewport().repaint(), 300)
    assert lost < 50  # the broken release loses 300 here


def test_text_passed_to_qt_keeps_its_reference_count(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    text = ordinary_text()
    lost = references_lost(text, lambda: (label.setText(text), label.setToolTip(text),
                                          label.setAccessibleName(text)), 2000)
    assert lost == 0


def test_text_a_model_hands_to_qt_keeps_its_reference_count(qtbot):
    text = ordinary_text()
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(Rows(view, text))
    view.resize(300, 600)
    view.show()
    lost = references_lost(text, lambda: view.viewport().repaint(), 300)
    assert lost == 0
