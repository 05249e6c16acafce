"""The list that is as tall as its rows: filled at once, it asks each row its height once."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidgetItem, QStyledItemDelegate

from recoverydesk.ui.widgets.fitting_list import FittingListWidget


class CountingDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.asked = 0

    def sizeHint(self, option, index):  # noqa: N802 (Qt's name)
        self.asked += 1
        return super().sizeHint(option, index)


def test_rows_set_at_once_are_measured_once_and_the_list_fits_them(qtbot):
    view = FittingListWidget()
    qtbot.addWidget(view)
    delegate = CountingDelegate(view)
    view.setItemDelegate(delegate)
    view.set_items(QListWidgetItem(f"Strength {n}") for n in range(8))
    assert view.count() == 8
    assert delegate.asked == 8  # (row by row: 1 + 2 + ... + 8 = 36)
    rows = sum(view.sizeHintForRow(r) for r in range(8))
    assert view.height() == rows + 2 * view.frameWidth() + 2
    view.set_items([QListWidgetItem("Only one")])  # refilled: the height follows
    assert view.count() == 1
    assert view.height() == view.sizeHintForRow(0) + 2 * view.frameWidth() + 2


def test_a_row_added_on_its_own_still_refits(qtbot):
    view = FittingListWidget()
    qtbot.addWidget(view)
    view.set_items([QListWidgetItem("One")])
    before = view.height()
    view.addItem(QListWidgetItem("Two"))
    assert view.height() > before
