"""Helpers for the together view's tests: every word a person could see in the app's windows."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
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
            for action in w.actions():
                if action.isVisible():
                    words += [action.text(), action.toolTip()]
    return [w for w in words if w]


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
