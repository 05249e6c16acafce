"""Demo WRAPs: most demo participants have a plan part-way filled in, as real ones are.

Items come from the ideas the coach can offer (resources/wrap/ideas.json), a few of them in
each part started; what supporters will do, medications and people not wanted come from
resources/demo/wrap.json. Supporters are picked from the participant's support network (left
in ``ctx.shared["contacts"]`` by the network demo, else read from the contacts table). Some
plans were reviewed (with their snapshot), and a few reviews are due now. Bulk inserts only.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext
from recoverydesk.demo.story import load_story
from recoverydesk.models import Contact
from recoverydesk.models.wrap import WrapItem, WrapPlan, WrapSupporter, WrapVersion
from recoverydesk.services.wrap.types import (
    NOT_WANTED,
    REVIEW_EVERY_DAYS,
    SECTIONS,
    SUPPORTERS,
    ideas,
)

_STORY = load_story("wrap")
SUPPORTER_NOTES: list[str] = _STORY["supporter_notes"]
# The ideas for medications are questions to answer ("Allergies"); a demo answers them, and
# any of the answers can go together.
MEDICATIONS: list[str] = _STORY["medications"]
NOT_WANTED_NAMES: list[tuple[str, str]] = [(p["name"], p["note"]) for p in _STORY["not_wanted"]]
REVIEW_NOTE: str = _STORY["review_note"]
# How likely each section is to have been worked on, in the order coaches usually go.
SECTION_CHANCE = {
    "toolbox": 0.95,
    "daily": 0.85,
    "triggers": 0.7,
    "warning": 0.6,
    "breaking": 0.4,
    "crisis": 0.55,
    "post": 0.3,
}


def _contacts(session: Session, ctx: DemoContext) -> dict[int, list[dict]]:
    shared = ctx.shared.get("contacts")
    if isinstance(shared, dict):
        return shared
    out: dict[int, list[dict]] = {}
    rows = session.execute(
        select(Contact.id, Contact.participant_id, Contact.name, Contact.emergency_contact)
        .where(Contact.archived.is_(False))
        .order_by(Contact.participant_id, Contact.emergency_contact.desc(), Contact.name)
    ).all()
    for r in rows:
        out.setdefault(r.participant_id, []).append(
            {"id": r.id, "name": r.name, "emergency": r.emergency_contact, "role": "", "phone": ""}
        )
    return out


def generate(session: Session, ctx: DemoContext) -> None:
    rng = ctx.rng
    pool = ideas()
    contacts = _contacts(session, ctx)
    people = [p for p in ctx.people if rng.random() < 0.75]
    if len(people) * 2 < len(ctx.people):  # at least half have a WRAP
        rest = [p for p in ctx.people if p not in people]
        people += rest[: (len(ctx.people) + 1) // 2 - len(people)]
    if not people:
        return
    plan_rows = []
    for person in people:
        reviewed = None
        if rng.random() < 0.6:
            reviewed = ctx.today - dt.timedelta(days=rng.randint(20, 240))
            reviewed = max(reviewed, person.support_start)
            reviewed = min(reviewed, ctx.today)
        begun = min(person.support_start + dt.timedelta(days=14), reviewed or ctx.today)
        plan_rows.append(
            {
                "participant_id": person.id,
                "last_reviewed": reviewed,
                "next_review": reviewed + dt.timedelta(days=REVIEW_EVERY_DAYS)
                if reviewed
                else None,
                **ctx.stamps(begun, reviewed or begun),
            }
        )
    plan_ids = session.scalars(
        insert(WrapPlan).returning(WrapPlan.id, sort_by_parameter_order=True), plan_rows
    ).all()

    item_rows, supporter_rows, version_rows = [], [], []
    for person, plan_id, plan in zip(people, plan_ids, plan_rows, strict=True):
        written = {"created_at": plan["created_at"], "updated_at": plan["created_at"]}
        content = {"last_reviewed": None, "sections": []}
        for section in SECTIONS:
            worked = rng.random() < SECTION_CHANCE[section.key]
            parts = []
            for part in section.parts:
                entry: dict = {"key": part.key, "title": part.title}
                if part.key == SUPPORTERS:
                    chosen = []
                    if worked:
                        mine = contacts.get(person.id, [])
                        chosen = mine[: rng.randint(1, 3)] if mine else []
                    for pos, c in enumerate(chosen):
                        supporter_rows.append(
                            {
                                "plan_id": plan_id,
                                "contact_id": c["id"],
                                "wanted": True,
                                "name": "",
                                "note": rng.choice(SUPPORTER_NOTES),
                                "position": pos,
                                **written,
                            }
                        )
                    entry["people"] = [
                        {"name": c["name"], "role": c.get("role", ""), "phone": c.get("phone", "")}
                        for c in chosen
                    ]
                elif part.key == NOT_WANTED:
                    entry["people"] = []
                    if worked and rng.random() < 0.3:
                        name, note = rng.choice(NOT_WANTED_NAMES)
                        supporter_rows.append(
                            {
                                "plan_id": plan_id,
                                "contact_id": None,
                                "wanted": False,
                                "name": name,
                                "note": note,
                                "position": 0,
                                **written,
                            }
                        )
                        entry["people"] = [{"name": name, "role": "", "phone": "", "note": note}]
                else:
                    texts: list[str] = []
                    options = MEDICATIONS if part.key == "crisis_medications" else pool.get(
                        part.key, ())
                    if worked and options and rng.random() < 0.8:
                        texts = rng.sample(list(options), min(len(options), rng.randint(2, 4)))
                    for pos, t in enumerate(texts):
                        item_rows.append(
                            {"plan_id": plan_id, "part": part.key, "position": pos, "text": t,
                             **written}
                        )
                    entry["items"] = texts
                parts.append(entry)
            content["sections"].append({"key": section.key, "title": section.title, "parts": parts})
        if plan["last_reviewed"] is not None:
            content["last_reviewed"] = plan["last_reviewed"].isoformat()
            version_rows.append(
                {
                    "participant_id": person.id,
                    "number": 1,
                    "reviewed_on": plan["last_reviewed"],
                    "next_review": plan["next_review"],
                    "note": REVIEW_NOTE,
                    "content": json.dumps(content, ensure_ascii=False),
                    "created_at": ctx.stamp(plan["last_reviewed"]),
                }
            )
    if item_rows:
        session.execute(insert(WrapItem), item_rows)
    if supporter_rows:
        session.execute(insert(WrapSupporter), supporter_rows)
    if version_rows:
        session.execute(insert(WrapVersion), version_rows)
    ctx.shared["wrap_plans"] = dict(zip([p.id for p in people], plan_ids, strict=True))
