"""Pouring a crisis card's parts into two columns, card after card.

The card's words are a flat list of pieces (a heading, one bullet, one supporter). They are
poured down the first column, then the second; a heading never ends a column (it goes over with
the piece after it), and a piece too long for the room left moves to the next column (split only when it is a
paragraph taller than a whole column. ``balance`` finds the shortest column height that still holds everything, so the
two columns of the last card end level instead of one full and one nearly empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph


@dataclass(frozen=True)
class Piece:
    flowable: Flowable
    keep_with_next: bool = False  # a heading: never the last thing in a column


def _height(f: Flowable, width: float, first: bool) -> float:
    h = f.wrap(width, 1e6)[1] + f.getSpaceAfter()
    return h if first else h + f.getSpaceBefore()


def pour(
    pieces: list[Piece], width: float, height: float, columns: int = 2
) -> tuple[list[list[Flowable]], list[Piece]]:
    """Fill up to ``columns`` columns of ``height``; returns them and the pieces left over."""
    cols: list[list[Flowable]] = [[]]
    used = 0.0
    todo = list(pieces)
    while todo:
        piece = todo[0]
        first = not cols[-1]
        h = _height(piece.flowable, width, first)
        need = h
        if piece.keep_with_next and len(todo) > 1:
            need += _height(todo[1].flowable, width, False)
        if used + need <= height or (first and piece.keep_with_next and h <= height):
            cols[-1].append(piece.flowable)
            used += h
            todo.pop(0)
            continue
        if (
            not piece.keep_with_next
            and isinstance(piece.flowable, Paragraph)
            and _height(piece.flowable, width, True) > height
        ):
            # Only a paragraph taller than a whole column is split; others move on whole.
            room = height - used - (0 if first else piece.flowable.getSpaceBefore())
            parts = piece.flowable.split(width, room) if room > 0 else []
            if len(parts) == 2:
                cols[-1].append(parts[0])
                todo[0] = Piece(parts[1])
                used = height  # this column is full
        if first and todo and todo[0] is piece:
            # Too tall for an empty column and it cannot be split: it goes in all the same
            # (the card's frame shrinks it a little rather than lose it).
            cols[-1].append(piece.flowable)
            todo.pop(0)
            used = height
            continue
        if len(cols) == columns:
            break
        cols.append([])
        used = 0.0
    if not cols[-1]:
        cols.pop()
    return cols, todo


def balance(
    pieces: list[Piece], width: float, height: float, columns: int = 2
) -> list[list[Flowable]] | None:
    """The columns at the shortest height that holds every piece; None if ``height`` cannot."""
    cols, rest = pour(pieces, width, height, columns)
    if rest:
        return None
    low, high = 0.0, height
    while high - low > 1:
        mid = (low + high) / 2
        trial, rest = pour(pieces, width, mid, columns)
        if rest:
            low = mid
        else:
            high, cols = mid, trial
    return cols


class Columns(Flowable):
    """Columns side by side, each a list of flowables drawn top down."""

    def __init__(self, cols: list[list[Flowable]], col_width: float, gap: float):
        super().__init__()
        self._cols, self._cw, self._gap = cols, col_width, gap

    def _col_height(self, col: list[Flowable]) -> float:
        return sum(_height(f, self._cw, i == 0) for i, f in enumerate(col))

    def wrap(self, aW, aH):  # noqa: N803 (reportlab's names)
        self.width = self._cw * len(self._cols) + self._gap * max(0, len(self._cols) - 1)
        self.height = max((self._col_height(c) for c in self._cols), default=0.0)
        return self.width, self.height

    def draw(self):
        for n, col in enumerate(self._cols):
            x = n * (self._cw + self._gap)
            y = self.height
            for i, f in enumerate(col):
                if i:
                    y -= f.getSpaceBefore()
                h = f.wrap(self._cw, 1e6)[1]
                f.drawOn(self.canv, x, y - h)
                y -= h + f.getSpaceAfter()
