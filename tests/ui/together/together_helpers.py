"""Helpers for the together view's tests: every word a person could see in the app's windows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
    QWidget,
)


def visible_words(app: QApplication) -> list[str]:
    """Titles, texts, placeholders, tooltips and accessible names of every visible widget."""
    words: list[str] = []
    for top in app.topLevelWidgets():
        if not top.isVisible():
            continue
        words.append(top.windowTitle())
        for w in [top, *top.findChildren(QWidget)]:
            if not w.isVisible():
                continue
            words += [w.toolTip(), w.accessibleName(), w.accessibleDescription(),
                      w.windowTitle(), w.statusTip(), w.whatsThis()]
            if isinstance(w, (QLabel, QAbstractButton)):
                words.append(w.text())
            if isinstance(w, QLineEdit):
                words += [w.text(), w.placeholderText()]
            if isinstance(w, (QPlainTextEdit, QTextEdit)):
                words += [w.toPlainText(), w.placeholderText()]
            if isinstance(w, QComboBox):
                words += [w.itemText(i) for i in range(w.count())]
            if isinstance(w, QAbstractItemView) and w.model() is not None:
                words += model_words(w.model())
            if not isinstance(w, (QMenuBar, QMenu, QToolBar, QLineEdit)):
                continue  # (a window's shortcuts are actions too, but show nowhere)
            for action in w.actions():
                if action.isVisible():
                    words += [action.text(), action.toolTip()]
    return [w for w in words if w]


_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
          Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.StatusTipRole)


def model_words(model, parent: QModelIndex | None = None, depth: int = 0) -> list[str]:
    """Every row's words in a list, table or tree (what an item view can show)."""
    parent = parent or QModelIndex()
    words: list[str] = []
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model (its columnCount is private in PySide6): one column
        columns = 1
    for row in range(model.rowCount(parent)):
        for col in range(columns):
            index = model.index(row, col, parent)
            words += [str(v) for role in _ROLES if (v := model.data(index, role))]
            if col == 0 and depth < 3 and columns > 1 and model.hasChildren(index):
                words += model_words(model, index, depth + 1)
    return words


def forget(window) -> None:
    """The window outlives its test: it must not hear later tests' changes on the bus."""
    import warnings

    from recoverydesk.ui.bus import change_bus

    window.parts.together.leave()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            change_bus().changed.disconnect(window._on_changed)
        except (RuntimeError, TypeError):
            pass
