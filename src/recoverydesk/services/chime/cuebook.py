"""The cue book in use: the coach's own (loaded from a file, kept in the practice file so it
travels with backups and exports) or, until they load one, ``resources/chime/cues.json``.

A file is read with the safe JSON reader (size, encoding, nesting, characters) and checked by
``types.parse_cues``; every refusal is one plain sentence naming the file.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from recoverydesk.models import PracticeSetting
from recoverydesk.paths import resource
from recoverydesk.services.chime.types import CueBook, CueFileError, parse_cues
from recoverydesk.services.json_file import JsonFileError, read_json_file

SETTING_KEY = "chime.cues"  # the coach's cue file, as JSON text
MAX_FILE_BYTES = 256 * 1024  # the shipped book is under 8 KB
MAX_FILE_DEPTH = 6  # book > processes > process > sub_themes > sub-theme > cues


def read_cue_file(path: Path) -> tuple[CueBook, str]:
    """The book in ``path`` and the JSON text to keep, or CueFileError."""
    try:
        data = read_json_file(path, max_bytes=MAX_FILE_BYTES, max_depth=MAX_FILE_DEPTH)
    except JsonFileError as err:
        raise CueFileError(str(err)) from err
    book = parse_cues(data, Path(path).name)
    return book, json.dumps(data, ensure_ascii=False, sort_keys=True)


@cache
def bundled() -> CueBook:
    return read_cue_file(resource("chime", "cues.json"))[0]


@lru_cache(maxsize=8)
def _parsed(text: str) -> CueBook:
    return parse_cues(json.loads(text), "the practice's cue list")


def in_use(s: Session) -> tuple[CueBook, bool]:
    """The book to suggest with, and whether it is the coach's own."""
    row = s.get(PracticeSetting, SETTING_KEY)
    if row is None or not row.value:
        return bundled(), False
    try:
        return _parsed(row.value), True
    except CueFileError:  # cannot happen for a file we checked; the shipped book still works
        return bundled(), False
