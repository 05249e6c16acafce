"""Fictional participants with believable situations and strengths (resources/demo/people.json).
No real person's data."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext, DemoPerson, StoryContact
from recoverydesk.demo.story import load_story
from recoverydesk.models import Participant, ParticipantStatus, Strength, StrengthCategory

_STORY = load_story("people")


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


def _profile(data: dict) -> Profile:
    low, high = data["ages"]
    return Profile(data["given"], data["family"], data["preferred"], data["pronouns"],
                   data["theme"], data["about"], (low, high),
                   tuple((StrengthCategory(c), text) for c, text in data["strengths"]),
                   tuple(StoryContact(**person) for person in data["people"]))


# The first people in every demo practice: each a small, consistent story (age, situation,
# strengths and the people they mention fit together), so the caseload reads like a real one.
PROFILES: tuple[Profile, ...] = tuple(_profile(p) for p in _STORY["profiles"])
# Bigger demo practices (and the benchmark) add people from these pools. Each given name comes
# with pronouns that fit it; no two people share a full name.
EXTRA_GIVEN: list[tuple[str, str]] = [(g["given"], g["pronouns"]) for g in _STORY["extra_given"]]
EXTRA_FAMILY: list[str] = _STORY["extra_family"]
THEMES: list[str] = _STORY["themes"]
ABOUT_BY_THEME: dict[str, list[str]] = _STORY["about_by_theme"]
# Phrased without pronouns, so any of them fits anyone.
STRENGTHS: dict[StrengthCategory, list[str]] = {
    StrengthCategory(c): texts for c, texts in _STORY["strengths"].items()
}
STREETS: list[str] = _STORY["streets"]
STREET_KINDS: list[str] = _STORY["street_kinds"]
SUBURBS: list[str] = _STORY["suburbs"]


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
        street = f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}"
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
