"""Demo sessions: a weekly (sometimes fortnightly) rhythm over the demo's years, at cafés,
beaches, on walks and on the phone, with short believable notes built from templates.

Fast by design: rows are plain dicts with explicit ids, inserted in bulk (the benchmark builds
300 participants over 7 years, about 100,000 sessions).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from recoverydesk.demo import DemoContext, DemoPerson
from recoverydesk.models import Goal
from recoverydesk.models.sessions import (
    CoachingSession,
    FrequencyKind,
    LocationKind,
    SessionFrequency,
    SessionGoal,
    SessionStatus,
)

PLACES = {
    LocationKind.CAFE: ["Beachside café", "The Corner Bakery", "Library café", "Pier kiosk",
                        "Banksia St coffee cart"],
    LocationKind.BEACH: ["Main beach", "North beach rock pools", "Seaview foreshore"],
    LocationKind.WALK: ["Headland track", "Lagoon loop", "Botanic gardens", "Along the river"],
    LocationKind.HOME: ["", ""],
    LocationKind.COMMUNITY: ["Neighbourhood centre", "Men's shed", "Public library",
                             "Community garden", "TAFE campus"],
    LocationKind.OFFICE: ["Practice room"],
    LocationKind.PHONE: [""],
    LocationKind.VIDEO: [""],
}
KIND_WEIGHTS = {
    "connection": [5, 3, 3, 1, 3, 1, 2, 1],
    "work": [5, 1, 2, 1, 3, 2, 2, 1],
    "housing": [4, 1, 2, 3, 2, 2, 3, 1],
    "health": [3, 3, 5, 1, 1, 1, 2, 1],
    "study": [4, 1, 2, 1, 4, 1, 2, 2],
    "living": [3, 1, 2, 5, 2, 1, 2, 1],
}
KINDS = list(LocationKind)

TALK = {
    "connection": ["We talked about {name}'s week and who {they} had seen.",
                   "{name} shared how the community choir went and felt nervous but proud.",
                   "We looked at local groups {name} might like to try.",
                   "{name} talked about reconnecting with an old friend.",
                   "We talked through what makes crowded places hard and what helps."],
    "work": ["We talked about what kind of work feels right at the moment.",
             "{name} updated the resume together with me; we added recent volunteering.",
             "We practised answers for an upcoming interview.",
             "{name} talked about hours that would suit {them} and how to ask for them.",
             "We looked at volunteering as a first step back to work.",
             "We talked about building confidence before applying for jobs."],
    "housing": ["We went through the housing application together.",
                "{name} talked about the inspection at the unit and how it went.",
                "We talked about budgeting for bond and moving costs.",
                "{name} shared worries about the lease ending; we made a list of options.",
                "We called the tenancy service together to ask about the waiting list."],
    "health": ["We talked about sleep and the evening routine {name} has been trying.",
               "{name} shared how the walks are going and what gets in the way.",
               "We talked about questions to take to the GP next week.",
               "{name} talked about medication side effects and how to raise them.",
               "We looked at cooking simple meals that give more energy."],
    "study": ["We talked about the course timetable and how to fit study in.",
              "{name} showed me the assignment in progress; we broke it into parts.",
              "We talked about asking the teacher for an extension.",
              "{name} shared how the first week of classes felt.",
              "We looked at the library's study spaces together."],
    "living": ["We went through the bills and set up reminders on {their} phone.",
               "{name} talked about the shopping list and meal plan for the week.",
               "We practised catching the bus to the shops.",
               "{name} shared how keeping on top of the washing has gone.",
               "We talked about what a good day at home looks like."],
}
WENT_WELL = ["{name} arrived on time and said {they} had been looking forward to it.",
             "{name} led most of the conversation today.",
             "{name} noticed {their} own progress without prompting.",
             "Lots of laughs; {name} seemed relaxed.",
             "{name} made a phone call {they} had been putting off.",
             "{name} used the WRAP daily list and found it helpful.",
             "A calm session; {name} said the walk helped {them} think.",
             "{name} set the agenda and kept us to it.",
             "{name} spoke with more confidence about the week ahead."]
NEXT = {
    "connection": ["Try the Thursday walking group.", "Text {their} friend about coffee.",
                   "Look up the choir's next open night.", "Call {their} {relative} on Sunday.",
                   "Go to the library's games afternoon.", "Say hello to the neighbour."],
    "work": ["Send the resume to the two cafés.", "Ask the men's shed about volunteering.",
             "Book a time with the employment service.", "Buy shoes for the interview.",
             "Ring the op shop about a volunteer shift.", "Update the resume with the course."],
    "housing": ["Call the housing officer on Tuesday.", "Gather the documents for the "
                "application.", "Visit the unit on Saturday with {their} {relative}.",
                "Ask the real estate agent about the bond.", "Pack two boxes this week.",
                "Check the rent assistance letter."],
    "health": ["Walk to the shops three times this week.", "Write questions for the GP.",
               "Try the new bedtime routine for a week.", "Swap one energy drink for water.",
               "Book the dentist.", "Go to the pool on Saturday morning."],
    "study": ["Finish the first part of the assignment.", "Email the teacher about the "
              "extension.", "Go to the library study session on Wednesday.",
              "Read chapter two before class.", "Ask a classmate to study together.",
              "Set up a study corner at home."],
    "living": ["Pay the electricity bill before Friday.", "Cook the two meals from the plan.",
               "Catch the bus on {their} own on Monday.", "Do the big shop on Thursday.",
               "Set up the direct debit for rent.", "Sort the mail into the new folder."],
}
TOOLS = ["recovery_star", "wrap", "smart_goals", "strengths"]
PRONOUNS = {
    "she/her": ("she", "her", "her"),
    "he/him": ("he", "him", "his"),
    "they/them": ("they", "them", "their"),
    "": ("they", "them", "their"),
}
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
    rows: list[dict] = []
    links: list[dict] = []
    freq_rows: list[dict] = []
    utc = dt.UTC
    for index, person in enumerate(ctx.people):
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
                    text = f"Followed up on last time: {last_next[0].lower()}{last_next[1:]} " \
                           + text
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
                    links.append({"session_id": next_id, "goal_id": rng.choice(person_goals)})
            elif status == SessionStatus.CANCELLED:
                row["status_reason"] = rng.choice(["Feeling unwell", "Family commitment",
                                                   "Coach unwell", "Rescheduled by phone"])
                row["travel_km"], row["travel_minutes"] = 0.0, 0  # called off before setting out
            elif status == SessionStatus.NO_SHOW:
                row["status_reason"] = rng.choice(["No answer on the phone",
                                                   "Forgot; we texted a new time"])
                row["travel_minutes"] = row["travel_minutes"] // 2
            else:
                row["travel_km"], row["travel_minutes"] = 0.0, 0
            rows.append(row)
            next_id += 1
            day += dt.timedelta(days=interval)
    if freq_rows:
        session.execute(insert(SessionFrequency), freq_rows)
    for i in range(0, len(rows), 20_000):
        session.execute(insert(CoachingSession), rows[i:i + 20_000])
    if links:
        session.execute(insert(SessionGoal), links)
    ctx.shared["session_count"] = len(rows)
