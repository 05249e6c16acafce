"""Demo support networks, a fictional local resource directory, and referrals with outcomes
(the people, services and words in resources/demo/network.json).

Every name, number and address here is made up: phone numbers use the 02 5550 and 0491 570
ranges set aside for fiction, websites are under example.org. Runs first after participants;
it leaves contact ids in ``ctx.shared["contacts"]`` for the WRAP demo (supporters) and resource
ids in ``ctx.shared["resources"]``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext, DemoPerson, StoryContact
from recoverydesk.demo.story import load_story
from recoverydesk.models import Contact, ContactKind
from recoverydesk.models.resources import (
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    Resource,
    ResourceCategory,
)

_STORY = load_story("network")
# A relative: key, relation, and which given names fit ("f" feminine, "m" masculine, "" either).
Relative = tuple[str, str, str]

# name, category, offers, eligibility, cost, address, hours, tags (a dict each)
DIRECTORY: list[dict[str, str]] = _STORY["directory"]
# The resource categories that fit each demo situation, most useful first.
FIT_BY_THEME: dict[str, list[str]] = _STORY["fit_by_theme"]
FIT_OTHERWISE: list[str] = _STORY["fit_otherwise"]
FAMILY: list[Relative] = [(r["key"], r["relation"], r["fits"]) for r in _STORY["family"]]
# How a person speaks of a relative ("my mum"), for the demo's goals and notes; a relation
# not here ("Nephews") is not used in those sentences.
EVERYDAY: dict[str, str] = _STORY["everyday"]
# Relatives that fit a person's age: a nan for the young, grown-up children from 40 on.
UNDER_AGE: dict[str, int] = _STORY["under_age"]
CHILDREN: list[Relative] = [(r["key"], r["relation"], r["fits"]) for r in _STORY["children"]]
CHILDREN_FROM: int = _STORY["children_from_age"]
FAMILY_GIVEN: dict[str, list[str]] = _STORY["family_given"]
PARTNER_FAMILY: list[str] = _STORY["partner_family"]
FRIENDS: list[str] = _STORY["friends"]
FRIEND_ROLES: list[str] = _STORY["friend_roles"]
# The formal supports a person may have, each with how likely they are to have one.
SERVICES: list[dict] = _STORY["services"]
SCOPES: list[str] = _STORY["consent_scopes"]
PURPOSES: dict[str, str] = _STORY["purposes"]
OUTCOMES: dict[str, list[str]] = _STORY["outcomes"]
REFERRAL_NOTES: list[str] = _STORY["referral_notes"]


def _family_pool(ctx: DemoContext, person: DemoPerson) -> list[Relative]:
    if person.born is None:
        return FAMILY
    age = (ctx.today - person.born).days / 365.25
    fits = [r for r in FAMILY if age < UNDER_AGE.get(r[1], 200)]
    return fits + (CHILDREN if age >= CHILDREN_FROM else [])


def _phone(rng, mobile: bool) -> str:
    if mobile:
        return f"0491 570 {rng.randint(100, 999)}"
    return f"02 5550 {rng.randint(1000, 9999)}"


def _slug(name: str) -> str:
    keep = "".join(ch.lower() if ch.isalnum() else "-" for ch in name)
    return "-".join(part for part in keep.split("-") if part)


def _directory(session: Session, ctx: DemoContext) -> dict[str, list[tuple[int, str]]]:
    rng = ctx.rng
    rows = []
    for entry in DIRECTORY:
        name, hours = entry["name"], entry["hours"]
        phone = _phone(rng, False)
        checked = ctx.today - dt.timedelta(days=rng.randint(5, 500))
        rows.append(
            {
                "name": name,
                "category": ResourceCategory(entry["category"]),
                "offers": entry["offers"],
                "eligibility": entry["eligibility"],
                "cost": entry["cost"],
                "address": entry["address"],
                "phone": phone,
                "email": f"hello@{_slug(name)}.example.org",
                "website": f"https://{_slug(name)}.example.org",
                "opening_hours": hours,
                "tags": entry["tags"],
                "last_checked": checked,
                "notes": "",
                "archived": False,
                **ctx.stamps(min(ctx.start, checked), checked),
            }
        )
    ids = session.scalars(
        insert(Resource).returning(Resource.id, sort_by_parameter_order=True), rows
    ).all()
    by_category: dict[str, list[tuple[int, str]]] = {}
    for rid, row in zip(ids, rows, strict=True):
        by_category.setdefault(row["category"].value, []).append((rid, row["name"]))
    return by_category


def _story_contact(ctx: DemoContext, person: DemoPerson, s: StoryContact) -> dict:
    formal = bool(s.organisation)
    name = f"{s.given} {s.family or ('' if formal else person.family_name)}".strip()
    row = {
        "name": name,
        "kind": ContactKind(s.kind),
        "relationship_text": s.relation,
        "formal": formal,
        "phone": _phone(ctx.rng, mobile=not formal),  # people carry mobiles, services desks
        "emergency_contact": s.emergency,
        "closeness": s.closeness,
        "notes": s.note,
        "_young": s.young,
    }
    if formal:
        slug = _slug(s.organisation)
        row.update(organisation=s.organisation,
                   email=f"{_slug(name).split('-')[-1]}@{slug}.example.org")
    return row


def _network(ctx: DemoContext, person: DemoPerson, index: int) -> list[dict]:
    rng = ctx.rng
    family_name = person.family_name
    story = person.story_people
    # The people their story mentions come first; chance adds a few more around them, never
    # a second of a relation the story names ("her sister") or someone they live with.
    out: list[dict] = [_story_contact(ctx, person, s) for s in story]
    named = {s.relation for s in story}
    has_family = any(s.kind == "family" for s in story)
    extra = rng.randint(0, 1) if has_family else rng.randint(1, 3)
    if not any(s.emergency for s in story):
        extra = max(extra, 1)  # someone to call in an emergency
    relatives = [r for r in rng.sample(_family_pool(ctx, person), k=3)
                 if r[1] not in named][:extra]
    used: set[str] = {s.given for s in story}  # no two relatives with the same first name
    for i, (_key, relation, fits) in enumerate(relatives):
        pool = FAMILY_GIVEN[fits] if fits else FAMILY_GIVEN["f"] + FAMILY_GIVEN["m"]
        given = rng.choice([g for g in pool if g not in used] or pool)
        used.add(given)
        surname = rng.choice(PARTNER_FAMILY)
        name = f"{given} {family_name if relation != 'Partner' else surname}"
        out.append(
            {
                "name": name,
                "kind": ContactKind.FAMILY,
                "relationship_text": relation,
                "formal": False,
                "phone": _phone(rng, True),
                "emergency_contact": i == 0 and not any(s.emergency for s in story),
                "closeness": rng.choice([2, 3, 3]),
                "strained": rng.random() < 0.2,
            }
        )
    if not story and rng.random() < 0.35:  # a story says who they live with
        both = FAMILY_GIVEN["f"] + FAMILY_GIVEN["m"]
        out.append(
            {
                "name": f"{rng.choice([g for g in both if g not in used])} {family_name}",
                "kind": ContactKind.CARER,
                "relationship_text": _STORY["carer_relation"],
                "formal": False,
                "phone": _phone(rng, True),
                "closeness": 3,
            }
        )
    friends = sum(1 for s in story if s.kind == "friend")
    for friend in rng.sample(FRIENDS, k=rng.randint(0, max(0, 2 - friends))):
        out.append(
            {
                "name": friend,
                "kind": ContactKind.FRIEND,
                "relationship_text": rng.choice(FRIEND_ROLES),
                "formal": False,
                "phone": _phone(rng, True),
                "closeness": rng.choice([1, 2, 2, 3]),
            }
        )
    services = [(ContactKind(s["kind"]), s["role"], rng.choice(s["people"]), s["chance"])
                for s in SERVICES]
    for kind, role, (name, organisation), chance in services:
        if rng.random() >= chance:
            continue
        out.append(
            {
                "name": name,
                "kind": kind,
                "relationship_text": role,
                "organisation": organisation,
                "formal": True,
                "phone": _phone(rng, False),
                "email": f"{name.split()[-1].lower()}@{_slug(organisation)}.example.org",
                "closeness": rng.choice([1, 2, 2]),
            }
        )
    # Consent to share: usually with formal supports and the closest family member, dated;
    # some has lapsed so the demo shows the flag (at least one person in every few).
    for j, row in enumerate(out):
        share = row["formal"] or (row.get("emergency_contact") and rng.random() < 0.7)
        if not share:
            continue
        given = ctx.today - dt.timedelta(days=rng.randint(20, 330))
        expires = given + dt.timedelta(days=365)
        if index % 4 == 1 and j == len(out) - 1:
            given = ctx.today - dt.timedelta(days=420)
            expires = ctx.today - dt.timedelta(days=rng.randint(5, 50))
        row.update(
            consent_to_share=True,
            consent_scope=rng.choice(SCOPES),
            consent_given_on=given,
            consent_expires=expires,
        )
    added = min(person.support_start, ctx.today)
    for row in out:
        row.update(ctx.stamps(added, max(added, row.get("consent_given_on") or added)))
    return out


def _referrals(
    ctx: DemoContext, person: DemoPerson, by_category: dict[str, list[tuple[int, str]]]
) -> list[tuple[dict, list[dict]]]:
    rng = ctx.rng
    out = []
    categories = FIT_BY_THEME.get(person.theme, FIT_OTHERWISE)
    count = rng.randint(1, 3) if person.status != "exited" else 1
    used: set[int] = set()
    span = max(14, (ctx.today - person.support_start).days - 7)
    for n in range(count):
        category = categories[n % len(categories)]
        options = [r for r in by_category.get(category, []) if r[0] not in used]
        if not options:
            continue
        resource_id, _name = rng.choice(options)
        used.add(resource_id)
        referred = ctx.today - dt.timedelta(days=rng.randint(7, span))
        age = (ctx.today - referred).days
        path = ["suggested"]
        if age > 10:
            path.append("contacted")
            if age > 40:
                path.append(rng.choice(["attending", "attending", "declined", "attending"]))
                if path[-1] == "attending" and age > 150 and rng.random() < 0.5:
                    path.append("closed")
        history = []
        day = referred
        for k, status in enumerate(path):
            if k:
                day = min(ctx.today, day + dt.timedelta(days=rng.randint(3, 30)))
            history.append(
                {
                    "status": ReferralStatus(status),
                    "changed_on": day,
                    "recorded_at": ctx.stamp(day),
                    "note": "" if k == 0 else rng.choice(REFERRAL_NOTES),
                }
            )
        final = path[-1]
        referral = {
            "participant_id": person.id,
            "resource_id": resource_id,
            "goal_id": None,
            "referred_on": referred,
            "purpose": PURPOSES[category],
            "status": ReferralStatus(final),
            "outcome": rng.choice(OUTCOMES[final]) if final in OUTCOMES else "",
            "archived": False,
            **ctx.stamps(referred, day),
        }
        out.append((referral, history))
    return out


def generate(session: Session, ctx: DemoContext) -> None:
    by_category = _directory(session, ctx)
    ctx.shared["resources"] = {k: [rid for rid, _n in v] for k, v in by_category.items()}

    contact_rows: list[dict] = []
    defaults = {
        "relationship_text": "",
        "organisation": "",
        "formal": False,
        "phone": "",
        "email": "",
        "emergency_contact": False,
        "closeness": 2,
        "strained": False,
        "consent_to_share": False,
        "consent_scope": "",
        "consent_given_on": None,
        "consent_expires": None,
        "notes": "",
        "archived": False,
    }
    for index, person in enumerate(ctx.people):
        for row in _network(ctx, person, index):
            contact_rows.append({**defaults, **row, "participant_id": person.id})
    young = [row.pop("_young", False) for row in contact_rows]
    contact_ids = session.scalars(
        insert(Contact).returning(Contact.id, sort_by_parameter_order=True), contact_rows
    ).all()
    # For the WRAP demo: each participant's grown-up contacts, emergency contact first.
    contacts: dict[int, list[dict]] = {}
    for cid, row, child in zip(contact_ids, contact_rows, young, strict=True):
        if child:  # a child is not asked to be a supporter in a crisis
            continue
        contacts.setdefault(row["participant_id"], []).append(
            {
                "id": cid,
                "name": row["name"],
                "kind": row["kind"].value,
                "role": row["relationship_text"],
                "phone": row["phone"],
                "emergency": row["emergency_contact"],
                "formal": row["formal"],
            }
        )
    for rows in contacts.values():
        rows.sort(key=lambda c: not c["emergency"])
    ctx.shared["contacts"] = contacts
    ctx.shared["relatives"] = {
        pid: next(EVERYDAY[c["role"]] for c in family)
        for pid, rows in contacts.items()
        if (family := [c for c in rows if c["kind"] == "family" and c["role"] in EVERYDAY])
    }

    referral_rows, histories = [], []
    for person in ctx.people:
        for referral, history in _referrals(ctx, person, by_category):
            referral_rows.append(referral)
            histories.append(history)
    if not referral_rows:
        return
    referral_ids = session.scalars(
        insert(Referral).returning(Referral.id, sort_by_parameter_order=True), referral_rows
    ).all()
    change_rows = [
        {**h, "referral_id": rid}
        for rid, history in zip(referral_ids, histories, strict=True)
        for h in history
    ]
    session.execute(insert(ReferralStatusChange), change_rows)
    ctx.shared["referrals"] = list(referral_ids)
