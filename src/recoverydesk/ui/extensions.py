"""Capabilities that extend the main window itself (actions, menus, toolbar widgets).

Each entry is ``install(window)``, called once when the window is built. It may add actions with
``window.commands.add(...)``, put them in menus (``window.file_menu``, ``window.view_menu``,
``window.participant_menu``, ``window.add_file_action``) or the toolbar (``window.toolbar``),
mark those that work on the open participant with ``window.needs_participant(...)`` (greyed out
while none is open) and those that need an open practice with ``window.needs_practice(...)``, and
read ``window.services`` (None until a practice is open) when its
actions run. Listen to
``window.practice_opened`` to react when a practice file is opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from recoverydesk.ui.dialogs.backup_actions import install as install_backups
from recoverydesk.ui.help import install as install_help
from recoverydesk.ui.lock import install as install_lock
from recoverydesk.ui.printing import install as install_printing
from recoverydesk.ui.resources_window import install as install_resources
from recoverydesk.ui.search import install as install_search
from recoverydesk.ui.session_actions import install as install_sessions

WINDOW_EXTENSIONS: list[Callable[[QWidget], None]] = [
    install_sessions,
    install_search,
    install_resources,
    install_printing,
    install_lock,
    install_backups,
    install_help,
]
