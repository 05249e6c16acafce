"""Measures from a template file, and how they are scored: pure rules, standard library only.

The QPR decision (issue 23, item 3). The Questionnaire about the Process of Recovery (Neil et
al. 2009; the 15-item short form scored 0-4 an item) is described in the project's domain notes
as free to use, but the notes say to confirm the exact item wording and licence from a reliable
source first, and neither they nor the seed articles hold the wording or the licence. So we
ship NO item wording and no scoring claim of our own: the coach loads a measure template file
with the wording their licence (or the authors' permission) allows, as with the Recovery Star
templates, and the scoring rules come from that file as data. Source and licence are fields of
the file, kept with the measure and shown with every reading. resources/chime/README.md shows
the format.

A template file::

    {"format": "recoverydesk-measure-template", "key": "qpr-15", "name": "...",
     "source": "where the wording comes from", "licence": "the terms it is used under",
     "scale": {"min": 0, "max": 4, "labels": ["...", ...]},      # labels optional
     "items": [{"key": "q1", "text": "...", "process": "hope"}, ...],  # process optional
     "scoring": {"method": "sum", "reverse": ["q3"], "min_answered": 15, "prorate": false}}

Scoring: each answer is a whole number on the scale (or unanswered); ``reverse`` items count as
``min + max - answer``; the total is the sum of the answers when at least ``min_answered`` items
are answered (default: all), otherwise there is no total; with ``prorate`` the sum of fewer
answers is scaled to the full number of items and rounded half up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from recoverydesk.services.types import ServiceError, ValidationError

FORMAT = "recoverydesk-measure-template"
PROCESS_KEYS = ("connectedness", "hope", "identity", "meaning", "empowerment")
_KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")


class MeasureTemplateError(ServiceError):
    """A measure template file cannot be used; ``str(err)`` says why, naming the file."""


@dataclass(frozen=True)
class MeasureItem:
    key: str
    text: str
    process: str = ""  # the CHIME process the item speaks to, if the template says


@dataclass(frozen=True)
class MeasureDef:
    key: str
    name: str
    source: str
    licence: str
    scale_min: int
    scale_max: int
    labels: tuple[str, ...]
    items: tuple[MeasureItem, ...]
    reverse: frozenset[str]
    min_answered: int
    prorate: bool

    @property
    def max_total(self) -> int:
        return self.scale_max * len(self.items)


@dataclass(frozen=True)
class MeasureReadingDTO:
    id: int
    participant_id: int
    template_key: str
    template_name: str
    taken_on: dt.date
    answers: tuple[int | None, ...]
    total: int | None
    max_total: int
    note: str


def process_totals(m: MeasureDef, answers: tuple[int | None, ...] | list[int | None]
                   ) -> dict[str, tuple[int, int]]:
    """For the items the template gives a CHIME process: process -> (the answered items' sum,
    reverse items turned round, and the most those items could give), in the order of the
    items; a process none of whose items is answered is left out."""
    out: dict[str, tuple[int, int]] = {}
    for item, value in zip(m.items, answers, strict=False):
        if not item.process or value is None:
            continue
        got = m.scale_min + m.scale_max - value if item.key in m.reverse else value
        total, most = out.get(item.process, (0, 0))
        out[item.process] = (total + got, most + m.scale_max)
    return out


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_measure_template(data: object, name: str) -> MeasureDef:
    def fail(message: str) -> MeasureTemplateError:
        return MeasureTemplateError(f"{name}: {message}")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise fail(f"this is not a measure template (it should say \"format\": \"{FORMAT}\").")
    key, title = data.get("key"), data.get("name")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise fail("\"key\" should be a short name in small letters, digits and dashes.")
    if not isinstance(title, str) or not title.strip():
        raise fail("the measure has no \"name\".")
    source, licence = data.get("source", ""), data.get("licence", "")
    if not isinstance(source, str) or not source.strip():
        raise fail("say in \"source\" where the wording comes from.")
    if not isinstance(licence, str) or not licence.strip():
        raise fail("say in \"licence\" the terms you use the wording under.")
    scale = data.get("scale")
    if not isinstance(scale, dict) or not _whole(scale.get("min")) or not _whole(
            scale.get("max")) or not 0 <= scale["min"] < scale["max"] <= 100:
        raise fail("\"scale\" should give whole numbers \"min\" and \"max\" (min below max).")
    lo, hi = scale["min"], scale["max"]
    labels = scale.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) or (
            labels and len(labels) != hi - lo + 1):
        raise fail(f"\"labels\" should be {hi - lo + 1} words, one for each point of the scale.")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items or len(raw_items) > 200:
        raise fail("\"items\" should list the questions (at least one).")
    items: list[MeasureItem] = []
    for i, it in enumerate(raw_items, 1):
        if not isinstance(it, dict) or not isinstance(it.get("key"), str) or not _KEY.fullmatch(
                it["key"]):
            raise fail(f"item {i} needs a \"key\" in small letters and digits.")
        if not isinstance(it.get("text"), str) or not it["text"].strip():
            raise fail(f"item {i} ({it['key']}) has no \"text\".")
        process = it.get("process", "")
        if process not in ("", *PROCESS_KEYS):
            raise fail(f"item {i}: \"{process}\" is not a CHIME process.")
        if any(x.key == it["key"] for x in items):
            raise fail(f"two items use the key \"{it['key']}\".")
        items.append(MeasureItem(it["key"], it["text"].strip(), process))
    scoring = data.get("scoring", {})
    if not isinstance(scoring, dict) or scoring.get("method", "sum") != "sum":
        raise fail("\"scoring\" can only add the answers up (\"method\": \"sum\").")
    reverse = scoring.get("reverse", [])
    keys = {x.key for x in items}
    if not isinstance(reverse, list) or not all(r in keys for r in reverse):
        raise fail("\"reverse\" should list keys of the items.")
    least = scoring.get("min_answered", len(items))
    if not _whole(least) or not 1 <= least <= len(items):
        raise fail(f"\"min_answered\" should be a whole number from 1 to {len(items)}.")
    prorate = scoring.get("prorate", False)
    if not isinstance(prorate, bool):
        raise fail("\"prorate\" should be true or false.")
    return MeasureDef(key, title.strip(), source.strip(), licence.strip(), lo, hi,
                      tuple(labels), tuple(items), frozenset(reverse), least, prorate)


def check_answers(m: MeasureDef, answers: list[int | None]) -> None:
    if len(answers) != len(m.items):
        raise ValidationError.single("answers", f"{m.name} has {len(m.items)} questions; "
                                     f"{len(answers)} answers were given.")
    for item, value in zip(m.items, answers, strict=True):
        if value is not None and (not _whole(value) or not m.scale_min <= value <= m.scale_max):
            raise ValidationError.single(
                "answers", f"The answer to {item.key} should be from {m.scale_min} to "
                f"{m.scale_max}, or left out.")


def score(m: MeasureDef, answers: list[int | None]) -> int | None:
    """The total by the template's rules, or None when too few items are answered."""
    check_answers(m, answers)
    given = [(item, v) for item, v in zip(m.items, answers, strict=True) if v is not None]
    if len(given) < m.min_answered:
        return None
    total = sum(m.scale_min + m.scale_max - v if item.key in m.reverse else v
                for item, v in given)
    if m.prorate and len(given) < len(m.items):
        return (2 * total * len(m.items) + len(given)) // (2 * len(given))  # half up
    return total
