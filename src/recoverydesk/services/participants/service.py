"""Participants and their strengths over the store: list, find, create, edit, archive and
restore. Every write returns ``Changed``: the DTO and what it changed. The DTOs, the drafts and
the rules the form checks live in ``types``."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Row, Select, bindparam, func, select, text
from sqlalchemy.orm import Session, selectinload

from recoverydesk.models import Participant, ParticipantStatus, Strength, StrengthCategory
from recoverydesk.services import audit
from recoverydesk.services.conflicts.service import Editable, on_stale
from recoverydesk.services.core_read import core_rows
from recoverydesk.services.participants import name_match, ndis_goals
from recoverydesk.services.participants.caseload import caseload
from recoverydesk.services.participants.types import (
    FIELD_LABELS,
    STATUS_LABELS,
    STRENGTH_CATEGORY_LABELS,
    STRENGTH_FIELD_LABELS,
    ParticipantDraft,
    ParticipantDTO,
    ParticipantRow,
    StrengthDraft,
    StrengthDTO,
    check_draft,
    check_strength,
    clean_draft,
    clean_strength,
)
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import (
    AmbiguousError,
    Changed,
    ChangeSet,
    NotFoundError,
    ValidationError,
)
from recoverydesk.store.session import Store

# Kept importable from here for the other capabilities' services and the tests; the window
# imports them from ``participants.types``.

# Whose it is stays unsaid: on a team practice the coach may not see that participant.
NDIS_TAKEN = "This NDIS number already belongs to a participant in the practice."

# Two coaches may edit one participant at once (services/conflicts).
PARTICIPANT = Editable("participant", FIELD_LABELS, {"status": STATUS_LABELS}, check_draft)
STRENGTH = Editable("strength", STRENGTH_FIELD_LABELS, {"category": STRENGTH_CATEGORY_LABELS},
                    lambda draft: check_strength(draft.category, draft.text))


def _changes(participant_id: int, *entities: str) -> ChangeSet:
    return ChangeSet.of(*(entities or ("participant",)), participant_id=participant_id)


def _to_dto(p: Participant | Row, strengths: tuple[StrengthDTO, ...] | None = None
            ) -> ParticipantDTO:
    """``p``: the participant, or its row with ``strengths`` (else read from ``p.strengths``)."""
    return ParticipantDTO(
        id=p.id,
        given_name=p.given_name,
        family_name=p.family_name,
        preferred_name=p.preferred_name,
        pronouns=p.pronouns,
        date_of_birth=p.date_of_birth,
        phone=p.phone,
        email=p.email,
        address=p.address,
        ndis_number=p.ndis_number or "",
        plan_start=p.plan_start,
        plan_end=p.plan_end,
        status=p.status.value,
        about=p.about,
        archived=p.archived,
        created_at=p.created_at,
        updated_at=p.updated_at,
        strengths=tuple(_strength_dto(s) for s in p.strengths) if strengths is None
        else strengths,
        version=p.version,
    )


_PARTICIPANT_COLUMNS = [getattr(Participant, c.key) for c in Participant.__table__.c]


@cache
def _participant_with_strengths() -> Select:
    """The participant (``participant_id``) with each of their strengths, in the strengths'
    own order (the relationship's), once with None when they have none: built once."""
    return (
        select(*_PARTICIPANT_COLUMNS, Strength.id.label("strength_id"),
               Strength.category.label("strength_category"),
               Strength.text.label("strength_text"), Strength.version.label("strength_version"))
        .outerjoin(Strength, Strength.participant_id == Participant.id)
        .where(Participant.id == bindparam("participant_id"))
        .order_by(Strength.position, Strength.id)
    )


class ParticipantService:
    def __init__(self, store: Store):
        self._store = store

    # -- reading ------------------------------------------------------------------------
    def list(
        self, text: str = "", status: str | None = None, include_archived: bool = False
    ) -> list[ParticipantRow]:
        # One caseload query, the one start-up reads before the models load (caseload.py).
        return caseload(self._store, text, ParticipantStatus(status).value if status else None,
                        include_archived)

    def get(self, participant_id: int) -> ParticipantDTO:
        # Rows, not a mapped object with its strengths loaded: every participant switch reads
        # this (the header, the Overview and "With <name>" share it). One statement: the
        # participant once per strength (once with None without any).
        with self._store.read() as s:
            rows = core_rows(s, _participant_with_strengths(),
                                          {"participant_id": participant_id}).all()
            if not rows:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            strengths = tuple(StrengthDTO(r.strength_id, r.strength_category.value,
                                          r.strength_text, r.strength_version)
                              for r in rows if r.strength_id is not None)
            return _to_dto(rows[0], strengths)

    def resolve(self, ref: str) -> ParticipantDTO:
        """Find a participant by id or by an unambiguous (part of a) name, for the CLI."""
        ref = ref.strip()
        if ref.isdigit():
            return self.get(int(ref))
        matches = self.list(ref, include_archived=True)
        wanted = name_match.fold(" ".join(ref.split()))
        exact = [m for m in matches
                 if wanted in (name_match.fold(m.display_name), name_match.fold(m.full_name))]
        if len(exact) == 1 or len(matches) == 1:
            return self.get((exact or matches)[0].id)
        if not matches:
            raise NotFoundError(f"No participant matches “{ref}”.")
        names = ", ".join(m.display_name for m in matches[:5])
        raise AmbiguousError(f"“{ref}” matches more than one participant ({names}); use the id.")

    def count(self) -> dict[str, int]:
        with self._store.read() as s:
            rows = s.execute(
                select(Participant.status, func.count())
                .where(Participant.archived.is_(False))
                .group_by(Participant.status)
            ).all()
        counts = {k: 0 for k in STATUS_LABELS}
        counts.update({status.value: n for status, n in rows})
        return counts

    # -- writing ------------------------------------------------------------------------
    def create(self, draft: ParticipantDraft) -> Changed[ParticipantDTO]:
        values = _for_model(clean_draft(draft))
        with self._store.unit_of_work() as s:
            self._check_unique_ndis(s, values["ndis_number"], None)
            p = Participant(**values)
            s.add(p)
            s.flush()
            audit.record(s, "participant.created", "participant", p.id, p.id)
            s.flush()
            s.refresh(p)
            return Changed(_to_dto(p), _changes(p.id))

    def update(
        self, participant_id: int, draft: ParticipantDraft, resolution: str = ""
    ) -> Changed[ParticipantDTO]:
        """Save the edited participant. A draft that started from an older version than the
        stored one raises EditConflict (nothing written); ``resolution`` says how the coach
        answered one (services/conflicts), and is audited."""
        values = _for_model(clean_draft(draft))

        def save_again(resolved: ParticipantDraft, how: str) -> Changed[ParticipantDTO]:
            return self.update(participant_id, resolved, how)

        with (on_stale(lambda: self._conflict_now(participant_id, draft, save_again)),
              self._store.unit_of_work() as s):
            p = _load(s, participant_id)
            PARTICIPANT.check(p.version, draft, lambda: _to_dto(p).to_draft(), save_again)
            self._check_unique_ndis(s, values["ndis_number"], participant_id)
            changed = [k for k, v in values.items() if getattr(p, k) != v]
            for key in changed:
                setattr(p, key, values[key])
            if changed:
                audit.record(s, "participant.updated", "participant", p.id, p.id,
                             ",".join(changed))
            PARTICIPANT.audit(s, resolution, p.id, p.id, changed)
            s.flush()
            return Changed(_to_dto(p), _changes(p.id))

    def set_archived(self, participant_id: int, archived: bool) -> Changed[ParticipantDTO]:
        """Archive (hide from the caseload, keep every record) or restore a participant."""
        with self._store.unit_of_work() as s:
            p = _load(s, participant_id)
            if p.archived != archived:
                p.archived = archived
                action = "participant.archived" if archived else "participant.restored"
                audit.record(s, action, "participant", p.id, p.id)
            s.flush()
            return Changed(_to_dto(p), _changes(p.id))

    def archive(self, participant_id: int) -> Changed[ParticipantDTO]:
        return self.set_archived(participant_id, True)

    def restore(self, participant_id: int) -> Changed[ParticipantDTO]:
        return self.set_archived(participant_id, False)

    # -- strengths ----------------------------------------------------------------------
    def add_strength(self, participant_id: int, category: str, text: str) -> Changed[StrengthDTO]:
        kind, text = clean_strength(category, text)
        with self._store.unit_of_work() as s:
            p = _load(s, participant_id)
            position = max((x.position for x in p.strengths), default=-1) + 1
            strength = Strength(category=StrengthCategory(kind), text=text, position=position)
            p.strengths.append(strength)
            s.flush()
            audit.record(s, "strength.added", "strength", strength.id, participant_id)
            return Changed(_strength_dto(strength), _changes(participant_id, "strength"))

    def update_strength(
        self, strength_id: int, category: str, text: str, *, base_version: int | None = None,
        resolution: str = "",
    ) -> Changed[StrengthDTO]:
        """Save an edited strength; from an older ``base_version`` than the stored one it
        raises EditConflict (nothing written); ``resolution``: how the coach answered one."""
        kind, text = clean_strength(category, text)
        mine = StrengthDraft(category, text, base_version)

        def save_again(resolved: StrengthDraft, how: str) -> Changed[StrengthDTO]:
            return self.update_strength(strength_id, resolved.category, resolved.text,
                                        base_version=resolved.base_version, resolution=how)

        with (STRENGTH.on_stale(mine, lambda: self.strength(strength_id), save_again),
              self._store.unit_of_work() as s):
            strength = _load_strength(s, strength_id)
            STRENGTH.check(strength.version, mine, lambda: _strength_dto(strength).to_draft(),
                           save_again)
            strength.category, strength.text = StrengthCategory(kind), text
            audit.record(s, "strength.updated", "strength", strength.id, strength.participant_id)
            STRENGTH.audit(s, resolution, strength.id, strength.participant_id, ("category",
                                                                                   "text"))
            s.flush()
            return Changed(_strength_dto(strength), _changes(strength.participant_id, "strength"))

    def strength(self, strength_id: int) -> StrengthDTO:
        """One strength as stored now."""
        with self._store.read() as s:
            return _strength_dto(_load_strength(s, strength_id))

    def remove_strength(self, strength_id: int) -> Changed[StrengthDTO]:
        """Remove a strength; the returned DTO lets the caller offer Undo (add it back)."""
        with self._store.unit_of_work() as s:
            strength = s.get(Strength, strength_id)
            if strength is None:
                raise NotFoundError("That strength no longer exists.")
            dto = StrengthDTO(strength.id, strength.category.value, strength.text)
            participant_id = strength.participant_id
            audit.record(s, "strength.removed", "strength", strength.id, participant_id)
            s.delete(strength)
            return Changed(dto, _changes(participant_id, "strength"))

    def ndis_goals(self, participant_id: int) -> list[ndis_goals.NdisGoalDTO]:
        """The goals of the participant's NDIS plan, in the plan's words and order."""
        with self._store.read() as s:
            return ndis_goals.plan_goals(s, participant_id)

    def set_ndis_goals(
        self, participant_id: int, texts: list[str]
    ) -> Changed[list[ndis_goals.NdisGoalDTO]]:
        """Replace the plan goals (one a line); coaching goals linked to a removed one unlink."""
        with self._store.unit_of_work() as s:
            _load(s, participant_id)
            out = ndis_goals.set_plan_goals(s, participant_id, texts)
            audit.record(s, "participant.ndis_goals", "participant", participant_id, participant_id)
            return Changed(out, _changes(participant_id, "participant", "ndis_goal", "goal"))

    def audit_trail(self, participant_id: int) -> list[audit.AuditEntry]:
        with self._store.read() as s:
            return audit.entries_for(s, participant_id)

    def _conflict_now(self, participant_id: int, draft: ParticipantDraft, save_again):
        """The conflict with the participant as stored now (after a write the version counter
        refused: the other coach's save landed between this save's read and its write)."""
        now = self.get(participant_id)
        return PARTICIPANT.conflict(draft, now.to_draft(), now.version, save_again,
                                    even_if_same=True)

    @staticmethod
    def _check_unique_ndis(s: Session, ndis: str | None, own_id: int | None) -> None:
        """Refuse an NDIS number another participant has, in plain words. On a team practice a
        coach sees only their own participants, so the server answers (revision 0020's
        ``recoverydesk_ndis_taken``: yes or no, never whose) under a lock on the number held
        until this transaction ends, so two coaches adding the same number take turns."""
        if not ndis:
            return
        if s.get_bind().dialect.name == "postgresql":
            if s.scalar(text("SELECT recoverydesk_ndis_taken(:ndis, :own)"),
                        {"ndis": ndis, "own": own_id}):
                raise ValidationError.single("ndis_number", NDIS_TAKEN)
            return
        other = s.scalar(select(Participant.id).where(Participant.ndis_number == ndis))
        if other is not None and other != own_id:
            raise ValidationError.single("ndis_number", NDIS_TAKEN)


def _for_model(values: dict) -> dict:
    """The cleaned form values as the model takes them (the status as its enum, the text fit to
    store on either database: stored_text.py)."""
    return {**fit(Participant, values, FIELD_LABELS), "status": ParticipantStatus(values["status"])}


def _strength_dto(s: Strength) -> StrengthDTO:
    return StrengthDTO(s.id, s.category.value, s.text, s.version)


def _load_strength(s: Session, strength_id: int) -> Strength:
    strength = s.get(Strength, strength_id)
    if strength is None:
        raise NotFoundError("That strength no longer exists.")
    return strength


def _load(s: Session, participant_id: int) -> Participant:
    p = s.scalar(
        select(Participant)
        .where(Participant.id == participant_id)
        .options(selectinload(Participant.strengths))
    )
    if p is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    return p
