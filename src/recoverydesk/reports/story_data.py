"""Plain data the Recovery story PDF is drawn from (reports/story.py): frozen dataclasses, no
database, no Qt. ``services/printing/story_parts.py`` fills them from an agreed story; tests
build them by hand. Every text is already in the words it prints in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recoverydesk.reports.data import PracticeInfo


@dataclass(frozen=True)
class StoryExcerpt:
    day: dt.date
    words: str
    quoted: bool = True  # their words, quoted (else the start of a goal or note, as written)
    kind: str = ""  # "Session note", "Goal", ...


@dataclass(frozen=True)
class StorySection:
    key: str  # the CHIME process: "connectedness", "hope", "identity", "meaning", "empowerment"
    title: str  # "Hope and optimism about the future"
    excerpts: tuple[StoryExcerpt, ...] = ()


@dataclass(frozen=True)
class MeasureRow:
    label: str  # a Recovery Star area, or "Total"
    then: str  # "4" / "32 of 60" / "" when not scored
    now: str


@dataclass(frozen=True)
class MeasureThenNow:
    name: str  # "Recovery Star", "QPR (15 items)"
    first_on: dt.date | None
    latest_on: dt.date | None
    rows: tuple[MeasureRow, ...] = ()

    @property
    def one_reading(self) -> bool:
        return self.first_on is None or self.first_on == self.latest_on


@dataclass(frozen=True)
class StoryPdfData:
    practice: PracticeInfo
    preferred_name: str
    full_name: str
    agreed_on: dt.date
    sections: tuple[StorySection, ...]
    measures: tuple[MeasureThenNow, ...] = ()
    own_words: str = ""
    typed_name: str = ""
    agreed_by: str = ""  # the coach
