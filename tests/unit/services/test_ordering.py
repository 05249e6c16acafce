"""services/ordering.py: the one way hand-arranged rows are moved and renumbered."""

from dataclasses import dataclass

import pytest

from recoverydesk.services.ordering import move_by, move_to, put_in_order
from recoverydesk.services.types import ValidationError


@dataclass
class Row:
    id: int
    position: int


def rows():
    return [Row(1, 0), Row(2, 1), Row(3, 2)]


def ids(ordered):
    return [r.id for r in ordered]


def test_move_to_clamps_and_renumbers():
    assert ids(move_to(rows(), 3, 0)) == [3, 1, 2]
    moved = move_to(rows(), 1, 99)
    assert ids(moved) == [2, 3, 1] and [r.position for r in moved] == [0, 1, 2]


def test_move_by_stops_at_the_ends():
    assert ids(move_by(rows(), 2, -1)) == [2, 1, 3]
    assert ids(move_by(rows(), 1, -1)) == [1, 2, 3]
    assert ids(move_by(rows(), 3, +5)) == [1, 2, 3]


def test_ties_from_old_files_are_broken_by_age():
    assert ids(move_by([Row(5, 0), Row(4, 0), Row(6, 0)], 6, -1)) == [4, 6, 5]


def test_put_in_order_needs_every_row_once():
    assert ids(put_in_order(rows(), [2, 3, 1])) == [2, 3, 1]
    with pytest.raises(ValidationError, match="every item once"):
        put_in_order(rows(), [2, 2, 1])
