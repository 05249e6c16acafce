"""The coach's use cases in plain Python. ``Services(store)`` is what the UI and CLI receive."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from recoverydesk.services.types import ChangeSet, NotFoundError, ServiceError, ValidationError

if TYPE_CHECKING:
    from recoverydesk.services.claims.service import ClaimsService
    from recoverydesk.services.goals.service import GoalService
    from recoverydesk.services.network.service import NetworkService
    from recoverydesk.services.overview import OverviewService
    from recoverydesk.services.participants.service import ParticipantService
    from recoverydesk.services.plans.service import PlanService
    from recoverydesk.services.practice.service import PracticeService, Reopen
    from recoverydesk.services.printing.service import PrintingService
    from recoverydesk.services.resources.referrals import ReferralService
    from recoverydesk.services.resources.service import ResourceService
    from recoverydesk.services.reviews.service import ReviewService
    from recoverydesk.services.search.service import SearchService
    from recoverydesk.services.sessions.calendar import CalendarService
    from recoverydesk.services.sessions.rhythm import RhythmService
    from recoverydesk.services.sessions.service import SessionService
    from recoverydesk.services.settings.service import SettingsService
    from recoverydesk.services.star.service import StarService
    from recoverydesk.services.wrap.service import WrapService
    from recoverydesk.store import Store


class Services:
    """Every service over one open practice. Capabilities add their service here.

    Each service (and the modules behind it) is built on first use, so importing this package
    is cheap and showing the caseload never waits for the Recovery Star, WRAP or printing code.
    The store stays private: the window reaches the practice file (its path, lock, backups,
    passphrase) through ``services.practice``.
    """

    def __init__(self, store: Store, reopen: Reopen | None = None):
        self._store = store
        self._reopen = reopen  # set by the practice's opening: see PracticeService
        # The store's troubles (locked, busy, a full disk, damage) reach the caller as the
        # practice capability's ServiceErrors. (Imported here: the store is loaded by now.)
        from recoverydesk.services.practice.errors import translate

        store.translate = translate

    @cached_property
    def practice(self) -> PracticeService:
        """The open practice itself: its file, lock, backups, passphrase, export and import."""
        from recoverydesk.services.practice.service import PracticeService

        return PracticeService(self._store, self, self._reopen)

    @cached_property
    def participants(self) -> ParticipantService:
        from recoverydesk.services.participants.service import ParticipantService

        return ParticipantService(self._store)

    @cached_property
    def overview(self) -> OverviewService:
        from recoverydesk.services.overview import OverviewService

        return OverviewService(self._store)

    @cached_property
    def network(self) -> NetworkService:
        from recoverydesk.services.network.service import NetworkService

        return NetworkService(self._store)

    @cached_property
    def resources(self) -> ResourceService:
        from recoverydesk.services.resources.service import ResourceService

        return ResourceService(self._store)

    @cached_property
    def referrals(self) -> ReferralService:
        from recoverydesk.services.resources.referrals import ReferralService

        return ReferralService(self._store)

    @cached_property
    def sessions(self) -> SessionService:
        from recoverydesk.services.sessions.service import SessionService

        return SessionService(self._store)

    @cached_property
    def rhythm(self) -> RhythmService:
        from recoverydesk.services.sessions.rhythm import RhythmService

        return RhythmService(self._store)

    @cached_property
    def calendar(self) -> CalendarService:
        from recoverydesk.services.sessions.calendar import CalendarService

        return CalendarService(self._store)

    @cached_property
    def search(self) -> SearchService:
        from recoverydesk.services.search.service import SearchService

        return SearchService(self._store)

    @cached_property
    def wrap(self) -> WrapService:
        from recoverydesk.services.wrap.service import WrapService

        return WrapService(self._store)

    @cached_property
    def goals(self) -> GoalService:
        from recoverydesk.services.goals.service import GoalService

        return GoalService(self._store)

    @cached_property
    def plans(self) -> PlanService:
        from recoverydesk.services.plans.service import PlanService

        return PlanService(self._store)

    @cached_property
    def settings(self) -> SettingsService:
        from recoverydesk.services.settings.service import SettingsService

        return SettingsService(self._store)

    @cached_property
    def reviews(self) -> ReviewService:
        from recoverydesk.services.reviews.service import ReviewService

        return ReviewService(self._store)

    @cached_property
    def printing(self) -> PrintingService:
        from recoverydesk.services.printing.service import PrintingService

        return PrintingService(self._store, self)

    @cached_property
    def star(self) -> StarService:
        from recoverydesk.services.star.service import StarService

        return StarService(self._store)

    @cached_property
    def claims(self) -> ClaimsService:
        """NDIS funding and claims: agreements, funding, claim lines, the bulk claim file."""
        from recoverydesk.services.claims.service import ClaimsService

        return ClaimsService(self._store)

    def close(self) -> None:
        self._store.close()


__all__ = ["ChangeSet", "NotFoundError", "ServiceError", "Services", "ValidationError"]
