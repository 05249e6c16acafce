"""Demo goals: rounds of goals over each person's time in coaching, in their own words, with
SMART parts, steps, progress notes and a history of pauses, achievements, goals let go and
reframes (every "work" story includes "Return to work" reframed to "Build confidence and social
connection first"). The goals' words are in resources/demo/goals.json; the agreed plan versions
built from this history are plans.py's.

Fast by design: everything is worked out in memory, then inserted in bulk with explicit ids.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext, DemoPerson
from recoverydesk.demo.story import load_story
from recoverydesk.models import (
    ActionStep,
    Goal,
    GoalDomain,
    GoalStatus,
    GoalStatusChange,
    ProgressNote,
    StepOwner,
)
from recoverydesk.models.star import StarReading, StarTemplate, StarTemplateVersion

_STORY = load_story("goals")


@dataclass(frozen=True)
class GoalTemplate:
    """A goal as a person might set it, in their own words; "{relative}" is said as they would
    ("my mum"). A vague goal has a title and domains only."""

    title: str
    specific: str = ""
    measure: str = ""
    target: str = ""
    achievable: str = ""
    why_it_matters: str = ""
    domains: tuple[str, ...] = ()
    steps: tuple[tuple[str, str], ...] = ()  # (text, who: a StepOwner value)
    plan_theme: str = ""  # the NDIS plan goal it serves, when no template theme says (ndis.py)

    def in_their_words(self, relative: str) -> GoalTemplate:
        """This template with "{relative}" said as this person would ("my mum", "my brother"),
        so the goal names someone who is in their network."""

        def fill(text: str) -> str:
            return text.replace("{relative}", relative)

        return replace(
            self, title=fill(self.title), specific=fill(self.specific),
            measure=fill(self.measure), target=fill(self.target),
            achievable=fill(self.achievable), why_it_matters=fill(self.why_it_matters),
            steps=tuple((fill(text), who) for text, who in self.steps),
        )


def _template(data: dict) -> GoalTemplate:
    return GoalTemplate(**{**data, "domains": tuple(data["domains"]),
                           "steps": tuple((text, who) for text, who in data.get("steps", ()))})


TEMPLATES: dict[str, list[GoalTemplate]] = {
    theme: [_template(t) for t in templates] for theme, templates in _STORY["templates"].items()
}
ALL_THEMES = list(TEMPLATES)
VAGUE: list[GoalTemplate] = [_template(t) for t in _STORY["vague"]]
# Every "work" story (and the first person's) starts with this goal, reframed after a while.
RETURN_TO_WORK = _template(_STORY["return_to_work"])
BUILD_CONFIDENCE = _template(_STORY["build_confidence"])
REFRAME_REASON: str = _STORY["reframe_reason"]
PAUSE: list[str] = _STORY["pause"]
RESUME: list[str] = _STORY["resume"]
ACHIEVED: list[str] = _STORY["achieved"]
LET_GO: list[str] = _STORY["let_go"]
NOTES: list[str] = _STORY["notes"]
# People whose star is the open CHIME template get goals linked to its five areas.
CHIME_FOR: dict[str, str] = _STORY["chime_for"]
CHIME_OTHERWISE: str = _STORY["chime_otherwise"]
FIRST_PLAN_NOTE: str = _STORY["first_plan_note"]  # the note on each person's plan versions
LATER_PLAN_NOTE: str = _STORY["later_plan_note"]


@dataclass
class DemoGoal:
    """One goal's whole story, worked out in memory before anything is written."""

    id: int
    person: DemoPerson
    tpl: GoalTemplate
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


def _day(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


class _Builder:
    def __init__(self, session: Session, ctx: DemoContext):
        self.ctx, self.rng = ctx, ctx.rng
        self.next_goal = (session.scalar(select(func.max(Goal.id))) or 0) + 1
        self.next_step = (session.scalar(select(func.max(ActionStep.id))) or 0) + 1
        self.goals: list[DemoGoal] = []
        # How often each goal's words are used across the caseload: the least used is chosen,
        # so two people rarely walk the same dog called Max.
        self.uses: Counter[str] = Counter()

    def new_goal(self, person, tpl, started, position, *, vague=False) -> DemoGoal:
        rng = self.rng
        target = None if vague else _day(started, rng.choice([90, 120, 150, 180, 240]))
        g = DemoGoal(
            self.next_goal,
            person,
            tpl.in_their_words(self.ctx.relative(person.id)),
            started,
            target,
            rng.choice([1, 2, 2, 3]),
            position,
            vague=vague,
        )
        self.next_goal += 1
        g.events.append((started, None, "active", _STORY["goal_set"]))
        self.goals.append(g)
        return g

    def add_steps(self, g: DemoGoal, end: dt.date, done_until: dt.date | None) -> None:
        rng, today = self.rng, self.ctx.today
        span = max(14, (end - g.started).days)
        stuck = False  # steps get done in order: once one waits, the later ones wait too
        for i, (text, who) in enumerate(g.tpl.steps if not g.vague else []):
            due = _day(g.started, int(span * (i + 1) / (len(g.tpl.steps) + 1)))
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

    def add_notes(self, g: DemoGoal, end: dt.date, final: int) -> None:
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

    def story(self, g: DemoGoal, end_limit: dt.date) -> None:
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
            g.events.append((stale, "active", "let_go", _STORY["let_go_at_review"]))
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
                fresh = [t for t in TEMPLATES[theme] if t.title not in used] or [
                    t for name in ALL_THEMES for t in TEMPLATES[name] if t.title not in used
                ]
                pool = fresh or TEMPLATES[theme]
                least = min(self.uses[t.title] for t in pool)
                tpl = rng.choice([t for t in pool if self.uses[t.title] == least])
                used.add(tpl.title)
                self.uses[tpl.title] += 1
                started = _day(day, rng.randint(0, 20))
                if started >= end_limit:
                    break
                g = self.new_goal(person, tpl, started, position)
                position += 1
                self.story(g, end_limit)
                round_goals.append(g)
            if first and rng.random() < 0.5:
                vague = rng.choice(VAGUE)
                g = self.new_goal(person, vague, _day(day, 3), position, vague=True)
                position += 1
            first = False
            day = _day(day, rng.randint(240, 400))

    def _reframed_story(self, person, day, end_limit, position) -> DemoGoal:
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
        work.notes.append({"noted_on": _day(day, 40), **_STORY["first_work_note"]})
        new = self.new_goal(person, BUILD_CONFIDENCE, when, position + 1)
        new.priority = 1
        reframed = _STORY["reframed_from"].format(title=work.tpl.title, reason=REFRAME_REASON)
        new.events[0] = (when, None, "active", reframed)
        work.events.append((when, "active", "reframed", REFRAME_REASON))
        work.reframed_to = (when, new.id)
        horizon = min(end_limit, today)
        self.add_steps(new, min(_day(when, 150), horizon), None)
        self.add_notes(new, horizon, 70)
        return work


def _star_templates(session: Session) -> dict[int, str]:
    """Each person's latest star template key (the star demo runs first)."""
    rows = session.execute(
        select(StarReading.participant_id, StarTemplate.key)
        .join(StarTemplateVersion, StarTemplateVersion.id == StarReading.template_version_id)
        .join(StarTemplate, StarTemplate.id == StarTemplateVersion.template_id)
        .order_by(StarReading.taken_on, StarReading.id)
    ).all()
    return {pid: key for pid, key in rows}


def generate(session: Session, ctx: DemoContext) -> list[DemoGoal]:
    """Write everyone's goals; returns them for their agreed plan versions (plans.py)."""
    if not ctx.people:
        return []
    b = _Builder(session, ctx)
    for index, person in enumerate(ctx.people):
        b.person(person, index)
    templates = _star_templates(session)
    for g in b.goals:
        keys = g.tpl.domains
        if templates.get(g.person.id) == "chime":
            keys = tuple(dict.fromkeys(CHIME_FOR.get(k, CHIME_OTHERWISE) for k in keys))
        g.domains = keys

    goal_rows, domain_rows, change_rows, step_rows, note_rows = [], [], [], [], []
    for g in b.goals:
        status = g.events[-1][2]
        goal_rows.append(
            {
                "id": g.id,
                "participant_id": g.person.id,
                "title": g.tpl.title,
                "specific": g.tpl.specific,
                "measure": g.tpl.measure,
                "target": g.tpl.target,
                "achievable": g.tpl.achievable,
                "why_it_matters": g.tpl.why_it_matters,
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
            {"goal_id": g.id, "participant_id": g.person.id, "domain_key": k, "position": i}
            for i, k in enumerate(g.domains)
        ]
        change_rows += [
            {
                "goal_id": g.id,
                "participant_id": g.person.id,
                "changed_on": when,
                "from_status": None if was is None else GoalStatus(was),
                "to_status": GoalStatus(to),
                "reason": reason,
                "created_at": ctx.stamp(when),
            }
            for when, was, to, reason in g.events
        ]
        step_rows += [
            {**st, "goal_id": g.id, "participant_id": g.person.id, "who": StepOwner(st["who"]),
             **ctx.stamps(g.started, st["done_on"] or g.started)}
            for st in g.steps
        ]
        note_rows += [{**n, "goal_id": g.id, "participant_id": g.person.id,
                       "created_at": ctx.stamp(n["noted_on"])} for n in g.notes]
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
        session.connection().execute(
            goals_table.update()
            .where(goals_table.c.id == bindparam("gid"))
            .values(reframed_to_id=bindparam("to"), updated_at=bindparam("at")),
            pending,
        )
    ctx.shared["goals"] = {p.id: [g.id for g in b.goals if g.person is p] for p in ctx.people}
    return b.goals
