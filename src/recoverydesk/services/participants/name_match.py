"""Finding a person by what the coach types: the start of any part of their name, or digits of
their NDIS number.

"M" finds Mei and Maggie Sullivan but not Priya Raman; "ngata" finds Ro O'Brien-Ngata (parts
split at spaces, hyphens and apostrophes, and "obrien" works too); "zoe" finds Zoë (case and
accents are ignored, either way round); "6018" finds the NDIS number 435260181. Every word typed
must match, so "pri ra" narrows to Priya Raman.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_APOSTROPHES = "'’‘ʼ`"
_BREAKS = re.compile(rf"[\s\-‐‑–—{_APOSTROPHES}]+")
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")


def fold(text: str) -> str:
    """Lower case without accents: "Zoë" -> "zoe", "Nguyễn" -> "nguyen"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _pieces(text: str) -> list[str]:
    return [p for p in _BREAKS.split(text) if p]


def name_parts(names: Iterable[str]) -> set[str]:
    """Every part a name can be found by: "O'Brien-Ngata" -> o, brien, ngata and obrien."""
    parts: set[str] = set()
    for name in names:
        folded = fold(name)
        parts.update(_pieces(folded))
        parts.update(_pieces(_APOSTROPHE.sub("", folded)))
    return parts


def matches(query: str, names: Iterable[str], number: str = "") -> bool:
    """Whether every word of ``query`` starts a part of one of ``names`` (a word of digits:
    appears anywhere in ``number``)."""
    parts: set[str] | None = None
    for word in query.split():
        if word.isdigit():
            if word not in number:
                return False
            continue
        parts = name_parts(names) if parts is None else parts
        if not all(any(p.startswith(piece) for p in parts) for piece in _pieces(fold(word))):
            return False
    return True
