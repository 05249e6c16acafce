"""Reading a participant's WRAP from the store (a session is passed in): the plan row, the
whole plan as a ``WrapDTO``, and the look-ups the writes share."""

from __future__ import annotations

import datetime as dt
from functools import cache, partial

from sqlalchemy import Select, bindparam, func, select, union_all
from sqlalchemy.orm import Session, selectinload

from recoverydesk.models import Contact, Participant
from recoverydesk.models.wrap import WrapItem, WrapPlan, WrapSupporter, WrapVersion
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.network.rows import CONTACT_COLUMNS
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
    return _supporter(row, row.contact, today)


def build(s: Session, participant_id: int, today: dt.date) -> WrapDTO:
    """The whole WRAP of one participant, every section and part in order."""
    return read_wrap(s, participant_id, today)[0]


def wrap_reads(participant_id: int) -> list[Read]:
    """What ``read_wrap`` reads, every statement keyed by the participant alone, so that all
    can be named ahead."""
    return [of_participant(query, participant_id)
            for query in (_participant_and_plan, _items, _supporters, _contacts)]


def read_wrap(
    s: Session, participant_id: int, today: dt.date
) -> tuple[WrapDTO, list[tuple[int, str, str]]]:
    """The whole WRAP, and the network contacts on neither list of people (id, name, role, by
    name: ``candidate_contacts``), read as rows with the people's contacts in one query."""
    # Run as Core (core_rows flushes first, as the ORM would: a review reads the plan inside
    # its unit of work, as does an agreed plan's snapshot).
    run = partial(core_rows, s)
    who = {"participant_id": participant_id}
    called = run(_participant_and_plan(), who).first()
    if called is None:
        raise NotFoundError(f"There is no participant with id {participant_id}.")
    plan = called if called.plan_id is not None else None
    items: dict[str, list[WrapItemDTO]] = {}
    people: dict[bool, list[SupporterDTO]] = {True: [], False: []}
    supporters: list = []
    if plan is not None:
        for it in sorted(run(_items(), who).all(), key=lambda i: (i.part, i.position, i.id)):
            items.setdefault(it.part, []).append(item_dto(it))
        supporters = sorted(run(_supporters(), who).all(), key=lambda r: (r.position, r.id))
    picked = {row.contact_id for row in supporters if row.contact_id is not None}
    # the participant's network and anyone on the lists, by name
    contacts = run(_contacts(), who).all()
    by_id = {c.id: c for c in contacts}
    for row in supporters:
        people[bool(row.wanted)].append(_supporter(row, by_id.get(row.contact_id), today))
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
    wrap = WrapDTO(
        participant_id=participant_id,
        preferred_name=called.preferred_name or called.given_name,
        sections=tuple(sections),
        last_reviewed=plan.last_reviewed if plan else None,
        next_review=plan.next_review if plan else None,
        version_count=plan.versions if plan else 0,
    )
    candidates = [(c.id, c.name, contact_dto(c).role) for c in contacts
                  if c.participant_id == participant_id and not c.archived and c.id not in picked]
    return wrap, candidates


@cache
def _participant_and_plan() -> Select:
    """The participant's (``participant_id``) names, with their plan's id (``plan_id``, None:
    no plan yet), review dates and the number of ``versions`` kept."""
    versions = (select(func.count()).select_from(WrapVersion)
                .where(WrapVersion.participant_id == Participant.id).scalar_subquery())
    return (select(Participant.preferred_name, Participant.given_name,
                   WrapPlan.id.label("plan_id"), WrapPlan.last_reviewed, WrapPlan.next_review,
                   versions.label("versions"))
            .outerjoin(WrapPlan, WrapPlan.participant_id == Participant.id)
            .where(Participant.id == bindparam("participant_id")))


@cache
def _items() -> Select:
    """The items of the participant's (``participant_id``) plan: the columns ``item_dto``
    reads."""
    return (select(WrapItem.id, WrapItem.part, WrapItem.position, WrapItem.text,
                   WrapItem.version)
            .join(WrapPlan, WrapPlan.id == WrapItem.plan_id)
            .where(WrapPlan.participant_id == bindparam("participant_id")))


@cache
def _supporters() -> Select:
    """The people of the participant's (``participant_id``) plan: their columns but when the
    row was written."""
    return (select(*[c for c in WrapSupporter.__table__.c
                     if c.key not in ("created_at", "updated_at")])
            .join(WrapPlan, WrapPlan.id == WrapSupporter.plan_id)
            .where(WrapPlan.participant_id == bindparam("participant_id")))


@cache
def _contacts() -> Select:
    """The contacts of the participant's network (``participant_id``) and those on their
    plan's lists of people, by name: the columns a ContactDTO shows."""
    # Two parts rather than one OR: with the OR, PostgreSQL read every contact a coach can see
    # (1,880 on the team practice) to keep the participant's six.
    pid = bindparam("participant_id")
    on_the_lists = (select(WrapSupporter.contact_id)
                    .join(WrapPlan, WrapPlan.id == WrapSupporter.plan_id)
                    .where(WrapPlan.participant_id == pid))
    theirs = select(*CONTACT_COLUMNS).where(Contact.participant_id == pid)
    others = select(*CONTACT_COLUMNS).where(Contact.id.in_(on_the_lists),
                                            Contact.participant_id != pid)
    both = union_all(theirs, others).subquery()
    return select(both).order_by(both.c.name, both.c.id)


def _supporter(row, c, today: dt.date) -> SupporterDTO:
    """``supporter_dto`` of a supporter's row and its contact's row (None: typed in)."""
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
