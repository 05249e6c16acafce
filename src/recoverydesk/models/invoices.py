"""Invoices (issue 19): a plan-managed or self-managed participant's claim lines for a period,
invoiced to their plan manager or to themselves, numbered from the practice's sequence.

An invoice is never deleted nor renumbered: voiding it keeps the record and its number, and
frees its lines for a new invoice. Each invoice line keeps the claim line as it was invoiced
(item, day, quantity, price), so the invoice reads the same even if the session is changed
later. "A claim line is on at most one live invoice" is the database's rule: a partial unique
index over the live invoice lines. Triggers (in the migration) keep a line on a live invoice
from being changed, deleted or put into a bulk claim file.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from recoverydesk.models.base import Base, UTCDateTime, participant_of, utcnow


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint("sequence >= 1", name="sequence_positive"),
        CheckConstraint("period_to >= period_from", name="period_in_order"),
        CheckConstraint("addressed_to IN ('plan', 'self')", name="addressed_to_known"),
        CheckConstraint("total_cents >= 0", name="total_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    issued_on: Mapped[dt.date] = mapped_column(Date)
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date] = mapped_column(Date)
    addressed_to: Mapped[str] = mapped_column(String(8))  # plan: the plan manager; self
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    recipient_email: Mapped[str] = mapped_column(String(200), default="")
    recipient_phone: Mapped[str] = mapped_column(String(40), default="")
    recipient_address: Mapped[str] = mapped_column(Text, default="")
    total_cents: Mapped[int] = mapped_column(Integer)
    gst_cents: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    voided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    void_reason: Mapped[str] = mapped_column(Text, default="")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (
        Index(
            "uq_invoice_lines_live_once",
            "claim_line_id",
            unique=True,
            sqlite_where=text("live = 1"),
            postgresql_where=text("live"),
        ),
        CheckConstraint("quantity_centi > 0", name="quantity_positive"),
        CheckConstraint("unit_price_cents > 0", name="price_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    # Its parent's participant (kept for row-level security; see models.base.participant_of)
    participant_id: Mapped[int] = mapped_column(
        Integer, index=True, default=participant_of("invoices", "invoice_id")
    )
    claim_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_lines.id", ondelete="SET NULL"), index=True
    )
    live: Mapped[bool] = mapped_column(Boolean, default=True)  # False once voided
    session_id: Mapped[int | None] = mapped_column(Integer)
    support_date: Mapped[dt.date] = mapped_column(Date)
    support_number: Mapped[str] = mapped_column(String(20))
    claim_type: Mapped[str] = mapped_column(String(4), default="")
    cancellation_reason: Mapped[str] = mapped_column(String(4), default="")
    quantity_centi: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)
