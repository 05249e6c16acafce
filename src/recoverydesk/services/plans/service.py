"""The living recovery plan: "Agree plan" freezes what the plan says today into an immutable
version; any earlier version can be read again and compared with a later one (or with the plan
as it is now) in words a participant understands.

Other capabilities' parts of the plan are named in ``PLAN_SNAPSHOT_PARTS``: each
``fn(session, participant_id)`` returns JSON-able data kept in the snapshot under its name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models import Contact, Participant, PlanVersion, Strength
from recoverydesk.services import audit
from recoverydesk.services.goals.service import STATUS_LABELS, WHO_LABELS, load_goals
from recoverydesk.services.participants.service import display_name
from recoverydesk.services.types import NotFoundError, OverviewLine, ValidationError
from recoverydesk.services.wrap import service as wrap_service
from recoverydesk.store import Store

SNAPSHOT_FORMAT = 1
PLAN_SNAPSHOT_PARTS: dict[str, Callable[[Session, int], object]] = {
    "wrap": wrap_service.summary,
}


@dataclass(frozen=True)
class PlanVersionDTO:
    id: int
    participant_id: int
    number: int
    agreed_on: dt.date
    review_date: dt.date | None
    note: str
    created_at: dt.datetime
    # The snapshot, decoded afresh for every DTO: changing it never touches the stored version.
    content: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        return f"Plan {self.number}, agreed {short_date(self.agreed_on)}"

    @property
    def goals(self) -> list[dict]:
        return list(self.content.get("goals", []))


@dataclass(frozen=True)
class ReviewDueDTO:
    participant_id: int
    participant_name: str
    version_id: int
    review_date: dt.date
    overdue: bool


def snapshot(s: Session, participant_id: int, review_date: dt.date | None = None) -> dict:
    """The plan as it stands now, as plain JSON-able data."""
    p = s.get(Participant, participant_id)
    if p is None:
        raise NotFoundError("That participant could not be found.")
    goals = []
    for g in load_goals(s, participant_id):
        goals.append(
            {
                "id": g.id,
                "title": g.title,
                "status": g.status,
                "domains": list(g.domains),
                "priority": g.priority,
                "specific": g.specific,
                "measure": g.measure,
                "target": g.target,
                "achievable": g.achievable,
                "why_it_matters": g.why_it_matters,
                "target_date": _iso(g.target_date),
                "started_on": _iso(g.started_on),
                "reframed_to_id": g.reframed_to_id,
                "latest_progress": g.latest_progress,
                "last_reason": g.history[-1].reason if g.history else "",
                "steps": [
                    {
                        "id": st.id,
                        "text": st.text,
                        "who": st.who,
                        "due_on": _iso(st.due_on),
                        "done_on": _iso(st.done_on),
                    }
                    for st in g.steps
                ],
            }
        )
    strengths = [
        {"category": str(x.category), "text": x.text}
        for x in s.scalars(
            select(Strength)
            .where(Strength.participant_id == participant_id)
            .order_by(Strength.position, Strength.id)
        )
    ]
    supports = [
        {
            "id": c.id,
            "name": c.name,
            "role": c.relationship_text or c.organisation or str(c.kind).replace("_", " "),
            "phone": c.phone,
            "formal": c.formal,
            "emergency_contact": c.emergency_contact,
        }
        for c in s.scalars(
            select(Contact)
            .where(Contact.participant_id == participant_id, Contact.archived.is_(False))
            .order_by(Contact.name)
        )
    ]
    data: dict[str, Any] = {
        "format": SNAPSHOT_FORMAT,
        "participant": {
            "id": p.id,
            "display_name": display_name(p.given_name, p.family_name, p.preferred_name),
            "preferred_name": p.preferred_name or p.given_name,
        },
        "review_date": _iso(review_date),
        "goals": goals,
        "strengths": strengths,
        "supports": supports,
        "parts": {},
    }
    for name, fn in PLAN_SNAPSHOT_PARTS.items():
        data["parts"][name] = fn(s, participant_id)
    return data


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(text: str | None) -> dt.date | None:
    return None if not text else dt.date.fromisoformat(text)


def _to_dto(v: PlanVersion) -> PlanVersionDTO:
    return PlanVersionDTO(
        v.id,
        v.participant_id,
        v.number,
        v.agreed_on,
        v.review_date,
        v.note,
        v.created_at,
        json.loads(v.content),
    )


class PlanService:
    def __init__(self, store: Store):
        self._store = store

    def agree(
        self,
        participant_id: int,
        review_date: dt.date | None,
        note: str = "",
        *,
        on: dt.date | None = None,
    ) -> PlanVersionDTO:
        """Freeze the plan as it is today into a new, numbered, immutable version."""
        on = on or dt.date.today()
        if review_date is not None and review_date < on:
            raise ValidationError.single(
                "review_date", "The review date should be on or after the day the plan is agreed."
            )
        with self._store.unit_of_work() as s:
            content = snapshot(s, participant_id, review_date)
            number = (
                s.scalar(
                    select(func.max(PlanVersion.number)).where(
                        PlanVersion.participant_id == participant_id
                    )
                )
                or 0
            ) + 1
            v = PlanVersion(
                participant_id=participant_id,
                number=number,
                agreed_on=on,
                review_date=review_date,
                note=note.strip(),
                content=json.dumps(content, ensure_ascii=False, sort_keys=True),
            )
            s.add(v)
            s.flush()
            audit.record(s, "plan.agreed", "plan_version", v.id, participant_id)
            return _to_dto(v)

    def versions(self, participant_id: int, limit: int | None = None) -> list[PlanVersionDTO]:
        """Every agreed version (or the newest ``limit``), newest first."""
        with self._store.read() as s:
            rows = s.scalars(
                select(PlanVersion)
                .where(PlanVersion.participant_id == participant_id)
                .order_by(PlanVersion.number.desc())
                .limit(limit)
            )
            return [_to_dto(v) for v in rows]

    def version(self, version_id: int) -> PlanVersionDTO:
        with self._store.read() as s:
            v = s.get(PlanVersion, version_id)
            if v is None:
                raise NotFoundError("That plan version could not be found.")
            return _to_dto(v)

    def current(self, participant_id: int) -> dict:
        """The plan as it is now (not yet agreed), in the same shape as a snapshot."""
        with self._store.read() as s:
            return snapshot(s, participant_id)

    def compare(self, older_id: int, newer_id: int | None = None) -> list[str]:
        """What changed from one version to a later one (or to the plan as it is now), as plain
        sentences a participant understands."""
        older, newer = self._pair(older_id, newer_id)
        return describe_changes(older, newer)

    def compare_grouped(
        self, older_id: int, newer_id: int | None = None
    ) -> list[tuple[str, list[str]]]:
        """Like ``compare``, with the sentences under plain headings (Goals, Steps, ...)."""
        older, newer = self._pair(older_id, newer_id)
        return describe_changes_grouped(older, newer)

    def _pair(self, older_id: int, newer_id: int | None) -> tuple[dict, dict]:
        older = self.version(older_id)
        if newer_id is None:
            return older.content, self.current(older.participant_id)
        newer_v = self.version(newer_id)
        if newer_v.participant_id != older.participant_id:
            raise ValidationError.single("newer", "Both versions must be the same person's plan.")
        if newer_v.number < older.number:
            older, newer_v = newer_v, older
        return older.content, newer_v.content

    def reviews_due(
        self, today: dt.date | None = None, within_days: int = 14
    ) -> list[ReviewDueDTO]:
        """People whose latest agreed plan has a review date within ``within_days`` or passed."""
        today = today or dt.date.today()
        horizon = today + dt.timedelta(days=within_days)
        with self._store.read() as s:
            latest = (
                select(PlanVersion.participant_id, func.max(PlanVersion.number).label("n"))
                .group_by(PlanVersion.participant_id)
                .subquery()
            )
            rows = s.execute(
                select(PlanVersion, Participant)
                .join(
                    latest,
                    (latest.c.participant_id == PlanVersion.participant_id)
                    & (latest.c.n == PlanVersion.number),
                )
                .join(Participant, Participant.id == PlanVersion.participant_id)
                .where(
                    PlanVersion.review_date.is_not(None),
                    PlanVersion.review_date <= horizon,
                    Participant.archived.is_(False),
                )
                .order_by(PlanVersion.review_date)
            ).all()
            return [
                ReviewDueDTO(
                    p.id,
                    display_name(p.given_name, p.family_name, p.preferred_name),
                    v.id,
                    v.review_date,
                    v.review_date < today,
                )
                for v, p in rows
            ]


# ---------------------------------------------------------------- "what changed"


CHANGE_GROUPS = ("Goals", "Steps", "Strengths and supports", "Wellness plan", "Review")


def describe_changes(old: dict, new: dict) -> list[str]:
    """Plain sentences for the differences between two snapshots."""
    return [line for _group, lines in describe_changes_grouped(old, new) for line in lines]


def describe_changes_grouped(old: dict, new: dict) -> list[tuple[str, list[str]]]:
    """The differences between two snapshots as plain sentences under headings (Goals, Steps,
    Strengths and supports, Review); only headings with something to say are returned."""
    groups: dict[str, list[str]] = {name: [] for name in CHANGE_GROUPS}
    goals_out, steps_out = groups["Goals"], groups["Steps"]
    old_goals = {g["id"]: g for g in old.get("goals", [])}
    new_goals = {g["id"]: g for g in new.get("goals", [])}
    titles = {
        **{k: g["title"] for k, g in old_goals.items()},
        **{k: g["title"] for k, g in new_goals.items()},
    }
    for gid, g in new_goals.items():
        before = old_goals.get(gid)
        if before is not None and before["status"] != g["status"]:
            goals_out.append(_status_sentence(g["title"], before["status"], g, titles))
    for gid, g in new_goals.items():
        if gid in old_goals:
            continue
        became = [
            o for o in old_goals.values() if new_goals.get(o["id"], {}).get("reframed_to_id") == gid
        ]
        if not became:
            goals_out.append(f"New goal: “{g['title']}”.")
    for gid, g in new_goals.items():
        before = old_goals.get(gid)
        if before is None:
            continue
        title = g["title"]
        if before["title"] != title:
            goals_out.append(f"“{before['title']}” is now worded as “{title}”.")
        if g["status"] not in ("active", "paused"):
            continue
        if before.get("target_date") != g.get("target_date") and g.get("target_date"):
            goals_out.append(f"“{title}” now aims for {short_date(_date(g['target_date']))}.")
        if (
            before.get("latest_progress") != g.get("latest_progress")
            and g.get("latest_progress") is not None
        ):
            goals_out.append(f"“{title}” is now about {g['latest_progress']}% of the way there.")
    for gid, g in new_goals.items():
        if g["status"] in ("reframed", "let_go"):
            continue  # its story is told by the status sentence
        before_steps = {st["id"]: st for st in old_goals.get(gid, {}).get("steps", [])}
        done, added = [], []
        for st in g.get("steps", []):
            prev = before_steps.get(st["id"])
            if st.get("done_on") and (prev is None or not prev.get("done_on")):
                done.append(st["text"])
            elif prev is None:
                who = WHO_LABELS.get(st["who"], st["who"]).lower()
                due = f", by {short_date(_date(st['due_on']))}" if st.get("due_on") else ""
                added.append(f"{st['text']} ({who}{due})")
        if done:
            head = "Step done" if len(done) == 1 else "Steps done"
            steps_out.append(f"{head} for “{g['title']}”: {'; '.join(done)}.")
        if added:
            head = "New step" if len(added) == 1 else "New steps"
            steps_out.append(f"{head} for “{g['title']}”: {'; '.join(added)}.")
        now_ids = {st["id"] for st in g.get("steps", [])}
        for sid, st in before_steps.items():
            if sid not in now_ids:
                steps_out.append(f"A step was taken off “{g['title']}”: {st['text']}.")
    people = groups["Strengths and supports"]
    old_strengths = {x["text"] for x in old.get("strengths", [])}
    for x in new.get("strengths", []):
        if x["text"] not in old_strengths:
            people.append(f"New strength noticed: {x['text']}.")
    old_supports = {x["id"] for x in old.get("supports", [])}
    for x in new.get("supports", []):
        if x["id"] not in old_supports:
            people.append(f"{x['name']} ({x['role']}) is now part of the support network.")
    new_supports = {x["id"] for x in new.get("supports", [])}
    for x in old.get("supports", []):
        if x["id"] not in new_supports:
            people.append(f"{x['name']} is no longer listed as a support.")
    old_wrap = (old.get("parts") or {}).get("wrap") or {}
    new_wrap = (new.get("parts") or {}).get("wrap") or {}
    if isinstance(old_wrap, dict) and isinstance(new_wrap, dict):
        was, now = old_wrap.get("started_parts"), new_wrap.get("started_parts")
        if now is not None and was is not None and now != was:
            groups["Wellness plan"].append(
                f"The wellness plan (WRAP) now has {now} of {new_wrap.get('total_parts', now)} "
                f"parts filled in (it had {was})."
            )
    if new.get("review_date") and old.get("review_date") != new.get("review_date"):
        groups["Review"].append(
            f"The next review is planned for {short_date(_date(new['review_date']))}."
        )
    out = [(name, lines) for name, lines in groups.items() if lines]
    if not out:
        out = [("", ["Nothing has changed in the plan since this version."])]
    return out


def _status_sentence(title: str, was: str, g: dict, titles: dict[int, str]) -> str:
    now = g["status"]
    reason = (g.get("last_reason") or "").strip().rstrip(".")
    because = f" ({reason})" if reason else ""
    if now == "achieved":
        return f"Achieved: “{title}”{because}."
    if now == "reframed":
        to = titles.get(g.get("reframed_to_id"), "a new goal")
        return f"“{title}” was reframed as “{to}”{because}."
    if now == "let_go":
        return f"“{title}” was let go{because}."
    if now == "paused":
        return f"“{title}” is on hold for now{because}."
    if now == "active" and was == "paused":
        return f"“{title}” is back on{because}."
    return f"“{title}” is now {STATUS_LABELS.get(now, now).lower()}{because}."


# ---------------------------------------------------------------- overview


def plan_review_line(s: Session, participant_id: int, today: dt.date) -> OverviewLine:
    v = s.execute(  # the dates only, not the whole snapshot
        select(PlanVersion.number, PlanVersion.agreed_on, PlanVersion.review_date)
        .where(PlanVersion.participant_id == participant_id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    ).first()
    if v is None:
        return OverviewLine(
            "Recovery plan",
            "Not agreed yet. When the goals feel right, agree the plan together.",
            page="goals",
            order=22,
            prompt=True,
        )
    text = f"Plan {v.number} agreed {short_date(v.agreed_on)}."
    attention = False
    if v.review_date is None:
        text += " No review date set."
    elif v.review_date < today:
        text += f" The review was due {short_date(v.review_date)}."
        attention = True
    elif v.review_date <= today + dt.timedelta(days=14):
        text += f" Review due {short_date(v.review_date)}."
        attention = True
    else:
        text += f" Next review {short_date(v.review_date)}."
    return OverviewLine("Recovery plan", text, attention=attention, page="goals", order=22)
