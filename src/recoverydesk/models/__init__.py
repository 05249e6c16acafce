"""All models: one import line per model module, so ``Base.metadata`` is the whole schema as soon
as this package is imported. A capability with tables adds its module here (and a migration).

Nothing here is loaded on the GUI thread: the practice (and with it SQLAlchemy and these
classes) opens on the worker while the window is already on screen (``recoverydesk.app``).
"""

from __future__ import annotations

from recoverydesk.models.audit import AuditEvent
from recoverydesk.models.base import Base, TimestampMixin, UTCDateTime, utcnow
from recoverydesk.models.chime import (
    ChimeAgreedStory,
    ChimeProcess,
    ChimeTag,
    ChimeTurningPoint,
    MeasureReading,
    MeasureTemplate,
)
from recoverydesk.models.claims import (
    AgreementItem,
    ClaimBatch,
    ClaimLine,
    ClaimStatus,
    FundingPeriod,
    HolidayList,
    ParticipantFunding,
    PlanBudget,
    PlanManagement,
    PriceItem,
    PriceList,
    PublicHoliday,
    ServiceAgreement,
)
from recoverydesk.models.goals import (
    ActionStep,
    Goal,
    GoalDomain,
    GoalEditDraft,
    GoalStatus,
    GoalStatusChange,
    ProgressNote,
    StepOwner,
)
from recoverydesk.models.invoices import Invoice, InvoiceLine
from recoverydesk.models.offline import (
    OfflineBase,
    OfflineConflictRecord,
    OfflineCopy,
    OfflineHold,
    OfflineReturn,
)
from recoverydesk.models.participant import (
    Contact,
    ContactKind,
    Participant,
    ParticipantStatus,
    Strength,
    StrengthCategory,
    str_enum,
)
from recoverydesk.models.plans import PlanVersion
from recoverydesk.models.resources import (
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    Resource,
    ResourceCategory,
)
from recoverydesk.models.reviews import ReviewDraft
from recoverydesk.models.sessions import (
    CoachingSession,
    FrequencyKind,
    LocationKind,
    SessionFrequency,
    SessionGoal,
    SessionNoteDraft,
    SessionStatus,
)
from recoverydesk.models.settings import PracticeSetting
from recoverydesk.models.star import StarReading, StarScore, StarTemplate, StarTemplateVersion
from recoverydesk.models.team import Coach
from recoverydesk.models.wrap import WrapItem, WrapPlan, WrapSupporter, WrapVersion

__all__ = [
    "ActionStep",
    "AgreementItem",
    "AuditEvent",
    "Base",
    "ChimeAgreedStory",
    "ChimeProcess",
    "ChimeTag",
    "ChimeTurningPoint",
    "ClaimBatch",
    "ClaimLine",
    "ClaimStatus",
    "Coach",
    "CoachingSession",
    "Contact",
    "ContactKind",
    "FrequencyKind",
    "FundingPeriod",
    "Goal",
    "GoalDomain",
    "GoalEditDraft",
    "GoalStatus",
    "GoalStatusChange",
    "HolidayList",
    "Invoice",
    "InvoiceLine",
    "LocationKind",
    "MeasureReading",
    "MeasureTemplate",
    "OfflineBase",
    "OfflineConflictRecord",
    "OfflineCopy",
    "OfflineHold",
    "OfflineReturn",
    "Participant",
    "ParticipantFunding",
    "ParticipantStatus",
    "PlanBudget",
    "PlanManagement",
    "PlanVersion",
    "PracticeSetting",
    "PriceItem",
    "PriceList",
    "ProgressNote",
    "PublicHoliday",
    "Referral",
    "ReferralStatus",
    "ReferralStatusChange",
    "Resource",
    "ResourceCategory",
    "ReviewDraft",
    "ServiceAgreement",
    "SessionFrequency",
    "SessionGoal",
    "SessionNoteDraft",
    "SessionStatus",
    "StarReading",
    "StarScore",
    "StarTemplate",
    "StarTemplateVersion",
    "StepOwner",
    "Strength",
    "StrengthCategory",
    "TimestampMixin",
    "UTCDateTime",
    "WrapItem",
    "WrapPlan",
    "WrapSupporter",
    "WrapVersion",
    "str_enum",
    "utcnow",
]
