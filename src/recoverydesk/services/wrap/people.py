"""The crisis plan's people: supporters picked from the support network (linked by id, so a new
phone number shows through everywhere) and people not to involve (a contact or a typed name).
A contact is on one list only, so someone marked "not wanted" can never appear as a supporter.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recoverydesk.models import Contact
from recoverydesk.models.wrap import WrapPlan, WrapSupporter
from recoverydesk.services import audit
from recoverydesk.services.network.rows import to_dto as contact_dto
from recoverydesk.services.ordering import in_order, move_to, renumber
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import Changed, NotFoundError, ValidationError
from recoverydesk.services.wrap.plan import changes, ensure_plan, supporter_dto
from recoverydesk.services.wrap.types import FIELD_LABELS, SupporterDTO, same_name
from recoverydesk.store.session import Store


def _contact_named(s: Session, participant_id: int, name: str) -> int | None:
    """The participant's (unarchived) contact with exactly this name, if there is one."""
    rows = s.execute(
        select(Contact.id, Contact.name).where(
            Contact.participant_id == participant_id, Contact.archived.is_(False)
        )
    ).all()
    return next((cid for cid, cname in rows if same_name(cname, name)), None)


def _typed_not_wanted(s: Session, plan_id: int, name: str) -> bool:
    """Whether ``name`` was typed in (not picked) as someone not to involve."""
    typed = s.scalars(
        select(WrapSupporter.name).where(
            WrapSupporter.plan_id == plan_id,
            WrapSupporter.wanted.is_(False),
            WrapSupporter.contact_id.is_(None),
        )
    ).all()
    return any(same_name(t, name) for t in typed)


def _on_other_list(name: str, wanted: bool) -> str:
    if wanted:
        return (f"{name} is on the list of people not to involve, so they can't also be a "
                "supporter. Remove them from that list first if this has changed.")
    return (f"{name} is listed as a supporter. Remove them from the supporters first if they "
            "should not be involved.")


def _check_contact(s: Session, plan_id: int, participant_id: int, contact_id: int,
                   wanted: bool) -> None:
    """The one-list-per-contact rule, for a contact about to join a list."""
    contact = s.get(Contact, contact_id)
    if contact is None or contact.participant_id != participant_id:
        raise ValidationError.single(
            "contact", "That person is not in this participant's support network."
        )
    existing = s.scalars(
        select(WrapSupporter).where(
            WrapSupporter.plan_id == plan_id, WrapSupporter.contact_id == contact_id
        )
    ).first()
    if existing is not None:
        if bool(existing.wanted) != wanted:
            raise ValidationError.single("contact", _on_other_list(contact.name, wanted))
        raise ValidationError.single("contact", f"{contact.name} is already on this list.")
    if wanted and _typed_not_wanted(s, plan_id, contact.name):
        raise ValidationError.single("contact", _on_other_list(contact.name, wanted))


def _person(s: Session, supporter_id: int) -> WrapSupporter:
    row = s.get(WrapSupporter, supporter_id)
    if row is None:
        raise NotFoundError("That person is no longer on the crisis plan.")
    return row


def _list_rows(s: Session, plan_id: int, wanted: bool) -> list[WrapSupporter]:
    return list(s.scalars(select(WrapSupporter).where(
        WrapSupporter.plan_id == plan_id, WrapSupporter.wanted.is_(wanted))))


class WrapPeople:
    """The crisis plan's people, use cases of ``WrapService``."""

    _store: Store

    def candidate_contacts(self, participant_id: int) -> list[tuple[int, str, str]]:
        """Network contacts not yet on either list: (id, name, role), by name."""
        with self._store.read() as s:
            used = set(s.scalars(  # the ids only, not the whole plan
                select(WrapSupporter.contact_id)
                .join(WrapPlan, WrapSupporter.plan_id == WrapPlan.id)
                .where(WrapPlan.participant_id == participant_id)
            ))
            rows = s.scalars(
                select(Contact)
                .where(Contact.participant_id == participant_id, Contact.archived.is_(False))
                .order_by(Contact.name, Contact.id)
            ).all()
            return [(c.id, c.name, contact_dto(c).role) for c in rows if c.id not in used]

    def add_supporter(self, participant_id: int, contact_id: int,
                      note: str = "") -> Changed[SupporterDTO]:
        return self._add_person(participant_id, contact_id, "", note, wanted=True)

    def add_not_wanted(
        self, participant_id: int, contact_id: int | None = None, name: str = "", note: str = ""
    ) -> Changed[SupporterDTO]:
        return self._add_person(participant_id, contact_id, name, note, wanted=False)

    def _add_person(
        self, participant_id: int, contact_id: int | None, name: str, note: str, wanted: bool
    ) -> Changed[SupporterDTO]:
        kept = fit(WrapSupporter, {"note": " ".join((note or "").split()),
                                   "name": " ".join((name or "").split())}, FIELD_LABELS)
        note, name = kept["note"], kept["name"]  # as stored on either database (stored_text)
        with self._store.unit_of_work() as s:
            plan = ensure_plan(s, participant_id)
            if contact_id is None:
                if wanted:
                    raise ValidationError.single(
                        "contact", "Please pick a supporter from the support network."
                    )
                if not name:
                    raise ValidationError.single("name", "Please give a name.")
                # A typed name that is someone in the network means that contact, so the
                # one-list-per-contact rule holds for them too.
                contact_id = _contact_named(s, participant_id, name)
            if contact_id is not None:
                _check_contact(s, plan.id, participant_id, contact_id, wanted)
                name = ""
            count = s.scalar(
                select(func.count())
                .select_from(WrapSupporter)
                .where(WrapSupporter.plan_id == plan.id, WrapSupporter.wanted.is_(wanted))
            ) or 0
            row = WrapSupporter(plan_id=plan.id, contact_id=contact_id, wanted=wanted,
                                name=name, note=note, position=count)
            s.add(row)
            s.flush()
            audit.record(
                s,
                "wrap.supporter_added" if wanted else "wrap.not_wanted_added",
                "wrap_supporter",
                row.id,
                participant_id,
            )
            s.refresh(row)
            return Changed(supporter_dto(row, dt.date.today()), changes(participant_id))

    def update_person_note(self, supporter_id: int, note: str) -> Changed[None]:
        with self._store.unit_of_work() as s:
            row = _person(s, supporter_id)
            row.note = " ".join((note or "").split())
            return Changed(None, changes(row.plan.participant_id))

    def remove_person(self, supporter_id: int) -> Changed[SupporterDTO]:
        """Take someone off their list; the value has what undo needs to put them back."""
        with self._store.unit_of_work() as s:
            row = _person(s, supporter_id)
            dto = supporter_dto(row, dt.date.today())
            plan_id, wanted, pid = row.plan_id, row.wanted, row.plan.participant_id
            s.delete(row)
            s.flush()
            renumber(in_order(_list_rows(s, plan_id, wanted)))
            audit.record(s, "wrap.person_removed", "wrap_supporter", supporter_id, pid)
            return Changed(dto, changes(pid))

    def move_person(self, supporter_id: int, index: int) -> Changed[None]:
        with self._store.unit_of_work() as s:
            row = _person(s, supporter_id)
            move_to(_list_rows(s, row.plan_id, row.wanted), supporter_id, index)
            return Changed(None, changes(row.plan.participant_id))
