"""A team practice's coaches (issue 20 item 3): what the window and the commands see.

On a team practice (PostgreSQL) each coach is a database role that logs in; the lead adds
coaches and assigns participants to them, and the database keeps each coach to the participants
assigned to them (row-level security). A solo practice file has no team: ``TeamView.is_team``
is False and nothing here applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recoverydesk.dates import plural
from recoverydesk.services.types import ServiceError, ValidationError

FIELD_LABELS = {
    "role": "Login name",
    "display_name": "Name",
    "lead": "Practice lead",
    "password": "Password",
    "participant": "Participant",
    "coach": "Coach",
}

# The coach group and the lead group every coach's login belongs to (revision 0018 makes them).
COACH_GROUP = "recoverydesk_coach"
LEAD_GROUP = "recoverydesk_lead"

# A login name as PostgreSQL keeps it without quotes: lower case, starting with a letter, at
# most 63 characters. Names beginning "pg_" are the server's own.
_ROLE = re.compile(r"[a-z][a-z0-9_]{0,62}")
_RESERVED = ("pg_", "recoverydesk_")
MIN_PASSWORD = 10


class TeamError(ServiceError):
    """Something only a team practice, or only its lead, can do (a plain sentence)."""


@dataclass(frozen=True)
class CoachInfo:
    role: str
    display_name: str
    lead: bool
    active: bool
    participants: int = 0  # how many participants are assigned to them

    @property
    def label(self) -> str:
        """How a person names the coach: "Kim Lee (kim)", "kim" without a display name."""
        return f"{self.display_name} ({self.role})" if self.display_name else self.role


@dataclass(frozen=True)
class Assignment:
    participant_id: int
    name: str
    coach_role: str | None  # None: nobody yet (the lead's to assign)
    coach_active: bool = True  # False: their coach was deactivated (the lead's to reassign)

    @property
    def needs_coach(self) -> bool:
        """Nobody is assigned, or the coach assigned was deactivated: the lead's to assign."""
        return self.coach_role is None or not self.coach_active


@dataclass(frozen=True)
class TeamView:
    is_team: bool
    me: str = ""  # the role connected
    i_lead: bool = False  # a member of recoverydesk_lead (or the server's superuser)
    coaches: tuple[CoachInfo, ...] = ()
    unassigned: int = 0  # participants without a coach (that this coach can see)
    needing_coach: int = 0  # those, and the participants of deactivated coaches (not archived)


@dataclass(frozen=True)
class NewCoach:
    role: str
    display_name: str
    lead: bool = False


@dataclass(frozen=True)
class AddedCoach:
    coach: CoachInfo
    login_existed: bool  # the server already had this login: added to the team, password kept

    def sentence(self) -> str:
        kind = "practice lead" if self.coach.lead else "coach"
        kept = " (their login already existed on the server; its password is unchanged)" \
            if self.login_existed else ""
        return f"Added {self.coach.label} as a {kind}{kept}."


def active_change_sentence(coach: CoachInfo) -> str:
    """What deactivating or reactivating ``coach`` did, in the lead's words."""
    if coach.active:
        return f"{coach.label} can sign in to the practice again."
    n = coach.participants
    held = f" {plural(n, 'participant')} of theirs need{'s' if n == 1 else ''} a coach now." \
        if n else ""
    return f"{coach.label} can no longer sign in to the practice.{held}"


def normalise_role(text: str) -> str:
    return text.strip()


def check_new_coach(draft: NewCoach, password: str | None) -> NewCoach:
    """The draft as it will be kept, or ValidationError naming each field in plain words."""
    role, name = normalise_role(draft.role), draft.display_name.strip()
    errors: dict[str, str] = {}
    if not role:
        errors["role"] = f"{FIELD_LABELS['role']} is needed."
    elif not _ROLE.fullmatch(role):
        errors["role"] = (f"{FIELD_LABELS['role']} “{role[:70]}” should be lower-case letters, "
                          "digits and _, starting with a letter (at most 63), for example "
                          "kim_lee.")
    elif role.startswith(_RESERVED):
        errors["role"] = (f"{FIELD_LABELS['role']} may not begin with "
                          f"{' or '.join(_RESERVED)}: those names are the server's own.")
    if not name:
        errors["display_name"] = f"{FIELD_LABELS['display_name']} is needed."
    elif len(name) > 200:
        errors["display_name"] = f"{FIELD_LABELS['display_name']} is longer than 200 characters."
    if password is not None and len(password) < MIN_PASSWORD:
        errors["password"] = (f"{FIELD_LABELS['password']} should be at least {MIN_PASSWORD} "
                              "characters.")
    if errors:
        raise ValidationError(errors)
    return NewCoach(role, name, draft.lead)
