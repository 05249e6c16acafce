"""Star template files and their versions in the practice: loading ``resources/stars/*.json``
(checked by ``types.parse_template``), and keeping the bundled templates in the practice file as
versions (a changed file adds a version; readings keep the version they were made with)."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.models.star import StarTemplate, StarTemplateVersion
from recoverydesk.paths import resource
from recoverydesk.services.json_file import JsonFileError, read_json_file
from recoverydesk.services.star.types import (
    DEFAULT_TEMPLATE_KEY,
    TemplateDef,
    TemplateError,
    parse_template,
)

MAX_FILE_BYTES = 1024 * 1024  # ten domains with long licensed descriptions take a few KB
MAX_FILE_DEPTH = 8


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
