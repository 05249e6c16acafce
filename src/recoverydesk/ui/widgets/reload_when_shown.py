"""A window of its own that follows the change bus (the resource directory, the Claims view):
visible, it reloads at once; hidden (the practice locked, the window put away), it reloads
once it shows again, not while the practice may be locked or closed."""

from __future__ import annotations

from collections.abc import Callable


class ReloadWhenShown:
    def __init__(self, reload: Callable[[], None]):
        self._reload = reload
        self._pending = False

    def changed(self, visible: bool) -> None:
        """Something the window shows changed."""
        if visible:
            self._reload()
        else:
            self._pending = True

    def shown(self) -> None:
        """The window is showing again (call from its showEvent)."""
        if self._pending:
            self._pending = False
            self._reload()
