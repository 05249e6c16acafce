"""The caseload filter finds people by the start of a name's parts (services/name_match.py)."""

from __future__ import annotations

import pytest

from recoverydesk.services.participants.name_match import matches
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.types import AmbiguousError

PEOPLE = [
    ("Priya", "Raman", "", "431234567"),
    ("Margaret", "Sullivan", "Maggie", "432000001"),
    ("Rohan", "O'Brien-Ngata", "Ro", "433000002"),
    ("Zoë", "Hartley", "", "435260181"),
    ("Minh", "Nguyễn", "", None),
    ("Dan", "Kowalski", "", None),
]


@pytest.fixture
def caseload(services):
    for given, family, preferred, ndis in PEOPLE:
        services.participants.create(ParticipantDraft(
            given_name=given, family_name=family, preferred_name=preferred,
            ndis_number=ndis or ""))
    return services.participants


def found(caseload, text: str) -> list[str]:
    return [r.full_name for r in caseload.list(text)]


def test_a_letter_finds_names_starting_with_it_not_containing_it(caseload):
    assert found(caseload, "M") == ["Margaret Sullivan", "Minh Nguyễn"]  # not Priya Raman
    assert found(caseload, "an") == []  # inside Dan, Raman, Rohan: the start of none
    assert found(caseload, "mag") == ["Margaret Sullivan"]  # by the name she goes by


def test_each_part_of_a_hyphenated_or_apostrophe_name_is_a_start(caseload):
    for typed in ("ngata", "Brien", "o'brien", "O’Brien-Ngata", "obrien", "ro o"):
        assert found(caseload, typed) == ["Rohan O'Brien-Ngata"], typed


def test_case_and_accents_are_ignored_both_ways(caseload):
    assert found(caseload, "zoe") == ["Zoë Hartley"]
    assert found(caseload, "ZOË HART") == ["Zoë Hartley"]
    assert found(caseload, "nguyen") == ["Minh Nguyễn"]
    assert found(caseload, "Nguyễn") == ["Minh Nguyễn"]


def test_digits_match_anywhere_in_the_ndis_number(caseload):
    assert found(caseload, "6018") == ["Zoë Hartley"]
    assert found(caseload, "43") == [
        "Margaret Sullivan", "Priya Raman", "Rohan O'Brien-Ngata", "Zoë Hartley"]
    assert found(caseload, "zoe 999") == []  # every word must match


def test_the_command_line_resolves_names_the_same_way(caseload):
    assert caseload.resolve("zoe").full_name == "Zoë Hartley"
    assert caseload.resolve("Ngata").full_name == "Rohan O'Brien-Ngata"
    assert caseload.resolve("zoe hartley").full_name == "Zoë Hartley"
    with pytest.raises(AmbiguousError):
        caseload.resolve("M")  # Margaret and Minh, but no longer Priya Raman
    with pytest.raises(AmbiguousError, match="Margaret|Minh") as err:
        caseload.resolve("m")
    assert "Priya" not in str(err.value)


def test_matches_without_a_database():
    assert matches("", ["Anyone"])
    assert matches(" - ", ["Anyone"])  # a lone hyphen asks for nothing
    assert not matches("x", ["Anyone"])
