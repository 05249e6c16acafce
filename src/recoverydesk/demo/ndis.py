"""The demo participants' NDIS plan goals, in a plan's own first-person words, and the link from
each coaching goal to the plan goal it serves, so a demo review shows a planner how the coaching
serves the plan.

Most participants have two or three plan goals; a few have none recorded yet, as in a real
caseload. Chosen from each person's situation and their coaching goals, without the random
stream (the generators after this one draw exactly what they drew before).
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.demo import DemoContext
from recoverydesk.demo.goals import BUILD_CONFIDENCE, RETURN_TO_WORK, TEMPLATES, VAGUE
from recoverydesk.models import Goal
from recoverydesk.models.participant import NdisPlanGoal

# Two wordings a theme, so neighbours in the caseload do not share a plan.
PLAN_GOALS: dict[str, tuple[str, str]] = {
    "connection": (
        "I want to make new friends and feel part of my local community.",
        "I want to build my confidence to join in group activities near where I live.",
    ),
    "work": (
        "I want to find a part-time job that suits my skills and my health.",
        "I want to build my skills and confidence to get back into paid work.",
    ),
    "housing": (
        "I want to find a home of my own that is safe and affordable.",
        "I want to keep my home and manage my tenancy without falling behind.",
    ),
    "health": (
        "I want to look after my physical health so I have more energy for the things I enjoy.",
        "I want to understand my mental health and know what helps me stay well.",
    ),
    "study": (
        "I want to finish a course so I can work towards the job I want.",
        "I want to build my confidence to learn new things in a class with other people.",
    ),
    "living": (
        "I want to be more independent with cooking, shopping and my money.",
        "I want to manage my day-to-day tasks and bills with less support.",
    ),
    "wellbeing": (
        "I want to understand my mental health and manage my wellbeing day to day.",
        "I want to feel more hopeful and in charge of my own recovery.",
    ),
    "transport": (
        "I want to build my confidence to use public transport on my own.",
        "I want to be able to get to appointments and activities by myself.",
    ),
}
_OTHER_TITLES = {
    RETURN_TO_WORK[0]: "work",
    BUILD_CONFIDENCE[0]: "connection",
    VAGUE[0][0]: "wellbeing",
    VAGUE[1][0]: "living",
    VAGUE[2][0]: "connection",
}


def _theme_of(title: str) -> str | None:
    """The situation a demo coaching goal belongs to, from its title (a template's title may
    end in the person's own word for a relative)."""
    if title in _OTHER_TITLES:
        return _OTHER_TITLES[title]
    for theme, templates in TEMPLATES.items():
        for tpl in templates:
            if title.startswith(tpl[0].split("{")[0].strip()):
                return theme
    return None


def generate(session: Session, ctx: DemoContext) -> None:
    if not ctx.people:
        return
    ids = [p.id for p in ctx.people]
    goals: dict[int, list[tuple[int, str | None]]] = {}
    for gid, pid, title in session.execute(
        select(Goal.id, Goal.participant_id, Goal.title)
        .where(Goal.participant_id.in_(ids))
        .order_by(Goal.participant_id, Goal.position, Goal.id)
    ):
        goals.setdefault(pid, []).append((gid, _theme_of(title)))

    plan_rows, link_rows = [], []
    next_id = (session.scalar(select(NdisPlanGoal.id).order_by(NdisPlanGoal.id.desc())) or 0) + 1
    for index, person in enumerate(ctx.people):
        if index % 6 == 5:  # not recorded yet: the review says so
            continue
        own = [t for _g, t in goals.get(person.id, []) if t]
        themes = list(dict.fromkeys([person.theme if person.theme in PLAN_GOALS else "connection",
                                     *own]))[:3]
        if len(themes) < 2 or index % 4 == 1:
            themes = [*themes[:2], "transport"]
        by_theme = {}
        for position, theme in enumerate(dict.fromkeys(themes)):
            wording = PLAN_GOALS[theme][(person.id + position) % 2]
            plan_rows.append({"id": next_id, "participant_id": person.id, "text": wording,
                              "position": position})
            by_theme[theme] = next_id
            next_id += 1
        link_rows += [{"gid": gid, "plan": by_theme[t]}
                      for gid, t in goals.get(person.id, []) if t in by_theme]
    if plan_rows:
        session.connection().execute(NdisPlanGoal.__table__.insert(), plan_rows)
    if link_rows:
        table = Goal.__table__
        session.connection().execute(
            table.update()
            .where(table.c.id == bindparam("gid"))
            # updated_at stays as the story left it: linking is not a change the coach made
            .values(ndis_goal_id=bindparam("plan"), updated_at=table.c.updated_at),
            link_rows,
        )
