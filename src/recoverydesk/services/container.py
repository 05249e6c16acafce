"""``Services``: every capability's use cases over one open practice, built by the composition
root (``app.py`` for the window, ``commands/`` for the command line) and handed on. The window
receives the object and names its type only under TYPE_CHECKING; it never imports this module.

The services are imported plainly: a practice is opened on the worker thread, so these imports
(the models and every service, about half a second) are paid there, never while the window
waits; at start-up the window shows the caseload before this module is imported
(``services/practice/holding.py``, ``participants/caseload.py``). Two imports wait for first
use: printing (reportlab, about 120 ms, below) and the JSON export and import
(``practice/service.py``: pydantic, 12 MB).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from recoverydesk.services.chime.service import ChimeService
from recoverydesk.services.claims.invoicing import InvoicingService
from recoverydesk.services.claims.service import ClaimsService
from recoverydesk.services.goals.service import GoalService
from recoverydesk.services.network.service import NetworkService
from recoverydesk.services.offline.service import OfflineService
from recoverydesk.services.overview import OverviewService
from recoverydesk.services.participants.service import ParticipantService
from recoverydesk.services.plans.service import PlanService
from recoverydesk.services.practice.errors import translate
from recoverydesk.services.practice.service import PracticeService
from recoverydesk.services.resources.referrals import ReferralService
from recoverydesk.services.resources.service import ResourceService
from recoverydesk.services.reviews.service import ReviewService
from recoverydesk.services.search.service import SearchService
from recoverydesk.services.sessions.calendar import CalendarService
from recoverydesk.services.sessions.rhythm import RhythmService
from recoverydesk.services.sessions.service import SessionService
from recoverydesk.services.settings.service import SettingsService
from recoverydesk.services.star.service import StarService
from recoverydesk.services.team.service import TeamService
from recoverydesk.services.together.service import TogetherService
from recoverydesk.services.wrap.service import WrapService
from recoverydesk.store.session import Store

if TYPE_CHECKING:
    from recoverydesk.services.practice.service import Reopen
    from recoverydesk.services.printing.service import PrintingService


class Services:
    """Every service over one open practice; a new capability adds its service here.

    The store stays private: the window reaches the practice file (its path, lock, backups,
    passphrase) through ``services.practice``.
    """

    def __init__(self, store: Store, reopen: Reopen | None = None):
        self._store = store
        # The store's troubles (locked, busy, a full disk, damage) reach every caller as the
        # practice capability's ServiceErrors, in plain words.
        store.translate = translate
        self.practice = PracticeService(store, self, reopen)
        self.participants = ParticipantService(store)
        self.overview = OverviewService(store)
        self.network = NetworkService(store)
        self.resources = ResourceService(store)
        self.referrals = ReferralService(store)
        self.sessions = SessionService(store)
        self.rhythm = RhythmService(store)
        self.calendar = CalendarService(store)
        self.search = SearchService(store)
        self.wrap = WrapService(store)
        self.goals = GoalService(store)
        self.plans = PlanService(store)
        self.settings = SettingsService(store)
        self.reviews = ReviewService(store)
        self.star = StarService(store)
        self.claims = ClaimsService(store)
        self.invoices = InvoicingService(store)
        self.chime = ChimeService(store)
        self.together = TogetherService(store, self.practice)
        self.team = TeamService(store)
        self.offline = OfflineService(store, close=self.close)  # (its copy: the lock too)

    @cached_property
    def printing(self) -> PrintingService:
        # Built on first print: it brings reportlab (about 120 ms), which opening a practice
        # should not wait for (benchmarks/startup.py measures the caseload's arrival).
        from recoverydesk.services.printing.service import PrintingService

        return PrintingService(self._store, self)

    def close(self) -> None:
        self._store.close()
