"""The one base for dialogs that check what the coach typed and save it.

A subclass builds its fields, registers each with ``add_field(key, widget)`` (which gives it an
error line beside it), and supplies two things:

- ``problems()``: the capability's pure rule from its ``types`` module (``{field: message}``),
  checked before anything is saved and again as the coach corrects a field;
- ``write()``: a function the worker runs to save, returning the service's ``Changed`` result.

``save()`` shows every problem beside its field and puts the cursor in the first one; otherwise
it runs ``write()`` through ``Op``, which publishes what changed. A ``ValidationError`` from the
service comes back beside the fields too; anything unexpected goes to the one error box. On
success ``saved`` holds the result and the dialog closes. When another coach saved the same
record meanwhile (``EditConflict``, nothing written), ``Op`` shows both versions in the conflict
window and saves the coach's answer with the same callbacks (ui/tasks.py): the form closes once
it is saved, and stays as typed when the coach goes back to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from recoverydesk.services.conflicts.types import EditConflict
from recoverydesk.services.types import ValidationError
from recoverydesk.ui.tasks import Op


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.saved: Any = None
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._touched: set[str] = set()

    # --- what a subclass supplies -----------------------------------------------------------
    def problems(self) -> dict[str, str]:
        """What is wrong with the fields now, by field key (empty when all is well)."""
        return {}

    def write(self) -> Callable[[], Any]:
        """The save to run on the worker; called only once ``problems()`` is empty."""
        raise NotImplementedError

    # --- building ---------------------------------------------------------------------------
    def add_field(self, key: str, widget: QWidget) -> QLabel:
        """Register a field; returns its error label (hidden until there is a problem), for the
        subclass to place right under the field."""
        label = QLabel()
        label.setObjectName("fieldError")
        label.setProperty("role", "error")  # styled (and found by the tests) as every error line
        label.setWordWrap(True)
        label.setVisible(False)
        self._fields[key] = widget
        self._errors[key] = label
        return label

    def recheck_on(self, key: str, signal) -> None:
        """Re-check as the coach edits ``key`` (only fields already touched show a problem,
        so an empty form does not start out covered in red)."""
        signal.connect(lambda *_: self._touch(key))

    def save_cancel_buttons(self, save_text: str = "") -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        if save_text:
            buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    # --- checking and saving ----------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self._errors.items():
            message = errors.get(key, "")
            label.setText(self.tr(message) if message else "")
            label.setVisible(bool(message))
            widget = self._fields[key]
            if bool(widget.property("invalid")) != bool(message):
                widget.setProperty("invalid", bool(message))
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        QTimer.singleShot(0, self, self._grow_to_fit)  # (not run if the dialog is gone by then)

    def save(self) -> None:
        errors = self.problems()
        if errors:
            self._touched.update(errors)
            self.show_errors(errors)
            self._focus_first(errors)
            return
        Op(self, self.write()).success(self._saved).failure(self._failed).run()

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        errors = self.problems()
        self.show_errors({k: v for k, v in errors.items() if k in self._touched})

    def _focus_first(self, errors: dict[str, str]) -> None:
        for key in self._fields:  # in the order the fields were added: top of the form first
            if key in errors:
                self._fields[key].setFocus()
                return

    def _saved(self, value: Any) -> None:
        self.saved = value
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, EditConflict):  # put off in the conflict window: back to the form
            return
        if isinstance(error, ValidationError) and set(error.errors) & set(self._fields):
            self._touched.update(error.errors)
            self.show_errors(error.errors)
            self._focus_first(error.errors)
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)

    def _grow_to_fit(self) -> None:
        """A message under a field needs room: grow (never shrink, so the form does not jump
        about while the coach types). Wrapped labels are not counted by the minimum size."""
        layout = self.layout()
        if layout is None:
            return
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)
