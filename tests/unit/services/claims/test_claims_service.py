"""ClaimsService over a real practice: lines drawn from sessions and refreshed, edits with a
reason kept, batches marked claimed, never claimed twice (through the service and through SQL
against the database's own rule), rejected lines reopened, a price change on 1 July."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from claims_world import World, local
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from recoverydesk.services.claims.bulk_file import BulkFileError
from recoverydesk.services.claims.types import LineEdit
from recoverydesk.services.types import ValidationError

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
APRIL_1 = dt.date(2026, 4, 1)


@pytest.fixture
def world(store):
    return World(store)


def test_lines_are_drawn_from_sessions_and_refreshed_not_duplicated(world):
    pid = world.person()
    sid = world.session(pid, local(2026, 3, 2, 10), 90, travel_minutes=80, travel_km=12.5)
    world.session(pid, local(2026, 3, 20, 10), status="planned")
    done = world.claims.derive(*MARCH)
    assert done.value.added == 3 and "claim_line" in done.changes.entities
    assert pid in done.changes.participant_ids
    lines = world.claims.lines(*MARCH)
    assert [(r.source_key, r.quantity_centi) for r in lines] == [
        (f"s{sid}:service", 150), (f"s{sid}:travel", 100), (f"s{sid}:km", 1250)]
    again = world.claims.derive(*MARCH)
    assert (again.value.added, again.value.updated, again.value.removed) == (0, 0, 0)
    assert len(world.claims.lines(*MARCH)) == 3
    with world.store.unit_of_work() as s:  # the session was longer than first written
        s.execute(text("UPDATE sessions SET duration_minutes = 120, travel_km = 0 "
                       "WHERE id = :id"), {"id": sid})
    refreshed = world.claims.derive(*MARCH).value
    assert (refreshed.updated, refreshed.removed) == (1, 1)
    assert [r.quantity_centi for r in world.claims.lines(*MARCH)] == [200, 100]


def test_held_back_sessions_say_why(world):
    pid = world.person(with_agreement=False)
    world.session(pid, local(2026, 3, 2, 10))
    derived = world.claims.derive(*MARCH).value
    assert derived.added == 0
    assert [h.reason for h in derived.held_back] == ["No service agreement covers 2026-03-02."]


def test_an_edit_keeps_its_reason_and_survives_a_refresh(world):
    pid = world.person()
    world.session(pid, local(2026, 3, 2, 10), 60)
    world.claims.derive(*MARCH)
    (line,) = world.claims.lines(*MARCH)
    edited = world.claims.edit_line(line.id, LineEdit(
        line.support_number, "", "", "0.75", "105.43", "We stopped early; she was tired"))
    assert edited.value.quantity_centi == 75
    assert edited.value.edit_reason == "We stopped early; she was tired"
    world.claims.derive(*MARCH)
    assert world.claims.line(line.id).quantity_centi == 75
    with world.store.read() as s:
        detail = s.execute(text("SELECT detail FROM audit_events "
                                "WHERE action = 'claims.line_edited'")).scalar_one()
    assert "1.00 x $105.43" in detail and "0.75 x $105.43" in detail and "tired" in detail


def _claim_march(world, tmp_path, name="claims.csv"):
    written = world.claims.write_bulk_file(*MARCH, tmp_path / name, today=APRIL_1).value
    world.claims.mark_batch_claimed(written.batch_id)
    return written


def test_a_line_claimed_once_is_never_claimed_again_through_the_service(world, tmp_path):
    pid = world.person()
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    first = _claim_march(world, tmp_path)
    assert first.lines == 1
    assert [r.status for r in world.claims.lines(*MARCH)] == ["claimed"]
    assert world.claims.derive(*MARCH).value.added == 0  # the session gives no new line
    with pytest.raises(BulkFileError, match="no lines ready"):
        world.claims.write_bulk_file(*MARCH, tmp_path / "again.csv", today=APRIL_1)
    assert not (tmp_path / "again.csv").exists()
    with pytest.raises(ValidationError, match="A claimed line can't be changed"):
        (line,) = world.claims.lines(*MARCH)
        world.claims.edit_line(line.id, LineEdit(line.support_number, "", "", "1", "1", "x"))


def test_a_second_copy_of_a_claimed_line_is_refused_when_its_batch_is_marked(world, tmp_path):
    pid = world.person()
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    _claim_march(world, tmp_path)
    with world.store.unit_of_work() as s:  # a copy, as a bug or a hand edit might make
        s.execute(text(
            "INSERT INTO claim_lines (participant_id, session_id, source_key, support_date, "
            "support_number, claim_type, cancellation_reason, quantity_centi, "
            "unit_price_cents, status, edit_reason, rejection_reason, created_at, updated_at) "
            "SELECT participant_id, session_id, source_key, support_date, support_number, "
            "claim_type, cancellation_reason, quantity_centi, unit_price_cents, 'ready', '', "
            "'', created_at, updated_at FROM claim_lines"))
    second = world.claims.write_bulk_file(*MARCH, tmp_path / "copy.csv", today=APRIL_1).value
    with pytest.raises(ValidationError, match="was claimed before; nothing was marked"):
        world.claims.mark_batch_claimed(second.batch_id)
    assert sorted(r.status for r in world.claims.lines(*MARCH)) == ["claimed", "ready"]


def test_the_database_refuses_a_second_claimed_line_for_the_same_source(world, tmp_path):
    pid = world.person()
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    _claim_march(world, tmp_path)
    copy = ("INSERT INTO claim_lines (participant_id, session_id, source_key, support_date, "
            "support_number, claim_type, cancellation_reason, quantity_centi, "
            "unit_price_cents, status, edit_reason, rejection_reason, batch_id, created_at, "
            "updated_at) SELECT participant_id, session_id, source_key, support_date, "
            "support_number, claim_type, cancellation_reason, quantity_centi, "
            "unit_price_cents, 'claimed', '', '', batch_id, created_at, updated_at "
            "FROM claim_lines")
    with pytest.raises(IntegrityError, match="(?i)unique"), world.store.unit_of_work() as s:
        s.execute(text(copy))


@pytest.mark.parametrize("change", [
    "status = 'ready'",  # back to ready, to be claimed again
    "batch_id = NULL, status = 'ready'",
    "source_key = 'other'",  # under another name
])
def test_the_database_keeps_a_claimed_line_claimed(world, tmp_path, change):
    pid = world.person()
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    _claim_march(world, tmp_path)
    with pytest.raises(IntegrityError, match="cannot be claimed again"), \
            world.store.unit_of_work() as s:
        s.execute(text(f"UPDATE claim_lines SET {change}"))
    with pytest.raises(IntegrityError), world.store.unit_of_work() as s:
        s.execute(text("UPDATE claim_lines SET batch_id = NULL"))  # claimed needs its batch


def test_a_rejected_line_keeps_the_portals_reason_and_can_be_reopened(world, tmp_path):
    pid = world.person()
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    _claim_march(world, tmp_path)
    (line,) = world.claims.lines(*MARCH)
    with pytest.raises(ValidationError):
        world.claims.reopen_line(line.id)  # only a rejected line
    rejected = world.claims.reject_line(line.id, "Service booking not found").value
    assert (rejected.status, rejected.rejection_reason) == ("rejected",
                                                            "Service booking not found")
    assert world.claims.derive(*MARCH).value.added == 0  # still only the one line
    reopened = world.claims.reopen_line(line.id).value
    assert (reopened.status, reopened.batch_id) == ("ready", None)
    assert reopened.rejection_reason == "Service booking not found"
    again = _claim_march(world, tmp_path, "retry.csv")
    assert again.lines == 1
    assert world.claims.line(line.id).status == "claimed"


def test_a_price_change_on_1_july_prices_each_line_by_its_own_day(world, tmp_path):
    july = tmp_path / "july.json"
    july.write_text(json.dumps({
        "kind": "recoverydesk-ndis-price-list", "name": "Test limits 2026-27",
        "source": "a test (fictional figures)", "effective_from": "2026-07-01",
        "items": [{"support_number": "07_101_0106_6_3", "band": "weekday_daytime",
                   "unit": "H", "price_limit": "110.00"}]}), encoding="utf-8")
    world.claims.ensure_reference_data()
    assert world.claims.load_price_list(july).value is True
    assert world.claims.load_price_list(july).value is False  # once is enough
    pid = world.person()
    world.session(pid, local(2026, 6, 30, 10))  # a Tuesday
    world.session(pid, local(2026, 7, 1, 10))  # a Wednesday
    period = (dt.date(2026, 6, 29), dt.date(2026, 7, 3))
    world.claims.derive(*period)
    assert [(r.support_date.day, r.unit_price_cents) for r in world.claims.lines(*period)] == [
        (30, 10543), (1, 11000)]


def test_a_support_over_two_years_old_is_named_and_nothing_is_written(world, tmp_path):
    pid = world.person()
    world.session(pid, local(2026, 3, 2, 10))
    world.session(pid, local(2026, 3, 3, 10))
    world.claims.derive(*MARCH)
    out = tmp_path / "late.csv"
    with pytest.raises(BulkFileError) as info:
        world.claims.write_bulk_file(*MARCH, out, today=dt.date(2028, 3, 3))
    assert len(info.value.problems) == 1
    assert "2026-03-02" in info.value.problems[0]
    assert "past the two-year claim deadline (2028-03-02)" in info.value.problems[0]
    assert not out.exists()
    assert world.claims.batches() == []
    assert world.claims.write_bulk_file(*MARCH, out, today=dt.date(2028, 3, 2)).value.lines == 2


def test_plan_managed_people_are_invoiced_not_put_in_the_bulk_file(world, tmp_path):
    ndia = world.person("Mele")
    plan = world.person("Tui", ndis="430000002", management="plan")
    world.session(ndia, local(2026, 3, 2, 10))
    world.session(plan, local(2026, 3, 3, 10))
    world.claims.derive(*MARCH)
    written = world.claims.write_bulk_file(*MARCH, tmp_path / "c.csv", today=APRIL_1).value
    assert written.lines == 1
    assert "430000002" not in (tmp_path / "c.csv").read_text("utf-8")


def test_every_line_that_breaks_a_rule_is_named(world, tmp_path):
    world.claims.save_details(dataclasses.replace(world.claims.details(),
                                                  registration_number=""))
    pid = world.person(ndis=None)
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    with pytest.raises(BulkFileError) as info:
        world.claims.write_bulk_file(*MARCH, tmp_path / "a-name-far-too-long.csv",
                                     today=APRIL_1)
    text_ = " ".join(info.value.problems)
    assert "registration number" in text_
    assert "at most 20 characters" in text_
    assert "no 9-digit NDIS number" in text_
    assert not list(tmp_path.glob("*.csv"))


def test_funding_released_claimed_unclaimed_booked_and_left(world, tmp_path):
    from recoverydesk.services.claims.types import BudgetDraft

    pid = world.person()
    world.claims.add_budget(pid, BudgetDraft(
        dt.date(2026, 1, 1), dt.date(2026, 12, 31), 1_000_000,
        ((dt.date(2026, 1, 1), dt.date(2026, 3, 31), 50_000),
         (dt.date(2026, 4, 1), dt.date(2026, 6, 30), 20_000))))
    world.session(pid, local(2026, 3, 2, 10))  # claimed: 105.43
    world.claims.derive(*MARCH)
    _claim_march(world, tmp_path)
    world.session(pid, local(2026, 3, 3, 10))  # delivered, not claimed: 105.43
    world.claims.derive(*MARCH)
    for day in (7, 14):  # booked, two Tuesdays: 2 x 105.43 = 210.86 (6 April is Easter Monday)
        world.session(pid, local(2026, 4, day, 10), status="planned")
    (summary,) = world.claims.funding(pid, today=dt.date(2026, 4, 1))
    first, second = summary.periods
    assert (first.released_cents, first.claimed_cents, first.unclaimed_cents) == (
        50_000, 10543, 10543)
    assert first.left_cents == 50_000 - 21086
    assert second.rolled_over_cents == 50_000 - 21086
    assert second.booked_cents == 21086
    assert world.claims.overspent(pid, today=dt.date(2026, 4, 1)) == []
    with pytest.raises(ValidationError, match="More is released"):
        world.claims.add_budget(pid, BudgetDraft(dt.date(2027, 1, 1), dt.date(2027, 12, 31), 10,
                                                 ((dt.date(2027, 1, 1), dt.date(2027, 3, 31),
                                                   11),)))


def test_agreements_keep_their_history(world):
    from claims_world import agreement

    pid = world.person()  # version 1: 2024-2027
    world.claims.add_agreement(pid, agreement(starts_on=dt.date(2026, 3, 1),
                                              ends_on=dt.date(2026, 6, 30), nf2f_agreed=True))
    history = world.claims.agreements(pid)
    assert [a.version for a in history] == [2, 1]
    assert world.claims.agreement_on(pid, dt.date(2026, 3, 5)).version == 2
    assert world.claims.agreement_on(pid, dt.date(2026, 7, 5)).version == 1


def test_the_overview_shows_funding_used_and_the_claim_deadline(world, tmp_path):
    from recoverydesk.services.claims.glance import overview_lines
    from recoverydesk.services.claims.types import BudgetDraft

    pid = world.person()
    world.claims.add_budget(pid, BudgetDraft(
        dt.date(2026, 1, 1), dt.date(2026, 12, 31), 100_000,
        ((dt.date(2026, 1, 1), dt.date(2026, 3, 31), 20_000),)))
    world.session(pid, local(2026, 3, 2, 10))  # 105.43, not claimed
    world.claims.derive(*MARCH)
    for day in (3, 4):  # booked: 2 x 105.43 = 210.86 more than the 200.00 released
        world.session(pid, local(2026, 3, day, 10), status="planned")
    with world.store.read() as s:
        lines = overview_lines(s, pid, dt.date(2026, 3, 2))
    texts = [line.text for line in lines]
    assert texts[0] == ("$105.43 used of $1000.00 funded for recovery coaching in this plan "
                        "(11%): 1.0 hours delivered of about 9.5 at the weekday daytime rate.")
    assert texts[1].startswith("Booked sessions would overspend the funding period ending "
                               "31 Mar 2026 by $")
    with world.store.read() as s:
        later = overview_lines(s, pid, dt.date(2027, 12, 2))
    assert [line.text for line in later] == [
        "1 support over 21 months old not yet claimed: the oldest must be claimed by "
        "2 Mar 2028."]
    assert later[0].attention and later[0].page == "claims"  # opens the Claims view


def test_a_line_in_a_written_file_is_changed_only_after_the_file_is_set_aside(world, tmp_path):
    pid = world.person()
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    written = world.claims.write_bulk_file(*MARCH, tmp_path / "c.csv", today=APRIL_1).value
    (line,) = world.claims.lines(*MARCH)
    edit = LineEdit(line.support_number, "", "", "0.50", "105.43", "Half an hour only")
    with pytest.raises(ValidationError, match="already written"):
        world.claims.edit_line(line.id, edit)
    assert world.claims.set_aside_batch(written.batch_id).value == 1
    assert world.claims.batches() == []
    assert world.claims.edit_line(line.id, edit).value.quantity_centi == 50
    again = world.claims.write_bulk_file(*MARCH, tmp_path / "c.csv", today=APRIL_1).value
    world.claims.mark_batch_claimed(again.batch_id)
    with pytest.raises(ValidationError, match="claimed; it stays"):
        world.claims.set_aside_batch(again.batch_id)
    assert ",0.50,," in (tmp_path / "c.csv").read_text("utf-8")


def test_the_shipped_lists_price_a_first_claim_christmas_day_in_victoria(world):
    pid = world.person()
    world.session(pid, local(2025, 12, 25, 10))  # a Thursday, Christmas Day
    world.session(pid, local(2025, 12, 24, 20, 30))  # a Wednesday evening
    world.session(pid, local(2025, 12, 27, 10))  # a Saturday
    december = (dt.date(2025, 12, 1), dt.date(2025, 12, 31))
    done = world.claims.derive(*december)
    assert "price_list" in done.changes.entities  # loaded from resources/ndis on first use
    assert [(r.support_date.day, r.support_number, r.unit_price_cents)
            for r in world.claims.lines(*december)] == [
        (24, "07_102_0106_6_3", 11616), (25, "07_106_0106_6_3", 23423),
        (27, "07_104_0106_6_3", 14836)]


def test_the_funding_tab_is_what_its_separate_reads_give(world):
    """``funding_tab`` (one read for the Funding tab) agrees with funding_setup, agreements,
    the price book's names and funding."""
    from recoverydesk.services.claims.types import BudgetDraft

    today = dt.date(2026, 4, 1)

    def same(pid):
        tab = world.claims.funding_tab(pid, today)
        assert tab.setup == world.claims.funding_setup(pid)
        assert tab.agreements == world.claims.agreements(pid)
        assert tab.item_names == world.claims.price_book().names()
        assert tab.funding == world.claims.funding(pid, today)

    pid = world.person()
    same(pid)
    world.claims.add_budget(pid, BudgetDraft(
        dt.date(2026, 1, 1), dt.date(2026, 12, 31), 1_000_000,
        ((dt.date(2026, 1, 1), dt.date(2026, 6, 30), 50_000),)))
    world.session(pid, local(2026, 3, 2, 10))
    world.claims.derive(*MARCH)
    same(pid)
    same(world.person(given="Ana", ndis="430000002", with_agreement=False))
