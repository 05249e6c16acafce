"""The demo participants' NDIS plan goals, in a plan's own first-person words (resources/demo/
ndis.json), and the link from each coaching goal to the plan goal it serves, so a demo review
shows a planner how the coaching serves the plan.

Most participants have two or three plan goals; a few have none recorded yet, as in a real
caseload. Chosen from each person's situation and their coaching goals, without the random
stream (the generators after this one draw exactly what they drew before).
"""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext
from recoverydesk.demo.goals import BUILD_CONFIDENCE, RETURN_TO_WORK, TEMPLATES, VAGUE
from recoverydesk.demo.story import load_story
from recoverydesk.models import Goal
from recoverydesk.models.participant import NdisPlanGoal

# Two wordings a theme, so neighbours in the caseload do not share a plan.
PLAN_GOALS: dict[str, list[str]] = load_story("ndis")["plan_goals"]
# The goals no template theme names (the reframed pair, the vague ones) say which plan goal
# they serve.
_OTHER_TITLES = {t.title: t.plan_theme for t in (RETURN_TO_WORK, BUILD_CONFIDENCE, *VAGUE)}


def _theme_of(title: str) -> str | None:
    """The situation a demo coaching goal belongs to, from its title (a template's title may
    end in the person's own word for a relative)."""
    if title in _OTHER_TITLES:
        return _OTHER_TITLES[title]
    for theme, templates in TEMPLATES.items():
        for tpl in templates:
            if title.startswith(tpl.title.split("{")[0].strip()):
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
