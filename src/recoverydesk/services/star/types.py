"""What the window may know of the Recovery Star: templates as plain data (and the rule that
checks one), readings and drafts, the glance, the labels, and the pure rules a form checks
before saving. Standard library and ``recoverydesk.services.types`` only: no database here.

A template looks like (as in ``resources/stars/*.json``)::

    {"key": "recovery-star", "name": "Recovery Star", "description": "...",
     "scale": {"min": 1, "max": 10},
     "stages": [{"name": "Stuck", "min": 1, "max": 2}, ...],
     "domains": [{"key": "managing_mental_health", "label": "Managing mental health",
                  "description": ""}, ...]}
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from recoverydesk.services.types import ServiceError

# The widest scale a star may have (the database checks the same; see models/star.py).
SCORE_MIN = 1
SCORE_MAX = 10
DEFAULT_TEMPLATE_KEY = "recovery-star"
MAX_DOMAINS = 16
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,79}$")
NOTE_LIMIT = 2000
DUE_AFTER_DAYS = 183  # a reading is due when the latest is more than six months old

# One label per field, for the forms, the validation messages and anything printed.
FIELD_LABELS: dict[str, str] = {
    "taken_on": "Date of the reading",
    "scores": "Scores",
    "note": "About this reading",
    "name": "Name",
    "stages": "Stages",
    "domains": "Domains",
    "template": "Template",
}


class TemplateError(ServiceError):
    """A template that cannot be used; the message names the file (or template) and field."""


@dataclass(frozen=True)
class DomainDef:
    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class StageDef:
    name: str
    min: int
    max: int


@dataclass(frozen=True)
class TemplateDef:
    key: str
    name: str
    domains: tuple[DomainDef, ...]
    stages: tuple[StageDef, ...]
    scale_min: int = SCORE_MIN
    scale_max: int = SCORE_MAX
    description: str = ""

    def stage_for(self, score: int | None) -> str:
        if score is None:
            return ""
        for stage in self.stages:
            if stage.min <= score <= stage.max:
                return stage.name
        return ""

    def to_json(self) -> str:
        return json.dumps(
            {
                "name": self.name,
                "description": self.description,
                "scale": {"min": self.scale_min, "max": self.scale_max},
                "stages": [{"name": s.name, "min": s.min, "max": s.max} for s in self.stages],
                "domains": [
                    {"key": d.key, "label": d.label, "description": d.description}
                    for d in self.domains
                ],
            },
            ensure_ascii=False,
            sort_keys=True,
        )


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth")


def _nth(i: int, thing: str) -> str:
    """ "the third life domain" for index 2 ("life domain 17" past the words)."""
    return f"the {_ORDINALS[i]} {thing}" if i < len(_ORDINALS) else f"{thing} {i + 1}"


def _problem(where: str, sentence: str) -> TemplateError:
    """``where`` names the file or template; the sentence says what is wrong in plain words."""
    return TemplateError(f"{where}: {sentence[0].upper()}{sentence[1:]}")


def _this(where: str) -> str:
    return "this file" if where.endswith(".json") else "this template"


def _text(data: dict, field: str, where: str, required: bool = True, limit: int = 200,
          thing: str = "the template") -> str:
    value = data.get(field, "" if not required else None)
    if value is None:
        raise _problem(where, f"{thing} has no {field}.")
    if not isinstance(value, str):
        raise _problem(where, f"the {field} of {thing} should be words.")
    value = value.strip()
    if required and not value:
        raise _problem(where, f"the {field} of {thing} is empty.")
    if len(value) > limit:
        raise _problem(where, f"the {field} of {thing} is longer than {limit} characters.")
    return value


def _int(data: dict, field: str, where: str, what: str) -> int:
    value = data.get(field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _problem(where, f"{what} should be a whole number.")
    return value


def parse_template(data: Any, where: str, key: str | None = None) -> TemplateDef:
    """Check a template's plain data; ``where`` names the file (or template) in errors."""
    if not isinstance(data, dict):
        raise _problem(where, "this is not a star template: it should hold a name and a list "
                              "of life domains.")
    if key is None:
        key = _text(data, "key", where, limit=80)
        if not re.match(r"^[a-z0-9][a-z0-9-]{0,79}$", key):
            raise _problem(where, "the template's key should use only lower-case letters, digits "
                                  "and dashes, for example my-star.")
    name = _text(data, "name", where)
    description = _text(data, "description", where, required=False, limit=4000)
    lo, hi = _scale(data, where)
    domains = _domains(data, where)
    stages = _stages(data, where, lo, hi)
    return TemplateDef(key, name, domains, stages, lo, hi, description)


def _scale(data: dict, where: str) -> tuple[int, int]:
    scale = data.get("scale", {"min": SCORE_MIN, "max": SCORE_MAX})
    if not isinstance(scale, dict):
        raise _problem(where, "the scale should give its lowest and highest score (min and max).")
    lo = _int(scale, "min", where, "the lowest score of the scale")
    hi = _int(scale, "max", where, "the highest score of the scale")
    if lo >= hi:
        raise _problem(where, f"the scale goes from {lo} to {hi}; its highest score should be "
                              "above its lowest.")
    if not (lo >= SCORE_MIN and hi <= SCORE_MAX):
        raise _problem(where, f"the scale goes from {lo} to {hi}, but scores can only run from "
                              f"{SCORE_MIN} to {SCORE_MAX}.")
    return lo, hi


def _domains(data: dict, where: str) -> tuple[DomainDef, ...]:
    raw_domains = data.get("domains")
    count = len(raw_domains) if isinstance(raw_domains, list) else 0
    if not 3 <= count <= MAX_DOMAINS:
        raise _problem(
            where, f"a star needs 3 to {MAX_DOMAINS} life domains; {_this(where)} has {count}."
        )
    domains: list[DomainDef] = []
    for i, d in enumerate(raw_domains):
        thing = _nth(i, "life domain")
        if not isinstance(d, dict):
            raise _problem(where, f"{thing} should have a key and a label.")
        dkey = _text(d, "key", where, limit=80, thing=thing)
        if not KEY_RE.match(dkey):
            raise _problem(where, f"the key of {thing} should use only lower-case letters, "
                                  "digits and _, for example daily_living.")
        if any(other.key == dkey for other in domains):
            raise _problem(where, f"two life domains use the key '{dkey}'; each needs its own.")
        domains.append(
            DomainDef(
                dkey,
                _text(d, "label", where, limit=80, thing=thing),
                _text(d, "description", where, False, 4000, thing=thing),
            )
        )
    return tuple(domains)


def _stages(data: dict, where: str, lo: int, hi: int) -> tuple[StageDef, ...]:
    raw_stages = data.get("stages", [])
    if not isinstance(raw_stages, list):
        raise _problem(where, "the stages should be a list, each with a name and its scores.")
    stages: list[StageDef] = []
    for i, st in enumerate(raw_stages):
        thing = _nth(i, "stage")
        if not isinstance(st, dict):
            raise _problem(where, f"{thing} should have a name and the scores it covers "
                                  "(min and max).")
        stage = StageDef(_text(st, "name", where, limit=60, thing=thing),
                         _int(st, "min", where, f"the lowest score of {thing}"),
                         _int(st, "max", where, f"the highest score of {thing}"))
        if stage.min > stage.max:
            raise _problem(where, f"{thing} starts at {stage.min} but ends at {stage.max}; it "
                                  "should end at or after where it starts.")
        if not (lo <= stage.min <= stage.max <= hi):
            raise _problem(where, f"{thing} covers scores {stage.min} to {stage.max}, but the "
                                  f"scale only goes from {lo} to {hi}.")
        if stages and stage.min != stages[-1].max + 1:
            raise _problem(where, f"{thing} should start at {stages[-1].max + 1}, straight after "
                                  f"the stage before it (it starts at {stage.min}).")
        stages.append(stage)
    if stages and (stages[0].min != lo or stages[-1].max != hi):
        raise _problem(where, f"the stages should cover the whole scale, {lo} to {hi}; they "
                              f"cover {stages[0].min} to {stages[-1].max}.")
    return tuple(stages)


# -- readings -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TemplateDTO:
    id: int  # the template
    key: str
    name: str
    bundled: bool
    version_id: int  # the version this DTO describes
    version_number: int
    definition: TemplateDef
    archived: bool = False

    @property
    def domains(self) -> list[tuple[str, str]]:
        return [(d.key, d.label) for d in self.definition.domains]


@dataclass(frozen=True)
class ReadingDTO:
    id: int
    participant_id: int
    taken_on: dt.date
    note: str
    template_id: int
    template_name: str
    template_version_id: int
    version_number: int
    domains: tuple[tuple[str, str], ...]
    scores: dict[str, int | None]
    notes: dict[str, str] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)  # domain key -> stage name

    @property
    def unscored(self) -> list[str]:
        return [label for key, label in self.domains if self.scores.get(key) is None]

    @property
    def scored_count(self) -> int:
        return sum(1 for key, _ in self.domains if self.scores.get(key) is not None)


@dataclass(frozen=True)
class ReadingDraft:
    taken_on: dt.date
    scores: dict[str, int | None]
    notes: dict[str, str] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class StarGlance:
    count: int
    latest_on: dt.date
    latest_scored: int
    domains: int
    travelled: int | None  # sum over domains scored in both first and latest
    due: bool


def glance_of(readings: list[tuple[dt.date, dict[str, int | None]]],
              today: dt.date) -> StarGlance | None:
    """The glance of readings given oldest first as (taken on, domain key -> score)."""
    if not readings:
        return None
    (_first_on, first), (latest_on, latest) = readings[0], readings[-1]
    both = [k for k in latest if latest[k] is not None and first.get(k) is not None]
    travelled = sum(latest[k] - first[k] for k in both) if len(readings) > 1 and both else None
    return StarGlance(
        count=len(readings),
        latest_on=latest_on,
        latest_scored=sum(1 for v in latest.values() if v is not None),
        domains=len(latest),
        travelled=travelled,
        due=(today - latest_on).days > DUE_AFTER_DAYS,
    )


@dataclass(frozen=True)
class StarTabDTO:
    """What the Recovery Star tab shows of one participant, read at once."""

    readings: list[ReadingDTO]  # oldest first
    templates: list[TemplateDTO]  # every template not archived, at its latest version
    default_template_id: int  # the template a new reading uses (``template_for``)
    glance: StarGlance | None


def check_reading(draft: ReadingDraft, tdef: TemplateDef, today: dt.date) -> dict[str, str]:
    """What is wrong with a reading ({} when nothing); fields ``taken_on``, ``scores.<key>``,
    ``notes.<key>`` and ``note``. A domain left unscored is flagged by the form, never refused."""
    problems: dict[str, str] = {}

    def add(condition: bool, key: str, message: str) -> None:
        if not condition:
            problems.setdefault(key, message)

    if not isinstance(draft.taken_on, dt.date):
        add(False, "taken_on", "Give the date of the reading.")
    else:
        add(draft.taken_on <= today, "taken_on", "The reading date is in the future.")
        add(draft.taken_on.year >= 1990, "taken_on", "The reading date looks wrong.")
    keys = {d.key for d in tdef.domains}
    for key in set(draft.scores) | set(draft.notes):
        add(key in keys, f"scores.{key}", f"'{key}' is not a domain of {tdef.name}.")
    for d in tdef.domains:
        score = draft.scores.get(d.key)
        add(score is None or (not isinstance(score, bool) and isinstance(score, int)
                              and tdef.scale_min <= score <= tdef.scale_max),
            f"scores.{d.key}", f"{d.label}: scores go from {tdef.scale_min} to {tdef.scale_max}.")
        add(len(draft.notes.get(d.key, "")) <= NOTE_LIMIT, f"notes.{d.key}",
            f"{d.label}: the note is longer than {NOTE_LIMIT} characters.")
    add(len(draft.note) <= 4 * NOTE_LIMIT, "note", "The reading's note is too long.")
    return problems


def check_scored(draft: ReadingDraft) -> dict[str, str]:
    """A reading saved from the form needs at least one score."""
    if all(v is None for v in draft.scores.values()):
        return {"scores": "Score at least one domain before saving."}
    return {}


def check_template(data: Any) -> dict[str, str]:
    """What is wrong with a template the coach made ({} when nothing), in the words
    ``parse_template`` uses, under the field ``template``."""
    name = data.get("name") if isinstance(data, dict) and isinstance(data.get("name"), str) else ""
    where = f"“{name.strip()}”" if name.strip() else "This template"
    try:
        parse_template(data, where, key="new")
    except TemplateError as err:
        return {"template": str(err)}
    return {}
