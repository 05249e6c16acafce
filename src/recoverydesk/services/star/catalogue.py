"""The star templates of a practice: the bundled ones (kept in the file as versions) and those
the coach made, copied or added from a file. Changing a template adds a version; readings keep
the version they were made with."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from recoverydesk.models.star import StarReading, StarTemplate, StarTemplateVersion
from recoverydesk.services.audit import record
from recoverydesk.services.core_read import Read, core_rows, of_participant
from recoverydesk.services.star.templates import (
    definition_of,
    ensure_bundled,
    load_template_file,
)
from recoverydesk.services.star.types import (
    DEFAULT_TEMPLATE_KEY,
    TemplateDTO,
    TemplateError,
    parse_template,
)
from recoverydesk.services.types import Changed, ChangeSet, NotFoundError, ValidationError
from recoverydesk.store.session import Store

TEMPLATES_CHANGED = ChangeSet.of("star_template")


def template_dto(t: StarTemplate, v: StarTemplateVersion) -> TemplateDTO:
    return TemplateDTO(
        t.id, t.key, t.name, t.bundled, v.id, v.number, definition_of(v, t.key), t.archived
    )


def latest_templates(s: Session, include_archived: bool = False) -> list[TemplateDTO]:
    """Every template at its latest version (one that has none is left out), the Recovery Star
    first: one query of the latest versions, not every version of every template."""
    out = [TemplateDTO(t.id, t.key, t.name, t.bundled, t.version_id, t.number,
                       definition_of(t, t.key), t.archived)
           for t in core_rows(s, *latest_templates_read()).all()
           if include_archived or not t.archived]
    return sorted(out, key=lambda t: (t.key != DEFAULT_TEMPLATE_KEY, not t.bundled, t.name))


def latest_templates_read() -> Read:
    """The read ``latest_templates`` makes."""
    return _latest_versions(), {}


@cache
def _latest_versions() -> Select:
    """Every template at its latest version (no parameters)."""
    newest = (select(StarTemplateVersion.template_id, func.max(StarTemplateVersion.number)
                     .label("number"))
              .group_by(StarTemplateVersion.template_id).subquery())
    return (select(StarTemplate.id, StarTemplate.key, StarTemplate.name, StarTemplate.bundled,
                   StarTemplate.archived, StarTemplateVersion.id.label("version_id"),
                   StarTemplateVersion.number, StarTemplateVersion.definition)
            .join(newest, newest.c.template_id == StarTemplate.id)
            .join(StarTemplateVersion, (StarTemplateVersion.template_id == StarTemplate.id)
                  & (StarTemplateVersion.number == newest.c.number)))


def template_read(participant_id: int) -> Read:
    """The read ``template_for_in`` makes."""
    return of_participant(_template_for_query, participant_id)


def template_for_in(s: Session, participant_id: int) -> TemplateDTO:
    """``StarTemplates.template_for`` in a session the caller holds: one query (the template
    of the latest reading, else the Recovery Star, at its newest version)."""
    t = core_rows(s, *template_read(participant_id)).one()
    return TemplateDTO(t.id, t.key, t.name, t.bundled, t.version_id, t.number,
                       definition_of(t, t.key), t.archived)


@cache
def _template_for_query() -> Select:
    # Built once, the participant a bound parameter: building it (the aliased version above
    # all) was 1.6 of its 1.7 ms, asked at every participant switch by the Goals and Star tabs.
    used = aliased(StarTemplateVersion)
    latest_reading = (select(used.template_id)
                      .join(StarReading, StarReading.template_version_id == used.id)
                      .where(StarReading.participant_id == bindparam("participant_id"))
                      .order_by(StarReading.taken_on.desc(), StarReading.id.desc())
                      .limit(1).scalar_subquery())
    default = (select(StarTemplate.id).where(StarTemplate.key == DEFAULT_TEMPLATE_KEY)
               .scalar_subquery())
    return (
        select(StarTemplate.id, StarTemplate.key, StarTemplate.name, StarTemplate.bundled,
               StarTemplate.archived, StarTemplateVersion.id.label("version_id"),
               StarTemplateVersion.number, StarTemplateVersion.definition)
        .join(StarTemplateVersion, StarTemplateVersion.template_id == StarTemplate.id)
        .where(StarTemplate.id == func.coalesce(latest_reading, default))
        .order_by(StarTemplateVersion.number.desc())  # the newest version only
        .limit(1)
    )


def _new_key(s: Session) -> str:
    count = s.scalar(select(func.count()).select_from(StarTemplate)) or 0
    key = f"custom-{count + 1}"
    while s.scalar(select(StarTemplate.id).where(StarTemplate.key == key)):
        count += 1
        key = f"custom-{count + 1}"
    return key


def _own_template(s: Session, template_id: int) -> StarTemplate:
    template = s.get(StarTemplate, template_id)
    if template is None:
        raise NotFoundError("That star template is no longer in this practice.")
    if template.bundled:
        raise ValidationError.single(
            "template", f"{template.name} comes with the app: make a copy to change it."
        )
    return template


class StarTemplates:
    """The template use cases of ``StarService``."""

    _store: Store
    _synced: bool

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
            return latest_templates(s, include_archived)

    def template_version(self, version_id: int) -> TemplateDTO:
        with self._read() as s:
            v = s.get(StarTemplateVersion, version_id)
            if v is None:
                raise NotFoundError("That star template is no longer in this practice.")
            return template_dto(v.template, v)

    def template_for(self, participant_id: int) -> TemplateDTO:
        """The template a new reading uses: the latest version of the template of the
        participant's latest reading (the Recovery Star when there is none)."""
        with self._read() as s:
            return template_for_in(s, participant_id)

    def domains_for(self, participant_id: int) -> list[tuple[str, str]]:
        return self.template_for(participant_id).domains

    def save_template(self, data: dict, template_id: int | None = None) -> Changed[TemplateDTO]:
        """Create a template (``template_id`` None) or add a new version of one the coach made.

        ``data`` is a template as in the JSON files (``key`` not needed). Bundled templates are
        never changed in place: copy them first (``copy_template``)."""
        with self._store.unit_of_work() as s:
            self._sync(s)
            template = None if template_id is None else _own_template(s, template_id)
            key = _new_key(s) if template is None else template.key
            try:
                name = data.get("name") if isinstance(data.get("name"), str) else ""
                where = f"“{name.strip()}”" if name.strip() else "This template"
                tdef = parse_template(data, where, key=key)
            except TemplateError as err:
                raise ValidationError.single("template", str(err)) from err
            if template is None:
                template = StarTemplate(key=key, name=tdef.name, bundled=False)
                s.add(template)
                s.flush()
                number = 1
                action = "star_template.created"
            else:
                last = template.versions[-1]
                if json.loads(last.definition) == json.loads(tdef.to_json()):
                    return Changed(template_dto(template, last), ChangeSet())  # nothing new
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
            return Changed(template_dto(template, version), TEMPLATES_CHANGED)

    def import_template(self, path: Path) -> Changed[TemplateDTO]:
        """Add a template from a JSON file (the format of ``resources/stars``), for example one
        an organisation made with its licensed descriptions. A file that cannot be used is
        refused with the file and field named; nothing is added."""
        try:
            tdef = load_template_file(Path(path))
        except TemplateError as err:
            raise ValidationError.single("template", str(err)) from err
        return self.save_template(json.loads(tdef.to_json()))

    def copy_template(self, template_id: int, name: str) -> Changed[TemplateDTO]:
        """A copy the coach can change, for example to paste in licensed descriptions."""
        source = self.templates(include_archived=True)
        match = next((t for t in source if t.id == template_id), None)
        if match is None:
            raise NotFoundError("That star template is no longer in this practice.")
        data = json.loads(match.definition.to_json())
        data["name"] = name.strip() or f"{match.name} (my copy)"
        return self.save_template(data)
