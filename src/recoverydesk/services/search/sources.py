"""What the search looks through: one ``Source`` per kind of result, the ONE list of the columns
each index holds (in index order, with their weights), and how a ranked row becomes a
``SearchResult``.

Both indexes are built from this list: SQLite's FTS5 tables (revisions 0006 and 0008) and
PostgreSQL's GIN indexes (revision 0017, which repeats it because migrations never import app
code; a test checks the two agree). A column's weight is FTS5's bm25 weight; PostgreSQL's
ts_rank_cd takes the same weights in four classes (``server_index.WEIGHT_CLASS``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from recoverydesk.dates import short_date
from recoverydesk.models import CoachingSession, Goal, Participant, Resource, WrapItem, WrapPlan
from recoverydesk.services.participants.types import display_name
from recoverydesk.services.search.snippet import snippet
from recoverydesk.services.search.types import SearchResult, mark_words
from recoverydesk.services.wrap.types import PARTS, SECTION_OF, SECTIONS

SNIPPET_WORDS = 16


@dataclass(frozen=True)
class Source:
    kind: str
    table: str  # the searched table; its index is ``fts_<table>`` on both databases
    columns: tuple[tuple[str, float], ...]  # (column, bm25 weight), in index order
    factor: float  # how much this kind weighs against the others
    snippet_column: int  # the column the snippet comes from (-1: the best one)
    details: Select  # the rows' own columns, the id first (the index module picks the rows)
    build: Callable[[dict, list[str]], SearchResult | None]

    @property
    def index(self) -> str:
        return f"fts_{self.table}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _weight in self.columns)

    def results(self, s: Session, scores: dict[int, float], tokens: list[str],
                by_ids: Callable[[Select], Select]) -> dict[int, SearchResult]:
        """The results for these ranked rows (id -> score), titles and snippets marked.
        ``by_ids(details)`` is the index module's way to read the rows of ``:ids``."""
        out = {}
        for r in s.execute(by_ids(self.details), {"ids": list(scores)}).mappings():
            row = dict(r)
            row["score"] = scores[row["id"]]
            row["snippet"] = snippet([row[c] for c in self.column_names], tokens,
                                     self.snippet_column, SNIPPET_WORDS)
            result = self.build(row, tokens)
            if result is not None:
                out[row["id"]] = result
        return out


def _name(row: dict) -> str:
    return display_name(row["given_name"], row["family_name"], row["preferred_name"])


def _participant(row: dict, tokens: list[str]) -> SearchResult:
    name = _name(row)
    return SearchResult("participant", row["id"], name, row["id"], mark_words(name, tokens),
                        row["snippet"] or "", row["score"], "overview")


def _session(row: dict, tokens: list[str]) -> SearchResult:
    name = _name(row)
    day = row["starts_at"].astimezone().date()
    title = f"{name} · {short_date(day)}"
    return SearchResult("session", row["participant_id"], name, row["id"],
                        mark_words(title, tokens), row["snippet"], row["score"], "sessions")


def _goal(row: dict, tokens: list[str]) -> SearchResult:
    return SearchResult("goal", row["participant_id"], _name(row), row["id"],
                        mark_words(row["title"], tokens), row["snippet"] or "", row["score"],
                        "goals")


def _wrap(row: dict, tokens: list[str]) -> SearchResult:
    name = _name(row)
    title = f"{name} · {wrap_part_title(row['part'])}"
    return SearchResult("wrap", row["participant_id"], name, row["id"],
                        mark_words(title, tokens), row["snippet"], row["score"], "wrap")


def _resource(row: dict, tokens: list[str]) -> SearchResult | None:
    if row.get("archived"):
        return None
    return SearchResult("resource", None, "", row["id"], mark_words(row["name"], tokens),
                        row["snippet"], row["score"], "resources")


def wrap_part_title(key: str) -> str:
    """Where in the WRAP an item sits: "Triggers · things I might do" (an action plan's title
    alone would not say which section it belongs to)."""
    part = PARTS.get(key)
    if part is None:
        return key.replace("_", " ").capitalize()
    section = next(sec for sec in SECTIONS if sec.key == SECTION_OF[key])
    if part.title.startswith("Action plan: "):
        return f"{section.title} · {part.title.removeprefix('Action plan: ')}"
    return part.title


# The rows' own columns, as plain table selects built once (the search reads at most ``limit``
# rows of each by id; the ORM's per-statement work cost more than reading them).
_P, _S, _G = Participant.__table__, CoachingSession.__table__, Goal.__table__
_W, _WP, _R = WrapItem.__table__, WrapPlan.__table__, Resource.__table__
_PEOPLE = (_P.c.given_name, _P.c.family_name, _P.c.preferred_name)

_participants = select(_P.c.id, *_PEOPLE, _P.c.about)
_sessions = (select(_S.c.id, _S.c.participant_id, _S.c.starts_at, _S.c.talked_about,
                    _S.c.went_well, _S.c.next_steps, _S.c.location_text, *_PEOPLE)
             .join_from(_S, _P, _P.c.id == _S.c.participant_id))
_goals = (select(_G.c.id, _G.c.participant_id, _G.c.title, _G.c.specific, _G.c.measure,
                 _G.c.why_it_matters, *_PEOPLE)
          .join_from(_G, _P, _P.c.id == _G.c.participant_id))
_wrap_items = (select(_W.c.id, _WP.c.participant_id, _W.c.part, _W.c.text, *_PEOPLE)
               .join_from(_W, _WP, _WP.c.id == _W.c.plan_id)
               .join(_P, _P.c.id == _WP.c.participant_id))
_resources = select(_R.c.id, _R.c.name, _R.c.offers, _R.c.eligibility, _R.c.tags,
                    _R.c.notes, _R.c.archived)


SOURCES: tuple[Source, ...] = (
    Source("participant", "participants",
           (("given_name", 10.0), ("family_name", 10.0), ("preferred_name", 10.0),
            ("about", 1.0)), 1.5, 3, _participants, _participant),
    Source("session", "sessions",
           (("talked_about", 1.0), ("went_well", 1.0), ("next_steps", 1.0),
            ("location_text", 2.0)), 1.0, -1, _sessions, _session),
    Source("goal", "goals",
           (("title", 10.0), ("specific", 2.0), ("measure", 1.0), ("why_it_matters", 1.0)),
           1.2, 1, _goals, _goal),
    Source("wrap", "wrap_items", (("text", 1.0),), 1.0, -1, _wrap_items, _wrap),
    Source("resource", "resources",
           (("name", 10.0), ("offers", 2.0), ("eligibility", 1.0), ("tags", 3.0),
            ("notes", 1.0)), 1.0, 1, _resources, _resource),
)
