"""Recovery Star readings: taken together, one score per domain, kept with the template version
they were made with; chart data for the radar and trends; the glance. The templates' use cases
are in ``catalogue.py``, the DTOs and rules in ``types.py``. Every write returns ``Changed``."""

from __future__ import annotations

import datetime as dt
from functools import cache
from types import SimpleNamespace
from typing import NamedTuple

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from recoverydesk.charts.star import (
    ChartDomain,
    ChartReading,
    ChartStage,
    ChartTemplate,
)
from recoverydesk.models import Participant
from recoverydesk.models.star import StarReading, StarScore, StarTemplate, StarTemplateVersion
from recoverydesk.services.audit import record
from recoverydesk.services.core_read import core_rows, of_participant, read_ahead
from recoverydesk.services.star.catalogue import (
    StarTemplates,
    latest_templates,
    latest_templates_read,
)
from recoverydesk.services.star.glance import glance
from recoverydesk.services.star.templates import definition_of
from recoverydesk.services.star.types import (
    DEFAULT_TEMPLATE_KEY,
    ReadingDraft,
    ReadingDTO,
    StarGlance,
    StarTabDTO,
    TemplateDef,
    check_reading,
    glance_of,
)
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store

# A template version as a reading shows it: (template id, template name, number, definition).
_Version = tuple[int, str, int, TemplateDef]


def _changes(participant_id: int) -> ChangeSet:
    return ChangeSet.of("star_reading", participant_id=participant_id)


def _reading_dto(r: StarReading, tdef: TemplateDef, template: StarTemplate, number: int,
                 scores=None):
    """``r``: the reading, or its row; ``scores``: its score rows in order (else ``r.scores``)."""
    by_key = {s.domain_key: s for s in (r.scores if scores is None else scores)}
    scores = {d.key: (by_key[d.key].score if d.key in by_key else None) for d in tdef.domains}
    return ReadingDTO(
        id=r.id,
        participant_id=r.participant_id,
        taken_on=r.taken_on,
        note=r.note,
        template_id=template.id,
        template_name=template.name,
        template_version_id=r.template_version_id,
        version_number=number,
        domains=tuple((d.key, d.label) for d in tdef.domains),
        scores=scores,
        notes={k: s.note for k, s in by_key.items() if s.note},
        stages={k: tdef.stage_for(v) for k, v in scores.items() if v is not None},
    )


class _ScoreRow(NamedTuple):
    """One score of a reading, as ``_reading_dto`` reads it."""

    domain_key: str
    score: int | None
    note: str


def _readings_in(
    s: Session, participant_id: int, known: dict[int, _Version] | None = None
) -> tuple[list[ReadingDTO], list[tuple[dt.date, dict[str, int | None]]]]:
    """Every reading oldest first, and each as the glance reads it (its day and every score).
    ``known``: the versions the caller has read already, by id (the others are read here)."""
    # Rows, not mapped objects: the busiest participant's 23 readings and 230 scores took
    # 3.7 ms as objects, most of the Star tab's loading (benchmarks: open the busiest one).
    # One statement, each reading with its scores, not the readings and then the scores.
    readings: dict[int, Row] = {}
    scores: dict[int, list[_ScoreRow]] = {}
    for row in core_rows(s, *of_participant(_readings_with_scores, participant_id)).all():
        if row.id not in readings:
            readings[row.id], scores[row.id] = row, []
        if row.domain_key is not None:
            scores[row.id].append(_ScoreRow(row.domain_key, row.score, row.score_note))
    if not readings:
        return [], []
    versions = _versions_of(s, {r.template_version_id for r in readings.values()}, known or {})
    out = []
    for r in readings.values():
        template_id, name, number, tdef = versions[r.template_version_id]
        template = SimpleNamespace(id=template_id, name=name)
        out.append(_reading_dto(r, tdef, template, number, scores[r.id]))
    return out, [(r.taken_on, {x.domain_key: x.score for x in scores[r.id]})
                 for r in readings.values() if scores[r.id]]  # as the glance's join reads them


@cache
def _readings_with_scores() -> Select:
    """The participant's readings (``participant_id``) oldest first, each with its scores in
    order: a reading without any scores is one row, its score columns None."""
    return (
        select(StarReading.id, StarReading.participant_id, StarReading.taken_on,
               StarReading.note, StarReading.template_version_id, StarScore.domain_key,
               StarScore.score, StarScore.note.label("score_note"))
        .outerjoin(StarScore, StarScore.reading_id == StarReading.id)
        .where(StarReading.participant_id == bindparam("participant_id"))
        .order_by(StarReading.taken_on, StarReading.id, StarScore.position)
    )


def _versions_of(s: Session, ids: set[int], known: dict[int, _Version]) -> dict[int, _Version]:
    """The versions with these ids: those in ``known`` as they are, the others read."""
    missing = ids - known.keys()
    found = {i: known[i] for i in ids & known.keys()}
    if missing:  # each version with its template's id and name, in one query
        for v in core_rows(s, _versions_with_templates(), {"ids": list(missing)}).all():
            found[v.id] = (v.template_id, v.name, v.number, definition_of(v, v.key))
    return found


@cache
def _versions_with_templates() -> Select:
    """The template versions with these ``ids`` (expanding), each with its template's id, key
    and name."""
    return (
        select(StarTemplateVersion.id, StarTemplateVersion.number,
               StarTemplateVersion.definition, StarTemplate.id.label("template_id"),
               StarTemplate.key, StarTemplate.name)
        .join(StarTemplate, StarTemplateVersion.template_id == StarTemplate.id)
        .where(StarTemplateVersion.id.in_(bindparam("ids", expanding=True)))
    )


def validate_draft(draft: ReadingDraft, tdef: TemplateDef, today: dt.date) -> None:
    problems = check_reading(draft, tdef, today)
    if problems:
        raise ValidationError(problems)


class StarService(StarTemplates):
    def __init__(self, store: Store):
        self._store = store
        self._synced = False

    # -- readings ---------------------------------------------------------------------
    def readings(self, participant_id: int) -> list[ReadingDTO]:
        """Every reading, oldest first."""
        with self._read() as s:
            return _readings_in(s, participant_id)[0]

    def tab(self, participant_id: int, today: dt.date | None = None) -> StarTabDTO:
        """What the Recovery Star tab shows, in one read: the readings, the templates, the one
        a new reading uses (``template_for``) and the glance (``summary``), the last two worked
        out from the readings rather than read again."""
        with self._read() as s:
            read_ahead(s, [latest_templates_read(),
                           of_participant(_readings_with_scores, participant_id)])
            every = latest_templates(s, include_archived=True)
            # The readings' versions are most often these latest ones: not read again.
            known = {t.version_id: (t.id, t.name, t.version_number, t.definition) for t in every}
            readings, scored = _readings_in(s, participant_id, known)
            templates = [t for t in every if not t.archived]
            if readings:
                default_id = readings[-1].template_id
            else:
                default_id = next((t.id for t in every if t.key == DEFAULT_TEMPLATE_KEY),
                                  None) or s.scalar(select(StarTemplate.id).where(
                                      StarTemplate.key == DEFAULT_TEMPLATE_KEY))
            return StarTabDTO(readings, templates, default_id,
                              glance_of(scored, today or dt.date.today()))

    def reading(self, reading_id: int) -> ReadingDTO:
        with self._read() as s:
            r = _load(s, reading_id)
            v = r.template_version
            return _reading_dto(r, definition_of(v, v.template.key), v.template, v.number)

    def add_reading(
        self,
        participant_id: int,
        draft: ReadingDraft,
        template_version_id: int | None = None,
        today: dt.date | None = None,
    ) -> Changed[ReadingDTO]:
        version_id = template_version_id or self.template_for(participant_id).version_id
        with self._store.unit_of_work() as s:
            if s.get(Participant, participant_id) is None:
                raise NotFoundError(f"There is no participant with id {participant_id}.")
            v = s.get(StarTemplateVersion, version_id)
            if v is None:
                raise NotFoundError("That star template is no longer in this practice.")
            tdef = definition_of(v, v.template.key)
            validate_draft(draft, tdef, today or dt.date.today())
            r = StarReading(
                participant_id=participant_id,
                template_version_id=v.id,
                taken_on=draft.taken_on,
                note=draft.note.strip(),
            )
            for i, d in enumerate(tdef.domains):
                r.scores.append(
                    StarScore(
                        domain_key=d.key,
                        position=i,
                        score=draft.scores.get(d.key),
                        note=draft.notes.get(d.key, "").strip(),
                    )
                )
            s.add(r)
            s.flush()
            record(s, "star_reading.created", "star_reading", r.id, participant_id)
            return Changed(_reading_dto(r, tdef, v.template, v.number), _changes(participant_id))

    def update_reading(
        self, reading_id: int, draft: ReadingDraft, today: dt.date | None = None
    ) -> Changed[ReadingDTO]:
        """Change a reading (it keeps its template version); the audit trail names the fields."""
        with self._store.unit_of_work() as s:
            r = _load(s, reading_id)
            v = r.template_version
            tdef = definition_of(v, v.template.key)
            validate_draft(draft, tdef, today or dt.date.today())
            changed: list[str] = []
            if r.taken_on != draft.taken_on:
                r.taken_on = draft.taken_on
                changed.append("taken_on")
            if r.note != draft.note.strip():
                r.note = draft.note.strip()
                changed.append("note")
            by_key = {sc.domain_key: sc for sc in r.scores}
            for i, d in enumerate(tdef.domains):
                sc = by_key.get(d.key)
                if sc is None:
                    sc = StarScore(domain_key=d.key, position=i, score=None, note="")
                    r.scores.append(sc)
                score, note = draft.scores.get(d.key), draft.notes.get(d.key, "").strip()
                if sc.score != score:
                    sc.score = score
                    changed.append(f"score:{d.key}")
                if sc.note != note:
                    sc.note = note
                    changed.append(f"note:{d.key}")
            if changed:
                record(
                    s,
                    "star_reading.updated",
                    "star_reading",
                    r.id,
                    r.participant_id,
                    ",".join(changed),
                )
            s.flush()
            dto = _reading_dto(r, tdef, v.template, v.number)
            return Changed(dto, _changes(r.participant_id) if changed else ChangeSet())

    # -- charts -----------------------------------------------------------------------
    def chart_data(
        self, participant_id: int, reading_ids: list[int] | None = None
    ) -> tuple[ChartTemplate, list[ChartReading]]:
        """The chosen readings (default: first and latest) as plain chart data.

        Readings made with another template than the newest chosen one are left out (their
        domains differ); a domain a reading's version lacks shows as unscored."""
        readings = self.readings(participant_id)
        if reading_ids is None:
            chosen = readings[:1] + readings[-1:] if len(readings) > 1 else readings
        else:
            wanted = set(reading_ids)
            chosen = [r for r in readings if r.id in wanted]
        if chosen:
            newest = chosen[-1]
            template = self.template_version(newest.template_version_id)
            chosen = [r for r in chosen if r.template_id == newest.template_id]
        else:
            template = self.template_for(participant_id)
        return to_chart_template(template.definition), [to_chart_reading(r) for r in chosen]

    # -- at a glance ------------------------------------------------------------------
    def summary(self, participant_id: int, today: dt.date | None = None) -> StarGlance | None:
        with self._read() as s:
            return glance(s, participant_id, today or dt.date.today())


def to_chart_template(tdef: TemplateDef) -> ChartTemplate:
    return ChartTemplate(
        tdef.name,
        tuple(ChartDomain(d.key, d.label) for d in tdef.domains),
        tuple(ChartStage(st.name, st.min, st.max) for st in tdef.stages),
        tdef.scale_min,
        tdef.scale_max,
    )


def to_chart_reading(r: ReadingDTO) -> ChartReading:
    return ChartReading(
        r.taken_on, {k: (None if v is None else float(v)) for k, v in r.scores.items()}, id=r.id
    )


def _load(s: Session, reading_id: int) -> StarReading:
    r = s.get(StarReading, reading_id)
    if r is None:
        raise NotFoundError("That reading is no longer in this practice.")
    return r

