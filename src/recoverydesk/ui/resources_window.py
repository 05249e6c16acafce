"""View > Resource directory in the main window: the part that opens the directory's own
window (``ui/directory/``), one per open practice."""

from __future__ import annotations

from PySide6.QtCore import Qt

from recoverydesk.ui.directory.window import ResourcesWindow


def install(window) -> None:
    """View › Resource directory (Ctrl+Shift+D) in the main window."""

    def current_participant() -> tuple[int, str] | None:
        pid = window.current_participant_id()
        if pid is None or window.services is None:
            return None
        return pid, window.services.participants.get(pid).display_name

    def open_directory() -> None:
        if window.services is None:
            return
        existing = getattr(window, "_resources_window", None)
        if existing is None or existing.services is not window.services:
            if existing is not None:
                existing.close()
            existing = ResourcesWindow(window.services, current_participant, window)
            existing.setWindowFlag(Qt.WindowType.Window, True)
            window._resources_window = existing
        existing._selection_changed()
        existing.show()
        existing.raise_()
        existing.activateWindow()

    action = window.commands.add(
        "resource_directory",
        window.tr("&Resource directory"),
        open_directory,
        shortcut="Ctrl+Shift+D",  # Ctrl+Shift+R starts a Recovery Star reading
        icon_name="book-open-page-variant-outline",
        tip=window.tr("Local services and groups you refer people to"),
    )
    window.view_menu.addAction(action)
    action.setEnabled(window.services is not None)

    def on_opened() -> None:
        action.setEnabled(True)
        existing = getattr(window, "_resources_window", None)
        if existing is not None and existing.services is not window.services:
            existing.close()
            window._resources_window = None

    window.practice_opened.connect(on_opened)
