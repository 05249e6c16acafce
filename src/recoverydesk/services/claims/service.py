"""ClaimsService (services.claims): claim lines drawn from sessions, never typed twice; edited
with a reason kept; written into the bulk payment request file as a batch; marked claimed (the
database keeps a line from being claimed twice); rejected with the portal's reason and reopened.
Every write returns Changed. The practice details, agreements and reference data are in
setup.py, funding in funding.py."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from recoverydesk.models import ClaimBatch, ClaimLine, ClaimStatus, utcnow
from recoverydesk.services import audit
from recoverydesk.services.claims import bulk_file, glance, reference, rows
from recoverydesk.services.claims.funding import FundingBook, funding_reads, summaries
from recoverydesk.services.claims.invoicing import live_invoiced
from recoverydesk.services.claims.lines import HeldBackError, LineDraft, lines_for
from recoverydesk.services.claims.setup import (
    REFERENCE_CHANGED,
    ClaimSetup,
    agreements_of,
    agreements_read,
    funding_setup_read,
    read_details,
    read_funding,
)
from recoverydesk.services.claims.types import (
    BulkWritten,
    ClaimLineRow,
    Derived,
    FundingTabDTO,
    HeldBack,
    LineEdit,
    check_line_edit,
    format_centi,
    line_amount,
)
from recoverydesk.services.core_read import read_ahead
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError

LINES_CHANGED = "claim_line"


def _changes(*participant_ids: int) -> ChangeSet:
    return ChangeSet(frozenset({LINES_CHANGED, "claim_batch"}), frozenset(participant_ids))


class ClaimsService(ClaimSetup, FundingBook):
    # -- reading -------------------------------------------------------------------------------

    def funding_tab(self, participant_id: int, today: dt.date | None = None) -> FundingTabDTO:
        """The Funding tab's four reads in one (setup, agreements, item names, funding)."""
        with self._store.read() as s:
            read_ahead(s, [funding_setup_read(participant_id), agreements_read(participant_id),
                           *rows.DeriveContext.reads(), *funding_reads(participant_id)])
            setup, agreements = read_funding(s, participant_id), agreements_of(s, participant_id)
            # the price book, set-up and agreements read once for the tab and its funding
            context = rows.DeriveContext.read(s).knowing(participant_id, setup, agreements)
            return FundingTabDTO(setup, agreements, context.book.names(),
                                 summaries(s, participant_id, today or dt.date.today(), context))

    def lines(self, start: dt.date, end: dt.date, participant_id: int | None = None,
              statuses: tuple[str, ...] = ()) -> list[ClaimLineRow]:
        with self._store.read() as s:
            return rows.line_rows(s, start, end, participant_id, statuses)

    def line(self, line_id: int) -> ClaimLineRow:
        with self._store.read() as s:
            return rows.line_row(s, line_id)

    def nearing_deadline(self, today: dt.date) -> list[ClaimLineRow]:
        """Anyone's lines not yet claimed whose support is over 21 months old (the two-year
        deadline is near or past), oldest first."""
        waiting = self.lines(dt.date(1900, 1, 1), today, None, ("ready", "rejected"))
        return sorted((r for r in waiting if glance.nearing_deadline(r.support_date, today)),
                      key=lambda r: r.support_date)

    def item_names(self) -> dict[str, str]:
        """Support item number -> its plain name, from the loaded price lists."""
        return self.price_book().names()

    # -- deriving ------------------------------------------------------------------------------

    def derive(self, start: dt.date, end: dt.date,
               participant_id: int | None = None) -> Changed[Derived]:
        """Draw claim lines from the sessions in the period (refreshing what is not yet claimed
        or edited by hand). Claimed, rejected and edited lines are left as they are."""
        with self._store.unit_of_work() as s:
            loaded = reference.ensure_shipped(s)  # a first claim: the shipped lists
            result, touched = _derive(s, start, end, participant_id)
        changes = _changes(*touched) if touched else ChangeSet()
        return Changed(result, changes | REFERENCE_CHANGED if loaded else changes)

    # -- editing -------------------------------------------------------------------------------

    def edit_line(self, line_id: int, edit: LineEdit) -> Changed[ClaimLineRow]:
        quantity, price = check_line_edit(edit)
        with self._store.unit_of_work() as s:
            row = _line(s, line_id)
            if row.status == ClaimStatus.CLAIMED:
                raise ValidationError.single("reason", "A claimed line can't be changed.")
            if on_invoice := live_invoiced(s, [row.id]):
                raise ValidationError.single("reason", f"This line is on invoice "
                                             f"{on_invoice[row.id]}; void it to change the line.")
            if row.status == ClaimStatus.READY and row.batch_id is not None:
                # The portal may have it as written: changing it here would part the two.
                raise ValidationError.single(
                    "reason", "This line is in a claim file already written. Mark that batch "
                              "claimed, or set the file aside (not uploaded) and change it.")
            before = _describe(row)
            row.support_number, row.claim_type = edit.support_number, edit.claim_type
            row.cancellation_reason = edit.cancellation_reason
            row.quantity_centi, row.unit_price_cents = quantity, price
            row.edit_reason = edit.reason.strip()
            audit.record(s, "claims.line_edited", "claim_line", row.id, row.participant_id,
                         f"{before} -> {_describe(row)}: {row.edit_reason}")
            s.flush()
            result = rows.line_row(s, row.id)
        return Changed(result, _changes(result.participant_id))

    def reject_line(self, line_id: int, portal_reason: str) -> Changed[ClaimLineRow]:
        """The portal rejected a claimed line: keep its reason."""
        if not portal_reason.strip():
            raise ValidationError.single("reason", "Copy the portal's reason for the rejection.")
        with self._store.unit_of_work() as s:
            row = _line(s, line_id)
            if row.status != ClaimStatus.CLAIMED:
                raise ValidationError.single("reason", "Only a claimed line can be rejected.")
            row.status, row.rejection_reason = ClaimStatus.REJECTED, portal_reason.strip()
            audit.record(s, "claims.line_rejected", "claim_line", row.id, row.participant_id,
                         row.rejection_reason)
            s.flush()
            result = rows.line_row(s, row.id)
        return Changed(result, _changes(result.participant_id))

    def reopen_line(self, line_id: int) -> Changed[ClaimLineRow]:
        """A rejected line, ready to be corrected and claimed again (its reason stays)."""
        with self._store.unit_of_work() as s:
            row = _line(s, line_id)
            if row.status != ClaimStatus.REJECTED:
                raise ValidationError.single("reason", "Only a rejected line can be reopened.")
            row.status, row.batch_id, row.claimed_at = ClaimStatus.READY, None, None
            audit.record(s, "claims.line_reopened", "claim_line", row.id, row.participant_id)
            s.flush()
            result = rows.line_row(s, row.id)
        return Changed(result, _changes(result.participant_id))

    # -- the bulk file and batches -----------------------------------------------------------

    def write_bulk_file(self, start: dt.date, end: dt.date, out: Path,
                        today: dt.date | None = None) -> Changed[BulkWritten]:
        """Check every ready line of NDIA-managed participants (and of those whose plan
        management is not recorded yet) in the period, then write the file(s) and record them
        as a batch. Raises BulkFileError naming every problem; then nothing is written."""
        today = today or dt.date.today()
        with self._store.unit_of_work() as s:
            details = read_details(s)
            book = reference.price_book(s)
            ready = [r for r in rows.line_rows(s, start, end, None, ("ready",))
                     if r.management in ("ndia", "")]
            invoiced = live_invoiced(s, [r.id for r in ready])  # claimed by invoice already
            ready = [r for r in ready if r.id not in invoiced]
            paths = bulk_file.write_bulk(Path(out), ready, details, today, book.limit)
            batch = ClaimBatch(period_from=start, period_to=end,
                               file_names=",".join(p.name for p in paths))
            s.add(batch)
            s.flush()
            for line in s.scalars(select(ClaimLine).where(ClaimLine.id.in_([r.id for r in ready]))):
                line.batch_id = batch.id
            total = sum(r.amount_cents for r in ready)
            audit.record(s, "claims.bulk_file_written", "claim_batch", batch.id, None,
                         f"{len(ready)} lines, ${format_centi(total)}")
            written = BulkWritten(batch.id, tuple(str(p) for p in paths), len(ready), total)
        return Changed(written, _changes(*{r.participant_id for r in ready}))

    def mark_batch_claimed(self, batch_id: int) -> Changed[int]:
        """The batch was uploaded: its ready lines become claimed, for good. A line whose
        session was claimed already is refused by the database, and nothing changes."""
        with self._store.unit_of_work() as s:
            batch = s.get(ClaimBatch, batch_id)
            if batch is None:
                raise NotFoundError("That claim batch is no longer in the practice.")
            lines = list(s.scalars(select(ClaimLine).where(
                ClaimLine.batch_id == batch_id, ClaimLine.status == ClaimStatus.READY)))
            if not lines:
                raise ValidationError.single("batch", "Nothing in that batch is waiting to be "
                                                      "marked claimed.")
            now = utcnow()
            for line in lines:
                line.status, line.claimed_at = ClaimStatus.CLAIMED, now
            batch.claimed_at = now
            try:
                s.flush()
            except IntegrityError as err:
                raise ValidationError.single(
                    "batch", "A line in that batch was claimed before; nothing was marked "
                             "claimed. Refresh the lines and write the file again.") from err
            audit.record(s, "claims.batch_claimed", "claim_batch", batch_id, None,
                         f"{len(lines)} lines")
            touched = {line.participant_id for line in lines}
        return Changed(len(lines), _changes(*touched))

    def set_aside_batch(self, batch_id: int) -> Changed[int]:
        """A written file that was not uploaded: its lines are free again (to change, or to
        write into a new file) and the batch is gone. A claimed batch stays."""
        with self._store.unit_of_work() as s:
            batch = s.get(ClaimBatch, batch_id)
            if batch is None:
                raise NotFoundError("That claim batch is no longer in the practice.")
            if batch.claimed_at is not None:
                raise ValidationError.single("batch", "That batch was claimed; it stays.")
            lines = list(s.scalars(select(ClaimLine).where(ClaimLine.batch_id == batch_id)))
            for line in lines:
                line.batch_id = None
            s.flush()
            s.delete(batch)
            audit.record(s, "claims.batch_set_aside", "claim_batch", batch_id, None,
                         f"{len(lines)} lines")
            touched = {line.participant_id for line in lines}
        return Changed(len(lines), _changes(*touched))

    def batches(self) -> list[tuple[int, dt.date, dt.date, str, dt.datetime | None]]:
        with self._store.read() as s:
            return [(b.id, b.period_from, b.period_to, b.file_names, b.claimed_at)
                    for b in s.scalars(select(ClaimBatch).order_by(ClaimBatch.id.desc()))]


def _line(s: Session, line_id: int) -> ClaimLine:
    row = s.get(ClaimLine, line_id)
    if row is None:
        raise NotFoundError("That claim line is no longer in the practice.")
    return row


def _describe(row: ClaimLine) -> str:
    kind = row.claim_type or "direct"
    reason = f" {row.cancellation_reason}" if row.cancellation_reason else ""
    return (f"{row.support_number} {kind}{reason} {format_centi(row.quantity_centi)} x "
            f"${format_centi(row.unit_price_cents)} = "
            f"${format_centi(line_amount(row.quantity_centi, row.unit_price_cents))}")


def _derive(s: Session, start: dt.date, end: dt.date,
            participant_id: int | None) -> tuple[Derived, set[int]]:
    context = rows.DeriveContext.read(s)
    sessions = rows.sessions_in(s, start, end, participant_id, context.place_zone)
    existing: dict[str, list[ClaimLine]] = defaultdict(list)
    ids = [f.id for f in sessions]
    invoiced = live_invoiced(s)  # on a live invoice: left as invoiced, like a claimed line
    for line in s.scalars(select(ClaimLine).where(ClaimLine.session_id.in_(ids))):
        existing[line.source_key].append(line)
    invoiced_keys = {line.source_key for lines in existing.values() for line in lines
                     if line.id in invoiced}
    added = updated = removed = 0
    held: list[HeldBack] = []
    touched: set[int] = set()
    for facts in sessions:
        place = context.place(s, facts.participant_id)
        terms = context.terms(s, facts.participant_id, facts, place)
        try:
            drafts = lines_for(facts, terms, place, context.book)
        except HeldBackError as err:
            drafts = err.lines
            day = facts.starts_at.astimezone(place.zone).date()
            held.append(HeldBack(facts.id, facts.participant_id, day, err.reason))
        wanted = {d.source_key: d for d in drafts}
        mine = [k for k in existing if k.startswith(f"s{facts.id}:")]
        for key, draft in wanted.items():
            if key in invoiced_keys:
                continue
            change = _put(s, facts, draft, existing.get(key, []))
            added += change == "added"
            updated += change == "updated"
            if change:
                touched.add(facts.participant_id)
        for key in mine:
            if key in wanted:
                continue
            for line in existing[key]:
                if (line.status == ClaimStatus.READY and not line.edit_reason
                        and line.id not in invoiced):
                    s.delete(line)
                    removed += 1
                    touched.add(facts.participant_id)
    removed += _drop_orphans(s, start, end, participant_id, set(invoiced))
    return Derived(added, updated, removed, tuple(held)), touched


def _put(s: Session, facts, draft: LineDraft, lines: list[ClaimLine]) -> str:
    if any(line.status == ClaimStatus.CLAIMED for line in lines):
        return ""  # claimed once: never again
    current = next((line for line in lines if line.status != ClaimStatus.CLAIMED), None)
    values = dict(support_date=draft.support_date, support_number=draft.support_number,
                  claim_type=draft.claim_type, cancellation_reason=draft.cancellation_reason,
                  quantity_centi=draft.quantity_centi, unit_price_cents=draft.unit_price_cents)
    if current is None:
        s.add(ClaimLine(participant_id=facts.participant_id, session_id=facts.id,
                        source_key=draft.source_key, **values))
        return "added"
    if current.status != ClaimStatus.READY or current.edit_reason:
        return ""  # rejected or edited by hand: the coach's version stands
    if all(getattr(current, k) == v for k, v in values.items()):
        return ""
    for k, v in values.items():
        setattr(current, k, v)
    return "updated"


def _drop_orphans(s: Session, start: dt.date, end: dt.date, participant_id: int | None,
                  invoiced: set[int]) -> int:
    """Ready, unedited lines whose session was deleted (not those on a live invoice)."""
    query = delete(ClaimLine).where(ClaimLine.id.not_in(invoiced),
        ClaimLine.session_id.is_(None), ClaimLine.status == ClaimStatus.READY,
        ClaimLine.edit_reason == "", ClaimLine.support_date.between(start, end))
    if participant_id is not None:
        query = query.where(ClaimLine.participant_id == participant_id)
    return s.execute(query).rowcount or 0

