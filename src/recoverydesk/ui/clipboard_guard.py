"""Knows whether the text on the system clipboard was copied from RecoveryDesk, so that locking
can clear it: a participant's name, NDIS number or note copied a minute ago must not be there to
paste for whoever opens the laptop while it is locked. Only our own text is ever cleared,
never something the coach copied from another program.

Ownership comes from the platform (X11, Wayland, Windows and macOS say whether this process put
the clipboard's data there). A clipboard manager that takes over our text after a copy (common
on Linux desktops) leaves the same text, which is still ours, so a digest of the text we put
there is remembered as well; never the text itself.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject
from PySide6.QtGui import QClipboard, QGuiApplication

# Platforms whose clipboard is shared with other programs and that report its owner. Elsewhere
# (offscreen, minimal) the clipboard lives inside this process: only we can have written it.
_SHARED = ("xcb", "wayland", "windows", "cocoa")


def _digest(text: str) -> bytes | None:
    return hashlib.sha256(text.encode("utf-8")).digest() if text else None


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._clipboard = QGuiApplication.clipboard()
        self._ours: bytes | None = None
        self._clipboard.dataChanged.connect(self._on_changed)

    def _owned(self) -> bool:
        """True when this process put the clipboard's current data there."""
        if not QGuiApplication.platformName().startswith(_SHARED):
            return True
        return self._clipboard.ownsClipboard()

    def _on_changed(self) -> None:
        if self._owned():
            self._ours = _digest(self._clipboard.text())
        elif self._ours is not None and _digest(self._clipboard.text()) != self._ours:
            self._ours = None  # another program's copy: never ours to clear
        # (other programs' copies are not even read once nothing of ours is on the clipboard)

    def holds_ours(self) -> bool:
        if self._ours is None:
            return False
        return self._owned() or _digest(self._clipboard.text()) == self._ours

    def clear_ours(self) -> bool:
        """Clear the clipboard (and the X11 selection) if RecoveryDesk's text is on it."""
        cleared = self.holds_ours()
        self._ours = None
        if cleared:
            self._clipboard.clear(QClipboard.Mode.Clipboard)
        if self._clipboard.supportsSelection() and self._clipboard.ownsSelection():
            # text selected in one of our fields, pasted elsewhere with a middle click
            self._clipboard.clear(QClipboard.Mode.Selection)
        return cleared
