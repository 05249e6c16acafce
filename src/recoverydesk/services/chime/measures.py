"""Measures the coach loads from a template file (the QPR route; measure_rules.py says why we
ship no wording): load a template into the practice, record a participant's reading, list
them. A template with readings never changes under them: a changed file needs a new key."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache, lru_cache
from pathlib import Path

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from recoverydesk.models import MeasureReading, MeasureTemplate, Participant
from recoverydesk.services import audit
from recoverydesk.services.chime.measure_rules import (
    MeasureDef,
    MeasureReadingDTO,
    MeasureTemplateError,
    check_answers,
    parse_measure_template,
    score,
)
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.json_file import JsonFileError, read_json_file
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store

MAX_FILE_BYTES = 512 * 1024
MAX_FILE_DEPTH = 6


def read_template_file(path: Path) -> tuple[MeasureDef, str]:
    try:
        data = read_json_file(path, max_bytes=MAX_FILE_BYTES, max_depth=MAX_FILE_DEPTH)
    except JsonFileError as err:
        raise MeasureTemplateError(str(err)) from err
    return parse_measure_template(data, Path(path).name), json.dumps(data, ensure_ascii=False,
                                                                      sort_keys=True)


@lru_cache(maxsize=32)
def _definition(text: str, key: str) -> MeasureDef:
    return parse_measure_template(json.loads(text), f"measure {key}")


class MeasureService:
    def __init__(self, store: Store):
        self._store = store

    def load_template(self, path: Path) -> Changed[MeasureDef]:
        m, text = read_template_file(path)
        with self._store.unit_of_work() as s:
            row = s.scalars(select(MeasureTemplate).where(MeasureTemplate.key == m.key)).first()
            if row is not None and row.definition != text:
                used = s.scalar(select(func.count()).select_from(MeasureReading)
                                .where(MeasureReading.template_id == row.id))
                if used:
                    raise MeasureTemplateError(
                        f"{Path(path).name}: {row.name} already has readings made with its "
                        "wording. Give the changed file another \"key\" to load it beside it.")
            if row is None:
                row = MeasureTemplate(key=m.key)
                s.add(row)
            row.name, row.source, row.licence, row.definition = m.name, m.source, m.licence, text
            row.loaded_at = dt.datetime.now(dt.UTC)
            s.flush()
            audit.record(s, "measure.template_loaded", "measure_template", row.id, None, m.key)
        return Changed(m, ChangeSet.of("measure_template"))

    def templates(self) -> list[MeasureDef]:
        with self._store.read() as s:
            return templates_in(s)

    def record(self, participant_id: int, template_key: str, taken_on: dt.date,
               answers: list[int | None], note: str = "") -> Changed[MeasureReadingDTO]:
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError("That participant is no longer there.")
            tpl = s.scalars(select(MeasureTemplate)
                            .where(MeasureTemplate.key == template_key)).first()
            if tpl is None:
                raise ValidationError.single("template", "Load the measure's template first.")
            m = _definition(tpl.definition, tpl.key)
            check_answers(m, answers)
            row = MeasureReading(participant_id=participant_id, template_id=tpl.id,
                                 taken_on=taken_on, answers=json.dumps(list(answers)),
                                 total=score(m, answers), note=note.strip())
            s.add(row)
            s.flush()
            audit.record(s, "measure.recorded", "measure_reading", row.id, participant_id,
                         m.key)
            dto = _dto(row, tpl)
        return Changed(dto, ChangeSet.of("measure_reading", participant_id=participant_id))

    def readings(self, participant_id: int) -> list[MeasureReadingDTO]:
        with self._store.read() as s:
            return readings_in(s, participant_id)


def templates_in(s: Session) -> list[MeasureDef]:
    """Every measure template loaded, by name."""
    return [_definition(r.definition, r.key) for r in core_rows(s, *templates_read()).all()]


def templates_read() -> Read:
    """The read ``templates_in`` makes."""
    return _templates(), {}


@cache
def _templates() -> Select:
    """(definition, key) of every measure template, by name."""
    return (select(MeasureTemplate.definition, MeasureTemplate.key)
            .order_by(MeasureTemplate.name))


def readings_in(s: Session, participant_id: int) -> list[MeasureReadingDTO]:
    """The participant's measure readings, oldest first."""
    rows = core_rows(s, *readings_read(participant_id)).all()
    return [_dto(r, r) for r in rows]  # each row has its reading's and its template's columns


def readings_read(participant_id: int) -> Read:
    """The read ``readings_in`` makes."""
    return of_participant(_readings, participant_id)


@cache
def _readings() -> Select:
    """The participant's (``participant_id``) readings oldest first, each with its template's
    columns ``_dto`` reads (their names apart from the reading's)."""
    r, tpl = MeasureReading, MeasureTemplate
    return (select(r.id, r.participant_id, r.taken_on, r.answers, r.total, r.note, tpl.key,
                   tpl.name, tpl.definition)
            .join(tpl, tpl.id == r.template_id)
            .where(r.participant_id == bindparam("participant_id"))
            .order_by(r.taken_on, r.id))


def _dto(row, tpl) -> MeasureReadingDTO:
    """A reading and its template: mapped objects, or rows of their columns."""
    m = _definition(tpl.definition, tpl.key)
    return MeasureReadingDTO(row.id, row.participant_id, tpl.key, tpl.name, row.taken_on,
                             tuple(json.loads(row.answers)), row.total, m.max_total, row.note)
