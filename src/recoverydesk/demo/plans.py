"""Demo plan versions: the plan agreed together near the start of coaching and again about every
six months, each a snapshot of the goals' story at that day (from goals.py), with the person's
strengths and supports as they are now.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext, DemoPerson
from recoverydesk.demo.goals import FIRST_PLAN_NOTE, LATER_PLAN_NOTE, DemoGoal
from recoverydesk.models import Contact, PlanVersion, Strength


def _status_at(g: DemoGoal, day: dt.date) -> tuple[str, str] | None:
    current = None
    for when, _from, to, reason in g.events:
        if when <= day:
            current = (to, reason)
    return current


def _snapshot(
    person: DemoPerson,
    goals: list[DemoGoal],
    day: dt.date,
    review: dt.date,
    strengths,
    supports,
) -> dict:
    out = []
    titles = {g.id: g.tpl.title for g in goals}
    for g in goals:
        state = _status_at(g, day)
        if state is None:
            continue
        status, reason = state
        progress = [n["progress"] for n in g.notes if n["noted_on"] <= day and n["progress"]]
        out.append(
            {
                "id": g.id,
                "title": g.tpl.title,
                "status": status,
                "domains": list(g.domains),
                "priority": g.priority,
                "specific": g.tpl.specific,
                "measure": g.tpl.measure,
                "target": g.tpl.target,
                "achievable": g.tpl.achievable,
                "why_it_matters": g.tpl.why_it_matters,
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


def generate(session: Session, ctx: DemoContext, goals: list[DemoGoal]) -> None:
    """Write the plan versions agreed over each person's time in coaching."""
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
    by_person: dict[int, list[DemoGoal]] = {}
    for g in goals:
        by_person.setdefault(g.person.id, []).append(g)
    rows = []
    for person in ctx.people:
        theirs = by_person.get(person.id, [])
        if not theirs:
            continue
        day = min(g.started for g in theirs) + dt.timedelta(days=21)
        last = ctx.today if person.status != "exited" else max(g.events[-1][0] for g in theirs)
        number = 0
        while day <= last:
            review = day + dt.timedelta(days=182)
            number += 1
            content = _snapshot(
                person,
                theirs,
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
                    "note": LATER_PLAN_NOTE if number > 1 else FIRST_PLAN_NOTE,
                    "content": json.dumps(content, ensure_ascii=False, sort_keys=True),
                    "created_at": ctx.stamp(day),
                }
            )
            day = day + dt.timedelta(days=182 + ctx.rng.randint(-10, 20))
    if rows:
        session.connection().execute(PlanVersion.__table__.insert(), rows)
