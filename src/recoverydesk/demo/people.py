"""Fictional participants with believable situations and strengths. No real person's data."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from recoverydesk.demo import DemoContext, DemoPerson, StoryContact
from recoverydesk.models import Participant, ParticipantStatus, Strength, StrengthCategory

PERS, SKILL, INTEREST = (StrengthCategory.PERSONAL, StrengthCategory.SKILLS,
                         StrengthCategory.INTERESTS)
REL, PLACE, VALUE = (StrengthCategory.RELATIONSHIPS, StrengthCategory.ENVIRONMENT,
                     StrengthCategory.VALUES)


@dataclass(frozen=True)
class Profile:
    given: str
    family: str
    preferred: str
    pronouns: str
    theme: str  # the situation other generators build on (see DemoPerson.theme)
    about: str
    ages: tuple[int, int]  # a believable age range for the story
    strengths: tuple[tuple[StrengthCategory, str], ...]  # in the coach's words, their order
    people: tuple[StoryContact, ...] = ()  # everyone the story and strengths mention


S = StoryContact


# The first people in every demo practice: each a small, consistent story (age, situation,
# strengths and the people they mention fit together), so the caseload reads like a real one.
PROFILES = [
    Profile("Zoë", "Hartley", "", "she/her", "connection",
            "Loves the ocean and drawing. Wants to feel less alone and get back to swimming.",
            (44, 58), ((PERS, "Kind and patient with others"),
                       (SKILL, "Draws and paints, mostly the coastline"),
                       (INTEREST, "Ocean swimming: used to swim most mornings"),
                       (REL, "Close to her sister, who calls every week"),
                       (PLACE, "Lives a short walk from the beach")),
            (S("Rose", "Sister", emergency=True, note="Calls every week"),)),
    Profile("Minh", "Nguyễn", "", "he/him", "work",
            "Trained as a chef. Hoping to return to kitchen work at his own pace.",
            (29, 42), ((SKILL, "Trained chef: menus, knife skills, a busy service"),
                       (PERS, "Reliable: always turns up on time"),
                       (REL, "Still in touch with his old head chef"),
                       (INTEREST, "Grows herbs and chillies on the balcony"),
                       (VALUE, "Wants to cook for his family again")),
            (S("Lan", "Mother", emergency=True, note="Minh would love to cook for her again"),
             S("Marco", "Old head chef", "friend", 2, family="Bellini",
               note="They still text; the door is open when Minh is ready"))),
    Profile("Aroha", "O'Brien-Ngata", "Ro", "she/her", "housing",
            "Staying with her cousin for now. Wants a place of her own near the beach.",
            (22, 32), ((REL, "Her cousin is firmly in her corner"),
                       (PERS, "Speaks up for herself"),
                       (INTEREST, "Surfs when the swell is small"),
                       (VALUE, "Family and whakapapa keep her strong"),
                       (SKILL, "Good with money once a plan is written down")),
            (S("Mereana", "Cousin", emergency=True, family="Ngata",
               note="Ro is staying with her for now"),
             S("Huia", "Grandmother", closeness=2, family="Ngata", note="Her nan; shares the whakapapa"))),
    Profile("Daniel", "Kowalski", "Dan", "he/him", "health",
            "Keen bushwalker. Working on sleep, routine and cutting back on energy drinks.",
            (34, 50), ((INTEREST, "Bushwalking: knows every track in the national park"),
                       (PERS, "Determined once he has decided on something"),
                       (SKILL, "Handy with tools; fixes bikes for friends"),
                       (REL, "Walks with his brother on Sundays")),
            (S("Piotr", "Brother", emergency=True, note="They walk together on Sundays"),)),
    Profile("Priya", "Raman", "", "she/her", "study",
            "Part-way through a TAFE community services course; wants to finish it.",
            (23, 34), ((VALUE, "Wants to help others who are going through a hard time"),
                       (SKILL, "Organised: keeps a tidy study planner"),
                       (PERS, "Good sense of humour"),
                       (REL, "Her mum helps out with meals in busy weeks"),
                       (PLACE, "Lives near the library and the bus to TAFE")),
            (S("Lakshmi", "Mother", emergency=True, note="Helps out with meals in busy weeks"),)),
    Profile("Jordan", "Ellis", "", "they/them", "connection",
            "Musician. Would like to join a band or choir and rebuild friendships.",
            (24, 38), ((SKILL, "Plays guitar and writes songs"),
                       (INTEREST, "Knows the local music scene"),
                       (PERS, "Warm and funny once they feel at ease"),
                       (REL, "An old bandmate still checks in")),
            (S("Casey", "Old bandmate", "friend", 2, family="Doyle",
               note="Checks in every few weeks"),)),
    Profile("Margaret", "Sullivan", "Maggie", "she/her", "living",
            "Retired librarian. Managing her own place again after a long hospital stay.",
            (66, 76), ((SKILL, "A retired librarian: can find out anything"),
                       (INTEREST, "Crime novels and the cryptic crossword"),
                       (REL, "A neighbour drops in most days"),
                       (PLACE, "Has a seniors card and knows the bus routes"),
                       (PERS, "Quietly determined")),
            (S("Joan", "Neighbour", "friend", family="Pearce", note="Drops in most days"),)),
    Profile("Tariq", "Haddad", "", "he/him", "work",
            "Good with his hands. Interested in volunteering at the men's shed.",
            (40, 56), ((SKILL, "Carpentry and small repairs around the house"),
                       (PERS, "A patient teacher: built a cubby house with his nephews"),
                       (VALUE, "His faith is a comfort"),
                       (PLACE, "The men's shed is two streets away")),
            (S("Adam and Yusuf", "Nephews", note="Built a cubby house with him", young=True),)),
    Profile("Siobhan", "Byrne", "Shiv", "she/her", "health",
            "Mum of two teenagers. Wants more energy and to feel in charge of her medication.",
            (38, 49), ((REL, "Close to her two teenagers"),
                       (PERS, "Honest and direct: says what she needs"),
                       (SKILL, "Organised with paperwork and appointments"),
                       (INTEREST, "Gardening, especially tomatoes"),
                       (VALUE, "Wants her kids to see her doing well")),
            (S("Aoife", "Daughter", note="16; the elder of her two teenagers", young=True),
             S("Cian", "Son", note="14", young=True))),
    Profile("Lachlan", "Murray", "Lachie", "he/him", "housing",
            "Moving from supported accommodation to his own unit this year.",
            (21, 30), ((SKILL, "Good with computers: built his own PC"),
                       (INTEREST, "Footy: follows the Swans every week"),
                       (PERS, "Curious about how things work"),
                       (REL, "Gets on well with the staff and residents where he lives")),
            (S("Nina", "Key worker", "other", 2, family="Kapoor",
               organisation="Banksia Supported Living", note="His key worker where he lives"),
             S("Tyler", "Housemate", "friend", 2, family="Quinn",
               note="Lives in the same house; they play games online"))),
    Profile("Mei", "Chen", "", "she/her", "study",
            "Artist. Thinking about a short course in graphic design.",
            (26, 40), ((SKILL, "Ink drawing and digital illustration"),
                       (INTEREST, "Photography on early morning walks"),
                       (PERS, "Notices the small details others miss"),
                       (PLACE, "Has a quiet room at home to work in"))),
    Profile("Kiri", "Walker", "", "she/her", "connection",
            "Reconnecting with her culture and her aunties. Enjoys weaving.",
            (35, 54), ((INTEREST, "Weaving baskets and mats"),
                       (REL, "Her aunties have welcomed her back"),
                       (VALUE, "Culture and family keep her grounded"),
                       (PERS, "Generous: always shares what she has"),
                       (PLACE, "The community centre runs a weekly weaving circle")),
            (S("June", "Aunt", emergency=True, note="Aunty June: welcomed her back"),
             S("Pearl", "Aunt", closeness=2, note="Aunty Pearl: weaves with her on Thursdays"))),
    Profile("Samuel", "Osei", "Sam", "he/him", "living",
            "Learning to cook on a budget and keep on top of bills.",
            (24, 35), ((PERS, "Cheerful and easy to talk to"),
                       (INTEREST, "Plays and watches soccer"),
                       (SKILL, "Sticks to a shopping list"),
                       (REL, "A cousin lives nearby and checks in")),
            (S("Kofi", "Cousin", emergency=True, note="Lives nearby and checks in"),)),
    Profile("Elena", "Petrova", "", "she/her", "work",
            "Former bookkeeper. Building confidence to try part-time work.",
            (45, 60), ((SKILL, "Former bookkeeper: quick with numbers and spreadsheets"),
                       (PERS, "Careful and thorough"),
                       (INTEREST, "Bakes for friends' birthdays"),
                       (REL, "A close friend from her old job")),
            (S("Irina", "Friend from her old job", "friend", family="Volkova",
               note="They worked together for years"),)),
    Profile("Ahmed", "Karimi", "", "he/him", "connection",
            "Plays soccer on weekends. Wants to feel less anxious in crowds.",
            (22, 32), ((INTEREST, "Plays soccer every weekend"),
                       (PERS, "Loyal to his friends"),
                       (REL, "His team mates look out for him"),
                       (VALUE, "Family comes first")),
            (S("Zahra", "Mother", emergency=True),
             S("Reza", "Team mate (captain)", "friend", family="Ahmadi",
               note="The team look out for him"))),
    Profile("Grace", "Thompson", "Gracie", "she/her", "health",
            "Enjoys gardening. Working towards walking to the shops on her own.",
            (55, 70), ((INTEREST, "Gardening: her roses are her pride"),
                       (REL, "Her daughter visits every Saturday"),
                       (PERS, "Good sense of humour"),
                       (PLACE, "Lives on a flat street close to the shops")),
            (S("Claire", "Daughter", emergency=True, note="Visits every Saturday"),)),
]
# Bigger demo practices (and the benchmark) add people from these pools. Each given name comes
# with pronouns that fit it; no two people share a full name.
EXTRA_GIVEN = [("Ava", "she/her"), ("Noah", "he/him"), ("Isla", "she/her"), ("Leo", "he/him"),
               ("Ruby", "she/her"), ("Kai", "they/them"), ("Ella", "she/her"),
               ("Finn", "he/him"), ("Aisha", "she/her"), ("Hamish", "he/him"),
               ("Ngaio", "she/her"), ("Rosa", "she/her"), ("Viktor", "he/him"),
               ("Yuki", "she/her"), ("Omar", "he/him"), ("Tessa", "she/her"),
               ("Callum", "he/him"), ("Layla", "she/her"), ("Ravi", "he/him"),
               ("Brigid", "she/her"), ("Mateo", "he/him"), ("Ines", "she/her"),
               ("Jarrah", "he/him"), ("Sione", "he/him"), ("Alex", "they/them"),
               ("Sam", ""), ("Robin", "they/them"), ("Nadia", "she/her")]
EXTRA_FAMILY = ["Anderson", "Tran", "Papadopoulos", "MacLeod", "Singh", "Fraser", "Lee",
                "Rossi", "Campbell", "Ali", "Fitzgerald", "Novak", "Tuilagi", "Park", "Ward",
                "Ibrahim", "Costa", "Bennett", "Hughes", "Yamamoto"]
THEMES = ["connection", "work", "housing", "health", "study", "living"]
ABOUT_BY_THEME = {
    "connection": ["Would like more people to spend time with and something to look forward to.",
                   "Finds groups hard at first; wants a few friends close by."],
    "work": ["Thinking about work again and wants to take it one step at a time.",
             "Would like some volunteer work first, to build up confidence."],
    "housing": ["Looking for a stable place to live that feels like home.",
                "Renting a room for now; wants a lease in their own name."],
    "health": ["Wants to feel physically well and have a steady daily routine.",
               "Working on sleep and getting out walking most days."],
    "study": ["Keen to learn something new and finish a course.",
              "Thinking about TAFE next year; wants to brush up on computer skills first."],
    "living": ["Building everyday skills to live more independently.",
               "Getting on top of cooking, cleaning and bills in a new place."],
}
# Phrased without pronouns, so any of them fits anyone.
STRENGTHS = {
    PERS: ["Kind and patient with others", "Good sense of humour",
        "Determined once a decision is made", "Honest and direct",
        "Curious about how things work", "Calm in a crisis"],
    SKILL: ["Great cook", "Handy with tools", "Draws and paints", "Organised with paperwork",
        "Plays guitar", "Good with computers", "Can fix almost any bike"],
    INTEREST: ["Swimming at the beach", "Gardening", "Footy and cricket", "Reading crime novels",
        "Photography", "Bushwalking", "Fishing off the jetty"],
    REL: ["Close to a sister who calls every week", "Loyal to old school friends",
        "Walks the dog with a neighbour every morning", "Gets on well with neighbours"],
    PLACE: ["Lives near the library", "Has a bus pass", "Knows the local community centre well",
        "A GP they have seen for years"],
    VALUE: ["Wants to help others who are struggling", "Family comes first",
        "Faith is a comfort", "Proud of getting through hard times"],
}


STREETS = ["Ocean", "Banksia", "Wattle", "Main", "Marine", "Bay", "Tea Tree", "Lighthouse"]
SUBURBS = ["Seaview", "Seaview", "Seaview Heights", "Gull Point", "Banksia Bay"]


def _ndis(rng) -> str:
    return "43" + "".join(str(rng.randint(0, 9)) for _ in range(7))


def _extra_profile(rng, taken: set[tuple[str, str]]) -> Profile:
    while True:
        (given, pronouns), family = rng.choice(EXTRA_GIVEN), rng.choice(EXTRA_FAMILY)
        if (given, family) not in taken or len(taken) >= len(EXTRA_GIVEN) * len(EXTRA_FAMILY):
            break
    theme = rng.choice(THEMES)
    cats = rng.sample(list(STRENGTHS), k=rng.randint(3, 5))
    return Profile(given, family, "", pronouns, theme, rng.choice(ABOUT_BY_THEME[theme]),
                   (20, 66), tuple((c, rng.choice(STRENGTHS[c])) for c in cats))


def _profiles(ctx: DemoContext, count: int):
    taken: set[tuple[str, str]] = set()
    for i in range(count):
        profile = PROFILES[i] if i < len(PROFILES) else _extra_profile(ctx.rng, taken)
        taken.add((profile.given, profile.family))
        yield profile


def _status(i: int) -> tuple[ParticipantStatus, bool]:
    """(status, archived): mostly active, a few paused or finished, and one long finished and
    archived, so the caseload filters have something to show."""
    if i % 17 == 13:
        return ParticipantStatus.EXITED, True
    if i % 11 == 7:
        return ParticipantStatus.PAUSED, False
    if i % 13 == 12:
        return ParticipantStatus.EXITED, False
    return ParticipantStatus.ACTIVE, False


def _email(given: str, family: str) -> str:
    plain = unicodedata.normalize("NFKD", f"{given}.{family}").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z.\-]", "", plain.lower()) + "@example.com"


def generate(session: Session, ctx: DemoContext, count: int) -> None:
    rng = ctx.rng
    used_ndis: set[str] = set()
    rows = []
    for i, profile in enumerate(_profiles(ctx, count)):
        ndis = _ndis(rng)
        while ndis in used_ndis:
            ndis = _ndis(rng)
        used_ndis.add(ndis)
        # Most started near the beginning of the demo period; a few joined recently.
        span = max(30, int((ctx.today - ctx.start).days * (0.9 if i % 5 else 0.3)))
        started = ctx.today - dt.timedelta(days=rng.randint(30, span) if i % 5 else span)
        if ctx.whole_history:
            started = ctx.start + dt.timedelta(days=rng.randint(0, 60))
        plan_start = ctx.today - dt.timedelta(days=rng.randint(30, 330))
        status, archived = _status(i)
        born = dt.date(ctx.today.year - rng.randint(*profile.ages), rng.randint(1, 12),
                       rng.randint(1, 28))
        street = f"{rng.choice(STREETS)} {rng.choice(['Street', 'Road', 'Parade', 'Avenue'])}"
        rows.append({
            "given_name": profile.given, "family_name": profile.family,
            "preferred_name": profile.preferred, "pronouns": profile.pronouns,
            "date_of_birth": born,
            "phone": f"04{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            "email": _email(profile.given, profile.family),
            "address": f"{rng.randint(1, 120)} {street}, {rng.choice(SUBURBS)}",
            "ndis_number": ndis, "plan_start": plan_start,
            "plan_end": plan_start + dt.timedelta(days=365), "status": status,
            "about": profile.about, "archived": archived, **ctx.stamps(started),
            "_meta": (profile, started),
        })
    metas = [r.pop("_meta") for r in rows]
    session.execute(insert(Participant), rows)
    ids = session.scalars(select(Participant.id).order_by(Participant.id)).all()[-len(rows):]
    strengths = []
    for pid, row, (profile, started) in zip(ids, rows, metas, strict=True):
        for pos, (cat, text) in enumerate(profile.strengths):
            strengths.append({"participant_id": pid, "category": cat, "text": text,
                              "position": pos})
        ctx.people.append(DemoPerson(
            id=pid, given_name=row["given_name"], family_name=row["family_name"],
            preferred_name=row["preferred_name"], pronouns=row["pronouns"],
            support_start=started, status=row["status"].value, theme=profile.theme,
            story_people=profile.people, born=row["date_of_birth"]))
    session.execute(insert(Strength), strengths)
