"""Typed text made fit to store, the same on a practice file and on a team practice's server.

A practice file (SQLite) keeps a value longer than its column's length and text holding a NUL
character; PostgreSQL refuses both, mid-save, in its own words. So before a write a service
passes its cleaned values through ``fit``: NUL characters (invisible, never meant: a paste from
a broken file) are dropped, and a value longer than its column is refused like any other field
problem, in the form's words (FIELD_LABELS), so the form shows it beside the field. The lengths
are the models' own, so they cannot drift from the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import inspect

from recoverydesk.services.types import ValidationError

NUL = "\x00"


def without_nul(text: str) -> str:
    return text.replace(NUL, "") if NUL in text else text


def too_long(label: str, limit: int) -> str:
    return f"{label} is too long: please keep it to {limit:,} characters or fewer."


def fit(model: type, values: Mapping[str, Any], labels: Mapping[str, str] | None = None,
        ) -> dict[str, Any]:
    """``values`` (by the model's attribute names) with NUL characters dropped from text;
    raises ValidationError naming every text longer than its column."""
    columns = inspect(model).columns
    out, problems = dict(values), {}
    for key, value in values.items():
        if not isinstance(value, str):
            continue
        value = out[key] = without_nul(value)
        limit = getattr(columns[key].type, "length", None) if key in columns else None
        if limit is not None and len(value) > limit:
            label = (labels or {}).get(key) or key.replace("_", " ").capitalize()
            problems[key] = too_long(label, limit)
    if problems:
        raise ValidationError(problems)
    return out
