"""A Story lane keeps its moment labels from one participant to the next (making selectable
labels was most of the lane's cost at a switch): the words, the count, what is shown and the tag
a right-click retags must all be the new participant's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from recoverydesk.ui.pages.story.lane import Lane


def _shown_labels(lane: Lane):
    return [w for w in lane._labels if not w.isHidden()]


def test_a_lane_reuses_its_labels_for_the_next_participant(qtbot):
    lane = Lane("Hope")
    qtbot.addWidget(lane)
    lane.show_moments([("first words", 5), ("a reading", 0), ("older words", 6)])
    made = list(lane._labels)
    assert lane.count() == 3 and lane.heading.text() == "Hope (3)"

    lane.show_moments([("someone else", 9)])
    assert lane.count() == 1 and lane.text(0) == "someone else"
    assert lane.heading.text() == "Hope (1)"
    assert [w.text() for w in _shown_labels(lane)] == ["someone else"]
    with pytest.raises(IndexError):
        lane.text(1)

    lane.show_moments([("back", 5), ("again", 0), ("three", 6), ("four", 7)])
    assert lane._labels[:3] == made  # the same widgets, given new words
    assert [lane.text(r) for r in range(lane.count())] == ["back", "again", "three", "four"]
    assert not lane.none.isVisibleTo(lane)

    lane.show_moments([])
    assert lane.count() == 0 and _shown_labels(lane) == []
    assert lane.none.isVisibleTo(lane)


def test_a_reused_label_asks_to_retag_the_moment_it_now_shows(qtbot):
    lane = Lane("Hope")
    qtbot.addWidget(lane)
    lane.show_moments([("theirs", 5), ("a reading", 0)])
    lane.show_moments([("a reading now", 0), ("another's", 12)])
    asked = []
    lane.menu_asked.connect(lambda tag, _at: asked.append(tag))
    second = lane._labels[1]
    assert second.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    second.customContextMenuRequested.emit(QPoint(1, 1))
    assert asked == [12]
    # a reading has nothing to retag: its label keeps the ordinary Copy menu
    assert lane._labels[0].contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu
