"""When two coaches edit one record: what the window is told, and the pure rules to compare
and merge the two versions. Standard library only: the one conflicts module ``ui/`` imports.

A form's DTO carries the record's ``version``; the draft made from it carries ``base_version``
(the version the coach started from). Saving when the stored version has moved raises
``EditConflict`` instead of writing: ``mine`` is the coach's draft, ``theirs`` the record as now
stored (as a draft, its ``base_version`` the stored version), ``fields`` the fields where the
two differ. The coach then keeps theirs (``KEEP_MINE``: saved over the new version), takes the
other (``TAKE_THEIRS``: their own edit dropped) or merges by hand (``MERGED``: picked per field
or edited, audited); ``save_again(draft, how)`` saves the answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from recoverydesk.dates import long_date
from recoverydesk.services.types import ServiceError

KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"
MERGED = "merged"
RESOLUTIONS = (KEEP_MINE, TAKE_THEIRS, MERGED)

BASE_VERSION = "base_version"


class EditConflict(ServiceError):
    """Another coach saved this record after this coach opened it; nothing was written."""

    def __init__(
        self,
        mine: Any,
        theirs: Any,
        fields: tuple[str, ...],
        *,
        labels: Mapping[str, str],
        version: int,
        what: str = "record",
        value_labels: Mapping[str, Mapping[Any, str]] | None = None,
        problems: Callable[[Any], dict[str, str]] | None = None,
        save_again: Callable[[Any, str], Any] | None = None,
    ):
        self.mine = mine
        self.theirs = theirs
        self.fields = tuple(fields)
        self.labels = dict(labels)  # the capability's FIELD_LABELS: also which fields, in order
        self.version = version  # the stored version now
        self.what = what  # "participant", "goal", ... for the sentences
        self.value_labels = {k: dict(v) for k, v in (value_labels or {}).items()}
        self.problems = problems  # the capability's check of a merged draft, {field: message}
        self.save_again = save_again  # (draft, how) -> the service's Changed
        names = ", ".join(self.label(k).lower() for k in self.fields) or "nothing you changed"
        super().__init__(
            f"Someone else saved this {what} while you were editing it ({names} differ). "
            "Nothing was saved: choose which version to keep."
        )

    def label(self, key: str) -> str:
        return self.labels.get(key, key.replace("_", " ").capitalize())

    def shown(self, key: str, value: Any) -> str:
        """A field's value in words, as the conflict window shows it."""
        return shown(value, self.value_labels.get(key))

    def resolved(self, how: str, merged: Any = None) -> Any:
        """The draft to save for ``how``, based on the version stored now."""
        if how == KEEP_MINE:
            return rebased(self.mine, self.version)
        if how == TAKE_THEIRS:
            return rebased(self.theirs, self.version)
        if how == MERGED and merged is not None:
            return rebased(merged, self.version)
        raise ValueError(f"not a way to resolve a conflict: {how!r}")

    def merge(self, picks: Mapping[str, str], edits: Mapping[str, Any] | None = None) -> Any:
        """A merged draft: each field from ``picks[key]`` (KEEP_MINE or TAKE_THEIRS, mine when
        not given), then ``edits`` typed by hand on top; based on the stored version."""
        return merge(self.mine, self.theirs, picks, edits or {}, self.version)


def editable_fields(draft_type: type) -> tuple[str, ...]:
    """A draft's fields the coach edits (everything but its ``base_version``)."""
    return tuple(f.name for f in dataclasses.fields(draft_type) if f.name != BASE_VERSION)


def draft_values(draft: Any) -> dict[str, Any]:
    """A draft's values by field, without its ``base_version``."""
    return {k: getattr(draft, k) for k in editable_fields(type(draft))}


def differing(mine: Any, theirs: Any, keys: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The fields (of ``keys``, default every editable one, in that order) where the two
    drafts differ; text compared as the service stores it (trimmed)."""
    keys = keys if keys is not None else editable_fields(type(mine))
    return tuple(k for k in keys if _same_form(getattr(mine, k)) != _same_form(getattr(theirs, k)))


def rebased(draft: Any, version: int) -> Any:
    return dataclasses.replace(draft, **{BASE_VERSION: version})


def merge(mine: Any, theirs: Any, picks: Mapping[str, str], edits: Mapping[str, Any],
          version: int) -> Any:
    values = {}
    for key in editable_fields(type(mine)):
        source = theirs if picks.get(key, KEEP_MINE) == TAKE_THEIRS else mine
        values[key] = edits[key] if key in edits else getattr(source, key)
    return dataclasses.replace(mine, **values, **{BASE_VERSION: version})


def shown(value: Any, choices: Mapping[Any, str] | None = None) -> str:
    """A value in plain words: a date in full, yes/no, a choice by its label, "(empty)"."""
    if value is None or value == "" or value == ():
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return long_date(value)
    if isinstance(value, tuple | list | frozenset | set):
        return ", ".join(shown(v, choices) for v in value)
    if choices is not None and value in choices:
        return choices[value]
    return str(value)


def _same_form(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value
