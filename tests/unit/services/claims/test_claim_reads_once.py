"""The NDIS funding reads (the Overview's NDIS lines and the Funding tab) in a fixed number of
built-once statements, on each database, giving what reading each table on its own gives (the
way they were read before: entity by entity, one table at a time)."""

from __future__ import annotations

import datetime as dt

from claims_world import World
from sqlalchemy import select

from recoverydesk.models import (
    ClaimLine,
    ClaimStatus,
    HolidayList,
    PlanBudget,
    PriceItem,
    PriceList,
    PublicHoliday,
    ServiceAgreement,
)
from recoverydesk.services.claims import glance, reference, rows
from recoverydesk.services.claims.hours import hours_text, hours_used
from recoverydesk.services.claims.pricing import (
    HolidayListData,
    Price,
    PriceBook,
    PriceListData,
)
from recoverydesk.services.claims.setup import agreement_dto, agreements_of
from statements_seen import statements_run


def _book_table_by_table(s) -> tuple[list[PriceListData], list[HolidayListData]]:
    lists = [PriceListData(r.name, r.source, r.effective_from, r.caution, tuple(
        Price(i.support_number, i.name, i.unit, i.band, i.price_limit_cents)
        for i in s.scalars(select(PriceItem).where(PriceItem.price_list_id == r.id)
                           .order_by(PriceItem.support_number))), r.id)
             for r in s.scalars(select(PriceList).order_by(PriceList.effective_from, PriceList.id))]
    holidays = [HolidayListData(r.state, r.name, r.source, r.covers_from, r.covers_to, {
        h.day: h.name for h in s.scalars(select(PublicHoliday)
                                         .where(PublicHoliday.holiday_list_id == r.id))})
                for r in s.scalars(select(HolidayList).order_by(HolidayList.loaded_at,
                                                                HolidayList.id))]
    return lists, holidays


def _agreements_one_by_one(s, participant_id: int) -> list:
    versions = s.scalars(select(ServiceAgreement)
                         .where(ServiceAgreement.participant_id == participant_id)
                         .order_by(ServiceAgreement.version.desc()))
    return [agreement_dto(s, r) for r in versions]  # each version's items read on their own


def _busiest_funded(demo) -> int:
    with demo._store.read() as s:
        funded = set(s.scalars(select(PlanBudget.participant_id)))
        return max(funded, key=lambda pid: len(s.scalars(
            select(ClaimLine.id).where(ClaimLine.participant_id == pid)).all()))


def test_the_price_book_is_what_each_table_read_on_its_own_gives(demo):
    with demo._store.read() as s:
        book, (lists, holidays) = reference.price_book(s), _book_table_by_table(s)
    assert vars(book) == vars(PriceBook(lists, holidays))
    assert sum(len(p.items) for p in lists) > 1 and sum(len(h.days) for h in holidays) > 1


def test_the_price_book_keeps_empty_lists_and_sees_those_added_in_its_unit_of_work(store):
    """Deriving a first claim loads the shipped lists and prices with them at once."""
    with store.unit_of_work() as s:
        assert reference.ensure_shipped(s)
        s.add(PriceList(name="Empty", effective_from=dt.date(2030, 7, 1)))
        s.add(HolidayList(state="TAS", name="None", covers_from=dt.date(2030, 1, 1),
                          covers_to=dt.date(2030, 12, 31)))
        book, (lists, holidays) = reference.price_book(s), _book_table_by_table(s)
    assert vars(book) == vars(PriceBook(lists, holidays))
    assert [p.items for p in lists if p.name == "Empty"] == [()]
    assert [h.days for h in holidays if h.name == "None"] == [{}]
    assert all(p.items for p in lists if p.name != "Empty") and len(holidays) > 1


def test_agreements_are_what_each_version_read_on_its_own_gives(demo):
    with demo._store.read() as s:
        people = sorted(set(s.scalars(select(ServiceAgreement.participant_id))))
        for pid in people:
            assert agreements_of(s, pid) == _agreements_one_by_one(s, pid)
        assert any(a.items for pid in people for a in agreements_of(s, pid))


def test_a_version_without_items_is_read_too(store):
    world = World(store)
    pid = world.person()
    with store.unit_of_work() as s:
        s.add(ServiceAgreement(participant_id=pid, version=2, starts_on=dt.date(2031, 1, 1),
                               ends_on=dt.date(2031, 12, 31)))
    with store.read() as s:
        found = agreements_of(s, pid)
        assert found == _agreements_one_by_one(s, pid)
    assert [(a.version, bool(a.items)) for a in found] == [(2, False), (1, True)]


def test_planned_sessions_are_the_planned_ones_of_all_the_sessions(demo):
    today = dt.date.today()
    start, end = today - dt.timedelta(days=400), today + dt.timedelta(days=400)
    with demo._store.read() as s:
        zone = rows.DeriveContext.read(s).place_zone
        compared = 0
        for pid in set(s.scalars(select(PlanBudget.participant_id))):
            planned = rows.planned_in(s, start, end, pid, zone)
            assert planned == [f for f in rows.sessions_in(s, start, end, pid, zone)
                               if f.status == "planned"]
            compared += len(planned)
    assert compared, "the demo has planned sessions"


def test_the_overview_reads_hours_and_the_deadline_from_the_lines_it_read_once(demo):
    today = dt.date.today()
    with demo._store.read() as s:
        book = reference.price_book(s)
        for pid in set(s.scalars(select(ClaimLine.participant_id))):
            found = glance.overview_lines(s, pid, today)
            waiting = s.scalars(select(ClaimLine.support_date).where(
                ClaimLine.participant_id == pid,
                ClaimLine.status.in_([ClaimStatus.READY, ClaimStatus.REJECTED]))).all()
            old = sum(glance.nearing_deadline(day, today) for day in waiting)
            deadline = [line.text for line in found if line.order == 72]
            if old:
                assert len(deadline) == 1, deadline
                assert deadline[0].startswith(f"{old} support{'s' if old != 1 else ''} over")
            else:
                assert deadline == []
            for budget in s.scalars(select(PlanBudget).where(PlanBudget.participant_id == pid)):
                if not budget.plan_start <= today <= budget.plan_end:
                    continue
                lines = s.execute(select(
                    ClaimLine.support_number, ClaimLine.support_date, ClaimLine.quantity_centi)
                    .where(ClaimLine.participant_id == pid, ClaimLine.support_date.between(
                        budget.plan_start, budget.plan_end))).all()
                delivered = f"{hours_text(hours_used([tuple(r) for r in lines], book))} delivered"
                assert any(delivered in line.text for line in found if line.order == 70)


def test_the_overview_and_the_funding_tab_read_in_a_fixed_number_of_statements(demo):
    """The budgets with their periods, the claim lines (with whether invoiced), the practice's
    claim details, the price lists, the holiday lists, the planned sessions, the participant's
    funding set-up and their agreements: each once, whatever the number of periods or lines."""
    pid, today = _busiest_funded(demo), dt.date.today()
    store = demo._store
    with store.read() as s, statements_run(store) as seen:
        glance.overview_lines(s, pid, today)
    # (the funding set-up and agreements are read only to price booked sessions)
    assert len(seen) <= 8, "\n".join(q[:90] for q in seen)
    assert sum("FROM claim_lines" in q for q in seen) == 1
    with statements_run(store) as seen:
        demo.claims.funding_tab(pid, today)
    assert len([q for q in seen if q.lstrip().upper().startswith("SELECT")]) == 8, seen
    assert all("status" in q for q in seen if "FROM sessions" in q)  # only the planned are read
