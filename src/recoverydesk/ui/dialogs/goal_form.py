"""What the goal dialogs share: a form row whose label comes from the capability's one table of
field labels (with its keyboard letter), the field, and its error line under it."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QVBoxLayout, QWidget

from recoverydesk.ui.dialogs.form_dialog import FormDialog


def with_mnemonic(text: str, letter: str) -> str:
    """``text`` with Alt+``letter`` marked: the first word starting with it, else its first
    ``letter`` anywhere ("Done on", "o" gives "Done &on"); unchanged without one."""
    if not letter:
        return text
    starts = [i for i, c in enumerate(text) if c == letter and (i == 0 or text[i - 1] == " ")]
    i = starts[0] if starts else text.find(letter)
    return text if i < 0 else f"{text[:i]}&{text[i:]}"


def add_row(dialog: FormDialog, form: QFormLayout, key: str, widget: QWidget, text: str,
            letter: str = "", inner: QLayout | None = None) -> QLabel:
    """Add ``widget`` as the field ``key`` under the label ``text``; ``inner`` is the layout
    shown for it when the field sits among other widgets (a checkbox beside a number)."""
    widget.setAccessibleName(dialog.tr(text))
    column = QVBoxLayout()
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    if inner is not None:
        column.addLayout(inner)
    else:
        column.addWidget(widget)
    column.addWidget(dialog.add_field(key, widget))
    name = QLabel(dialog.tr(with_mnemonic(text, letter)))
    name.setBuddy(widget)
    form.addRow(name, column)
    return name
