"""The practice's community resource directory: search it, add and edit, archive (never delete:
referrals keep pointing at a resource), mark details as checked, and bring a spreadsheet in or
take it out.

Every write returns ``Changed`` with ``ChangeSet.of("resource")``. Referrals are
``referrals.py``; reading and writing the spreadsheet itself is ``csv_file.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, or_, select

from recoverydesk.models.resources import Referral, ReferralStatus, Resource, ResourceCategory
from recoverydesk.private_files import write_atomic
from recoverydesk.services import audit
from recoverydesk.services.conflicts.service import Editable
from recoverydesk.services.resources.csv_file import read_resources_file, write_csv
from recoverydesk.services.resources.rows import load_resource, resource_dto
from recoverydesk.services.resources.types import (
    CATEGORY_LABELS,
    FIELD_LABELS,
    OPEN_STATUSES,
    ImportResult,
    ResourceDraft,
    ResourceDTO,
    clean_resource,
    resource_problems,
)
from recoverydesk.services.stored_text import fit
from recoverydesk.services.types import NO_PROGRESS, Changed, ChangeSet, Progress
from recoverydesk.store.session import Store

CHANGES = ChangeSet.of("resource")
# Two coaches may edit one resource at once (services/conflicts).
RESOURCE = Editable("resource", FIELD_LABELS, {"category": CATEGORY_LABELS}, resource_problems)
PROGRESS_EVERY = 50  # rows between progress reports while saving an import


def _values(draft: ResourceDraft, today: dt.date | None = None) -> dict:
    values = fit(Resource, clean_resource(draft, today), FIELD_LABELS)  # on either database
    values["category"] = ResourceCategory(values["category"])
    return values


class ResourceService:
    def __init__(self, store: Store):
        self._store = store

    # -- the directory ------------------------------------------------------------------
    def list(
        self, text: str = "", category: str | None = None, include_archived: bool = False
    ) -> list[ResourceDTO]:
        """Search by words (each must appear in the name, what it offers, who it is for, tags,
        address or notes) and filter by category. Sorted by name."""
        stmt = select(Resource)
        if not include_archived:
            stmt = stmt.where(Resource.archived.is_(False))
        if category:
            stmt = stmt.where(Resource.category == ResourceCategory(category))
        for word in text.split():
            like = f"%{word}%"
            stmt = stmt.where(
                or_(
                    Resource.name.ilike(like),
                    Resource.offers.ilike(like),
                    Resource.eligibility.ilike(like),
                    Resource.tags.ilike(like),
                    Resource.address.ilike(like),
                    Resource.notes.ilike(like),
                    Resource.cost.ilike(like),
                )
            )
        with self._store.read() as s:
            rows = s.scalars(stmt).all()
            counts = dict(
                s.execute(
                    select(Referral.resource_id, func.count())
                    .where(
                        Referral.archived.is_(False),
                        Referral.status.in_([ReferralStatus(x) for x in OPEN_STATUSES]),
                    )
                    .group_by(Referral.resource_id)
                ).all()
            )
            out = [resource_dto(r, counts.get(r.id, 0)) for r in rows]
        out.sort(key=lambda r: (r.archived, r.name.casefold(), r.id))
        return out

    def get(self, resource_id: int) -> ResourceDTO:
        with self._store.read() as s:
            return resource_dto(load_resource(s, resource_id))

    def category_counts(self) -> dict[str, int]:
        with self._store.read() as s:
            rows = s.execute(
                select(Resource.category, func.count())
                .where(Resource.archived.is_(False))
                .group_by(Resource.category)
            ).all()
        counts = {k: 0 for k in CATEGORY_LABELS}
        counts.update({c.value: n for c, n in rows})
        return counts

    def create(self, draft: ResourceDraft) -> Changed[ResourceDTO]:
        values = _values(draft)
        with self._store.unit_of_work() as s:
            resource = Resource(**values)
            s.add(resource)
            s.flush()
            audit.record(s, "resource.created", "resource", resource.id)
            s.flush()
            s.refresh(resource)
            return Changed(resource_dto(resource), CHANGES)

    def update(
        self, resource_id: int, draft: ResourceDraft, resolution: str = ""
    ) -> Changed[ResourceDTO]:
        """Save an edited resource; a draft from an older version than the stored one raises
        EditConflict (nothing written); ``resolution``: how the coach answered one (audited)."""
        values = _values(draft)

        def save_again(resolved: ResourceDraft, how: str) -> Changed[ResourceDTO]:
            return self.update(resource_id, resolved, how)

        with (RESOURCE.on_stale(draft, lambda: self.get(resource_id), save_again),
              self._store.unit_of_work() as s):
            resource = load_resource(s, resource_id)
            RESOURCE.check(resource.version, draft, lambda: resource_dto(resource).to_draft(),
                           save_again)
            changed = [k for k, v in values.items() if getattr(resource, k) != v]
            for key in changed:
                setattr(resource, key, values[key])
            if changed:
                audit.record(
                    s, "resource.updated", "resource", resource.id, detail=",".join(changed)
                )
            RESOURCE.audit(s, resolution, resource.id, None, changed)
            s.flush()
            return Changed(resource_dto(resource), CHANGES)

    def set_archived(self, resource_id: int, archived: bool) -> Changed[ResourceDTO]:
        with self._store.unit_of_work() as s:
            resource = load_resource(s, resource_id)
            if resource.archived != archived:
                resource.archived = archived
                audit.record(
                    s,
                    "resource.archived" if archived else "resource.restored",
                    "resource",
                    resource.id,
                )
            s.flush()
            return Changed(resource_dto(resource), CHANGES)

    def mark_checked(self, resource_id: int, on: dt.date | None = None) -> Changed[ResourceDTO]:
        """The coach confirmed the details are still right."""
        with self._store.unit_of_work() as s:
            resource = load_resource(s, resource_id)
            resource.last_checked = on or dt.date.today()
            audit.record(s, "resource.checked", "resource", resource.id)
            s.flush()
            return Changed(resource_dto(resource), CHANGES)

    # -- spreadsheets -------------------------------------------------------------------
    def import_csv(
        self, path: Path | str, progress: Progress = NO_PROGRESS
    ) -> Changed[ImportResult]:
        """Add (or update, matched by name and category) every row of a CSV file or .xlsx
        workbook, or nothing: every row is checked first; any problem raises CsvImportError
        naming line and column. Progress counts the rows checked, then the rows saved; Cancel
        is honoured until the last row is saved (the one transaction is rolled back)."""
        parsed = read_resources_file(Path(path), progress=progress)
        result = self.import_drafts(parsed.drafts, progress=progress)
        return replace(result, value=replace(result.value, notes=parsed.notes))

    def import_drafts(
        self, drafts: list[ResourceDraft], progress: Progress = NO_PROGRESS
    ) -> Changed[ImportResult]:
        values = [_values(d) for d in drafts]  # already checked by parse_resources
        total = 2 * len(values)  # checked, then saved
        added = updated = 0
        with self._store.unit_of_work() as s:
            existing = {
                (r.name.casefold(), r.category): r
                for r in s.scalars(select(Resource).where(Resource.archived.is_(False)))
            }
            for done, row in enumerate(values):
                if done % PROGRESS_EVERY == 0:
                    progress.step(len(values) + done, total, "Saving the resources…")
                current = existing.get((row["name"].casefold(), row["category"]))
                if current is None:
                    resource = Resource(**row)
                    s.add(resource)
                    existing[(row["name"].casefold(), row["category"])] = resource
                    added += 1
                else:
                    for key, value in row.items():
                        setattr(current, key, value)
                    updated += 1
            s.flush()
            progress.step(total, total, "Saving the resources…")  # the last moment to cancel
            audit.record(
                s, "resource.imported", "resource", None, detail=f"added={added},updated={updated}"
            )
        return Changed(ImportResult(added, updated), CHANGES)

    def export_csv(self, path: Path | str, include_archived: bool = False) -> int:
        rows = self.list(include_archived=include_archived)
        write_atomic(Path(path), write_csv(rows))
        return len(rows)
