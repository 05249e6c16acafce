"""The Qt binding keeps Python's reference counts: a release that does not would abort the app.

PySide6 6.12.0 gave back one reference to None on every call to a C++ method returning
nothing. On Python 3.11 None is an ordinary object, so after some tens of thousands of such
calls (painting a list calls several per row) it was freed and the app aborted ("deallocating
None"). pyproject.toml keeps that release out; this test fails on any release that does it.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QListView


class Rows(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 40

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"Row {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None


def none_references_lost(fn, times: int) -> int:
    fn()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(times):
        fn()
    gc.collect()
    return before - sys.getrefcount(None)


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
