"""Rows for the refusal tests (test_refusals.py), written through the models so every column
gets its default on both databases; the refusals themselves are then tried in plain SQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from recoverydesk.models import (
    ClaimBatch,
    ClaimLine,
    ClaimStatus,
    Goal,
    GoalStatus,
    GoalStatusChange,
    Invoice,
    InvoiceLine,
    Participant,
    PlanVersion,
    WrapVersion,
)

DAY = dt.date(2026, 3, 2)


class Rows:
    """``Rows(engine).participant()`` and so on: each adds one row and returns its id."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def _add(self, row):
        with Session(self.engine) as s, s.begin():
            s.add(row)
            s.flush()
            return row.id

    def participant(self, name: str = "Ana") -> int:
        return self._add(Participant(given_name=name))

    def wrap_version(self, pid: int) -> int:
        return self._add(WrapVersion(participant_id=pid, number=1, reviewed_on=DAY, content="{}"))

    def goal_with_history(self, pid: int) -> int:
        goal = self._add(Goal(participant_id=pid, title="Walk to the beach", started_on=DAY,
                              status=GoalStatus.ACTIVE))
        self._add(GoalStatusChange(goal_id=goal, changed_on=DAY, to_status=GoalStatus.ACTIVE))
        return goal

    def plan_version(self, pid: int) -> int:
        return self._add(PlanVersion(participant_id=pid, number=1, agreed_on=DAY, content="{}"))

    def claim_line(self, pid: int, *, key: str = "session:1", claimed: bool = False) -> int:
        batch = self._add(ClaimBatch(period_from=DAY, period_to=DAY)) if claimed else None
        return self._add(ClaimLine(
            participant_id=pid, source_key=key, support_date=DAY,
            support_number="15_037_0117_1_3", quantity_centi=100, unit_price_cents=7000,
            status=ClaimStatus.CLAIMED if claimed else ClaimStatus.READY, batch_id=batch))

    def invoice(self, pid: int, sequence: int, lines: tuple[int, ...] = ()) -> int:
        invoice = self._add(Invoice(
            sequence=sequence, number=f"INV-{sequence:04d}", participant_id=pid,
            issued_on=DAY, period_from=DAY, period_to=DAY, addressed_to="plan",
            total_cents=7000 * len(lines)))
        for line in lines:
            self._add(InvoiceLine(
                invoice_id=invoice, claim_line_id=line, support_date=DAY,
                support_number="15_037_0117_1_3", quantity_centi=100, unit_price_cents=7000,
                amount_cents=7000))
        return invoice
