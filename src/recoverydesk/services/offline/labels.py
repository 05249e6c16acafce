"""How the conflict window labels a record brought back from offline (issue 21): the FIELD_LABELS
of the capability that owns the table (its form's labels, in its form's order) and the words of
its choices, so a conflict reads as the form does ("Strength", "Kind: Personal"), not by column
name ("Text"). Only the capabilities' ``types`` modules are read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recoverydesk.services.goals import types as goals
from recoverydesk.services.network import types as network
from recoverydesk.services.participants import types as participants
from recoverydesk.services.resources import types as resources
from recoverydesk.services.sessions import types as sessions
from recoverydesk.services.wrap import types as wrap

Labels = Mapping[str, str]
Choices = Mapping[str, Mapping[Any, str]]

_PARTS = {key: part.title for key, part in wrap.PARTS.items()}

# table -> (field labels, in the form's order; the words of each choice field's values)
RECORD_LABELS: dict[str, tuple[Labels, Choices]] = {
    "participants": (participants.FIELD_LABELS, {"status": participants.STATUS_LABELS}),
    "strengths": (participants.STRENGTH_FIELD_LABELS,
                  {"category": participants.STRENGTH_CATEGORY_LABELS}),
    "contacts": (network.FIELD_LABELS, {"kind": network.KIND_LABELS,
                                        "closeness": network.CLOSENESS_LABELS}),
    "goals": ({**goals.FIELD_LABELS, "status": "Status"},
              {"priority": goals.PRIORITY_LABELS, "status": goals.STATUS_LABELS}),
    "action_steps": (goals.STEP_FIELD_LABELS, {"who": goals.WHO_LABELS}),
    "wrap_items": (wrap.FIELD_LABELS, {"part": _PARTS}),
    "wrap_supporters": (wrap.FIELD_LABELS, {}),
    "wrap_plans": ({**wrap.FIELD_LABELS, "last_reviewed": wrap.FIELD_LABELS["reviewed_on"]}, {}),
    "resources": (resources.FIELD_LABELS, {"category": resources.CATEGORY_LABELS}),
    "referrals": (resources.REFERRAL_LABELS, {"status": resources.STATUS_LABELS}),
    "sessions": (sessions.FIELD_LABELS, {"status": sessions.STATUS_LABELS,
                                         "location_kind": sessions.LOCATION_LABELS}),
}


def labels_of(table: str) -> tuple[Labels, Choices]:
    """The labels for ``table``'s fields ({} for a table no form edits: its columns' names
    are then shown as words) and its choices' words."""
    return RECORD_LABELS.get(table, ({}, {}))


def in_form_order(table: str, names: list[str]) -> list[str]:
    """``names`` with the form's fields first, in the form's order, then the rest as given."""
    order = {key: n for n, key in enumerate(labels_of(table)[0])}
    return sorted(names, key=lambda name: (order.get(name, len(order)), names.index(name)))
