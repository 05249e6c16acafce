"""Demo support networks, a fictional local resource directory, and referrals with outcomes.

Every name, number and address here is made up: phone numbers use the 02 5550 and 0491 570
ranges set aside for fiction, websites are under example.org. Runs first after participants;
it leaves contact ids in ``ctx.shared["contacts"]`` for the WRAP demo (supporters) and resource
ids in ``ctx.shared["resources"]``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from recoverydesk.demo import DemoContext, DemoPerson, StoryContact
from recoverydesk.models import Contact, ContactKind
from recoverydesk.models.resources import (
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    Resource,
    ResourceCategory,
)

H, E, ED, P, HE, L, F, C, R, OT = (
    "housing",
    "employment",
    "education",
    "peer_support",
    "health",
    "legal",
    "financial",
    "cultural",
    "recreation",
    "other",
)
# name, category, offers, eligibility, cost, address, hours, tags
DIRECTORY = [
    (
        "Seaview Housing Hub",
        H,
        "Help finding and keeping a rental: applications, bond loans, "
        "tenancy skills and advocacy with agents.",
        "Adults in the Seaview shire who are homeless or at risk.",
        "Free",
        "14 Marine Parade, Seaview",
        "Mon-Fri 9am-4pm",
        "rental, bond, tenancy",
    ),
    (
        "Banksia Supported Living",
        H,
        "Shared houses with on-site support workers during the "
        "day and an on-call worker overnight.",
        "NDIS participants with psychosocial disability.",
        "Rent is 25% of income",
        "8 Banksia Close, North Seaview",
        "Office Mon-Fri 8:30am-5pm",
        "supported accommodation, ndis",
    ),
    (
        "Coastal Tenants' Advice Line",
        H,
        "Phone advice on leases, repairs, rent increases and the tribunal.",
        "Renters anywhere on the coast.",
        "Free",
        "Phone only",
        "Tue-Thu 10am-3pm",
        "tenancy, legal, phone",
    ),
    (
        "Harbour Crisis Accommodation",
        H,
        "Short-term beds and a case worker to plan the next step.",
        "Adults 18+ needing somewhere safe tonight.",
        "Free",
        "Address given on call",
        "24 hours",
        "crisis, emergency",
    ),
    (
        "Coastal Jobs Club",
        E,
        "Résumés, mock interviews and a weekly job club with morning tea.",
        "Anyone looking for work.",
        "Free",
        "Seaview Library meeting room",
        "Wednesdays 10am-12pm",
        "work, resume, interviews",
    ),
    (
        "Wattle Disability Employment Service",
        E,
        "Job matching and on-the-job support for "
        "people with a disability or mental health condition.",
        "Eligible for DES through Centrelink.",
        "Free",
        "2/40 Main Street, Seaview",
        "Mon-Fri 9am-5pm",
        "des, work, disability",
    ),
    (
        "Second Serve Social Café",
        E,
        "Paid traineeships in hospitality, with a mentor and flexible hours.",
        "People returning to work after illness; 18+.",
        "Paid traineeship",
        "3 Wharf Lane, Seaview",
        "Café 7am-3pm daily",
        "hospitality, traineeship, cooking",
    ),
    (
        "Men's Shed Seaview",
        R,  # a community group, not an employment service
        "Woodwork, repairs and a cuppa; volunteers build things for the community.",
        "Men 18+ (women's sessions Thursdays).",
        "Gold coin",
        "Lot 2 Depot Road, Seaview",
        "Tue, Thu, Sat 9am-1pm",
        "volunteering, woodwork, men",
    ),
    (
        "Seaview TAFE Connect",
        ED,
        "Help to choose a course, enrol and get study support; fee-free places for some courses.",
        "Adults 17+; some courses have entry needs.",
        "Varies; many fee-free",
        "120 College Drive, Seaview",
        "Mon-Fri 8:30am-4:30pm",
        "tafe, study, courses",
    ),
    (
        "Recovery College Coast",
        ED,
        "Free short courses co-taught by peers and clinicians: "
        "understanding anxiety, hearing voices, building routines.",
        "Anyone with lived experience, their families and workers.",
        "Free",
        "Community Hall, 5 Bay Road, Seaview",
        "Terms 1-4, see timetable",
        "courses, peer, wellbeing",
    ),
    (
        "Seaview Library Digital Help",
        ED,
        "One-on-one help with phones, email, myGov and online forms.",
        "Library members (membership is free).",
        "Free",
        "22 Ocean Street, Seaview",
        "Fridays 2pm-4pm",
        "computers, mygov, digital",
    ),
    (
        "Adult Literacy Seaview",
        ED,
        "Reading, writing and maths with a volunteer tutor, privately and at your pace.",
        "Adults 18+.",
        "Free",
        "Seaview Library",
        "By appointment",
        "reading, literacy, tutor",
    ),
    (
        "Harbour Peer Café",
        P,
        "Drop-in café run by peer workers: a cuppa, a chat, no appointment needed.",
        "Anyone living with mental health challenges.",
        "Free",
        "11 Wharf Lane, Seaview",
        "Mon, Wed, Fri 10am-2pm",
        "peer, drop-in, social",
    ),
    (
        "Hearing Voices Group Coast",
        P,
        "A peer-led group for people who hear voices or have unusual experiences.",
        "Adults 18+.",
        "Free",
        "Seaview Neighbourhood Centre",
        "Tuesdays 6pm-7:30pm",
        "peer, voices, group",
    ),
    (
        "Seaview Carers Circle",
        P,
        "Support and information for families and carers.",
        "Carers of someone with mental ill health.",
        "Free",
        "Seaview Neighbourhood Centre",
        "First Monday of the month 10am",
        "carers, family",
    ),
    (
        "Walk and Talk Seaview",
        P,
        "A gentle group walk along the foreshore with peer workers, finishing with coffee.",
        "Anyone; walkers go at the slowest pace.",
        "Free",
        "Meet at the Surf Club",
        "Thursdays 9am",
        "walking, peer, outdoors",
    ),
    (
        "Seaview Medical Centre",
        HE,
        "General practice with bulk-billing GPs, a practice nurse and mental health care plans.",
        "Everyone; bulk-billed with a Medicare card.",
        "Bulk-billed",
        "60 Main Street, Seaview",
        "Mon-Sat 8am-6pm",
        "gp, bulk-billing",
    ),
    (
        "Coastal Community Mental Health Team",
        HE,
        "Case management, psychiatry and the after-hours crisis line.",
        "Adults with severe mental illness in the district.",
        "Free",
        "Seaview Hospital, Level 2",
        "Mon-Fri 8:30am-5pm; crisis line 24 hours",
        "mental health, psychiatry, crisis",
    ),
    (
        "Breathe Easy Quit Program",
        HE,
        "Quit smoking support with free patches and a coach on the phone.",
        "Adults who smoke and want to cut down or quit.",
        "Free",
        "Phone and online",
        "Mon-Fri 8am-8pm",
        "smoking, quit",
    ),
    (
        "Seaview Community Dental",
        HE,
        "Public dental check-ups and emergency care.",
        "Health care card holders.",
        "Free with a concession card",
        "Seaview Hospital, Ground floor",
        "Mon-Fri 8am-4pm",
        "dental, concession",
    ),
    (
        "Coastal Alcohol and Drug Service",
        HE,
        "Counselling, groups and help to cut down, without judgement.",
        "Adults 18+; self-referral welcome.",
        "Free",
        "31 Harbour Street, Seaview",
        "Mon-Fri 9am-5pm",
        "alcohol, drugs, counselling",
    ),
    (
        "Seaview Community Legal Centre",
        L,
        "Free legal advice on fines, Centrelink debts, tenancy and family law.",
        "People on low incomes.",
        "Free",
        "7 Court Lane, Seaview",
        "Mon-Thu 9:30am-4pm; Tue evening clinic",
        "legal, fines, advice",
    ),
    (
        "Disability Advocacy Coast",
        L,
        "Independent advocates for NDIS reviews, appeals and complaints.",
        "People with disability and their families.",
        "Free",
        "Suite 4, 18 Main Street, Seaview",
        "Mon-Fri 9am-5pm",
        "ndis, advocacy, appeals",
    ),
    (
        "Coastal Financial Counselling",
        F,
        "Free, confidential help with debts, bills and budgeting; can negotiate with creditors.",
        "Anyone in financial difficulty.",
        "Free",
        "2 Bay Road, Seaview",
        "Mon-Fri 9am-4:30pm",
        "debt, budget, bills",
    ),
    (
        "No Interest Loans Seaview",
        F,
        "Loans up to $2,000 for essentials like a fridge or car repairs, with no interest or fees.",
        "Health care card holders; able to repay.",
        "No interest",
        "Seaview Neighbourhood Centre",
        "Wednesdays by appointment",
        "loans, essentials",
    ),
    (
        "Seaview Food Share",
        F,
        "Low-cost groceries and free fruit and veg.",
        "Anyone doing it tough.",
        "Low cost",
        "Church hall, 9 Wattle Street, Seaview",
        "Tue and Fri 10am-1pm",
        "food, groceries",
    ),
    (
        "Aunties and Uncles Yarning Circle",
        C,
        "A weekly yarning circle, weaving and cultural activities led by local Elders.",
        "Aboriginal and Torres Strait Islander people and their families.",
        "Free",
        "Ngara Community Place, 3 River Road",
        "Thursdays 11am-2pm",
        "culture, first nations, weaving",
    ),
    (
        "Pasifika Wellbeing Group",
        C,
        "Music, food and talanoa for Pacific Islander and Māori families.",
        "Pasifika and Māori community members.",
        "Free",
        "Seaview Neighbourhood Centre",
        "Saturdays 2pm-5pm",
        "culture, pasifika, maori, music",
    ),
    (
        "Multicultural Connect Seaview",
        C,
        "Settlement help, interpreters and conversation English groups.",
        "People from migrant and refugee backgrounds.",
        "Free",
        "1/55 Main Street, Seaview",
        "Mon-Fri 9am-4pm",
        "migrants, interpreters, english",
    ),
    (
        "Seaview Community Choir",
        R,
        "A friendly choir that sings everything from pop to folk; no auditions.",
        "Everyone; no experience needed.",
        "$5 a session",
        "Uniting Church hall, Ocean Street",
        "Mondays 7pm-8:30pm",
        "singing, music, social",
    ),
    (
        "Surf Club Ocean Swimmers",
        R,
        "Beginner ocean swimming with volunteer buddies, October to April.",
        "Adults who can swim 200 m.",
        "$40 a season",
        "Seaview Surf Life Saving Club",
        "Sat and Sun 7am",
        "swimming, beach, exercise",
    ),
    (
        "Seaview Community Garden",
        R,
        "Shared garden beds, working bees and seedlings to take home.",
        "Everyone.",
        "Free",
        "Corner Banksia and Wattle Streets",
        "Working bee Sundays 9am",
        "gardening, outdoors, volunteering",
    ),
    (
        "Parkrun Seaview Foreshore",
        R,
        "A free, timed 5 km walk or run every Saturday; walkers welcome.",
        "Everyone.",
        "Free",
        "Foreshore Reserve",
        "Saturdays 8am",
        "walking, running, exercise",
    ),
    (
        "Seaview Art Space",
        R,
        "Open studio sessions with materials supplied and a gentle tutor.",
        "Adults 18+.",
        "$5 a session; free for concession",
        "4 Wharf Lane, Seaview",
        "Wed and Sat 1pm-4pm",
        "art, drawing, creative",
    ),
    (
        "Coast Volunteer Hub",
        OT,
        "Matches people with volunteer roles to build skills and confidence.",
        "Everyone 16+.",
        "Free",
        "Seaview Library",
        "Tue-Thu 10am-2pm",
        "volunteering, skills",
    ),
    (
        "Seaview Transport Assist",
        OT,
        "Community transport to medical appointments and the shops.",
        "Older people and people with disability.",
        "$5 a trip",
        "Phone bookings",
        "Mon-Fri 8am-4pm",
        "transport, appointments",
    ),
]
# The resource categories that fit each demo situation, most useful first.
FIT_BY_THEME = {
    "housing": [H, F, L],
    "work": [E, ED, OT],
    "study": [ED, E, R],
    "connection": [P, R, C],
    "health": [HE, R, P],
    "living": [F, ED, OT],
}
# key, relation, which names fit: "f" feminine, "m" masculine, "" either.
FAMILY = [
    ("Mum", "Mother", "f"),
    ("Dad", "Father", "m"),
    ("Sister", "Sister", "f"),
    ("Brother", "Brother", "m"),
    ("Aunty", "Aunt", "f"),
    ("Nan", "Grandmother", "f"),
    ("Cousin", "Cousin", ""),
    ("Partner", "Partner", ""),
]
# How a person speaks of a relative ("my mum"), for the demo's goals and notes; a relation
# not here ("Nephews") is not used in those sentences.
EVERYDAY = {"Mother": "mum", "Father": "dad", "Sister": "sister", "Brother": "brother",
            "Aunt": "aunty", "Grandmother": "nan", "Cousin": "cousin", "Partner": "partner",
            "Daughter": "daughter", "Son": "son"}
# Relatives that fit a person's age: a nan for the young, grown-up children from 40 on.
UNDER_AGE = {"Grandmother": 40, "Mother": 60, "Father": 60, "Aunt": 60}
CHILDREN = [("Daughter", "Daughter", "f"), ("Son", "Son", "m")]
CHILDREN_FROM = 40


def _family_pool(ctx: DemoContext, person: DemoPerson) -> list[tuple[str, str, str]]:
    if person.born is None:
        return FAMILY
    age = (ctx.today - person.born).days / 365.25
    fits = [r for r in FAMILY if age < UNDER_AGE.get(r[1], 200)]
    return fits + (CHILDREN if age >= CHILDREN_FROM else [])
FAMILY_GIVEN = {
    "f": ["Rose", "Helen", "Lily", "Anh", "Fatima", "Moana", "Kath", "Lena", "Joy", "Bec"],
    "m": ["Mark", "Tom", "Grant", "Rob", "Dmitri", "Sione", "Hamid", "Col"],
}
FRIENDS = [
    "Jess",
    "Sam Tran",
    "Kirra",
    "Mo",
    "Hannah Price",
    "Luca",
    "Tash",
    "Ben Okafor",
    "Priti",
    "Rangi",
]
FRIEND_ROLES = [
    "School friend",
    "Swim buddy",
    "Neighbour",
    "Friend from church",
    "Old workmate",
    "Friend from the peer café",
]
GPS = [
    ("Dr Anita Sharma", "Seaview Medical Centre"),
    ("Dr Tom Whitfield", "Seaview Medical Centre"),
    ("Dr Leila Farouk", "Harbour Family Practice"),
]
PSYCHIATRISTS = [
    ("Dr Paul Greaves", "Coastal Community Mental Health Team"),
    ("Dr Nadia Mensah", "Coastal Community Mental Health Team"),
]
CASE_MANAGERS = [
    ("Kate Moreno", "Coastal Community Mental Health Team"),
    ("Liam Brooks", "Coastal Community Mental Health Team"),
]
COORDINATORS = [
    ("Grace Lin", "Wattle Support Coordination"),
    ("Jarrah Wilson", "Coastal Plan Partners"),
]
PEERS = [("Mel Sanders", "Harbour Peer Café"), ("Dev Patel", "Recovery College Coast")]
SCOPES = [
    "Appointments and how things are going",
    "Medication and appointments",
    "Everything in the recovery plan",
    "Crisis plan only",
    "Housing applications",
]
PURPOSES = {
    H: "Help with rental applications and a bond loan",
    E: "Steps back towards paid work",
    ED: "Explore a short course",
    P: "Meet others with lived experience",
    HE: "Look after physical health",
    L: "Advice about a debt and fines",
    F: "Get on top of bills and make a budget",
    C: "Reconnect with culture and community",
    R: "Something enjoyable to look forward to each week",
    OT: "Build confidence and routine",
}
OUTCOMES = {
    "attending": [
        "Going most weeks and enjoying it",
        "Attended four sessions so far",
        "Has a regular spot now",
    ],
    "closed": [
        "Goal reached: finished the program",
        "Signed a lease on a unit",
        "Got what was needed; no longer required",
        "Moved on to paid work",
    ],
    "declined": [
        "Decided it was not the right fit for now",
        "Felt too anxious in the group; may try later",
        "Waiting list too long; chose another option",
    ],
}


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
    for name, category, offers, eligibility, cost, address, hours, tags in DIRECTORY:
        phone = _phone(rng, False)
        checked = ctx.today - dt.timedelta(days=rng.randint(5, 500))
        rows.append(
            {
                "name": name,
                "category": ResourceCategory(category),
                "offers": offers,
                "eligibility": eligibility,
                "cost": cost,
                "address": address,
                "phone": phone,
                "email": f"hello@{_slug(name)}.example.org",
                "website": f"https://{_slug(name)}.example.org",
                "opening_hours": hours,
                "tags": tags,
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
        surname = rng.choice(["Hall", "Reyes", "Moore", "Nguyen"])
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
        out.append(
            {
                "name": f"{rng.choice([g for g in FAMILY_GIVEN['f'] + FAMILY_GIVEN['m'] if g not in used])} {family_name}",
                "kind": ContactKind.CARER,
                "relationship_text": "Carer (lives with them)",
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
    services = [
        (ContactKind.GP, "GP", rng.choice(GPS), 1.0),
        (ContactKind.PSYCHIATRIST, "Psychiatrist", rng.choice(PSYCHIATRISTS), 0.5),
        (ContactKind.CASE_MANAGER, "Case manager", rng.choice(CASE_MANAGERS), 0.4),
        (ContactKind.SUPPORT_COORDINATOR, "Support coordinator", rng.choice(COORDINATORS), 0.8),
        (ContactKind.PEER_WORKER, "Peer worker", rng.choice(PEERS), 0.3),
    ]
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
    categories = FIT_BY_THEME.get(person.theme, [P, R, OT])
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
                    "note": ""
                    if k == 0
                    else rng.choice(
                        [
                            "",
                            "Called together from the café",
                            "Went along with them",
                            "They followed up on their own",
                        ]
                    ),
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
