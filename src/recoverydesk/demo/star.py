"""Demo Recovery Star readings: one near the start of coaching, then every three to five months,
with believable gentle progress, the odd setback, a domain sometimes left unscored, and a few
notes in plain words (resources/demo/star.json). A handful of people use the open CHIME template
instead.

Fast by design: scores are worked out in memory and inserted in bulk with explicit ids.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from recoverydesk.demo.context import DemoContext, DemoPerson
from recoverydesk.demo.story import load_story
from recoverydesk.models.star import StarReading, StarScore, StarTemplate, StarTemplateVersion
from recoverydesk.services.star.templates import bundled_templates, ensure_bundled

_STORY = load_story("star")
# A few domains' notes in plain words, by domain key.
NOTES: dict[str, list[str]] = _STORY["notes"]
# Where each story tends to move most: domain keys by theme.
THEME_LIFT: dict[str, list[str]] = _STORY["lift_by_theme"]
FIRST_NOTE: str = _STORY["first_reading_note"]


def _schedule(ctx: DemoContext, person: DemoPerson) -> list[dt.date]:
    rng = ctx.rng
    day = person.support_start + dt.timedelta(days=rng.randint(7, 30))
    stop = ctx.today
    if person.status == "exited":
        stop = min(ctx.today, person.support_start + dt.timedelta(days=rng.randint(300, 900)))
    days = []
    while day <= stop:
        days.append(day)
        day += dt.timedelta(days=rng.randint(85, 150))  # quarterly-ish, sometimes late
    return days


def _series(ctx: DemoContext, keys: list[str], count: int, lift: list[str]):
    """Scores per reading: start low-ish, drift up, with setbacks; occasionally unscored."""
    rng = ctx.rng
    level = {k: rng.uniform(2.0, 5.0) for k in keys}
    out = []
    for i in range(count):
        setback = i > 0 and rng.random() < 0.15
        hit = set(rng.sample(keys, k=min(len(keys), rng.randint(2, 4)))) if setback else set()
        scores: dict[str, int | None] = {}
        for k in keys:
            if i > 0:
                step = rng.uniform(0.15, 1.1) * (1.4 if k in lift else 1.0)
                step *= max(0.15, (10 - level[k]) / 7)  # harder near the top
                if k in hit:
                    step = -rng.uniform(0.8, 2.2)
                level[k] = min(10.0, max(1.0, level[k] + step))
            unscored = rng.random() < (0.025 if k in ("work", "addictive_behaviour") else 0.004)
            scores[k] = None if unscored else max(1, min(10, round(level[k])))
        out.append(scores)
    return out


def _backdate_templates(session: Session, ctx: DemoContext, version_ids) -> None:
    """The bundled templates were loaded when the practice began (the demo's start)."""
    began = ctx.stamp(ctx.start)
    session.execute(update(StarTemplate).where(StarTemplate.bundled.is_(True))
                    .values(created_at=began, updated_at=began))
    session.execute(update(StarTemplateVersion).where(StarTemplateVersion.id.in_(version_ids))
                    .values(created_at=began))


def generate(session: Session, ctx: DemoContext) -> None:
    versions = ensure_bundled(session)
    _backdate_templates(session, ctx, list(versions.values()))
    templates = {t.key: t for t in bundled_templates()}
    reading_id = (session.scalar(select(func.max(StarReading.id))) or 0) + 1
    score_id = (session.scalar(select(func.max(StarScore.id))) or 0) + 1
    readings: list[dict] = []
    scores: list[dict] = []
    for index, person in enumerate(ctx.people):
        key = "chime" if index % 9 == 4 else "recovery-star"
        tdef = templates[key]
        keys = [d.key for d in tdef.domains]
        days = _schedule(ctx, person)
        lift = THEME_LIFT.get(person.theme, [])
        for day, values in zip(days, _series(ctx, keys, len(days), lift), strict=True):
            note = FIRST_NOTE if day == days[0] else ""
            readings.append(
                {
                    "id": reading_id,
                    "participant_id": person.id,
                    "template_version_id": versions[key],
                    "taken_on": day,
                    "note": note,
                    **ctx.stamps(day),
                }
            )
            for pos, k in enumerate(keys):
                text = ""
                if k in NOTES and ctx.rng.random() < 0.08:
                    text = ctx.rng.choice(NOTES[k])
                scores.append(
                    {
                        "id": score_id,
                        "reading_id": reading_id,
                        "domain_key": k,
                        "position": pos,
                        "score": values[k],
                        "note": text,
                    }
                )
                score_id += 1
            reading_id += 1
    if readings:
        session.execute(insert(StarReading), readings)
        session.execute(insert(StarScore), scores)
    ctx.shared["star_readings"] = len(readings)
