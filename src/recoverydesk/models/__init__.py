"""All models. Each capability adds its module to MODEL_MODULES.

A model module loads when one of its names is first asked for (PEP 562): the caseload, the
first thing the coach sees, needs only the participants, and building every capability's
classes costs a noticeable part of start-up. Nothing can see an incomplete schema, though:
``Base`` (and ``load_all()``) give the whole metadata, and SQLAlchemy's mapper configuration
loads every module first (``models.base``), so relationships by name always resolve.
"""

from __future__ import annotations

import importlib
from typing import Any

from recoverydesk.models.base import utcnow

# Looked through in this order for a name; the participant module first, for the caseload.
MODEL_MODULES = [
    "participant",
    "audit",
    "goals",
    "plans",
    "resources",
    "reviews",
    "sessions",
    "settings",
    "star",
    "wrap",
]


def load_all() -> None:
    for name in MODEL_MODULES:
        importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> Any:
    if name == "Base":
        load_all()
        from recoverydesk.models.base import Base

        globals()["Base"] = Base  # found once, then a plain attribute
        return Base
    if not name.startswith("_"):
        for module_name in MODEL_MODULES:
            module = importlib.import_module(f"{__name__}.{module_name}")
            value = module.__dict__.get(name)
            if value is not None and getattr(value, "__module__", None) == module.__name__:
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Base", "MODEL_MODULES", "load_all", "utcnow"]
