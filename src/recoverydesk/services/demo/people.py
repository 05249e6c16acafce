"""Fictional participants with believable situations and strengths. No real person's data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from recoverydesk.models import Participant, ParticipantStatus, Strength, StrengthCategory
from recoverydesk.services.demo import DemoContext, DemoPerson

# given, family, preferred, pronouns, theme, about
PROFILES = [
    ("Zoë", "Hartley", "", "she/her", "connection",
     "Loves the ocean and drawing. Wants to feel less alone and get back to swimming."),
    ("Minh", "Nguyễn", "", "he/him", "work",
     "Trained as a chef. Hoping to return to kitchen work at his own pace."),
    ("Aroha", "O'Brien-Ngata", "Ro", "she/her", "housing",
     "Staying with her cousin for now. Wants a place of her own near the beach."),
    ("Daniel", "Kowalski", "Dan", "he/him", "health",
     "Keen bushwalker. Working on sleep, routine and cutting back on energy drinks."),
    ("Priya", "Raman", "", "she/her", "study",
     "Part-way through a TAFE community services course; wants to finish it."),
    ("Jordan", "Ellis", "", "they/them", "connection",
     "Musician. Would like to join a band or choir and rebuild friendships."),
    ("Margaret", "Sullivan", "Maggie", "she/her", "living",
     "Retired librarian. Managing her own place again after a long hospital stay."),
    ("Tariq", "Haddad", "", "he/him", "work",
     "Good with his hands. Interested in volunteering at the men's shed."),
    ("Siobhan", "Byrne", "Shiv", "she/her", "health",
     "Mum of two teenagers. Wants more energy and to feel in charge of her medication."),
    ("Lachlan", "Murray", "Lachie", "he/him", "housing",
     "Moving from supported accommodation to his own unit this year."),
    ("Mei", "Chen", "", "she/her", "study",
     "Artist. Thinking about a short course in graphic design."),
    ("Kiri", "Walker", "", "she/her", "connection",
     "Reconnecting with her culture and her aunties. Enjoys weaving."),
    ("Samuel", "Osei", "Sam", "he/him", "living",
     "Learning to cook on a budget and keep on top of bills."),
    ("Elena", "Petrova", "", "she/her", "work",
     "Former bookkeeper. Building confidence to try part-time work."),
    ("Ahmed", "Karimi", "", "he/him", "connection",
     "Plays soccer on weekends. Wants to feel less anxious in crowds."),
    ("Grace", "Thompson", "Gracie", "she/her", "health",
     "Enjoys gardening. Working towards walking to the shops on her own."),
]
EXTRA_GIVEN = ["Ava", "Noah", "Isla", "Leo", "Ruby", "Kai", "Ella", "Finn", "Aisha", "Hamish",
               "Ngaio", "Rosa", "Viktor", "Yuki", "Omar", "Tessa", "Callum", "Layla", "Ravi",
               "Brigid", "Mateo", "Ines", "Jarrah", "Sione"]
EXTRA_FAMILY = ["Anderson", "Tran", "Papadopoulos", "MacLeod", "Singh", "Fraser", "Lee",
                "Rossi", "Campbell", "Ali", "Fitzgerald", "Novak", "Tuilagi", "Park", "Ward",
                "Ibrahim", "Costa", "Bennett", "Hughes", "Yamamoto"]
THEMES = ["connection", "work", "housing", "health", "study", "living"]
ABOUT_BY_THEME = {
    "connection": "Would like more people to spend time with and something to look forward to.",
    "work": "Thinking about work again and wants to take it one step at a time.",
    "housing": "Looking for a stable place to live that feels like home.",
    "health": "Wants to feel physically well and have a steady daily routine.",
    "study": "Keen to learn something new and finish a course.",
    "living": "Building everyday skills to live more independently.",
}
STRENGTHS = {
    StrengthCategory.PERSONAL: ["Kind and patient with others", "Good sense of humour",
                                "Determined once a decision is made", "Honest and direct",
                                "Curious about how things work"],
    StrengthCategory.SKILLS: ["Great cook", "Handy with tools", "Draws and paints",
                              "Organised with paperwork", "Plays guitar", "Good with computers"],
    StrengthCategory.INTERESTS: ["Swimming at the beach", "Gardening", "Footy and cricket",
                                 "Reading crime novels", "Photography", "Bushwalking"],
    StrengthCategory.RELATIONSHIPS: ["Close to a sister who calls every week",
                                     "Loyal to old school friends", "Loves their dog",
                                     "Gets on well with neighbours"],
    StrengthCategory.ENVIRONMENT: ["Lives near the library", "Has a bus pass",
                                   "Knows the local community centre well"],
    StrengthCategory.VALUES: ["Wants to help others who are struggling",
                              "Family comes first", "Faith is a comfort"],
}


def _ndis(rng) -> str:
    return "43" + "".join(str(rng.randint(0, 9)) for _ in range(7))


def _profiles(ctx: DemoContext, count: int):
    rng = ctx.rng
    for i in range(count):
        if i < len(PROFILES):
            yield PROFILES[i]
            continue
        given, family = rng.choice(EXTRA_GIVEN), rng.choice(EXTRA_FAMILY)
        theme = rng.choice(THEMES)
        pronouns = rng.choice(["she/her", "he/him", "they/them", ""])
        yield (given, family, "", pronouns, theme, ABOUT_BY_THEME[theme])


def generate(session: Session, ctx: DemoContext, count: int) -> None:
    rng = ctx.rng
    used_ndis: set[str] = set()
    rows = []
    for i, (given, family, preferred, pronouns, theme, about) in enumerate(_profiles(ctx, count)):
        ndis = _ndis(rng)
        while ndis in used_ndis:
            ndis = _ndis(rng)
        used_ndis.add(ndis)
        # Most started near the beginning of the demo period; a few joined recently.
        span = max(30, int((ctx.today - ctx.start).days * (0.9 if i % 5 else 0.3)))
        started = ctx.today - dt.timedelta(days=rng.randint(30, span) if i % 5 else span)
        plan_start = ctx.today - dt.timedelta(days=rng.randint(30, 330))
        status = ParticipantStatus.ACTIVE
        if i % 11 == 7:
            status = ParticipantStatus.PAUSED
        elif i % 13 == 12:
            status = ParticipantStatus.EXITED
        born = dt.date(ctx.today.year - rng.randint(20, 66), rng.randint(1, 12), rng.randint(1, 28))
        rows.append({
            "given_name": given, "family_name": family, "preferred_name": preferred,
            "pronouns": pronouns, "date_of_birth": born,
            "phone": f"04{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            "email": f"{given.lower()}.{family.lower()}@example.com".replace("'", "")
            .replace("ë", "e").replace("ễ", "e"),
            "address": f"{rng.randint(1, 120)} {rng.choice(['Ocean', 'Banksia', 'Wattle', 'Main', 'Marine', 'Bay'])} "
                       f"{rng.choice(['Street', 'Road', 'Parade', 'Avenue'])}, Seaview",
            "ndis_number": ndis, "plan_start": plan_start,
            "plan_end": plan_start + dt.timedelta(days=365), "status": status, "about": about,
            "archived": False,
            "_meta": (theme, started),
        })
    metas = [r.pop("_meta") for r in rows]
    session.execute(insert(Participant), rows)
    ids = session.scalars(select(Participant.id).order_by(Participant.id)).all()[-len(rows):]
    strengths = []
    for pid, row, (theme, started) in zip(ids, rows, metas, strict=True):
        cats = rng.sample(list(STRENGTHS), k=rng.randint(3, 5))
        for pos, cat in enumerate(cats):
            strengths.append({"participant_id": pid, "category": cat,
                              "text": rng.choice(STRENGTHS[cat]), "position": pos})
        ctx.people.append(DemoPerson(
            id=pid, given_name=row["given_name"], family_name=row["family_name"],
            preferred_name=row["preferred_name"], pronouns=row["pronouns"],
            support_start=started, status=row["status"].value, theme=theme))
    session.execute(insert(Strength), strengths)
