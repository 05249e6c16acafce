"""The window's actions in one registry, so menus, toolbar and shortcuts stay consistent.
Capabilities add theirs through ``ui/extensions.py``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from recoverydesk.ui.icons import icon


class ActionRegistry:
    def __init__(self, owner: QWidget):
        self.owner = owner
        self._actions: dict[str, QAction] = {}

    def add(
        self,
        key: str,
        text: str,
        slot: Callable[[], None],
        *,
        shortcut: QKeySequence.StandardKey | str | list | None = None,
        icon_name: str = "",
        tip: str = "",
    ) -> QAction:
        action = self._actions.get(key)
        if action is None:
            action = QAction(text, self.owner)
            self._actions[key] = action
        else:
            action.triggered.disconnect()
        action.setText(text)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        plain = text.replace("&", "").rstrip("…")
        hint = tip or plain
        if action.shortcut().toString():
            hint += f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(hint)
        action.setStatusTip(tip or plain)
        action.triggered.connect(lambda _checked=False: slot())
        self.owner.addAction(action)
        return action

    def __getitem__(self, key: str) -> QAction:
        return self._actions[key]

    def get(self, key: str) -> QAction | None:
        return self._actions.get(key)


    def items(self) -> list[tuple[str, QAction]]:
        """Every action with its key, in the order they were added."""
        return list(self._actions.items())
