"""The demo practice's NDIS claims (issue 19 item 7), asked of the claims service as the window
asks it, and its export and import (item 8): every claims row comes back exactly, and a line
claimed once still can never be claimed again in the imported practice."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pytest
from demo_practices import DEMO_TODAY, demo_practice
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from recoverydesk.demo.reports import DETAILS
from recoverydesk.models import Base
from recoverydesk.services.claims.types import CANCELLATION_REASONS, check_abn
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.practice.transfer import IOService

EVER = (dt.date(2000, 1, 1), dt.date(2100, 1, 1))
CLAIMS_TABLES = ("participant_funding", "service_agreements", "agreement_items", "plan_budgets",
                 "funding_periods", "price_lists", "price_items", "holiday_lists",
                 "public_holidays", "claim_batches", "claim_lines", "invoices", "invoice_lines",
                 "practice_settings")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("claims") / "demo.rdk"
    services = demo_practice(path, participants=14, years=2, seed=7)
    yield services, path
    services.close()


@pytest.fixture(scope="module")
def people(demo):
    services, _path = demo
    return services.participants.list(include_archived=True)


def test_the_practice_has_its_claim_details(demo):
    details = demo[0].claims.details()
    assert details.registration_number.isdigit()
    assert check_abn(details.abn) and details.abn == DETAILS["practice.abn"].replace(" ", "")
    assert details.business_name == DETAILS["practice.practice_name"]
    assert details.gst_code == "P2" and details.state


def test_plans_are_managed_by_the_ndia_a_plan_manager_and_the_participants(demo, people):
    claims = demo[0].claims
    setups = {p.id: claims.funding_setup(p.id) for p in people}
    assert None not in setups.values()
    kinds = Counter(s.management for s in setups.values())
    assert set(kinds) == {"ndia", "plan", "self"} and kinds["ndia"] >= kinds["plan"]
    managed = [s for s in setups.values() if s.management == "plan"]
    assert all(s.manager_name and s.manager_email and s.manager_phone for s in managed)
    assert any(s.mmm_zone and s.mmm_zone > 1 for s in setups.values())  # someone regional


def test_everyone_has_an_agreement_and_one_kept_its_earlier_version(demo, people):
    claims = demo[0].claims
    versions = {p.id: claims.agreements(p.id) for p in people}
    assert all(versions.values())
    changed = [(pid, a) for pid, a in versions.items() if len(a) > 1]
    assert len(changed) == 1
    pid, (newer, older) = changed[0]
    assert (newer.version, older.version) == (2, 1)
    assert older.starts_on < newer.starts_on and not older.nf2f_agreed and newer.nf2f_agreed
    assert claims.agreement_on(pid, older.starts_on).version == 1
    assert claims.agreement_on(pid, newer.starts_on).version == 2
    assert all(a.items and a.ends_on >= a.starts_on for a in versions[pid])


def test_budgets_are_released_per_funding_period_and_one_would_overspend(demo, people):
    claims = demo[0].claims
    plans = {p.id: claims.funding(p.id, DEMO_TODAY) for p in people}
    assert all(len(f) == 1 and len(f[0].periods) >= 4 for f in plans.values())
    for (summary,) in plans.values():
        assert sum(u.released_cents for u in summary.periods) <= summary.amount_cents
        assert summary.used_cents > 0 or summary.plan_start > DEMO_TODAY - dt.timedelta(days=30)
    over = [p.id for p in people if claims.overspent(p.id, DEMO_TODAY)]
    assert len(over) == 1
    warnings = [line.text for line in demo[0].overview.lines(over[0], DEMO_TODAY)
                if line.attention and "overspend" in line.text]
    assert warnings


def test_sessions_became_lines_some_claimed_in_batches(demo, people):
    claims = demo[0].claims
    lines = claims.lines(*EVER)
    statuses = Counter(line.status for line in lines)
    assert statuses["claimed"] > 0 and statuses["ready"] > 0
    assert {line.management for line in lines if line.status != "ready"} == {"ndia"}
    batches = claims.batches()
    assert batches and all(claimed for *_rest, claimed in batches)
    assert all(name.endswith(".csv") and len(name) <= 20 for _i, _f, _t, name, _c in batches)
    in_batches = {line.batch_id for line in lines if line.status == "claimed"}
    assert in_batches == {b[0] for b in batches}
    assert {line.claim_type for line in lines} >= {"", "TRAN", "NF2F", "CANC"}
    assert all(line.session_id for line in lines)
    assert {line.participant_id for line in lines} <= {p.id for p in people}


def test_plan_and_self_managed_months_are_invoiced_in_number_order(demo, people):
    services = demo[0]
    invoices = sorted(services.invoices.invoices(), key=lambda i: i.number)
    assert {i.addressed_to for i in invoices} == {"plan", "self"}
    assert [i.issued_on for i in invoices] == sorted(i.issued_on for i in invoices)
    prefix = services.claims.details().invoice_prefix
    numbers = [int(i.number.removeprefix(prefix)) for i in invoices]
    assert numbers == list(range(1, len(invoices) + 1))
    assert services.claims.details().next_invoice_number == len(invoices) + 1
    for invoice in invoices:
        assert invoice.total_cents == sum(line.amount_cents for line in invoice.lines) > 0
        setup = services.claims.funding_setup(invoice.participant_id)
        expected = setup.manager_name if setup.management == "plan" else invoice.participant_name
        assert invoice.recipient_name == expected and invoice.voided_at is None
    assert services.invoices.find(invoices[0].number).id == invoices[0].id
    on_invoice = services.invoices.invoiced_lines()
    assert all(services.claims.line(line_id).status == "ready" for line_id in on_invoice)


def test_one_rejected_line_keeps_the_portal_s_reason(demo):
    rejected = demo[0].claims.lines(*EVER, statuses=("rejected",))
    assert len(rejected) == 1
    assert "NDIS number" in rejected[0].rejection_reason and rejected[0].batch_id


def test_one_edited_line_keeps_its_reason(demo):
    edited = [line for line in demo[0].claims.lines(*EVER) if line.edit_reason]
    assert len(edited) == 1 and edited[0].status == "ready"
    assert "15 minutes over" in edited[0].edit_reason and edited[0].management == "plan"


def test_a_short_notice_cancellation_for_health_at_the_agreement_s_percentage(demo):
    claims = demo[0].claims
    cancelled = [line for line in claims.lines(*EVER) if line.claim_type == "CANC"]
    assert cancelled and {line.cancellation_reason for line in cancelled} <= set(
        CANCELLATION_REASONS)
    health = [line for line in cancelled if line.cancellation_reason == "NSDH"]
    assert len(health) == 1
    line = health[0]
    agreement = claims.agreement_on(line.participant_id, line.support_date)
    limit = claims.price_book().limit(line.support_number, line.support_date)
    agreed = {i.support_number: i.rate_cents for i in agreement.items}[line.support_number]
    rate = limit if agreed is None else min(agreed, limit)
    share = Decimal(rate) * agreement.cancellation_percent / 100
    assert agreement.cancellation_percent > 0
    assert line.unit_price_cents == int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _rows(store, names=CLAIMS_TABLES):
    with store.read() as s:
        return {name: [tuple(r) for r in s.execute(
            select(Base.metadata.tables[name]).order_by(
                *Base.metadata.tables[name].primary_key.columns))] for name in names}


def test_export_and_import_bring_every_claims_row_back_and_claimed_stays_claimed(demo,
                                                                                  tmp_path):
    services, _path = demo
    before = _rows(services._store)
    assert all(before.values()), [name for name, rows in before.items() if not rows]
    out = tmp_path / "demo.json"
    IOService(services._store).export_to(out)

    fresh = open_services(tmp_path / "fresh.rdk", create=True)
    try:
        IOService(fresh._store).import_from(out)
        assert _rows(fresh._store) == before
        # the imported lines are what the app itself derives from the imported sessions
        derived = fresh.claims.derive(DEMO_TODAY - dt.timedelta(days=400), DEMO_TODAY).value
        assert (derived.added, derived.updated, derived.removed) == (0, 0, 0)
        assert _rows(fresh._store) == before
        claimed = fresh.claims.lines(*EVER, statuses=("claimed",))[0]
        with pytest.raises(IntegrityError), fresh._store.unit_of_work() as s:  # the trigger
            s.execute(text("UPDATE claim_lines SET status = 'ready' WHERE id = :id"),
                      {"id": claimed.id})
        with pytest.raises(IntegrityError), fresh._store.unit_of_work() as s:  # the index
            s.execute(text(
                "INSERT INTO claim_lines (participant_id, session_id, source_key, "
                "support_date, support_number, claim_type, cancellation_reason, "
                "quantity_centi, unit_price_cents, status, edit_reason, rejection_reason, "
                "batch_id, created_at, updated_at) SELECT participant_id, session_id, "
                "source_key, support_date, support_number, claim_type, cancellation_reason, "
                "quantity_centi, unit_price_cents, 'claimed', '', '', batch_id, created_at, "
                "updated_at FROM claim_lines WHERE id = :id"), {"id": claimed.id})
        assert _rows(fresh._store) == before
    finally:
        fresh.close()
