"""Referrals of participants to resources in the directory.

A referral's status changes are kept as an append-only history; the referral row holds the
latest status. Every write returns ``Changed``: the referral and
``ChangeSet.of("referral", participant_id=...)`` (the directory's open-referral counts and the
eco-map's services follow from it).
"""

from __future__ import annotations

import datetime as dt

from recoverydesk.models import Participant
from recoverydesk.models.resources import Referral, ReferralStatus, ReferralStatusChange
from recoverydesk.services import audit
from recoverydesk.services.conflicts.service import Editable
from recoverydesk.services.resources.rows import (
    load_referral,
    load_resource,
    referral_dto,
    referrals_of,
)
from recoverydesk.services.resources.types import (
    REFERRAL_LABELS,
    ReferralDraft,
    ReferralDTO,
    referral_problems,
    status_change_problems,
)
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store

# Two coaches may edit one referral's words at once (services/conflicts).
REFERRAL = Editable("referral", REFERRAL_LABELS)


def _changes(participant_id: int) -> ChangeSet:
    return ChangeSet.of("referral", participant_id=participant_id)


class ReferralService:
    def __init__(self, store: Store):
        self._store = store

    # -- reading ------------------------------------------------------------------------
    def of(self, participant_id: int, include_archived: bool = False) -> list[ReferralDTO]:
        """A participant's referrals: open ones first (newest first), then the finished ones."""
        with self._store.read() as s:
            return referrals_of(s, participant_id, include_archived)

    def get(self, referral_id: int) -> ReferralDTO:
        with self._store.read() as s:
            return referral_dto(load_referral(s, referral_id))

    # -- writing ------------------------------------------------------------------------
    def refer(
        self,
        participant_id: int,
        resource_id: int,
        referred_on: dt.date,
        purpose: str = "",
        goal_id: int | None = None,
        status: str = "suggested",
        note: str = "",
    ) -> Changed[ReferralDTO]:
        problems = referral_problems(referred_on, purpose, status)
        if problems:
            raise ValidationError(problems)
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            resource = load_resource(s, resource_id)
            if resource.archived:
                raise ValidationError.single(
                    "resource",
                    f"{resource.name} is archived. Restore it in the directory "
                    "before referring someone to it.",
                )
            referral = Referral(
                participant_id=participant_id,
                resource_id=resource_id,
                goal_id=goal_id,
                referred_on=referred_on,
                purpose=purpose.strip(),
                status=ReferralStatus(status),
                outcome="",
            )
            referral.history.append(
                ReferralStatusChange(
                    status=ReferralStatus(status), changed_on=referred_on, note=note.strip()
                )
            )
            s.add(referral)
            s.flush()
            audit.record(s, "referral.created", "referral", referral.id, participant_id)
            return Changed(referral_dto(load_referral(s, referral.id)), _changes(participant_id))

    def set_status(
        self,
        referral_id: int,
        status: str,
        on: dt.date | None = None,
        note: str = "",
        outcome: str | None = None,
    ) -> Changed[ReferralDTO]:
        """Move a referral on; the change is added to its history (never rewritten)."""
        on = on or dt.date.today()
        problems = status_change_problems(status, on)
        if problems:
            raise ValidationError(problems)
        with self._store.unit_of_work() as s:
            referral = load_referral(s, referral_id)
            problems = status_change_problems(status, on, referral.referred_on)
            if problems:
                raise ValidationError(problems)
            referral.status = ReferralStatus(status)
            referral.history.append(
                ReferralStatusChange(
                    status=ReferralStatus(status), changed_on=on, note=note.strip()
                )
            )
            if outcome is not None:
                referral.outcome = outcome.strip()
            audit.record(
                s, "referral.status", "referral", referral.id, referral.participant_id, status
            )
            s.flush()
            dto = referral_dto(load_referral(s, referral.id))
            return Changed(dto, _changes(dto.participant_id))

    def update(
        self, referral_id: int, purpose: str, outcome: str, goal_id: int | None = None, *,
        base_version: int | None = None, resolution: str = "",
    ) -> Changed[ReferralDTO]:
        """Edit the words of a referral (its history of statuses is not editable). From an
        older ``base_version`` than the stored one it raises EditConflict (nothing written);
        ``resolution``: how the coach answered one (audited)."""
        mine = ReferralDraft(purpose, outcome, goal_id, base_version)

        def save_again(resolved: ReferralDraft, how: str) -> Changed[ReferralDTO]:
            return self.update(referral_id, resolved.purpose, resolved.outcome, resolved.goal_id,
                               base_version=resolved.base_version, resolution=how)

        with (REFERRAL.on_stale(mine, lambda: self.get(referral_id), save_again),
              self._store.unit_of_work() as s):
            referral = load_referral(s, referral_id)
            REFERRAL.check(referral.version, mine, lambda: referral_dto(referral).to_draft(),
                           save_again)
            referral.purpose, referral.outcome = purpose.strip(), outcome.strip()
            referral.goal_id = goal_id
            audit.record(s, "referral.updated", "referral", referral.id, referral.participant_id)
            REFERRAL.audit(s, resolution, referral.id, referral.participant_id,
                           ("purpose", "outcome", "goal_id"))
            s.flush()
            return Changed(referral_dto(referral), _changes(referral.participant_id))

    def set_archived(self, referral_id: int, archived: bool) -> Changed[ReferralDTO]:
        """Hide a referral entered by mistake (kept, and restorable)."""
        with self._store.unit_of_work() as s:
            referral = load_referral(s, referral_id)
            referral.archived = archived
            audit.record(
                s,
                "referral.archived" if archived else "referral.restored",
                "referral",
                referral.id,
                referral.participant_id,
            )
            s.flush()
            return Changed(referral_dto(referral), _changes(referral.participant_id))
