"""Demo sessions: a weekly (sometimes fortnightly) rhythm over the demo's years, at cafés,
beaches, on walks and on the phone, with short believable notes built from templates
(resources/demo/sessions.json).

Fast by design: rows are plain dicts with explicit ids, inserted in bulk (the benchmark builds
300 participants over 7 years, about 100,000 sessions).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext, DemoPerson
from recoverydesk.demo.story import load_story
from recoverydesk.models import Goal
from recoverydesk.models.sessions import (
    CoachingSession,
    FrequencyKind,
    LocationKind,
    SessionFrequency,
    SessionGoal,
    SessionStatus,
)

_STORY = load_story("sessions")
# Where sessions happen, by location kind (an empty place: no more said than the kind).
PLACES: dict[LocationKind, list[str]] = {
    LocationKind(kind): places for kind, places in _STORY["places"].items()
}
# How often each theme's sessions are at each kind of place, in the order of KINDS.
KIND_WEIGHTS = {
    "connection": [5, 3, 3, 1, 3, 1, 2, 1],
    "work": [5, 1, 2, 1, 3, 2, 2, 1],
    "housing": [4, 1, 2, 3, 2, 2, 3, 1],
    "health": [3, 3, 5, 1, 1, 1, 2, 1],
    "study": [4, 1, 2, 1, 4, 1, 2, 2],
    "living": [3, 1, 2, 5, 2, 1, 2, 1],
}
KINDS = list(LocationKind)
# Sentences by theme with {name}, {they}, {them}, {their} and {relative} to fill in.
TALK: dict[str, list[str]] = _STORY["talk"]
WENT_WELL: list[str] = _STORY["went_well"]
NEXT: dict[str, list[str]] = _STORY["next"]
FOLLOWED_UP: str = _STORY["followed_up"]
CANCELLED: list[str] = _STORY["cancelled"]
NO_SHOW: list[str] = _STORY["no_show"]
# (they, them, their) by the pronouns a person uses; "" when they have not said.
PRONOUNS: dict[str, list[str]] = _STORY["pronouns"]
TOOLS = ["recovery_star", "wrap", "smart_goals", "strengths"]
HOURS = [(9, 30), (10, 0), (10, 30), (11, 0), (13, 30), (14, 0), (15, 0)]


def _render(template: str, words: dict[str, str]) -> str:
    return template.format(**words)


def _frequencies(person: DemoPerson, rng, today: dt.date) -> list[tuple[dt.date, str, int]]:
    """(from, kind, interval days) in order: weekly at first, sometimes eased later."""
    out = [(person.support_start, "weekly", 7)]
    span = (today - person.support_start).days
    if span > 200 and rng.random() < 0.35:
        change = person.support_start + dt.timedelta(days=rng.randint(120, span - 60))
        kind, days = rng.choice([("fortnightly", 14), ("fortnightly", 14), ("monthly", 30)])
        out.append((change, kind, days))
        if rng.random() < 0.3 and (today - change).days > 90:
            back = change + dt.timedelta(days=rng.randint(60, (today - change).days - 20))
            out.append((back, "weekly", 7))
    return out


def generate(session: Session, ctx: DemoContext) -> None:
    rng = ctx.rng
    today = ctx.today
    now = ctx.now
    next_id = (session.scalar(select(func.max(CoachingSession.id))) or 0) + 1
    goals_by_person: dict[int, list[int]] = {}
    for gid, pid in session.execute(select(Goal.id, Goal.participant_id)):
        goals_by_person.setdefault(pid, []).append(gid)
    written = 0
    utc = dt.UTC
    for index, person in enumerate(ctx.people):
        rows: list[dict] = []
        links: list[dict] = []
        freq_rows: list[dict] = []
        subj, obj, poss = PRONOUNS.get(person.pronouns, PRONOUNS[""])
        words = {"name": person.name, "they": subj, "them": obj, "their": poss,
                 "relative": ctx.relative(person.id)}
        theme = person.theme if person.theme in TALK else "connection"
        weights = KIND_WEIGHTS[theme]
        talk, nxt = TALK[theme], NEXT[theme]
        weekday = rng.randint(0, 4)
        hour, minute = rng.choice(HOURS)
        plan = _frequencies(person, rng, today)
        for start, kind, _days in plan:
            freq_rows.append({"participant_id": person.id, "kind": FrequencyKind(kind),
                              "every_days": None, "effective_from": start, "note": "",
                              "created_at": ctx.stamp(start)})
        ends = today
        if person.status == "exited":
            ends = today - dt.timedelta(days=rng.randint(30, 120))
        elif person.status == "paused":
            ends = today - dt.timedelta(days=rng.randint(20, 50))
        day = person.support_start + dt.timedelta(days=(weekday - person.support_start
                                                        .weekday()) % 7)
        plan_index = 0
        person_goals = goals_by_person.get(person.id, [])
        last_next = ""
        # Most active people have the next few weeks booked; the rest are due or overdue.
        future_left = 4 if person.status == "active" and index % 4 != 1 else 0
        if person.status == "active" and not future_left:
            ends = today - dt.timedelta(days=rng.randint(0, 14))
        while True:
            while plan_index + 1 < len(plan) and plan[plan_index + 1][0] <= day:
                plan_index += 1
            interval = plan[plan_index][2]
            if day > ends and future_left <= 0:
                break  # paused or exited: sessions stopped
            local = dt.datetime(day.year, day.month, day.day, hour, minute).astimezone()
            starts = local.astimezone(utc)
            future = starts > now
            if future:
                if future_left <= 0:
                    break
                future_left -= 1
            kind = rng.choices(KINDS, weights)[0]
            remote = kind in (LocationKind.PHONE, LocationKind.VIDEO)
            place = rng.choice(PLACES[kind])
            roll = rng.random()
            status = SessionStatus.PLANNED if future else (
                SessionStatus.COMPLETED if roll < 0.86 else
                SessionStatus.CANCELLED if roll < 0.94 else SessionStatus.NO_SHOW)
            row = {
                "id": next_id, "participant_id": person.id, "starts_at": starts,
                "duration_minutes": 30 if remote else rng.choice((60, 60, 60, 90, 45)),
                "location_kind": kind, "location_text": place, "face_to_face": not remote,
                "status": status, "status_reason": "", "tools": "", "tools_other": "",
                "talked_about": "", "went_well": "", "next_steps": "",
                "travel_km": 0.0 if remote or kind == LocationKind.OFFICE
                else float(rng.randint(3, 25)),
                "travel_minutes": 0, "series_key": None,
                "created_at": min(starts, now), "updated_at": min(starts, now),
            }
            # Roughly 1.5-2.5 minutes a km, varied by the row (no extra draws from the rng, so
            # every later part of the demo stays as it was for the same seed).
            if row["travel_km"]:
                row["travel_minutes"] = int(row["travel_km"] * 1.5) + 2 * ((next_id * 7) % 6)
            if status == SessionStatus.COMPLETED:
                text = _render(rng.choice(talk), words)
                if last_next and rng.random() < 0.6:
                    text = f"{FOLLOWED_UP}{last_next[0].lower()}{last_next[1:]} {text}"
                if rng.random() < 0.35:  # some sessions covered two things
                    text += " " + _render(rng.choice(talk), words)
                row["talked_about"] = text
                row["went_well"] = _render(rng.choice(WENT_WELL), words)
                options = [t for t in nxt if _render(t, words) != last_next]
                last_next = _render(rng.choice(options), words)
                row["next_steps"] = last_next
                if rng.random() < 0.7:
                    row["tools"] = ",".join(sorted(rng.sample(TOOLS, rng.randint(1, 2)),
                                                   key=TOOLS.index))
                if person_goals and rng.random() < 0.6:
                    links.append({"session_id": next_id, "goal_id": rng.choice(person_goals),
                                  "participant_id": person.id})
            elif status == SessionStatus.CANCELLED:
                row["status_reason"] = rng.choice(CANCELLED)
                row["travel_km"], row["travel_minutes"] = 0.0, 0  # called off before setting out
            elif status == SessionStatus.NO_SHOW:
                row["status_reason"] = rng.choice(NO_SHOW)
                row["travel_minutes"] = row["travel_minutes"] // 2
            else:
                row["travel_km"], row["travel_minutes"] = 0.0, 0
            rows.append(row)
            next_id += 1
            day += dt.timedelta(days=interval)
        # Written person by person, so the progress step says this person's story is written.
        for table, values in ((SessionFrequency, freq_rows), (CoachingSession, rows),
                              (SessionGoal, links)):
            if values:
                session.execute(insert(table), values)
        written += len(rows)
        ctx.progress.step(index + 1, len(ctx.people))
    ctx.shared["session_count"] = written
