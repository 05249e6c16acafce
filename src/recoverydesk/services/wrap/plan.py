"""Reading a participant's WRAP from the store (a session is passed in): the plan row, the
whole plan as a ``WrapDTO``, and the look-ups the writes share."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from recoverydesk.models import Participant
from recoverydesk.models.wrap import WrapItem, WrapPlan, WrapSupporter, WrapVersion
from recoverydesk.services.network.rows import to_dto as contact_dto
from recoverydesk.services.types import ChangeSet, NotFoundError
from recoverydesk.services.wrap.types import (
    NOT_WANTED,
    SECTIONS,
    SUPPORTERS,
    PartDTO,
    SectionDTO,
    SupporterDTO,
    WrapDTO,
    WrapItemDTO,
)


def changes(participant_id: int) -> ChangeSet:
    """What every WRAP write changes: this participant's plan."""
    return ChangeSet.of("wrap", participant_id=participant_id)


def load_plan(s: Session, participant_id: int) -> WrapPlan | None:
    return s.scalars(
        select(WrapPlan)
        .where(WrapPlan.participant_id == participant_id)
        .options(
            selectinload(WrapPlan.items),
            selectinload(WrapPlan.supporters).selectinload(WrapSupporter.contact),
        )
    ).one_or_none()


def participant(s: Session, participant_id: int) -> Participant:
    p = s.get(Participant, participant_id)
    if p is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    return p


def ensure_plan(s: Session, participant_id: int) -> WrapPlan:
    participant(s, participant_id)
    plan = s.scalars(select(WrapPlan).where(WrapPlan.participant_id == participant_id)).first()
    if plan is None:
        plan = WrapPlan(participant_id=participant_id)
        s.add(plan)
        s.flush()
    return plan


def item_dto(item: WrapItem) -> WrapItemDTO:
    return WrapItemDTO(item.id, item.part, item.position, item.text, item.version)


def supporter_dto(row: WrapSupporter, today: dt.date) -> SupporterDTO:
    c = row.contact
    if c is None:
        return SupporterDTO(row.id, None, row.wanted, row.name, "", "", row.note, row.position)
    cd = contact_dto(c, today)
    return SupporterDTO(
        id=row.id,
        contact_id=c.id,
        wanted=row.wanted,
        name=c.name,
        role=cd.role,
        phone=c.phone,
        note=row.note,
        position=row.position,
        consent_expired=cd.consent_expired,
        contact_archived=c.archived,
    )


def build(s: Session, participant_id: int, today: dt.date) -> WrapDTO:
    """The whole WRAP of one participant, every section and part in order."""
    p = participant(s, participant_id)
    plan = load_plan(s, participant_id)
    items: dict[str, list[WrapItemDTO]] = {}
    people: dict[bool, list[SupporterDTO]] = {True: [], False: []}
    versions = 0
    if plan is not None:
        for it in sorted(plan.items, key=lambda i: (i.part, i.position, i.id)):
            items.setdefault(it.part, []).append(item_dto(it))
        for row in sorted(plan.supporters, key=lambda r: (r.position, r.id)):
            people[bool(row.wanted)].append(supporter_dto(row, today))
        versions = (
            s.scalar(
                select(func.count())
                .select_from(WrapVersion)
                .where(WrapVersion.participant_id == participant_id)
            )
            or 0
        )
    sections = []
    for sd in SECTIONS:
        parts = []
        for pd in sd.parts:
            if pd.key == SUPPORTERS:
                parts.append(PartDTO(pd.key, pd.title, pd.prompt, people=tuple(people[True])))
            elif pd.key == NOT_WANTED:
                parts.append(PartDTO(pd.key, pd.title, pd.prompt, people=tuple(people[False])))
            else:
                parts.append(PartDTO(pd.key, pd.title, pd.prompt, tuple(items.get(pd.key, ()))))
        sections.append(SectionDTO(sd.key, sd.title, sd.intro, tuple(parts)))
    return WrapDTO(
        participant_id=participant_id,
        preferred_name=p.preferred_name or p.given_name,
        sections=tuple(sections),
        last_reviewed=plan.last_reviewed if plan else None,
        next_review=plan.next_review if plan else None,
        version_count=versions,
    )
