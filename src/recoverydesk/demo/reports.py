"""Demo practice details, so printed demo plans and reports carry a (fictional) practice, and
plan-review drafts in the coach's words for the people whose review comes first, so a demo
review report reads like one a coach would send. All fictional."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.demo import DemoContext, DemoPerson
from recoverydesk.models import Participant
from recoverydesk.models.reviews import ReviewDraft, RisksAssessed
from recoverydesk.models.settings import PracticeSetting
from recoverydesk.models.wrap import WrapItem, WrapPlan, WrapSupporter
from recoverydesk.services.reviews.service import default_period

DETAILS = {
    "practice.practice_name": "Saltwater Recovery Coaching",
    "practice.coach_name": "Mei Tanaka",
    "practice.abn": "53 004 085 616",
    "practice.phone": "0400 555 019",
    "practice.email": "mei@saltwater-coaching.example",
}
DRAFTS = 8  # the first people in the practice get a review draft under way

# By situation: (summary, barriers and strategies, risks, recommendations); {n} is the name.
WORDS: dict[str, tuple[str, str, str, str]] = {
    "connection": (
        "{n} has moved from rarely leaving home to joining a weekly walking group and "
        "meeting a friend for coffee most weeks. {n} says feeling less alone has made the "
        "biggest difference.",
        "- Anxiety in new groups: we practised arriving early and meeting one person first.\n"
        "- Low energy on bad weeks: {n} now keeps a short list of small things that still count.",
        "No risks of harm were noted in this period. Early warning signs and supports are "
        "written in {n}'s wellness plan.",
        "- Continue psychosocial recovery coaching at the current level for the next plan.\n"
        "- Support to try a peer-led group towards {n}'s goal of volunteering.",
    ),
    "work": (
        "{n} has rebuilt a daily routine and confidence, and is now exploring a return to "
        "work at a pace that feels safe. Job applications were paused by choice while "
        "confidence and social connection came first.",
        "- Stress when waiting to hear back from employers: we agreed to apply in small "
        "batches and plan something enjoyable for the wait.\n"
        "- Gaps in recent work history: {n} is building references through volunteering.",
        "Stress around applications was noted in August; it eased once the plan changed. "
        "No other risks were noted.",
        "- Continue coaching, with a focus on a supported work trial.\n"
        "- Consider capacity building supports for finding and keeping a job.",
    ),
    "housing": (
        "{n} has kept up a tenancy application, learned to cook simple meals and now attends "
        "class every week. Housing remains the main goal.",
        "- Long waiting lists: {n} checks the housing list each month and we follow up "
        "together.\n"
        "- Money worries: {n} keeps a simple weekly budget with a family member's help.",
        "Stress linked to housing uncertainty. A crisis plan is in place and shared with "
        "the people {n} chose.",
        "- Continue coaching while housing is found and through the move.\n"
        "- Support coordination to help with the housing application and set-up costs.",
    ),
    "health": (
        "{n} has improved sleep and daily routine and is getting out on walks again, which "
        "{n} says has lifted mood and energy.",
        "- Late nights and energy drinks: {n} swapped to a wind-down routine that mostly holds.",
        "No risks noted in this period.",
        "- Continue coaching at the current level.\n"
        "- Continued links with the GP for physical health checks.",
    ),
    "study": (
        "{n} enrolled in a short course and has attended most classes, with coaching help "
        "to plan study weeks and manage deadlines.",
        "- Feeling overwhelmed at assessment times: we plan the week together beforehand.",
        "No risks noted in this period.",
        "- Continue coaching through the next study term.\n"
        "- Explore disability support at the college for the next course.",
    ),
    "living": (
        "{n} now manages shopping and bills with less help and has reconnected with a "
        "community group.",
        "- Forgetting appointments: {n} uses a wall calendar and phone reminders.",
        "No risks noted in this period.",
        "- Continue coaching, stepping down gradually as {n} feels ready.",
    ),
}


# The risks above speak of the person's WRAP; these are said instead when they have none yet
# (or, for a crisis plan "shared with the people they chose", when they chose nobody yet).
NO_WRAP_RISKS = {
    "connection": "No risks of harm were noted in this period. {n} does not have a wellness "
    "plan (WRAP) yet; writing down early warning signs and supports together is planned.",
    "housing": "Stress linked to housing uncertainty. {n} does not have a crisis plan yet; "
    "writing one together, with the people {n} would want called, comes first next period.",
}
# In their own words (asked, and written as said), and, for some, where we see it differently.
THEIR_WORDS: dict[str, tuple[str, str]] = {
    "connection": (
        "I look forward to Tuesdays now. I still get nervous walking in, but I know people "
        "will say hello.",
        "",
    ),
    "work": (
        "I wanted a job straight away, but I'm glad we slowed down. I feel more like myself "
        "and I think I'll be ready soon.",
        "{n} would like to apply for full-time work next; we agreed a supported work trial "
        "of a few shifts a week comes first, and will look at it again in three months.",
    ),
    "housing": (
        "Waiting for a place is the hardest part. Cooking my own meals has made a real "
        "difference.",
        "",
    ),
    "health": (
        "I'm sleeping better and I've got more energy to do things I like again.",
        "{n} feels the walks are enough for now; I think a GP check-up would help too, and "
        "{n} is thinking about it.",
    ),
    "study": (
        "I didn't think I could go back to study. I've missed a couple of classes but I'm "
        "still going.",
        "",
    ),
    "living": (
        "I can do my shopping and pay my bills on my own most weeks now.",
        "",
    ),
}
NOBODY_CHOSEN_RISKS = {
    "housing": "Stress linked to housing uncertainty. {n}'s wellness plan has early warning "
    "signs; choosing the people to call in a crisis is the next step.",
}


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
    summary, barriers, risks, recommendations = WORDS[person.theme]
    if not has_wrap:
        risks = NO_WRAP_RISKS.get(person.theme, risks)
    elif not chose_people:
        risks = NOBODY_CHOSEN_RISKS.get(person.theme, risks)
    summary, barriers, risks, recommendations = (
        text.format(n=person.name) for text in (summary, barriers, risks, recommendations)
    )
    view, different = (t.format(n=person.name) for t in THEIR_WORDS.get(person.theme, ("", "")))
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
        coach_notes="Check the hours with the monthly invoices before sending.",
        **ctx.stamps(ctx.today),
    )
