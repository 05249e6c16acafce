"""The WRAP's items: the participant's own words, an ordered list in each part. Added, changed,
removed (with what undo needs), copied from one part to another, and put in order through the
one reorder helper (``services/ordering.py``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models.wrap import WrapItem, WrapSupporter
from recoverydesk.services import audit
from recoverydesk.services.conflicts.service import Editable
from recoverydesk.services.ordering import in_order, move_to, put_in_order, renumber
from recoverydesk.services.stored_text import without_nul
from recoverydesk.services.types import Changed, NotFoundError, ValidationError
from recoverydesk.services.wrap.plan import changes, ensure_plan, item_dto
from recoverydesk.services.wrap.types import (
    FIELD_LABELS,
    ITEM_PARTS,
    PARTS,
    SUPPORTERS,
    WrapItemDraft,
    WrapItemDTO,
    check_item_text,
    check_part,
)
from recoverydesk.store.session import Store

# Two coaches may edit one item at once (services/conflicts).
WRAP_ITEM = Editable("wrap_item", FIELD_LABELS, {}, lambda draft: check_item_text(draft.text),
                     noun="WRAP item")


def clean_text(text: str, field_name: str = "text") -> str:
    problems = check_item_text(text, field_name)
    if problems:
        raise ValidationError(problems)
    return " ".join(without_nul(text).split())  # NUL: stored_text.py


def require_part(part: str, allowed: frozenset[str] = ITEM_PARTS) -> None:
    problems = check_part(part, allowed)
    if problems:
        raise ValidationError(problems)


def _part_rows(s: Session, plan_id: int, part: str) -> list[WrapItem]:
    return list(s.scalars(select(WrapItem).where(WrapItem.plan_id == plan_id,
                                                 WrapItem.part == part)))


def _item(s: Session, item_id: int) -> WrapItem:
    item = s.get(WrapItem, item_id)
    if item is None:
        raise NotFoundError("That WRAP item no longer exists.")
    return item


class WrapItems:
    """The item use cases of ``WrapService``."""

    _store: Store

    def add_item(
        self, participant_id: int, part: str, text: str, position: int | None = None
    ) -> Changed[WrapItemDTO]:
        require_part(part)
        text = clean_text(text)
        with self._store.unit_of_work() as s:
            plan = ensure_plan(s, participant_id)
            rows = in_order(_part_rows(s, plan.id, part))
            item = WrapItem(plan_id=plan.id, part=part, text=text, position=len(rows))
            s.add(item)
            s.flush()
            if position is not None and position < len(rows):
                rows.insert(max(0, position), item)
                renumber(rows)
            audit.record(s, "wrap.item_added", "wrap_item", item.id, participant_id, part)
            s.flush()
            return Changed(item_dto(item), changes(participant_id))

    def copy_part(self, participant_id: int, from_part: str, to_part: str) -> Changed[int]:
        """Append the items of one part to another, skipping any already there (for example
        "What I'm like when I'm well" from the Daily Maintenance Plan to the Crisis Plan).
        The value is how many were copied."""
        require_part(from_part)
        require_part(to_part)
        with self._store.unit_of_work() as s:
            plan = ensure_plan(s, participant_id)
            rows = in_order(list(s.scalars(select(WrapItem).where(
                WrapItem.plan_id == plan.id, WrapItem.part.in_([from_part, to_part])))))
            have = {r.text.casefold() for r in rows if r.part == to_part}
            position = len(have)
            copied = 0
            for r in rows:
                if r.part == from_part and r.text.casefold() not in have:
                    s.add(WrapItem(plan_id=plan.id, part=to_part, text=r.text, position=position))
                    have.add(r.text.casefold())
                    position += 1
                    copied += 1
            audit.record(s, "wrap.part_copied", "wrap_plan", plan.id, participant_id, to_part)
            return Changed(copied, changes(participant_id))

    def update_item(
        self, item_id: int, text: str, *, base_version: int | None = None, resolution: str = ""
    ) -> Changed[WrapItemDTO]:
        """Change an item's words; from an older ``base_version`` than the stored one it raises
        EditConflict (nothing written); ``resolution``: how the coach answered one (audited)."""
        mine = WrapItemDraft(text, base_version)
        text = clean_text(text)

        def save_again(resolved: WrapItemDraft, how: str) -> Changed[WrapItemDTO]:
            return self.update_item(item_id, resolved.text, base_version=resolved.base_version,
                                    resolution=how)

        with (WRAP_ITEM.on_stale(mine, lambda: self.item(item_id), save_again),
              self._store.unit_of_work() as s):
            item = _item(s, item_id)
            WRAP_ITEM.check(item.version, mine, lambda: item_dto(item).to_draft(), save_again)
            item.text = text
            pid = item.plan.participant_id
            audit.record(s, "wrap.item_changed", "wrap_item", item.id, pid, item.part)
            WRAP_ITEM.audit(s, resolution, item.id, pid, ("text",))
            s.flush()
            return Changed(item_dto(item), changes(pid))

    def item(self, item_id: int) -> WrapItemDTO:
        """One item as stored now."""
        with self._store.read() as s:
            return item_dto(_item(s, item_id))

    def remove_item(self, item_id: int) -> Changed[WrapItemDTO]:
        """Remove one item; the value has what the caller needs to put it back (undo)."""
        with self._store.unit_of_work() as s:
            item = _item(s, item_id)
            dto = item_dto(item)
            plan_id, pid = item.plan_id, item.plan.participant_id
            s.delete(item)
            s.flush()
            renumber(in_order(_part_rows(s, plan_id, dto.part)))
            audit.record(s, "wrap.item_removed", "wrap_item", dto.id, pid, dto.part)
            return Changed(dto, changes(pid))

    def move_item(self, item_id: int, index: int) -> Changed[None]:
        """Move an item to ``index`` within its part (clamped to the ends)."""
        with self._store.unit_of_work() as s:
            item = _item(s, item_id)
            move_to(_part_rows(s, item.plan_id, item.part), item_id, index)
            return Changed(None, changes(item.plan.participant_id))

    def reorder(self, participant_id: int, part: str, ids: list[int]) -> Changed[None]:
        """Put a part's items (or people) in the given order, for example after a drag."""
        require_part(part, frozenset(PARTS))
        with self._store.unit_of_work() as s:
            plan = ensure_plan(s, participant_id)
            if part in ITEM_PARTS:
                rows: list = _part_rows(s, plan.id, part)
            else:
                rows = list(s.scalars(select(WrapSupporter).where(
                    WrapSupporter.plan_id == plan.id,
                    WrapSupporter.wanted.is_(part == SUPPORTERS))))
            put_in_order(rows, ids, field="order")
            return Changed(None, changes(participant_id))
