"""How a capability plugs into the main window: one way, declared in this file.

A capability contributes to the window in one of two shapes, and each shape is a class listed
here, by name, with its type:

1. **A participant tab**: a ``ParticipantPage`` subclass (``ui/pages/base.py``) in
   ``PARTICIPANT_PAGES``. The workspace (``ui/workspace.py``) builds one of each for every open
   practice, in ``order``, and tells it who is shown (``set_participant``) and what changed
   (``on_changed``, from the change bus).

2. **A window part**: a class built once with the window, ``Part(window)``, for what belongs to
   the window itself: menu commands, toolbar buttons, a window or dialog of its own, a
   controller (the lock). Each part is a typed field of ``WindowParts``; the window builds them
   all, in field order (the order their commands appear in shared menus), and keeps them as
   ``window.parts``: ``window.parts.printing`` is the ``PrintController``,
   ``window.parts.resources.directory`` the resource directory while it is open.

A part keeps its own state (the dialog it reuses, the controller's timers) on itself and never
sets attributes on the window; parts reach each other through ``window.parts``. In its
``__init__`` a part may use what the window offers for this (``ui/main_window.py``):

- ``window.commands.add(key, text, slot, shortcut=..., icon_name=..., tip=...)`` (the one
  action registry, ``ui/actions.py``), then put the action in ``window.file_menu`` (through
  ``window.add_file_action``), ``window.edit_menu``, ``window.view_menu``,
  ``window.participant_menu``, ``window.help_menu`` or ``window.toolbar``;
- ``window.needs_participant(*actions)`` (greyed out while no participant is open) and
  ``window.needs_practice(*actions)`` (greyed out while no practice is open);
- ``window.practice_opened`` (a signal: a practice file was opened or switched);
- ``window.services`` when its commands run (``None`` until a practice is open).

To add a capability: write its page or its part (a class taking the window), add it to the
list or as a field below, and construct it in ``WindowParts.build``. Nothing registers itself
at import time, and nothing is looked up by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from recoverydesk.ui.claims.part import ClaimsPart
from recoverydesk.ui.dialogs.backup_actions import BackupActions
from recoverydesk.ui.help import HelpPart
from recoverydesk.ui.invoicing import InvoicingPart
from recoverydesk.ui.lock import LockController
from recoverydesk.ui.offline_part import OfflinePart
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.pages.funding import FundingPage
from recoverydesk.ui.pages.goals import GoalsPage
from recoverydesk.ui.pages.network import NetworkPage
from recoverydesk.ui.pages.overview import OverviewPage
from recoverydesk.ui.pages.sessions import SessionsPage
from recoverydesk.ui.pages.star import StarPage
from recoverydesk.ui.pages.story import StoryPage
from recoverydesk.ui.pages.wrap import WrapPage
from recoverydesk.ui.printing import PrintController
from recoverydesk.ui.resources_window import ResourcesPart
from recoverydesk.ui.search import SearchPart
from recoverydesk.ui.server_changes import ServerChanges
from recoverydesk.ui.session_actions import SessionsPart
from recoverydesk.ui.team_part import TeamPart
from recoverydesk.ui.together.part import TogetherPart

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow

PARTICIPANT_PAGES: tuple[type[ParticipantPage], ...] = (
    OverviewPage,
    StarPage,
    GoalsPage,
    SessionsPage,
    WrapPage,
    StoryPage,
    NetworkPage,
    FundingPage,
)


@dataclass(frozen=True)
class WindowParts:
    """The window's parts, one of each, built with the window (see the module docstring)."""

    sessions: SessionsPart  # File > Export schedule, View > Hours, Participant > Write a note
    search: SearchPart  # Edit > Search everything (Ctrl+K)
    resources: ResourcesPart  # View > Resource directory (Ctrl+Shift+D)
    claims: ClaimsPart  # View > Claims (Ctrl+Shift+C): review and claim NDIS lines
    printing: PrintController  # print, export PDF, plan review report, practice details
    invoicing: InvoicingPart  # Participant > Invoice… (Ctrl+Alt+I): plan- and self-managed
    lock: LockController  # File > Lock now, Lock after…, the idle lock
    backups: BackupActions  # File > Back up, restore, passphrase, export, import
    help: HelpPart  # Help > User guide (F1), Keyboard shortcuts (Ctrl+/)
    together: TogetherPart  # Participant > With <name> (Ctrl+Shift+T): sitting together
    team: TeamPart  # Practice > Team… (a team practice only): coaches and assignments
    server_changes: ServerChanges  # a team practice: other coaches' changes shown live
    offline: OfflinePart  # Practice > Take participants offline…, File > Bring back (issue 21)

    @classmethod
    def build(cls, window: MainWindow) -> WindowParts:
        """Build every part once for ``window``, in the order of the fields."""
        return cls(
            sessions=SessionsPart(window),
            search=SearchPart(window),
            resources=ResourcesPart(window),
            claims=ClaimsPart(window),
            printing=PrintController(window),
            invoicing=InvoicingPart(window),
            lock=LockController(window),
            backups=BackupActions(window),
            help=HelpPart(window),
            together=TogetherPart(window),
            team=TeamPart(window),
            server_changes=ServerChanges(window),
            offline=OfflinePart(window),
        )
