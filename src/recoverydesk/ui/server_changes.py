"""Another coach's change appears without a restart: while a team practice is open, its change
feed (``services.practice.follow_changes``: the server's notices, heard on a thread of its own)
reaches the window here, and each burst goes out on the change bus as one ChangeSet, so the
pages showing those participants refresh once, as after the coach's own save.

Notices come from the feed's thread through a queued signal; those arriving within
``GATHER_MS`` of each other are joined. The feed stops with the practice (closing it, opening
another) and holds no connection while the window is locked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.bus import change_bus

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.ui.main_window import MainWindow

GATHER_MS = 150


class ServerChanges(QObject):
    """The window part (``ui/extensions.py``) that follows a team practice's changes:
    ``window.parts.server_changes``."""

    heard = Signal(object)  # ChangeSet, emitted on the feed's thread

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.following: Services | None = None
        self._pending: ChangeSet | None = None
        self._timer = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._timer.timeout.connect(self._publish)
        self.heard.connect(self._gather)  # queued: the feed's thread is not this one
        window.practice_opened.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        services = self.window.services
        if services is self.following:
            return
        self.following = None
        self._pending = None
        if services is not None and services.practice.info().is_team:
            self.following = services
            services.practice.follow_changes(self.heard.emit)

    def _gather(self, changes: ChangeSet) -> None:
        self._pending = changes if self._pending is None else self._pending | changes
        if not self._timer.isActive():
            self._timer.start()

    def _publish(self) -> None:
        changes, self._pending = self._pending, None
        window = self.window
        if (changes is None or window._closed or window.services is None
                or window.services is not self.following
                or not window.services.practice.is_open):
            return  # the practice it came from is no longer shown
        change_bus().publish(changes)
