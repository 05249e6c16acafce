"""Plain data the reports are drawn from: frozen dataclasses, no database, no Qt.

``services/printing.py`` fills these from the services; tests build them by hand. Every text is
already in the words it prints in (labels, not enum keys); dates are ``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # story_data imports PracticeInfo from here
    from recoverydesk.reports.story_data import StoryPdfData


@dataclass(frozen=True)
class PracticeInfo:
    name: str = ""
    coach_name: str = ""
    abn: str = ""
    phone: str = ""
    email: str = ""

    @property
    def author(self) -> str:
        return self.name or self.coach_name or "RecoveryDesk"


@dataclass(frozen=True)
class StrengthData:
    category: str  # "Skills and talents"
    text: str


@dataclass(frozen=True)
class StepData:
    text: str
    who: str = ""
    due: dt.date | None = None
    done_on: dt.date | None = None


@dataclass(frozen=True)
class StatusEventData:
    on: dt.date
    status: str  # "Achieved"
    reason: str = ""


@dataclass(frozen=True)
class NoteData:
    on: dt.date
    text: str


@dataclass(frozen=True)
class GoalData:
    title: str  # in the participant's own words
    status: str = "Active"
    status_key: str = "active"  # active, paused, reframed, achieved, let_go
    why_it_matters: str = ""
    specific: str = ""
    achievable: str = ""  # SMART's A: the strengths, people and supports that will help
    measure: str = ""
    target_date: dt.date | None = None
    domains: tuple[str, ...] = ()
    steps: tuple[StepData, ...] = ()
    history: tuple[StatusEventData, ...] = ()
    progress_notes: tuple[NoteData, ...] = ()
    sessions_worked: int = 0  # sessions in the period that worked on this goal


@dataclass(frozen=True)
class DomainChange:
    label: str
    first: float | None
    latest: float | None
    # Journey of Change stage names of those scores ("" when unscored or no stages).
    first_stage: str = ""
    latest_stage: str = ""
    note: str = ""  # what was said about this area at the latest reading

    @property
    def change(self) -> float | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest - self.first


@dataclass(frozen=True)
class StarSummary:
    template_name: str
    first_date: dt.date | None
    latest_date: dt.date | None
    readings: int
    domains: tuple[DomainChange, ...] = ()
    radar_png: bytes | None = None
    trend_png: bytes | None = None
    # Set when the first reading (the baseline) was taken before the report's period: the
    # last reading on or before its start, so distance travelled is measured from where the
    # person stood when the period began.
    baseline_before_period: bool = False
    # Each chosen reading's own note, oldest first: (date, note), notes only where written.
    reading_notes: tuple[tuple[dt.date, str], ...] = ()


@dataclass(frozen=True)
class SupporterData:
    name: str
    role: str = ""
    phone: str = ""
    note: str = ""
    emergency: bool = False
    # Set when the participant's consent to share with this person has run out: every
    # printed place that names them says so (the "flagged wherever they appear").
    consent_expired_on: dt.date | None = None
    # In the review's links: "informal", "community" or "mainstream" (services/support_links).
    link: str = ""


@dataclass(frozen=True)
class ServiceData:
    name: str
    category: str = ""
    phone: str = ""
    purpose: str = ""
    status: str = ""


@dataclass(frozen=True)
class WrapPart:
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class WrapSection:
    title: str
    parts: tuple[WrapPart, ...]


@dataclass(frozen=True)
class CrisisLine:
    name: str
    phone: str


DEFAULT_CRISIS_LINES = (
    CrisisLine("Emergency (police, ambulance, fire)", "000"),
    CrisisLine("Lifeline, any time", "13 11 14"),
    CrisisLine("Suicide Call Back Service", "1300 659 467"),
)


@dataclass(frozen=True)
class CrisisCardData:
    preferred_name: str
    supporters: tuple[SupporterData, ...] = ()
    not_involved: tuple[str, ...] = ()
    warning_signs: tuple[str, ...] = ()
    what_helps: tuple[str, ...] = ()
    what_to_avoid: tuple[str, ...] = ()
    medications: tuple[str, ...] = ()
    preferred_facilities: tuple[str, ...] = ()
    unwanted_facilities: tuple[str, ...] = ()
    crisis_lines: tuple[CrisisLine, ...] = DEFAULT_CRISIS_LINES
    updated_on: dt.date | None = None


@dataclass(frozen=True)
class PlanPackData:
    practice: PracticeInfo
    preferred_name: str
    full_name: str
    agreed_on: dt.date
    next_review: dt.date | None = None
    version_number: int | None = None
    strengths: tuple[StrengthData, ...] = ()
    goals: tuple[GoalData, ...] = ()
    star: StarSummary | None = None
    supporters: tuple[SupporterData, ...] = ()
    services: tuple[ServiceData, ...] = ()
    wrap: tuple[WrapSection, ...] = ()
    crisis_card: CrisisCardData | None = None
    # the support network as an eco-map picture (a tuple of them when drawn in parts)
    ecomap_png: bytes | tuple[bytes, ...] | None = None


@dataclass(frozen=True)
class MonthSupport:
    month: dt.date
    sessions: int
    hours: float
    face_to_face_hours: float
    other_hours: float


@dataclass(frozen=True)
class SupportsData:
    sessions: int = 0
    hours: float = 0.0
    face_to_face_hours: float = 0.0
    other_hours: float = 0.0
    cancelled: int = 0
    no_show: int = 0
    travel_km: float = 0.0
    travel_minutes: int = 0
    by_month: tuple[MonthSupport, ...] = ()
    tools: tuple[tuple[str, int], ...] = ()  # ("Recovery Star", 4)
    places: tuple[tuple[str, int], ...] = ()  # ("Café", 12)


@dataclass(frozen=True)
class ReferralData:
    name: str
    category: str
    referred_on: dt.date
    purpose: str = ""
    status: str = ""
    outcome: str = ""
    goal_title: str = ""
    kind: str = "community"  # "community" or "mainstream"


@dataclass(frozen=True)
class GoalResultData:
    """A coaching goal as a planner reads it: the NDIS plan goal it serves, its SMART target and
    the latest measured result (its latest progress note in the period)."""

    title: str
    ndis_goal: str = ""  # "" when not linked to a plan goal
    target: str = ""  # the measure and target ("3 walks a week")
    result: str = ""  # the latest progress note ("2 walks most weeks")
    result_on: dt.date | None = None


@dataclass(frozen=True)
class FundingPeriodData:
    starts_on: dt.date
    ends_on: dt.date
    released_cents: int
    rolled_over_cents: int
    claimed_cents: int
    unclaimed_cents: int  # delivered, not yet claimed
    booked_cents: int
    left_cents: int


@dataclass(frozen=True)
class FundingData:
    """NDIS funding for recovery coaching in the plan (issue 19, reports/review_funding.py)."""

    plan_start: dt.date
    plan_end: dt.date
    amount_cents: int
    used_cents: int  # claimed and delivered
    hours_used_centi: int  # hourly supports delivered in the plan, in hundredths
    hourly_rate_cents: int | None = None  # the weekday daytime rate (agreed, else the limit)
    management: str = ""
    periods: tuple[FundingPeriodData, ...] = ()
    deadline_warning: str = ""
    chart_png: bytes | None = None


@dataclass(frozen=True)
class ReviewReportData:
    practice: PracticeInfo
    full_name: str
    preferred_name: str
    period_start: dt.date
    period_end: dt.date
    prepared_on: dt.date
    ndis_number: str = ""
    date_of_birth: dt.date | None = None
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    supports: SupportsData = field(default_factory=SupportsData)
    goals: tuple[GoalData, ...] = ()
    star: StarSummary | None = None
    informal_supports: tuple[SupporterData, ...] = ()
    # Services and professionals in the network (the GP, the support coordinator...), each
    # marked community or mainstream as the eco-map groups them.
    formal_supports: tuple[SupporterData, ...] = ()
    referrals: tuple[ReferralData, ...] = ()
    ecomap_png: bytes | tuple[bytes, ...] | None = None  # a tuple: the map drawn in parts
    summary: str = ""
    barriers_strategies: str = ""
    risks: str = ""
    recommendations: str = ""
    draft: bool = False
    # What a planner looks for (issue 17 item 12): the participant's own view, where coach and
    # participant see things differently, the NDIS plan's goals and each coaching goal against
    # them, the WRAP and crisis plan status, and whether risks were assessed at all.
    participant_view: str = ""
    different_views: str = ""
    ndis_goals: tuple[str, ...] = ()
    goal_results: tuple[GoalResultData, ...] = ()
    wrap_status: str = ""
    risks_assessed: str = "not_assessed"  # not_assessed, none_identified, see_below
    funding: FundingData | None = None  # only when the participant has a plan budget
    # Their latest agreed Recovery story, when the coach attaches it (reports/story.py).
    recovery_story: StoryPdfData | None = None
