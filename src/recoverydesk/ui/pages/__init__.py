"""The registry of participant tabs. A capability adds its page class to PARTICIPANT_PAGES."""

from __future__ import annotations

from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.pages.goals import GoalsPage
from recoverydesk.ui.pages.network import NetworkPage
from recoverydesk.ui.pages.overview import OverviewPage
from recoverydesk.ui.pages.sessions import SessionsPage
from recoverydesk.ui.pages.star import StarPage
from recoverydesk.ui.pages.wrap import WrapPage

PARTICIPANT_PAGES: list[type[ParticipantPage]] = [
    OverviewPage,
    StarPage,
    GoalsPage,
    SessionsPage,
    WrapPage,
    NetworkPage,
]

__all__ = ["PARTICIPANT_PAGES", "OverviewPage", "ParticipantPage"]
