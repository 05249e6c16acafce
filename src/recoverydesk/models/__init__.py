"""All models, imported so that ``Base.metadata`` is complete. Each capability adds its module."""

from recoverydesk.models.audit import AuditEvent
from recoverydesk.models.base import Base, utcnow
from recoverydesk.models.goals import ActionStep as ActionStep
from recoverydesk.models.goals import Goal as Goal
from recoverydesk.models.goals import GoalDomain as GoalDomain
from recoverydesk.models.goals import GoalEditDraft as GoalEditDraft
from recoverydesk.models.goals import GoalStatus as GoalStatus
from recoverydesk.models.goals import GoalStatusChange as GoalStatusChange
from recoverydesk.models.goals import ProgressNote as ProgressNote
from recoverydesk.models.goals import StepOwner as StepOwner
from recoverydesk.models.participant import (
    Contact,
    ContactKind,
    Participant,
    ParticipantStatus,
    Strength,
    StrengthCategory,
)
from recoverydesk.models.plans import PlanVersion as PlanVersion
from recoverydesk.models.resources import Referral as Referral
from recoverydesk.models.resources import ReferralStatus as ReferralStatus
from recoverydesk.models.resources import ReferralStatusChange as ReferralStatusChange
from recoverydesk.models.resources import Resource as Resource
from recoverydesk.models.resources import ResourceCategory as ResourceCategory
from recoverydesk.models.reviews import ReviewDraft as ReviewDraft
from recoverydesk.models.sessions import CoachingSession as CoachingSession
from recoverydesk.models.sessions import SessionFrequency as SessionFrequency
from recoverydesk.models.sessions import SessionGoal as SessionGoal
from recoverydesk.models.sessions import SessionNoteDraft as SessionNoteDraft
from recoverydesk.models.settings import PracticeSetting as PracticeSetting
from recoverydesk.models.star import StarReading as StarReading
from recoverydesk.models.star import StarScore as StarScore
from recoverydesk.models.star import StarTemplate as StarTemplate
from recoverydesk.models.star import StarTemplateVersion as StarTemplateVersion
from recoverydesk.models.wrap import WrapItem as WrapItem
from recoverydesk.models.wrap import WrapPlan as WrapPlan
from recoverydesk.models.wrap import WrapSupporter as WrapSupporter
from recoverydesk.models.wrap import WrapVersion as WrapVersion

__all__ = [
    "AuditEvent",
    "Base",
    "Contact",
    "ContactKind",
    "Participant",
    "ParticipantStatus",
    "Strength",
    "StrengthCategory",
    "utcnow",
]
