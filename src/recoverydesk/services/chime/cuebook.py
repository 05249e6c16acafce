"""The cue book in use: the coach's own (loaded from a file, kept in the practice file so it
travels with backups and exports) or, until they load one, ``resources/chime/cues.json``.

A file is read with the safe JSON reader (size, encoding, nesting, characters) and checked by
``parse_cues`` below; every refusal is one plain sentence naming the file.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from recoverydesk.models import PracticeSetting
from recoverydesk.paths import resource
from recoverydesk.services.chime.types import PROCESSES, SUB_THEMES, CueBook, CueFileError
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


def parse_cues(data: object, name: str) -> CueBook:
    """A cue book from a decoded JSON value, or CueFileError saying plainly what is wrong."""

    def fail(message: str) -> CueFileError:
        return CueFileError(f"{name}: {message}")

    if not isinstance(data, dict) or data.get("format") != "recoverydesk-chime-cues":
        raise fail("this is not a CHIME cue file (it should say "
                   "\"format\": \"recoverydesk-chime-cues\").")
    negations = data.get("negations", [])
    if not isinstance(negations, list) or not all(_is_word(w) for w in negations):
        raise fail("\"negations\" should be a list of single words, such as \"not\".")
    window = data.get("negation_window", 3)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 6:
        raise fail("\"negation_window\" should be a whole number from 0 to 6.")
    processes = data.get("processes")
    if not isinstance(processes, dict) or not processes:
        raise fail("there are no \"processes\" with cue words.")
    cues: list[tuple[str, str, str]] = []
    for process, body in processes.items():
        if process not in PROCESSES:
            raise fail(f"\"{process}\" is not a CHIME process (use one of "
                       f"{', '.join(PROCESSES)}).")
        if not isinstance(body, dict):
            raise fail(f"\"{process}\" should hold \"cues\" and \"sub_themes\".")
        groups = [("", body.get("cues", []))]
        subs = body.get("sub_themes", {})
        if not isinstance(subs, dict):
            raise fail(f"\"sub_themes\" of \"{process}\" should be a set of named lists.")
        for sub, words in subs.items():
            if sub not in SUB_THEMES[process]:
                raise fail(f"\"{sub}\" is not a sub-theme of {PROCESSES[process]} (use one of "
                           f"{', '.join(SUB_THEMES[process])}).")
            groups.append((sub, words.get("cues", []) if isinstance(words, dict) else words))
        for sub, words in groups:
            where = f"{process}.{sub}" if sub else process
            if not isinstance(words, list):
                raise fail(f"the cues of \"{where}\" should be a list of words or phrases.")
            for cue in words:
                if not isinstance(cue, str) or not _CUE_OK.fullmatch(cue.strip()):
                    raise fail(f"\"{cue}\" in \"{where}\" is not a plain word or phrase (letters,"
                               " spaces, apostrophes and hyphens, up to 60 characters).")
                cues.append((process, sub, " ".join(cue.strip().lower().split())))
    if not cues:
        raise fail("it lists no cue words.")
    seen: dict[str, str] = {}
    for process, _sub, cue in cues:
        if seen.setdefault(cue, process) != process:
            raise fail(f"\"{cue}\" is listed under both {seen[cue]} and {process}; "
                       "a cue can suggest one process only.")
    cues.sort(key=lambda c: -len(c[2]))
    return CueBook(str(data.get("name", name)), str(data.get("source", "")),
                   tuple(w.lower().replace("’", "'") for w in negations), window, tuple(cues))


_CUE_OK = re.compile(r"[^\W\d_](?:[^\W\d_]|[' ’-]){0,59}")


def _is_word(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[\w'’]{1,30}", value) is not None
