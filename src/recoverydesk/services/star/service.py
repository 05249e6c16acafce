"""Recovery Star readings: taken together, one score per domain, kept with the template version
they were made with; chart data for the radar and trends; the Overview line."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from recoverydesk.charts.star import (
    ChartDomain,
    ChartReading,
    ChartStage,
    ChartTemplate,
)
from recoverydesk.models import Participant
from recoverydesk.models.star import StarReading, StarScore, StarTemplate, StarTemplateVersion
from recoverydesk.services.audit import record
from recoverydesk.services.star.glance import StarGlance, glance
from recoverydesk.services.star.templates import (
    DEFAULT_TEMPLATE_KEY,
    TemplateDef,
    TemplateError,
    definition_of,
    ensure_bundled,
    load_template_file,
    parse_template,
)
from recoverydesk.services.types import NotFoundError, ValidationError, Validator
from recoverydesk.store import Store

NOTE_LIMIT = 2000


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


def _template_dto(t: StarTemplate, v: StarTemplateVersion) -> TemplateDTO:
    return TemplateDTO(
        t.id, t.key, t.name, t.bundled, v.id, v.number, definition_of(v, t.key), t.archived
    )


def _reading_dto(r: StarReading, tdef: TemplateDef, template: StarTemplate, number: int):
    by_key = {s.domain_key: s for s in r.scores}
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


def validate_draft(draft: ReadingDraft, tdef: TemplateDef, today: dt.date) -> None:
    v = Validator()
    if not isinstance(draft.taken_on, dt.date):
        v.add("taken_on", "Give the date of the reading.")
    else:
        v.check(draft.taken_on <= today, "taken_on", "The reading date is in the future.")
        v.check(draft.taken_on.year >= 1990, "taken_on", "The reading date looks wrong.")
    keys = {d.key for d in tdef.domains}
    for key in set(draft.scores) | set(draft.notes):
        v.check(key in keys, f"scores.{key}", f"'{key}' is not a domain of {tdef.name}.")
    for d in tdef.domains:
        score = draft.scores.get(d.key)
        if score is not None and (
            isinstance(score, bool)
            or not isinstance(score, int)
            or not tdef.scale_min <= score <= tdef.scale_max
        ):
            v.add(
                f"scores.{d.key}",
                f"{d.label}: scores go from {tdef.scale_min} to {tdef.scale_max}.",
            )
        v.check(
            len(draft.notes.get(d.key, "")) <= NOTE_LIMIT,
            f"notes.{d.key}",
            f"{d.label}: the note is longer than {NOTE_LIMIT} characters.",
        )
    v.check(len(draft.note) <= 4 * NOTE_LIMIT, "note", "The reading's note is too long.")
    v.raise_if_any()


class StarService:
    def __init__(self, store: Store):
        self._store = store
        self._synced = False

    # -- templates --------------------------------------------------------------------
    def _sync(self, s: Session) -> None:
        if not self._synced:
            ensure_bundled(s)
            self._synced = True

    def _read(self):
        """A reading session, after making sure the bundled templates are in the file."""
        if not self._synced:
            with self._store.unit_of_work() as s:
                self._sync(s)
        return self._store.read()

    def templates(self, include_archived: bool = False) -> list[TemplateDTO]:
        """Every template at its latest version, the Recovery Star first."""
        with self._read() as s:
            out = []
            for t in s.scalars(select(StarTemplate).options(selectinload(StarTemplate.versions))):
                if t.versions and (include_archived or not t.archived):
                    out.append(_template_dto(t, t.versions[-1]))
        return sorted(out, key=lambda t: (t.key != DEFAULT_TEMPLATE_KEY, not t.bundled, t.name))

    def template_version(self, version_id: int) -> TemplateDTO:
        with self._read() as s:
            v = s.get(StarTemplateVersion, version_id)
            if v is None:
                raise NotFoundError("That star template is no longer in this practice.")
            return _template_dto(v.template, v)

    def template_for(self, participant_id: int) -> TemplateDTO:
        """The template a new reading uses: the latest version of the template of the
        participant's latest reading (the Recovery Star when there is none)."""
        with self._read() as s:
            template_id = s.scalar(
                select(StarTemplateVersion.template_id)
                .join(StarReading, StarReading.template_version_id == StarTemplateVersion.id)
                .where(StarReading.participant_id == participant_id)
                .order_by(StarReading.taken_on.desc(), StarReading.id.desc())
                .limit(1)
            )
            if template_id is None:
                t = s.scalar(select(StarTemplate).where(StarTemplate.key == DEFAULT_TEMPLATE_KEY))
            else:
                t = s.get(StarTemplate, template_id)
            newest = s.scalar(  # the newest version only, not every version of the template
                select(StarTemplateVersion)
                .where(StarTemplateVersion.template_id == t.id)
                .order_by(StarTemplateVersion.number.desc())
                .limit(1)
            )
            return _template_dto(t, newest)

    def domains_for(self, participant_id: int) -> list[tuple[str, str]]:
        return self.template_for(participant_id).domains

    def save_template(self, data: dict, template_id: int | None = None) -> TemplateDTO:
        """Create a template (``template_id`` None) or add a new version of one the coach made.

        ``data`` is a template as in the JSON files (``key`` not needed). Bundled templates are
        never changed in place: copy them first (``copy_template``)."""
        with self._store.unit_of_work() as s:
            self._sync(s)
            if template_id is None:
                count = s.scalar(select(func.count()).select_from(StarTemplate)) or 0
                key = f"custom-{count + 1}"
                while s.scalar(select(StarTemplate.id).where(StarTemplate.key == key)):
                    count += 1
                    key = f"custom-{count + 1}"
            else:
                template = s.get(StarTemplate, template_id)
                if template is None:
                    raise NotFoundError("That star template is no longer in this practice.")
                if template.bundled:
                    raise ValidationError.single(
                        "template", f"{template.name} comes with the app: make a copy to change it."
                    )
                key = template.key
            try:
                name = data.get("name") if isinstance(data.get("name"), str) else ""
                where = f"“{name.strip()}”" if name.strip() else "This template"
                tdef = parse_template(data, where, key=key)
            except TemplateError as err:
                raise ValidationError.single("template", str(err)) from err
            if template_id is None:
                template = StarTemplate(key=key, name=tdef.name, bundled=False)
                s.add(template)
                s.flush()
                number = 1
                action = "star_template.created"
            else:
                last = template.versions[-1]
                if json.loads(last.definition) == json.loads(tdef.to_json()):
                    return _template_dto(template, last)
                number = last.number + 1
                template.name = tdef.name
                action = "star_template.updated"
            version = StarTemplateVersion(
                template_id=template.id,
                number=number,
                scale_min=tdef.scale_min,
                scale_max=tdef.scale_max,
                definition=tdef.to_json(),
            )
            s.add(version)
            s.flush()
            record(s, action, "star_template", template.id, detail=f"version {number}")
            return _template_dto(template, version)

    def import_template(self, path: Path) -> TemplateDTO:
        """Add a template from a JSON file (the format of ``resources/stars``), for example one
        an organisation made with its licensed descriptions. A file that cannot be used is
        refused with the file and field named; nothing is added."""
        try:
            tdef = load_template_file(Path(path))
        except TemplateError as err:
            raise ValidationError.single("template", str(err)) from err
        return self.save_template(json.loads(tdef.to_json()))

    def copy_template(self, template_id: int, name: str) -> TemplateDTO:
        """A copy the coach can change, for example to paste in licensed descriptions."""
        source = self.templates(include_archived=True)
        match = next((t for t in source if t.id == template_id), None)
        if match is None:
            raise NotFoundError("That star template is no longer in this practice.")
        data = json.loads(match.definition.to_json())
        data["name"] = name.strip() or f"{match.name} (my copy)"
        return self.save_template(data)

    # -- readings ---------------------------------------------------------------------
    def readings(self, participant_id: int) -> list[ReadingDTO]:
        """Every reading, oldest first."""
        with self._read() as s:
            rows = s.scalars(
                select(StarReading)
                .where(StarReading.participant_id == participant_id)
                .options(
                    selectinload(StarReading.scores),
                    selectinload(StarReading.template_version).selectinload(
                        StarTemplateVersion.template
                    ),
                )
                .order_by(StarReading.taken_on, StarReading.id)
            ).all()
            cache: dict[int, TemplateDef] = {}
            out = []
            for r in rows:
                v = r.template_version
                if v.id not in cache:
                    cache[v.id] = definition_of(v, v.template.key)
                out.append(_reading_dto(r, cache[v.id], v.template, v.number))
            return out

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
    ) -> ReadingDTO:
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
            return _reading_dto(r, tdef, v.template, v.number)

    def update_reading(
        self, reading_id: int, draft: ReadingDraft, today: dt.date | None = None
    ) -> ReadingDTO:
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
            return _reading_dto(r, tdef, v.template, v.number)

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


def _latest_reading(s: Session, participant_id: int) -> StarReading | None:
    return s.scalar(
        select(StarReading)
        .where(StarReading.participant_id == participant_id)
        .order_by(StarReading.taken_on.desc(), StarReading.id.desc())
        .limit(1)
    )
