"""The search's snippets are computed in Python (services/search/snippet.py) so both databases
show the same words marked the same way; on a practice file they must stay exactly what FTS5's
own snippet() gave before."""

import random

import pytest
import sqlcipher3.dbapi2 as sqlite

from recoverydesk.services.search.snippet import snippet
from recoverydesk.services.search.types import fts_query

WORDS = ["beach", "Beach", "walk", "walked", "Zoë", "zoe", "the", "a", "bus", "route", "choir",
         "Thursday", "café", "garden", "sister", "ring", "hope", "hopeful", "week", "swim",
         "swimming", "foo_bar", "3.5", "jo@x.org", "😀", "ßig", "øre", "naïve", "東京", "x²",
         "½", "€5", "O’Neil", "self-care"]
GAPS = [" ", " ", " ", ", ", ". ", ": ", "; ", " - ", "! ", "? ", ".", "\n", "  ", " (", ") ",
        "'s ", "-"]
TYPED = ["be", "beach", "walk", "zo", "the", "bus", "ro", "choir", "thu", "cafe", "hope", "s",
         "w", "foo", "3", "ore", "nai", "東", "x", "jo", "care"]


def _text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(WORDS) + rng.choice(GAPS) for _ in range(words)).strip()


@pytest.fixture(scope="module")
def fts5():
    db = sqlite.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(a, b, c, d, "
               "tokenize='unicode61 remove_diacritics 2', prefix='2 3')")
    yield db
    db.close()


def test_the_snippet_is_fts5s_own_for_random_rows(fts5):
    rng = random.Random(20)
    for _ in range(600):
        columns = [_text(rng, rng.choice([0, 1, 3, 8, 15, 20, 40])) for _ in range(4)]
        typed = rng.sample(TYPED, rng.choice([1, 1, 2, 3]))
        fts5.execute("DELETE FROM f")
        fts5.execute("INSERT INTO f(rowid, a, b, c, d) VALUES (1, ?, ?, ?, ?)", columns)
        for column in (-1, 0, 3):
            row = fts5.execute(
                f"SELECT snippet(f, {column}, char(2), char(3), '…', 16) FROM f "
                "WHERE f MATCH ?", (fts_query(" ".join(typed)),)).fetchone()
            if row is None:
                break
            assert snippet(columns, typed, column, 16) == row[0], (columns, typed, column)


def test_a_long_note_shows_the_sentence_with_the_match():
    note = ("We met at the library. She said the week had been hard: the bus was late twice. "
            "Then we planned a swim at the beach on Saturday with her sister, and a walk after.")
    assert snippet([note], ["beach"]) == (
        "…Then we planned a swim at the \x02beach\x03 on Saturday with her sister, and a walk…")
    assert snippet(["", note], ["zzz"], column=0) == ""
