"""The central change bus: one ``changed(ChangeSet)`` signal after every write."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from recoverydesk.services.types import ChangeSet


class ChangeBus(QObject):
    changed = Signal(object)  # ChangeSet

    def publish(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)


_bus: ChangeBus | None = None


def change_bus() -> ChangeBus:
    global _bus
    if _bus is None:
        _bus = ChangeBus()
    return _bus
