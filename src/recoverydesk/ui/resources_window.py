"""View > Resource directory in the main window: the part that opens the directory's own
window (``ui/directory/``), one per open practice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from recoverydesk.ui.directory.window import ResourcesWindow

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow


class ResourcesPart:
    """The window part (``ui/extensions.py``): View > Resource directory (Ctrl+Shift+D).
    ``directory`` is the directory's window once opened (one per open practice)."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.directory: ResourcesWindow | None = None
        action = window.commands.add(
            "resource_directory",
            window.tr("&Resource directory"),
            self.open_directory,
            shortcut="Ctrl+Shift+D",  # Ctrl+Shift+R starts a Recovery Star reading
            icon_name="book-open-page-variant-outline",
            tip=window.tr("Local services and groups you refer people to"),
        )
        window.view_menu.addAction(action)
        window.needs_practice(action)  # greyed out until a practice is open
        window.practice_opened.connect(self._practice_opened)

    def current_participant(self) -> tuple[int, str] | None:
        window = self.window
        pid = window.current_participant_id()
        if pid is None or window.services is None:
            return None
        return pid, window.services.participants.get(pid).display_name

    def open_directory(self) -> ResourcesWindow | None:
        window = self.window
        if window.services is None:
            return None
        directory = self.directory
        if directory is None or directory.services is not window.services:
            if directory is not None:
                directory.close()
            directory = ResourcesWindow(window.services, self.current_participant, window)
            directory.setWindowFlag(Qt.WindowType.Window, True)
            self.directory = directory
        directory._selection_changed()
        directory.show()
        directory.raise_()
        directory.activateWindow()
        return directory

    def _practice_opened(self) -> None:
        if self.directory is not None and self.directory.services is not self.window.services:
            self.directory.close()
            self.directory = None
