"""Demo practice details, so printed demo plans and reports carry a (fictional) practice, and
plan-review drafts in the coach's words for the people whose review comes first, so a demo
review report reads like one a coach would send. All fictional (resources/demo/reports.json)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext, DemoPerson
from recoverydesk.demo.story import load_story
from recoverydesk.models import Participant
from recoverydesk.models.reviews import ReviewDraft, RisksAssessed
from recoverydesk.models.settings import PracticeSetting
from recoverydesk.models.wrap import WrapItem, WrapPlan, WrapSupporter
from recoverydesk.services.reviews.types import default_period

_STORY = load_story("reports")
# The (fictional) practice's details, by setting key.
DETAILS: dict[str, str] = _STORY["practice"]
DRAFTS = 8  # the first people in the practice get a review draft under way
# By situation: summary, barriers_strategies, risks, recommendations; {n} is the name.
WORDS: dict[str, dict[str, str]] = _STORY["review"]
# The risks above speak of the person's WRAP; these are said instead when they have none yet
# (or, for a crisis plan "shared with the people they chose", when they chose nobody yet).
NO_WRAP_RISKS: dict[str, str] = _STORY["no_wrap_risks"]
NOBODY_CHOSEN_RISKS: dict[str, str] = _STORY["nobody_chosen_risks"]
# In their own words (participant_view, asked and written as said), and, for some, where we
# see it differently (different_views).
THEIR_WORDS: dict[str, dict[str, str]] = _STORY["their_words"]
COACH_NOTES: str = _STORY["coach_notes"]


def generate(session: Session, ctx: DemoContext) -> None:
    began = ctx.stamp(ctx.start)
    session.add_all(PracticeSetting(key=k, value=v, updated_at=began) for k, v in DETAILS.items())
    starts = dict(session.execute(select(Participant.id, Participant.plan_start)).all())
    written = set(
        session.scalars(
            select(WrapPlan.participant_id).join(WrapItem, WrapItem.plan_id == WrapPlan.id)
        )
    )
    named = select(WrapPlan.participant_id, WrapSupporter.wanted).join(
        WrapSupporter, WrapSupporter.plan_id == WrapPlan.id
    )
    people = session.execute(named).all()
    written |= {pid for pid, _wanted in people}  # "please don't involve" is written too
    chosen = {pid for pid, wanted in people if wanted}
    active = [p for p in ctx.people if p.status == "active"][:DRAFTS]
    session.add_all(
        _draft(p, starts.get(p.id), ctx, p.id in written, p.id in chosen)
        for p in active
        if p.theme in WORDS
    )


def _draft(
    person: DemoPerson, plan_start, ctx: DemoContext, has_wrap: bool, chose_people: bool
) -> ReviewDraft:
    start, end = default_period(plan_start, ctx.today)
    words = WORDS[person.theme]
    summary, barriers, risks, recommendations = (
        words[k] for k in ("summary", "barriers_strategies", "risks", "recommendations")
    )
    if not has_wrap:
        risks = NO_WRAP_RISKS.get(person.theme, risks)
    elif not chose_people:
        risks = NOBODY_CHOSEN_RISKS.get(person.theme, risks)
    summary, barriers, risks, recommendations = (
        text.format(n=person.name) for text in (summary, barriers, risks, recommendations)
    )
    theirs = THEIR_WORDS.get(person.theme, {})
    view, different = (
        theirs.get(k, "").format(n=person.name) for k in ("participant_view", "different_views")
    )
    # The coach talked risks through at each draft: said as "none" or "see below".
    assessed = (RisksAssessed.NONE_IDENTIFIED if risks.startswith("No risks")
                else RisksAssessed.SEE_BELOW)
    return ReviewDraft(
        participant_id=person.id,
        period_start=start,
        period_end=end,
        summary=summary,
        participant_view=view,
        different_views=different,
        barriers_strategies=barriers,
        risks=risks,
        risks_assessed=assessed,
        recommendations=recommendations,
        coach_notes=COACH_NOTES,
        **ctx.stamps(ctx.today),
    )
