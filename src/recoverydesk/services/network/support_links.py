"""One answer to "what kind of support is this?", shared by the eco-map and the review's text.

At an NDIS plan reassessment the coach reports links to informal, community and mainstream
supports. The eco-map draws people and services in groups; the review lists them under those
three headings. Both ask this module, so a social café is never "Community" on the map and
"Mainstream" in the text, and the GP on the map is never missing from the list.

Pure rules (stdlib only): no database, no Qt.
"""

from __future__ import annotations

# Eco-map groups, in drawing order around the participant: key -> (label, contact kinds).
ECOMAP_GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    ("family", "Family and carers", ("family", "carer")),
    ("friends", "Friends", ("friend",)),
    ("health", "Health", ("gp", "psychiatrist")),
    ("supports", "Support services", ("case_manager", "support_coordinator", "peer_worker")),
    ("community", "Community", ()),
    ("other", "Other", ("other",)),
]
GROUP_LABELS = {key: label for key, label, _kinds in ECOMAP_GROUPS}

# Services run by the big systems (health, housing, work, study, justice, Centrelink) are
# "mainstream" at an NDIS review; groups, peers, clubs and culture are "community".
MAINSTREAM = frozenset({"health", "housing", "employment", "education", "legal", "financial"})

INFORMAL, COMMUNITY, MAINSTREAM_LINK = "informal", "community", "mainstream"


def contact_group(kind: str) -> tuple[str, str]:
    """The eco-map group (key, label) of a person in the network, by their kind."""
    for key, label, kinds in ECOMAP_GROUPS:
        if kind in kinds:
            return key, label
    return "other", GROUP_LABELS["other"]


def resource_group(category: str) -> tuple[str, str]:
    """The eco-map group of a service from the directory, by its category: health services
    beside the GP, other mainstream services with the support services, the rest community."""
    if category == "health":
        return "health", GROUP_LABELS["health"]
    if category in MAINSTREAM:
        return "supports", GROUP_LABELS["supports"]
    return "community", GROUP_LABELS["community"]


def link_kind(group: str, formal: bool = True) -> str:
    """informal, community or mainstream: how the review lists a member of an eco-map group.
    Health and support services are mainstream or formal services; "other" people count as
    informal unless marked formal."""
    if group in ("family", "friends"):
        return INFORMAL
    if group == "community":
        return COMMUNITY
    if group == "other":
        return MAINSTREAM_LINK if formal else INFORMAL
    return MAINSTREAM_LINK


def resource_link_kind(category: str) -> str:
    return link_kind(resource_group(category)[0])


def contact_link_kind(kind: str, formal: bool) -> str:
    return link_kind(contact_group(kind)[0], formal)
