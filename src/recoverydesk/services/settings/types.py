"""The practice details' contract with the window: the details, their labels and the rules the
form checks (names under 120 characters, an ABN of 11 digits, an email that looks complete).

Standard library only: this is the one settings module ``ui/`` may import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from recoverydesk.services.types import Validator, problems_of

# The one name of each field: the form's labels and accessible names.
FIELD_LABELS = {
    "practice_name": "Practice name",
    "coach_name": "Coach name",
    "abn": "ABN",
    "phone": "Phone",
    "email": "Email",
}
NAME_LIMIT = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class PracticeDetails:
    practice_name: str = ""
    coach_name: str = ""
    abn: str = ""
    phone: str = ""
    email: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.practice_name or self.coach_name)


def clean_details(details: PracticeDetails) -> PracticeDetails:
    """Spaces tidied and the ABN grouped (12 345 678 901); raises ValidationError."""
    values = {
        f.name: " ".join(str(getattr(details, f.name)).split()) for f in fields(PracticeDetails)
    }
    v = Validator()
    for key in ("practice_name", "coach_name"):
        v.check(len(values[key]) <= NAME_LIMIT, key, "Please keep names under 120 characters.")
    abn = re.sub(r"\s", "", values["abn"])
    if abn:
        v.check(
            abn.isdigit() and len(abn) == 11,
            "abn",
            "An ABN has 11 digits, for example 12 345 678 901.",
        )
        if abn.isdigit() and len(abn) == 11:
            values["abn"] = f"{abn[:2]} {abn[2:5]} {abn[5:8]} {abn[8:]}"
    v.check(len(values["phone"]) <= 40, "phone", "That phone number is too long.")
    if values["email"]:
        v.check(
            bool(_EMAIL.match(values["email"])),
            "email",
            "That email address does not look complete (like name@example.com).",
        )
    v.raise_if_any()
    return PracticeDetails(**values)


def check_details(details: PracticeDetails) -> dict[str, str]:
    """What is wrong with the details, by field (empty when they can be saved)."""
    return problems_of(clean_details, details)
