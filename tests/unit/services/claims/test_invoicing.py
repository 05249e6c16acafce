"""Invoices over a real practice: numbered from the practice's sequence and never reused (a
voided invoice keeps its number and record), a claim line on at most one live invoice (through
the service and against the database's own rule), NDIA-managed participants refused,
plan-managed lines never in the bulk file, invoiced lines counted as claimed for funding."""

from __future__ import annotations

import datetime as dt

import pytest
from claims_world import World, local
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from recoverydesk.services.claims.bulk_file import BulkFileError
from recoverydesk.services.claims.invoicing import InvoicingService
from recoverydesk.services.claims.types import BudgetDraft, FundingSetup, LineEdit
from recoverydesk.services.types import ValidationError

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
APRIL_1 = dt.date(2026, 4, 1)


@pytest.fixture
def world(store):
    w = World(store)
    w.invoices = InvoicingService(store)
    return w


def _planned(world, given="Ana", management="plan") -> int:
    pid = world.person(given, ndis="430000002", management=management)
    world.session(pid, local(2026, 3, 2, 10), 90)
    world.session(pid, local(2026, 3, 10, 10), 60)  # 9 March: Labour Day
    world.claims.derive(*MARCH)
    return pid


def test_an_invoice_takes_the_next_number_and_the_ready_lines(world):
    pid = _planned(world)
    issued = world.invoices.issue(pid, *MARCH, issued_on=APRIL_1)
    inv = issued.value
    assert inv.number == "INV-0001"
    assert {"invoice", "claim_line"} <= issued.changes.entities
    assert pid in issued.changes.participant_ids
    assert inv.addressed_to == "plan" and inv.recipient_name == "Banksia Plan Managers"
    assert [(x.quantity_centi, x.unit_price_cents) for x in inv.lines] == [(150, 10543),
                                                                          (100, 10543)]
    assert inv.total_cents == 15815 + 10543 and inv.gst_cents == 0
    assert world.claims.details().next_invoice_number == 2
    assert world.invoices.find("inv-0001").id == inv.id
    assert world.invoices.find("INV-0009") is None


def test_self_managed_is_invoiced_to_the_participant(world):
    pid = _planned(world, "Tui", management="self")
    inv = world.invoices.issue(pid, *MARCH).value
    assert inv.addressed_to == "self" and inv.recipient_name.startswith("Tui")


def test_a_line_is_on_one_live_invoice_only(world):
    pid = _planned(world)
    world.invoices.issue(pid, *MARCH)
    with pytest.raises(ValidationError, match="no lines ready to invoice"):
        world.invoices.issue(pid, *MARCH)
    assert world.claims.details().next_invoice_number == 2  # a refusal takes no number


def test_the_database_refuses_a_line_on_two_live_invoices(world):
    pid = _planned(world)
    first = world.invoices.issue(pid, *MARCH).value
    copy = ("INSERT INTO invoice_lines (invoice_id, participant_id, claim_line_id, live, "
            "support_date, support_number, claim_type, cancellation_reason, quantity_centi, "
            "unit_price_cents, amount_cents) SELECT invoice_id, participant_id, claim_line_id, "
            "TRUE, support_date, "
            "support_number, claim_type, cancellation_reason, quantity_centi, "
            "unit_price_cents, amount_cents FROM invoice_lines WHERE invoice_id = :id")
    with pytest.raises(IntegrityError, match="(?i)unique"), world.store.unit_of_work() as s:
        s.execute(text(copy), {"id": first.id})


def test_voiding_keeps_the_number_and_frees_the_lines(world):
    pid = _planned(world)
    first = world.invoices.issue(pid, *MARCH).value
    with pytest.raises(ValidationError, match="Say why"):
        world.invoices.void(first.id, "  ")
    voided = world.invoices.void(first.id, "Wrong period").value
    assert voided.voided and voided.void_reason == "Wrong period"
    with pytest.raises(ValidationError, match="voided already"):
        world.invoices.void(first.id, "again")
    second = world.invoices.issue(pid, *MARCH).value
    assert second.number == "INV-0002"  # never INV-0001 again
    assert [i.number for i in world.invoices.invoices(pid)] == ["INV-0002", "INV-0001"]
    assert world.invoices.get(first.id).voided  # the record stays
    with pytest.raises(IntegrityError, match="stays voided"), world.store.unit_of_work() as s:
        s.execute(text("UPDATE invoice_lines SET live = TRUE WHERE invoice_id = :id"),
                  {"id": first.id})


def test_a_number_set_back_in_the_details_is_never_reused(world):
    pid = _planned(world)
    world.invoices.issue(pid, dt.date(2026, 3, 1), dt.date(2026, 3, 5))
    world.claims.save_details(world.claims.details().__class__(
        **{**world.claims.details().__dict__, "next_invoice_number": 1}))
    again = world.invoices.issue(pid, dt.date(2026, 3, 6), dt.date(2026, 3, 31)).value
    assert again.number == "INV-0002"
    with pytest.raises(IntegrityError, match="never changes"), world.store.unit_of_work() as s:
        s.execute(text("UPDATE invoices SET number = 'INV-0001' WHERE id = :id"),
                  {"id": again.id})


def test_ndia_managed_people_are_never_invoiced(world):
    pid = world.person("Mele")  # NDIA-managed
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    with pytest.raises(ValidationError, match="NDIA-managed.*never invoiced"):
        world.invoices.issue(pid, *MARCH)
    assert world.invoices.invoices() == []


def test_plain_words_for_each_reason(world):
    pid = world.person("Ana", ndis=None, management="plan")
    world.claims.save_details(world.claims.details().__class__(business_name="", abn=""))
    with pytest.raises(ValidationError) as err:
        world.invoices.issue(pid, *MARCH)
    problems = err.value.errors
    assert "business name" in problems["business_name"]
    assert "ABN" in problems["abn"]
    assert "NDIS number" in problems["ndis_number"]
    assert "no lines ready" in problems["period"]


def test_management_not_recorded_is_refused(world):
    pid = world.person("Ana", ndis="430000002", management="plan")
    with world.store.unit_of_work() as s:
        s.execute(text("DELETE FROM participant_funding WHERE participant_id = :p"), {"p": pid})
    with pytest.raises(ValidationError, match="Record how"):
        world.invoices.issue(pid, *MARCH)


def test_invoiced_lines_are_left_alone_never_edited_nor_in_the_bulk_file(world, tmp_path):
    pid = _planned(world)
    inv = world.invoices.issue(pid, *MARCH).value
    line_id = inv.lines[0].claim_line_id
    with pytest.raises(ValidationError, match="on invoice INV-0001"):
        world.claims.edit_line(line_id, LineEdit("07_101_0106_6_3", "", "", "1", "1", "x"))
    # The session changes, or the plan becomes NDIA-managed: the invoiced lines stay put,
    # and never go into the bulk payment request file.
    with world.store.unit_of_work() as s:
        s.execute(text("UPDATE sessions SET duration_minutes = 30 WHERE participant_id = :p"),
                  {"p": pid})
    world.claims.derive(*MARCH)
    assert [r.quantity_centi for r in world.claims.lines(*MARCH, pid)] == [150, 100]
    world.claims.save_funding_setup(pid, FundingSetup(management="ndia"))
    with pytest.raises(BulkFileError, match="no lines ready"):
        world.claims.write_bulk_file(*MARCH, tmp_path / "c.csv", today=APRIL_1)
    with pytest.raises(IntegrityError, match="live invoice"), world.store.unit_of_work() as s:
        s.execute(text("UPDATE claim_lines SET quantity_centi = 1 WHERE id = :id"),
                  {"id": line_id})


def test_plan_managed_lines_never_go_in_the_bulk_file(world, tmp_path):
    _planned(world)
    with pytest.raises(BulkFileError, match="no lines ready"):
        world.claims.write_bulk_file(*MARCH, tmp_path / "c.csv", today=APRIL_1)


def test_a_line_in_a_claim_file_can_not_be_invoiced_by_the_database(world, tmp_path):
    pid = world.person("Mele")
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    world.claims.write_bulk_file(*MARCH, tmp_path / "c.csv", today=APRIL_1)
    with world.store.unit_of_work() as s:
        s.execute(text("INSERT INTO invoices (sequence, number, participant_id, issued_on, "
                       "period_from, period_to, addressed_to, recipient_name, recipient_email, "
                       "recipient_phone, recipient_address, total_cents, gst_cents, created_at, "
                       "void_reason) VALUES (99, 'X-99', :p, '2026-04-01', '2026-03-01', "
                       "'2026-03-31', 'plan', '', '', '', '', 0, 0, '2026-04-01', '')"),
                  {"p": pid})
    insert = ("INSERT INTO invoice_lines (invoice_id, participant_id, claim_line_id, live, "
              "support_date, support_number, claim_type, cancellation_reason, quantity_centi, "
              "unit_price_cents, amount_cents) SELECT (SELECT id FROM invoices), participant_id, "
              "id, TRUE, "
              "support_date, support_number, claim_type, cancellation_reason, quantity_centi, "
              "unit_price_cents, 1 FROM claim_lines")
    with pytest.raises(IntegrityError, match="only a ready line"), \
            world.store.unit_of_work() as s:
        s.execute(text(insert))


def test_invoiced_lines_count_as_claimed_for_funding(world):
    pid = _planned(world)
    world.claims.add_budget(pid, BudgetDraft(dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                             500000, ((dt.date(2026, 1, 1),
                                                       dt.date(2026, 6, 30), 250000),)))
    (before,) = world.claims.funding(pid, APRIL_1)[0].periods
    assert (before.claimed_cents, before.unclaimed_cents) == (0, 26358)
    inv = world.invoices.issue(pid, *MARCH).value
    (after,) = world.claims.funding(pid, APRIL_1)[0].periods
    assert (after.claimed_cents, after.unclaimed_cents) == (26358, 0)
    world.invoices.void(inv.id, "Sent to the wrong plan manager")
    (voided,) = world.claims.funding(pid, APRIL_1)[0].periods
    assert (voided.claimed_cents, voided.unclaimed_cents) == (0, 26358)


def test_search_finds_an_invoice_by_its_number(world):
    from recoverydesk.services.search.service import SearchService  # only this test uses it

    pid = _planned(world)
    first = world.invoices.issue(pid, dt.date(2026, 3, 1), dt.date(2026, 3, 5)).value
    world.invoices.issue(pid, dt.date(2026, 3, 6), dt.date(2026, 3, 31))
    search = SearchService(world.store)
    (hit, *_) = search.search("inv-0001")
    assert (hit.kind, hit.kind_label, hit.ref) == ("invoice", "Invoice", first.id)
    assert hit.participant_id == pid and hit.page == "overview"
    assert hit.plain_title.startswith("INV-0001") and "Banksia Plan Managers" in hit.snippet
    assert [r.plain_title[:8] for r in search.search("INV-000") if r.kind == "invoice"] == [
        "INV-0002", "INV-0001"]
    assert not [r for r in search.search("Ana") if r.kind == "invoice"]  # a name: no invoice
    assert not search.search("INV-0001", kinds=("session",))
