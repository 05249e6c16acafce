"""The coach's use cases in plain Python. ``Services(store)`` is what the UI and CLI receive."""

from __future__ import annotations

from recoverydesk.services.changes import ChangeSet
from recoverydesk.services.errors import NotFoundError, ServiceError, ValidationError
from recoverydesk.services.overview import OverviewService
from recoverydesk.services.participants import ParticipantService
from recoverydesk.store import Store


class Services:
    """Every service over one open practice. Capabilities add their service here."""

    def __init__(self, store: Store):
        self.store = store
        self.participants = ParticipantService(store)
        self.overview = OverviewService(store)
        from recoverydesk.services.network import NetworkService
        from recoverydesk.services.resources import ResourceService

        self.network = NetworkService(store)
        self.resources = ResourceService(store)
        from recoverydesk.services.calendar import CalendarService
        from recoverydesk.services.rhythm import RhythmService
        from recoverydesk.services.sessions import SessionService

        self.sessions = SessionService(store)
        self.rhythm = RhythmService(store)
        self.calendar = CalendarService(store)
        from recoverydesk.services.search import SearchService

        self.search = SearchService(store)
        from recoverydesk.services.wrap import WrapService

        self.wrap = WrapService(store)
        from recoverydesk.services.goals import GoalService
        from recoverydesk.services.plans import PlanService

        self.goals = GoalService(store)
        self.plans = PlanService(store)

        from recoverydesk.services.printing import PrintingService
        from recoverydesk.services.reviews import ReviewService
        from recoverydesk.services.settings import SettingsService

        self.settings = SettingsService(store)
        self.reviews = ReviewService(store)
        self.printing = PrintingService(store, self)
        from recoverydesk.services.star import StarService

        self.star = StarService(store)

    @property
    def practice_path(self):
        return self.store.path

    def close(self) -> None:
        self.store.close()


__all__ = ["ChangeSet", "NotFoundError", "ServiceError", "Services", "ValidationError"]
