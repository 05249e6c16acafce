"""Pieces of the printed reports, turned from service DTOs into the plain data ``reports/``
draws: goals, the Recovery Star summary, supporters (with expired consent flagged), the WRAP,
the crisis card, the eco-map picture.

Pure conversion plus a few reads through the services; ``service.py`` composes them. What
happened over a period (referrals, supports provided) is in ``period_parts``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from recoverydesk.charts import star as charts  # charts.figure_to_png: tests watch each picture
from recoverydesk.dates import short_date
from recoverydesk.reports.data import (
    CrisisCardData,
    DomainChange,
    GoalData,
    NoteData,
    PracticeInfo,
    StarSummary,
    StatusEventData,
    StepData,
    SupporterData,
    WrapPart,
    WrapSection,
)
from recoverydesk.services.network import support_links
from recoverydesk.services.printing import charts as print_charts

if TYPE_CHECKING:
    from recoverydesk.services.goals.types import GoalDTO
    from recoverydesk.services.network.types import ContactDTO
    from recoverydesk.services.star.service import StarService
    from recoverydesk.services.wrap.types import WrapDTO

GOAL_STATUS_LABELS = {
    "active": "Active",
    "paused": "Paused",
    "reframed": "Reframed",
    "achieved": "Achieved",
    "let_go": "Let go",
}


# -- goals -----------------------------------------------------------------------------------
def goal_data(
    g: GoalDTO,
    practice: PracticeInfo,
    contact_names: dict[int, str],
    domain_labels: dict[str, str],
    start: dt.date | None = None,
    end: dt.date | None = None,
    sessions_worked: int = 0,
) -> GoalData:
    """A goal as printed. With a period, history after its end and notes outside it are left
    out (the review report); without one, everything (the plan pack)."""

    def who(step) -> str:
        if step.who == "participant":
            return "Me"
        if step.who == "coach":
            return practice.coach_name or "My coach"
        return contact_names.get(step.contact_id or -1, "A supporter")

    def in_period(day: dt.date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    history = [
        StatusEventData(
            h.changed_on,
            "Goal set"
            if h.from_status is None
            else GOAL_STATUS_LABELS.get(h.to_status, h.to_status),
            h.reason,
        )
        for h in g.history
        if end is None or h.changed_on <= end
    ]
    notes = [
        NoteData(
            n.noted_on, n.text + (f" (progress {n.progress}%)" if n.progress is not None else "")
        )
        for n in g.progress_notes
        if in_period(n.noted_on)
    ]
    measure = g.measure
    if g.target:
        measure = f"{measure} (target: {g.target})" if measure else g.target
    return GoalData(
        title=g.title,
        status=GOAL_STATUS_LABELS.get(g.status, g.status),
        status_key=g.status,
        why_it_matters=g.why_it_matters,
        specific=g.specific,
        achievable=g.achievable,
        measure=measure,
        target_date=g.target_date,
        domains=tuple(domain_labels.get(k, k.replace("_", " ").capitalize()) for k in g.domains),
        steps=tuple(StepData(s.text, who(s), s.due_on, s.done_on) for s in g.steps),
        history=tuple(history),
        progress_notes=tuple(notes),
        sessions_worked=sessions_worked,
    )


def goal_in_period(g: GoalDTO, start: dt.date, end: dt.date) -> bool:
    """Open goals started by the end of the period, and closed ones that closed within it."""
    if g.started_on > end:
        return False
    if g.status in ("active", "paused"):
        return True
    last = max((h.changed_on for h in g.history), default=g.started_on)
    return last >= start


# -- people ----------------------------------------------------------------------------------
def supporter(c: ContactDTO, note: str = "") -> SupporterData:
    return SupporterData(
        c.name,
        c.role,
        c.phone,
        note,
        emergency=c.emergency_contact,
        consent_expired_on=c.consent_expires if c.consent_expired else None,
    )


def network_supports(
    contacts: list[ContactDTO],
) -> tuple[tuple[SupporterData, ...], tuple[SupporterData, ...]]:
    """The people and services in the network, for the review's links section: (informal,
    formal), each formal one marked community or mainstream the way the eco-map groups it."""
    informal, formal = [], []
    for c in contacts:
        link = support_links.contact_link_kind(c.kind, c.formal)
        row = replace(supporter(c), link=link)
        (informal if link == support_links.INFORMAL else formal).append(row)
    return tuple(informal), tuple(formal)


def consent_words(expired_on: dt.date | None) -> str:
    """The participant-facing words for expired consent to share (no jargon)."""
    if expired_on is None:
        return ""
    return f"OK to share my information ended {short_date(expired_on)}"


# -- WRAP and the crisis card ----------------------------------------------------------------
def wrap_sections(plan: WrapDTO, contacts: dict[int, ContactDTO]) -> tuple[WrapSection, ...]:
    """The WRAP as printed; a supporter whose consent to share has run out says so."""
    sections = []
    for sec in plan.sections:
        parts = []
        for part in sec.parts:
            if part.is_people:
                items = tuple(_person_line(person, contacts) for person in part.people)
            else:
                items = tuple(i.text for i in part.items)
            if items:
                parts.append(WrapPart(part.title, items))
        if parts:
            sections.append(WrapSection(sec.title, tuple(parts)))
    return tuple(sections)


def _person_line(person, contacts: dict[int, ContactDTO]) -> str:
    contact = contacts.get(person.contact_id) if person.contact_id else None
    # Only people to call can carry consent; someone "not to involve" never does.
    expired = (
        contact.consent_expires if person.wanted and contact and contact.consent_expired else None
    )
    bits = (person.name, person.role, person.phone, person.note, consent_words(expired))
    return " · ".join(x for x in bits if x)


def crisis_card(plan: WrapDTO, card, contacts: list[ContactDTO], name: str) -> CrisisCardData:
    """The one-page crisis card. From the WRAP crisis plan when there is one; otherwise (or for
    the parts it leaves empty) from the earlier WRAP sections, with space left to write in by
    hand, so every plan pack ends with a card worth keeping."""
    by_id = {c.id: c for c in contacts}
    people = tuple(
        supporter(by_id[x.contact_id], x.note)
        if x.contact_id in by_id
        else SupporterData(x.name, x.role, x.phone, x.note)
        for x in card.supporters
    )
    # Only the people the participant chose: the card speaks in their voice. With nobody
    # chosen yet it leaves lines to write names in (never someone picked by the app, who
    # might be on "please don't involve" or a strained tie).
    def texts(key: str) -> tuple[str, ...]:
        return tuple(i.text for i in plan.part(key).items)

    signs = card.warning_signs or texts("breaking_signs") or texts("warning_signs")
    helps = (card.what_helps + card.treatments_help + card.home_care) or texts("toolbox")
    return CrisisCardData(
        preferred_name=card.preferred_name or name,
        supporters=people,
        not_involved=card.not_involved,
        warning_signs=signs,
        what_helps=helps,
        what_to_avoid=card.what_to_avoid,
        medications=card.medications,
        preferred_facilities=card.preferred_facilities,
        unwanted_facilities=card.unwanted_facilities,
        updated_on=card.last_reviewed,
    )


# -- charts ----------------------------------------------------------------------------------
def star_summary(
    star: StarService,
    participant_id: int,
    start: dt.date | None,
    end: dt.date | None,
    trend: bool = True,
    large_print: bool = False,
) -> StarSummary | None:
    """Distance travelled over a period: from the baseline (the last reading on or before the
    period's start, else the period's first) to the latest reading in the period, with the
    radar (baseline against latest) and the trend over them. Without a period, every reading.

    With no reading inside the period, the baseline alone is given (there is nothing to compare
    it with yet); with no reading on or before the period's end, nothing. The charts are drawn
    at their printed size (``print_charts``): the review's with a period, the plan pack's
    without one."""
    every = [r for r in star.readings(participant_id) if end is None or r.taken_on <= end]
    before = [r for r in every if start is not None and r.taken_on <= start]
    inside = [r for r in every if start is None or r.taken_on > start]
    chosen = [r.id for r in before[-1:] + inside]
    if not chosen:
        return None
    template, readings = star.chart_data(participant_id, chosen)
    readings = sorted(readings, key=lambda r: r.taken_on)
    if not readings:
        return None
    first, latest = readings[0], readings[-1]
    two = len(readings) > 1
    review = start is not None
    shown = [first, latest] if two else [latest]
    radar = charts.figure_to_png(
        print_charts.radar(template, shown, review, large_print), dpi=print_charts.DPI
    )
    trend_png = None
    if trend and two:
        trend_png = charts.figure_to_png(print_charts.trend(template, readings), dpi=print_charts.DPI)

    def stage(score: float | None) -> str:
        if score is None:
            return ""
        return next((x.name for x in template.stages if x.min <= score <= x.max), "")

    # The notes come with the readings themselves (a chart reading carries only scores).
    by_id = {r.id: r for r in every}
    latest_notes = getattr(by_id.get(latest.id), "notes", None) or {}
    domains = []
    for d in template.domains:
        then = first.scores.get(d.key) if two else None
        now = latest.scores.get(d.key)
        note = (latest_notes.get(d.key) or "").strip()
        domains.append(DomainChange(d.label, then, now, stage(then), stage(now), note))
    reading_notes = tuple(
        (r.taken_on, note)
        for r in readings
        if (note := (getattr(by_id.get(r.id), "note", "") or "").strip())
    )
    return StarSummary(
        template.name,
        first.taken_on,
        latest.taken_on,
        len(readings),
        tuple(domains),
        radar,
        trend_png,
        baseline_before_period=start is not None and first.taken_on < start,
        reading_notes=reading_notes,
    )


def ecomap_png(
    network, participant_id: int, today: dt.date, review: bool = False, large_print: bool = False
) -> bytes | tuple[bytes, ...] | None:
    """The support network as a picture (None when there is no one in it yet), drawn at the
    size it is printed (``print_charts``); a crowded one as a tuple of pictures, in parts."""
    data = network.ecomap_data(participant_id, today)
    if not data.nodes:
        return None
    pngs = tuple(
        charts.figure_to_png(fig, dpi=print_charts.DPI)
        for fig in print_charts.ecomap(data, review, large_print)
    )
    return pngs[0] if len(pngs) == 1 else pngs
