"""Demo goals: rounds of goals over each person's time in coaching, in their own words, with
SMART parts, steps, progress notes and a history of pauses, achievements, goals let go and
reframes (every "work" story includes "Return to work" reframed to "Build confidence and social
connection first"), plus agreed plan versions every six months built from that history.

Fast by design: everything is worked out in memory, then inserted in bulk with explicit ids.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from recoverydesk.demo import DemoContext, DemoPerson
from recoverydesk.models import (
    ActionStep,
    Contact,
    Goal,
    GoalDomain,
    GoalStatus,
    GoalStatusChange,
    PlanVersion,
    ProgressNote,
    StepOwner,
    Strength,
)

# title, specific, measure, target, achievable, why, domains, steps [(text, who)]
T = tuple
TEMPLATES: dict[str, list[T]] = {
    "connection": [
        (
            "Go to the community choir",
            "Go to Tuesday choir at the neighbourhood centre",
            "Tuesdays I go",
            "3 out of 4 each month",
            "I love singing; Jo from choir will meet me at the door",
            "I want people to say hello to me in the street",
            ("social_networks", "identity_self_esteem"),
            [
                ("Ring the choir leader to ask about joining", "participant"),
                ("Go along to one practice with my coach", "coach"),
                ("Go on my own and stay for the tea break", "participant"),
            ],
        ),
        (
            "Catch up with a friend each week",
            "Message or meet one friend every week",
            "Catch-ups a week",
            "1",
            "I already text my {relative} sometimes",
            "I get lonely on weekends",
            ("social_networks", "relationships"),
            [
                ("Make a list of people I'd like to see", "participant"),
                ("Text Sam about coffee", "participant"),
                ("Talk about what to say when it feels awkward", "coach"),
            ],
        ),
        (
            "Try the men's shed",
            "Visit the men's shed on a Thursday morning",
            "Visits",
            "2 in the month",
            "I'm good with my hands",
            "I miss making things with others",
            ("social_networks", "living_skills"),
            [
                ("Find out the opening times", "coach"),
                ("Visit together once", "coach"),
                ("Go on my own", "participant"),
            ],
        ),
    ],
    "work": [
        (
            "Do some volunteering",
            "Volunteer at the op shop on Friday mornings",
            "Shifts done",
            "4 in a row",
            "The manager knows me; it's a short walk",
            "It gets me out and feels useful",
            ("work", "responsibilities"),
            [
                ("Ask the op shop about volunteer shifts", "participant"),
                ("Fill in the volunteer form together", "coach"),
                ("Do a first shift", "participant"),
            ],
        ),
        (
            "Update my resume",
            "Write a one-page resume with my recent volunteering",
            "Resume finished",
            "printed and saved",
            "My {relative} is good with computers",
            "So I'm ready when something comes up",
            ("work",),
            [
                ("Collect old job dates", "participant"),
                ("Sit with my {relative} to type it", "supporter"),
                ("Print two copies at the library", "participant"),
            ],
        ),
    ],
    "housing": [
        (
            "Find a place of my own",
            "Apply for community housing units near the beach",
            "Applications in",
            "3",
            "The tenancy service helps with forms",
            "I want somewhere quiet and safe",
            ("living_skills", "responsibilities"),
            [
                ("Get a copy of my ID and payslips", "participant"),
                ("Call the tenancy service together", "coach"),
                ("Go to an inspection", "participant"),
            ],
        ),
        (
            "Keep on top of the rent",
            "Pay the rent on the day it's due",
            "Months paid on time",
            "3 in a row",
            "Centrepay can take it out automatically",
            "I don't want to lose this place",
            ("responsibilities",),
            [("Set up Centrepay", "participant"), ("Put a reminder on my phone", "coach")],
        ),
    ],
    "health": [
        (
            "Walk to the beach with my dog",
            "Walk from home to the beach and back with Max",
            "Walks a week",
            "3",
            "Max needs walking anyway; the path is flat",
            "I feel calmer after being outside",
            ("physical_health", "managing_mental_health"),
            [
                ("Buy a new lead for Max", "participant"),
                ("Find the flat path along the lagoon", "coach"),
                ("Walk together on a Sunday", "supporter"),
            ],
        ),
        (
            "Sleep better",
            "Be in bed by 11 and off my phone by 10:30",
            "Nights a week",
            "5",
            "My sleep app reminds me",
            "Everything is harder when I'm tired",
            ("managing_mental_health", "physical_health"),
            [
                ("Charge my phone in the kitchen", "participant"),
                ("Write down what helps me wind down", "participant"),
                ("Ask the GP about side effects", "participant"),
            ],
        ),
        (
            "Feel more in charge of my medication",
            "Know what each tablet is for and ask the GP my questions",
            "Questions answered",
            "all on my list",
            "My GP listens if I write it down",
            "I want to feel less foggy",
            ("managing_mental_health",),
            [
                ("Write my questions down", "participant"),
                ("Book a long GP appointment", "coach"),
                ("Take my {relative} to the appointment", "supporter"),
            ],
        ),
    ],
    "study": [
        (
            "Start a TAFE course",
            "Enrol in the Certificate II in Horticulture",
            "Units passed",
            "2 this term",
            "Teachers offer extra time",
            "I love growing things",
            ("work", "identity_self_esteem"),
            [
                ("Go to the TAFE open day", "participant"),
                ("Ask about disability support", "coach"),
                ("Enrol online", "participant"),
            ],
        ),
        (
            "Get to class every week",
            "Catch the 8:10 bus to TAFE on Mondays and Wednesdays",
            "Classes attended",
            "8 out of 10",
            "The bus stop is close",
            "I want to finish this",
            ("responsibilities", "living_skills"),
            [("Practise the bus trip", "coach"), ("Pack my bag the night before", "participant")],
        ),
    ],
    "living": [
        (
            "Cook for myself",
            "Cook a simple dinner at home",
            "Dinners a week",
            "2",
            "My {relative} gave me a recipe book",
            "Takeaway costs too much and makes me sluggish",
            ("living_skills", "physical_health"),
            [
                ("Pick two easy recipes", "participant"),
                ("Shop together for ingredients", "coach"),
                ("Cook with my {relative} on Sunday", "supporter"),
            ],
        ),
        (
            "Get on top of the bills",
            "Open my mail each week and pay bills before they are due",
            "Overdue bills",
            "none for 2 months",
            "My bank app shows due dates",
            "Letters make me anxious when they pile up",
            ("responsibilities", "living_skills"),
            [
                ("Sort the pile of mail together", "coach"),
                ("Set up bill reminders", "participant"),
                ("Ring the energy company about a plan", "participant"),
            ],
        ),
    ],
}
ALL_THEMES = list(TEMPLATES)
VAGUE = [
    ("Feel better in myself", ("identity_self_esteem", "trust_hope")),
    ("Be more organised", ("living_skills",)),
    ("Get out of the house more", ("social_networks",)),
]
RETURN_TO_WORK = (
    "Return to work",
    "Find part-time work in a café or garden centre",
    "Job applications",
    "2 a week",
    "I worked in a café for five years",
    "I want my own money and a routine",
    ("work", "responsibilities"),
    [
        ("Look at job ads with my coach", "coach"),
        ("Write a cover letter", "participant"),
        ("Apply for two jobs", "participant"),
    ],
)
BUILD_CONFIDENCE = (
    "Build confidence and social connection first",
    "Go to the Wednesday walking group and say yes to one social thing a week",
    "Social outings a week",
    "1",
    "The walking group is small and friendly; my coach comes the first time",
    "When I feel steadier with people, work will feel possible again",
    ("social_networks", "identity_self_esteem", "work"),
    [
        ("Go to the walking group with my coach", "coach"),
        ("Go to the walking group alone", "participant"),
        ("Have a coffee with someone from the group", "participant"),
        ("Talk about what work could look like later", "coach"),
    ],
)
REFRAME_REASON = (
    "The job applications were making me anxious. Getting my confidence and "
    "people around me first feels right; work is still the long-term goal"
)
PAUSE = [
    "Hospital stay for two weeks",
    "Moving house took all my energy",
    "Family visiting over the holidays",
    "Wanted to focus on one thing at a time",
    "Had the flu for a fortnight",
]
RESUME = [
    "Feeling ready again",
    "Back home and settled",
    "Things have calmed down",
    "Ready to pick it up again",
]
ACHIEVED = [
    "Did it, and kept it going for a month",
    "Managed it most weeks",
    "Proud of this one",
    "It's just part of my week now",
]
LET_GO = [
    "Not important to me any more",
    "Found another way to get there",
    "Decided to put my energy elsewhere",
    "My situation changed",
]
NOTES = [
    "Good start: the first step is done.",
    "A harder fortnight, but kept going.",
    "Talked it through; it feels more doable now.",
    "Small steps, but steady.",
    "Went better than expected.",
    "Missed a week; we adjusted the plan.",
    "Feeling proud of the progress so far.",
]


@dataclass
class _Goal:
    id: int
    person: DemoPerson
    tpl: tuple
    started: dt.date
    target_date: dt.date | None
    priority: int
    position: int
    events: list[tuple[dt.date, str | None, str, str]] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    reframed_to: tuple[dt.date, int] | None = None
    vague: bool = False
    domains: tuple[str, ...] = ()


def _in_their_words(tpl: T, relative: str) -> T:
    """A goal template with "{relative}" said as this person would ("my mum", "my brother"),
    so the goal names someone who is in their network."""

    def fill(text):
        return text.replace("{relative}", relative) if isinstance(text, str) else text

    return tuple(
        [(fill(text), who) for text, who in part] if isinstance(part, list) else fill(part)
        for part in tpl
    )


def _day(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


class _Builder:
    def __init__(self, session: Session, ctx: DemoContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.next_goal = (session.scalar(select(func.max(Goal.id))) or 0) + 1
        self.next_step = (session.scalar(select(func.max(ActionStep.id))) or 0) + 1
        self.goals: list[_Goal] = []
        # How often each goal's words are used across the caseload: the least used is chosen,
        # so two people rarely walk the same dog called Max.
        self.uses: Counter[str] = Counter()

    def new_goal(self, person, tpl, started, position, *, vague=False) -> _Goal:
        rng = self.rng
        target = None if vague else _day(started, rng.choice([90, 120, 150, 180, 240]))
        g = _Goal(
            self.next_goal,
            person,
            _in_their_words(tpl, self.ctx.relative(person.id)),
            started,
            target,
            rng.choice([1, 2, 2, 3]),
            position,
            vague=vague,
        )
        self.next_goal += 1
        g.events.append((started, None, "active", "Goal set together"))
        self.goals.append(g)
        return g

    def add_steps(self, g: _Goal, end: dt.date, done_until: dt.date | None) -> None:
        rng, today = self.rng, self.ctx.today
        span = max(14, (end - g.started).days)
        stuck = False  # steps get done in order: once one waits, the later ones wait too
        for i, (text, who) in enumerate(g.tpl[7] if not g.vague else []):
            due = _day(g.started, int(span * (i + 1) / (len(g.tpl[7]) + 1)))
            done = None
            if done_until and due <= done_until + dt.timedelta(days=10):
                done = min(due + dt.timedelta(days=rng.randint(-5, 12)), done_until, today)
                done = max(done, g.started)
            elif due < today and not stuck and rng.random() < 0.7 and done_until is None:
                done = min(due + dt.timedelta(days=rng.randint(0, 10)), today)
            stuck = stuck or done is None
            g.steps.append(
                {
                    "id": self.next_step,
                    "text": text,
                    "who": who,
                    "due_on": due,
                    "done_on": done,
                    "position": i,
                }
            )
            self.next_step += 1

    def add_notes(self, g: _Goal, end: dt.date, final: int) -> None:
        rng = self.rng
        day, progress = _day(g.started, rng.randint(21, 42)), 0
        while day < end and day <= self.ctx.today:
            progress = min(final, progress + rng.randint(5, 25))
            g.notes.append(
                {
                    "noted_on": day,
                    "text": rng.choice(NOTES),
                    "progress": progress if rng.random() < 0.8 else None,
                }
            )
            day = _day(day, rng.randint(28, 56))

    def story(self, g: _Goal, end_limit: dt.date) -> None:
        """Decide what happens to a goal between its start and ``end_limit``."""
        rng, today = self.rng, self.ctx.today
        planned_end = g.target_date or _day(g.started, 180)
        status = "active"
        if rng.random() < 0.25:
            pause = _day(g.started, rng.randint(30, 80))
            if pause < end_limit:
                g.events.append((pause, "active", "paused", rng.choice(PAUSE)))
                status = "paused"
                back = _day(pause, rng.randint(14, 45))
                if back < end_limit:
                    g.events.append((back, "paused", "active", rng.choice(RESUME)))
                    status = "active"
        end = _day(planned_end, rng.randint(-20, 40))
        if end < end_limit and end <= today and status == "active":
            roll = rng.random()
            if roll < 0.62:
                g.events.append((end, "active", "achieved", rng.choice(ACHIEVED)))
                self.add_steps(g, end, end)
                self.add_notes(g, end, 100)
                return
            if roll < 0.82:
                g.events.append((end, "active", "let_go", rng.choice(LET_GO)))
                self.add_steps(g, end, _day(g.started, (end - g.started).days // 2))
                self.add_notes(g, end, 50)
                return
        stale = _day(planned_end, 150)
        if status == "active" and stale < min(end_limit, today):
            # An old goal nobody closed: talked about at a review and let go.
            g.events.append(
                (stale, "active", "let_go", "Talked about it at the plan review: it no longer fits")
            )
            self.add_steps(g, planned_end, None)
            self.add_notes(g, stale, 60)
            return
        self.add_steps(g, min(planned_end, end_limit), None)
        self.add_notes(g, min(end_limit, today + dt.timedelta(days=1)), 80)

    def person(self, person: DemoPerson, index: int) -> None:
        rng, today = self.rng, self.ctx.today
        start = max(person.support_start, self.ctx.start)
        end_limit = today + dt.timedelta(days=1)
        if person.status == "exited":
            end_limit = min(end_limit, _day(start, max(60, (today - start).days - 120)))
        themes = [person.theme if person.theme in TEMPLATES else "connection"]
        themes += [t for t in rng.sample(ALL_THEMES, 3) if t != themes[0]][:2]
        position = 0
        day = _day(start, rng.randint(7, 21))
        first = True
        used: set[str] = set()  # a later round sets new goals, not the same words again
        while day < end_limit:
            round_goals = []
            if first and (person.theme == "work" or index == 0):
                round_goals.append(self._reframed_story(person, day, end_limit, position))
                position += 2
            count = rng.randint(1, 2) if round_goals else rng.randint(2, 3)
            for k in range(count):
                theme = themes[(k + position) % len(themes)]
                fresh = [t for t in TEMPLATES[theme] if t[0] not in used] or [
                    t for name in ALL_THEMES for t in TEMPLATES[name] if t[0] not in used
                ]
                pool = fresh or TEMPLATES[theme]
                least = min(self.uses[t[0]] for t in pool)
                tpl = rng.choice([t for t in pool if self.uses[t[0]] == least])
                used.add(tpl[0])
                self.uses[tpl[0]] += 1
                started = _day(day, rng.randint(0, 20))
                if started >= end_limit:
                    break
                g = self.new_goal(person, tpl, started, position)
                position += 1
                self.story(g, end_limit)
                round_goals.append(g)
            if first and rng.random() < 0.5:
                title, domains = rng.choice(VAGUE)
                vague_tpl = (title, "", "", "", "", "", domains, [])
                g = self.new_goal(person, vague_tpl, _day(day, 3), position, vague=True)
                position += 1
            first = False
            day = _day(day, rng.randint(240, 400))

    def _reframed_story(self, person, day, end_limit, position) -> _Goal:
        rng, today = self.rng, self.ctx.today
        work = self.new_goal(person, RETURN_TO_WORK, day, position)
        work.priority = 1
        when = min(_day(day, rng.randint(70, 120)), today - dt.timedelta(days=20))
        if when <= day or when >= end_limit:
            self.add_steps(work, _day(day, 90), None)
            return work
        self.add_steps(work, when, None)
        for st in work.steps:
            if st["done_on"] and st["done_on"] > when:
                st["done_on"] = None
        work.steps[0]["done_on"] = work.steps[0]["due_on"]
        work.notes.append(
            {
                "noted_on": _day(day, 40),
                "text": "Two applications sent, but the waiting is very stressful.",
                "progress": 20,
            }
        )
        new = self.new_goal(person, BUILD_CONFIDENCE, when, position + 1)
        new.priority = 1
        new.events[0] = (when, None, "active", f"Reframed from “Return to work”: {REFRAME_REASON}")
        work.events.append((when, "active", "reframed", REFRAME_REASON))
        work.reframed_to = (when, new.id)
        horizon = min(end_limit, today)
        self.add_steps(new, min(_day(when, 150), horizon), None)
        self.add_notes(new, horizon, 70)
        return work


def _status_at(g: _Goal, day: dt.date) -> tuple[str, str] | None:
    current = None
    for when, _from, to, reason in g.events:
        if when <= day:
            current = (to, reason)
    return current


def _snapshot(
    b: _Builder,
    person: DemoPerson,
    goals: list[_Goal],
    day: dt.date,
    review: dt.date,
    strengths,
    supports,
) -> dict:
    out = []
    titles = {g.id: g.tpl[0] for g in goals}
    for g in goals:
        state = _status_at(g, day)
        if state is None:
            continue
        status, reason = state
        progress = [n["progress"] for n in g.notes if n["noted_on"] <= day and n["progress"]]
        out.append(
            {
                "id": g.id,
                "title": g.tpl[0],
                "status": status,
                "domains": list(g.domains),
                "priority": g.priority,
                "specific": g.tpl[1],
                "measure": g.tpl[2],
                "target": g.tpl[3],
                "achievable": g.tpl[4],
                "why_it_matters": g.tpl[5],
                "target_date": g.target_date.isoformat() if g.target_date else None,
                "started_on": g.started.isoformat(),
                "reframed_to_id": g.reframed_to[1]
                if g.reframed_to and status == "reframed" and g.reframed_to[1] in titles
                else None,
                "latest_progress": progress[-1] if progress else None,
                "last_reason": reason,
                "steps": [
                    {
                        "id": st["id"],
                        "text": st["text"],
                        "who": st["who"],
                        "due_on": st["due_on"].isoformat() if st["due_on"] else None,
                        "done_on": st["done_on"].isoformat()
                        if st["done_on"] and st["done_on"] <= day
                        else None,
                    }
                    for st in g.steps
                ],
            }
        )
    return {
        "format": 1,
        "participant": {
            "id": person.id,
            "display_name": f"{person.name} {person.family_name}",
            "preferred_name": person.name,
        },
        "review_date": review.isoformat(),
        "goals": out,
        "strengths": strengths,
        "supports": supports,
        "parts": {},
    }


# People whose star is the open CHIME template get goals linked to its five areas.
CHIME_FOR = {
    "social_networks": "connectedness",
    "relationships": "connectedness",
    "trust_hope": "hope",
    "identity_self_esteem": "identity",
    "work": "meaning",
    "responsibilities": "meaning",
}


def _star_templates(session: Session) -> dict[int, str]:
    """Each person's latest star template key (from the star demo), if stars exist."""
    try:
        rows = session.execute(
            sql(
                "SELECT r.participant_id, t.key FROM star_readings r "
                "JOIN star_template_versions v ON v.id = r.template_version_id "
                "JOIN star_templates t ON t.id = v.template_id ORDER BY r.taken_on, r.id"
            )
        ).all()
    except Exception:  # no star capability in this build
        return {}
    return {pid: key for pid, key in rows}


def generate(session: Session, ctx: DemoContext) -> None:
    if not ctx.people:
        return
    b = _Builder(session, ctx)
    for index, person in enumerate(ctx.people):
        b.person(person, index)
    templates = _star_templates(session)
    for g in b.goals:
        keys = g.tpl[6]
        if templates.get(g.person.id) == "chime":
            keys = tuple(dict.fromkeys(CHIME_FOR.get(k, "empowerment") for k in keys))
        g.domains = keys

    goal_rows, domain_rows, change_rows, step_rows, note_rows = [], [], [], [], []
    for g in b.goals:
        status = g.events[-1][2]
        goal_rows.append(
            {
                "id": g.id,
                "participant_id": g.person.id,
                "title": g.tpl[0],
                "specific": g.tpl[1],
                "measure": g.tpl[2],
                "target": g.tpl[3],
                "achievable": g.tpl[4],
                "why_it_matters": g.tpl[5],
                "target_date": g.target_date,
                "priority": g.priority,
                "status": GoalStatus(status),
                "started_on": g.started,
                "reframed_to_id": g.reframed_to[1]
                if g.reframed_to and status == "reframed"
                else None,
                "position": g.position,
                **ctx.stamps(g.started, g.events[-1][0]),
            }
        )
        domain_rows += [
            {"goal_id": g.id, "domain_key": k, "position": i} for i, k in enumerate(g.domains)
        ]
        change_rows += [
            {
                "goal_id": g.id,
                "changed_on": when,
                "from_status": None if was is None else GoalStatus(was),
                "to_status": GoalStatus(to),
                "reason": reason,
                "created_at": ctx.stamp(when),
            }
            for when, was, to, reason in g.events
        ]
        step_rows += [
            {**st, "goal_id": g.id, "who": StepOwner(st["who"]),
             **ctx.stamps(g.started, st["done_on"] or g.started)}
            for st in g.steps
        ]
        note_rows += [{**n, "goal_id": g.id, "created_at": ctx.stamp(n["noted_on"])}
                      for n in g.notes]
    # Reframed goals point forward to goals inserted in the same batch: insert, then link.
    links = {r["id"]: r.pop("reframed_to_id") for r in goal_rows}
    for table, rows in (
        (Goal, goal_rows),
        (GoalDomain, domain_rows),
        (GoalStatusChange, change_rows),
        (ActionStep, step_rows),
        (ProgressNote, note_rows),
    ):
        if rows:
            session.connection().execute(table.__table__.insert(), rows)
    updated = {r["id"]: r["updated_at"] for r in goal_rows}
    pending = [{"gid": k, "to": v, "at": updated[k]} for k, v in links.items() if v]
    if pending:
        goals_table = Goal.__table__
        from sqlalchemy import bindparam  # noqa: PLC0415

        session.connection().execute(
            goals_table.update()
            .where(goals_table.c.id == bindparam("gid"))
            .values(reframed_to_id=bindparam("to"), updated_at=bindparam("at")),
            pending,
        )
    _plan_versions(session, ctx, b)
    ctx.shared["goals"] = {p.id: [g.id for g in b.goals if g.person is p] for p in ctx.people}


def _plan_versions(session: Session, ctx: DemoContext, b: _Builder) -> None:
    ids = [p.id for p in ctx.people]
    strengths: dict[int, list[dict]] = {}
    for pid, cat, text in session.execute(
        select(Strength.participant_id, Strength.category, Strength.text)
        .where(Strength.participant_id.in_(ids))
        .order_by(Strength.position, Strength.id)
    ):
        strengths.setdefault(pid, []).append({"category": str(cat), "text": text})
    supports: dict[int, list[dict]] = {}
    for c in session.execute(
        select(
            Contact.participant_id,
            Contact.id,
            Contact.name,
            Contact.relationship_text,
            Contact.organisation,
            Contact.kind,
            Contact.phone,
            Contact.formal,
            Contact.emergency_contact,
        )
        .where(Contact.participant_id.in_(ids), Contact.archived.is_(False))
        .order_by(Contact.name)
    ):
        supports.setdefault(c.participant_id, []).append(
            {
                "id": c.id,
                "name": c.name,
                "role": c.relationship_text or c.organisation or str(c.kind).replace("_", " "),
                "phone": c.phone,
                "formal": c.formal,
                "emergency_contact": c.emergency_contact,
            }
        )
    by_person: dict[int, list[_Goal]] = {}
    for g in b.goals:
        by_person.setdefault(g.person.id, []).append(g)
    rows = []
    for person in ctx.people:
        goals = by_person.get(person.id, [])
        if not goals:
            continue
        day = min(g.started for g in goals) + dt.timedelta(days=21)
        last = ctx.today if person.status != "exited" else max(g.events[-1][0] for g in goals)
        number = 0
        while day <= last:
            review = day + dt.timedelta(days=182)
            number += 1
            content = _snapshot(
                b,
                person,
                goals,
                day,
                review,
                strengths.get(person.id, []),
                supports.get(person.id, []),
            )
            rows.append(
                {
                    "participant_id": person.id,
                    "number": number,
                    "agreed_on": day,
                    "review_date": review,
                    "note": "Agreed together" if number > 1 else "Our first plan",
                    "content": json.dumps(content, ensure_ascii=False, sort_keys=True),
                    "created_at": ctx.stamp(day),
                }
            )
            day = day + dt.timedelta(days=182 + b.rng.randint(-10, 20))
    if rows:
        session.connection().execute(PlanVersion.__table__.insert(), rows)
