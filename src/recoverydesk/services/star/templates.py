"""Star templates as data: loading and checking ``resources/stars/*.json``, and keeping the
bundled templates in the practice file as versions (a changed file adds a version; readings keep
the version they were made with).

A template file looks like::

    {"key": "recovery-star", "name": "Recovery Star", "description": "...",
     "scale": {"min": 1, "max": 10},
     "stages": [{"name": "Stuck", "min": 1, "max": 2}, ...],
     "domains": [{"key": "managing_mental_health", "label": "Managing mental health",
                  "description": ""}, ...]}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models.star import SCORE_MAX, SCORE_MIN, StarTemplate, StarTemplateVersion
from recoverydesk.paths import resource
from recoverydesk.services.json_file import JsonFileError, read_json_file
from recoverydesk.services.types import ServiceError

DEFAULT_TEMPLATE_KEY = "recovery-star"
MAX_DOMAINS = 16
MAX_FILE_BYTES = 1024 * 1024  # ten domains with long licensed descriptions take a few KB
MAX_FILE_DEPTH = 8
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,79}$")


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

    raw_domains = data.get("domains")
    count = len(raw_domains) if isinstance(raw_domains, list) else 0
    if not 3 <= count <= MAX_DOMAINS:
        raise _problem(
            where, f"a star needs 3 to {MAX_DOMAINS} life domains; {_this(where)} has {count}."
        )
    domains: list[DomainDef] = []
    seen: set[str] = set()
    for i, d in enumerate(raw_domains):
        thing = _nth(i, "life domain")
        if not isinstance(d, dict):
            raise _problem(where, f"{thing} should have a key and a label.")
        dkey = _text(d, "key", where, limit=80, thing=thing)
        if not KEY_RE.match(dkey):
            raise _problem(where, f"the key of {thing} should use only lower-case letters, "
                                  "digits and _, for example daily_living.")
        if dkey in seen:
            raise _problem(where, f"two life domains use the key '{dkey}'; each needs its own.")
        seen.add(dkey)
        domains.append(
            DomainDef(
                dkey,
                _text(d, "label", where, limit=80, thing=thing),
                _text(d, "description", where, False, 4000, thing=thing),
            )
        )

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
    return TemplateDef(key, name, tuple(domains), tuple(stages), lo, hi, description)


def load_template_file(path: Path) -> TemplateDef:
    try:  # UTF-8 with or without a byte-order mark; size, nesting and characters checked
        data = read_json_file(path, max_bytes=MAX_FILE_BYTES, max_depth=MAX_FILE_DEPTH)
    except JsonFileError as err:
        raise TemplateError(str(err)) from err
    return parse_template(data, Path(path).name)


def load_templates_dir(folder: Path) -> list[TemplateDef]:
    found = [load_template_file(p) for p in sorted(Path(folder).glob("*.json"))]
    keys = [t.key for t in found]
    for key in keys:
        if keys.count(key) > 1:
            raise TemplateError(f"{folder.name}: two template files use the key '{key}'.")
    return sorted(found, key=lambda t: (t.key != DEFAULT_TEMPLATE_KEY, t.name.casefold()))


@cache
def bundled_templates() -> tuple[TemplateDef, ...]:
    return tuple(load_templates_dir(resource("stars")))


def definition_of(version: StarTemplateVersion, key: str) -> TemplateDef:
    return _parsed_definition(version.definition, key)


@lru_cache(maxsize=128)
def _parsed_definition(definition: str, key: str) -> TemplateDef:
    # A version's wording never changes, and every tab that shows a star asks for it.
    return parse_template(json.loads(definition), f"template {key}", key=key)


def ensure_bundled(session: Session) -> dict[str, int]:
    """Make sure every bundled template is in the practice, at its current wording.

    Returns template key -> id of its latest version. Cheap when nothing changed."""
    rows = {t.key: t for t in session.scalars(select(StarTemplate))}
    out: dict[str, int] = {}
    for tdef in bundled_templates():
        template = rows.get(tdef.key)
        if template is None:
            template = StarTemplate(key=tdef.key, name=tdef.name, bundled=True)
            session.add(template)
            session.flush()
        latest = session.scalar(
            select(StarTemplateVersion)
            .where(StarTemplateVersion.template_id == template.id)
            .order_by(StarTemplateVersion.number.desc())
            .limit(1)
        )
        if latest is None or (
            template.bundled and json.loads(latest.definition) != json.loads(tdef.to_json())
        ):
            if latest is not None and not template.bundled:
                out[tdef.key] = latest.id
                continue
            latest = StarTemplateVersion(
                template_id=template.id,
                number=(latest.number + 1) if latest else 1,
                scale_min=tdef.scale_min,
                scale_max=tdef.scale_max,
                definition=tdef.to_json(),
            )
            session.add(latest)
            session.flush()
        out[tdef.key] = latest.id
    for key, template in rows.items():
        if key not in out and template.versions:
            out[key] = template.versions[-1].id
    return out
