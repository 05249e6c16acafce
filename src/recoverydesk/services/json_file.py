"""Reading a JSON file someone hands us (an export, a star template) without surprises.

Every way a file can be unusable ends in ``JsonFileError`` with one plain sentence that names
the file: too big, not UTF-8 text (a UTF-8 byte-order mark is fine, as Windows Notepad writes
one), not JSON, nested deeper than any file of ours (checked before parsing, so no
RecursionError), ``NaN`` or an endless number, or a broken character (a lone ``\\ud800`` escape,
which no database or file can store). Nothing here knows what the JSON should hold: that is the
caller's schema.

A file is read a piece at a time (``_Pieces``): one ``json.loads`` of a 171 MB export holds the
GIL for 1.5 s, and the window, whose every event needs the GIL, stands still that long. Pieces
are the values two levels down (a participant with everything they carry, one practice-wide
row), each a few milliseconds, with the GIL let go between them. Anything the pieces do not
take cleanly (any error, a number cut at the end of the text read so far is taken again with
more) goes the careful way, the whole text at once, which says exactly what is wrong.
"""

from __future__ import annotations

import codecs
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Any

from recoverydesk import long_lived
from recoverydesk.services.types import ServiceError

# A string token (ends at its closing quote), an unterminated string, or a bracket.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[\[\]{}]', re.DOTALL)
_MAYBE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_JSON_SPACE = " \t\n\r"
CHUNK_BYTES = 1 << 18  # decoded, scanned and appended to the text in hand at a time (the
# scan's regular expressions hold the GIL: ~8 ms for this much, 30-40 ms for 1 MB)
LONGEST_LINE = 1 << 24  # characters; a file without line breaks is read the careful way
PIECE_LEVELS = 2  # containers this deep are walked member by member; deeper values are pieces
YIELD_S = 0.002  # the GIL is let go at least this often between pieces


class JsonFileError(ServiceError):
    """The file cannot be read as JSON; ``str(err)`` is a sentence naming the file."""


def read_json_file(path: Path, *, max_bytes: int, max_depth: int) -> Any:
    """The JSON value in ``path``, or JsonFileError."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise JsonFileError(
            f"{path.name} cannot be read ({err.strerror or err.__class__.__name__})."
        ) from err
    return parse_json_bytes(data, path.name, max_bytes=max_bytes, max_depth=max_depth)


def parse_json_bytes(data: bytes, name: str, *, max_bytes: int, max_depth: int) -> Any:
    if len(data) > max_bytes:
        raise JsonFileError(
            f"{name} is larger than {_size(max_bytes)}, more than a file of this kind holds."
        )
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _Pieces(data, max_depth).document()
        except _TakeCareful:
            pass  # the whole text at once below, which says what is wrong
    text = _decode(data, name)
    if not text or text.isspace():
        raise JsonFileError(f"{name} is empty.")
    depth = nesting_depth(text)
    if depth > max_depth:
        raise JsonFileError(
            f"{name} has brackets nested {depth} deep, far deeper than a file of this kind, "
            "so it was not read."
        )
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise JsonFileError(
            f"{name} is not valid JSON (line {err.lineno}, column {err.colno})."
        ) from err
    except (ValueError, RecursionError) as err:  # NaN, a number of thousands of digits
        raise JsonFileError(f"{name} holds a value that is not valid JSON.") from err
    if _MAYBE_SURROGATE.search(text):
        where = lone_surrogate_path(value)
        if where is not None:
            raise JsonFileError(
                f"{name} has a broken character (a lone “\\ud800”-style code) in "
                f"{where or 'its text'}, so it cannot be stored."
            )
    return value


def gc_paused():
    """Python's cycle collector off while a big file is read and loaded (an import). The
    millions of records it makes trigger full collections, each walking all of them with the
    GIL held (up to 130 ms apiece, more as the document grows: the window stands still); the
    document holds no cycles and is freed by reference counting when the import returns."""
    return long_lived.collector_paused()


@contextmanager
def big_document(path: Path, *, max_bytes: int, max_depth: int) -> Iterator[Any]:
    """``read_json_file`` for a big file (an import): read and used with the cycle collector
    paused, then emptied a record at a time. Freed in one go, its millions of objects are
    released in one C call that holds the GIL for a quarter of a second or more and the window
    stands still; between records other threads get their turn."""
    with gc_paused():
        document = read_json_file(path, max_bytes=max_bytes, max_depth=max_depth)
        try:
            yield document
        finally:
            free_in_pieces(document)


class TakeTurns:
    """Called between the pieces of a long job on the worker: lets go of the GIL at least every
    ``every`` seconds, so the window's thread can take it even when the pieces are C calls
    (which never hand the interpreter over on their own)."""

    def __init__(self, every: float = YIELD_S) -> None:
        self.every = every
        self.last = time.perf_counter()

    def __call__(self) -> None:
        now = time.perf_counter()
        if now - self.last > self.every:
            time.sleep(0)
            self.last = time.perf_counter()


def free_in_pieces(document: Any, piece: int = 1) -> None:
    """Empty ``document``'s top-level lists ``piece`` records at a time (see big_document)."""
    parts = [document.pop(key) for key in list(document)] if isinstance(document, dict) \
        else [document]
    for part in parts:
        if isinstance(part, dict):
            free_in_pieces(part, piece)
        elif isinstance(part, list):
            while part:
                del part[-piece:]


class _TakeCareful(Exception):
    """The pieces cannot take this file cleanly: read it the careful way."""


class _Pieces:
    """A JSON document from UTF-8 bytes, read piece by piece (see the module docstring). Only a
    clean read returns: valid JSON, no deeper than ``max_depth``, no lone surrogate; anything
    else raises ``_TakeCareful``."""

    def __init__(self, data: bytes, max_depth: int) -> None:
        self.data = memoryview(data)
        self.read = 0  # bytes decoded so far
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text, self.pos = "", 0  # the text in hand (what is not yet parsed) and where
        self.max_depth = max_depth
        self.depth, self.unscanned = 0, ""  # the depth scan of the text decoded so far
        self.tail = ""  # the end of the last chunk, for an escape cut in two
        self.maybe_surrogate = False
        self.json = json.JSONDecoder(parse_constant=_no_constant)
        self.pause = TakeTurns()  # the GIL let go now and then, so the window's thread runs

    def document(self) -> Any:
        try:
            value = self.value(PIECE_LEVELS)
            if self.peek():  # more after the value: json.loads says "Extra data"
                raise _TakeCareful
            self.scan("", final=True)
        except (ValueError, RecursionError) as err:  # JSONDecodeError, a bad byte, a number
            raise _TakeCareful from err
        if self.maybe_surrogate and lone_surrogate_path(value) is not None:
            raise _TakeCareful
        return value

    # -- the text in hand -------------------------------------------------------------------
    def more(self, at_least: int = 0) -> bool:
        """Decode more of the file onto the text in hand (at least ``at_least`` characters
        when there are that many); False at the end of the file."""
        if self.read >= len(self.data):
            return False
        chunks = []
        got = 0
        while self.read < len(self.data) and (not chunks or got < at_least):
            end = self.read + max(CHUNK_BYTES, at_least)
            chunk = self.decoder.decode(self.data[self.read:end], final=end >= len(self.data))
            self.read = end
            self.scan(chunk, final=False)
            if _MAYBE_SURROGATE.search(self.tail + chunk):
                self.maybe_surrogate = True
            self.tail = chunk[-8:]
            chunks.append(chunk)
            got += len(chunk)
            self.pause()
        self.text = self.text[self.pos:] + "".join(chunks)
        self.pos = 0
        return True

    def scan(self, chunk: str, *, final: bool) -> None:
        """The nesting depth, checked before the text is parsed. A raw line break is never
        inside a JSON string, so the text up to the last one is whole strings and brackets."""
        text = self.unscanned + chunk
        cut = len(text) if final else text.rfind("\n") + 1
        self.unscanned = text[cut:]
        bare = _STRING.sub("", text[:cut])
        if '"' in bare:  # a string that never ends
            raise _TakeCareful
        steps = list(map(_STEP.__getitem__, _BRACKETS.findall(bare)))
        deepest = max(accumulate(steps, initial=self.depth))
        self.depth += sum(steps)
        if deepest > self.max_depth or len(self.unscanned) > LONGEST_LINE:
            raise _TakeCareful

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            text, pos = self.text, self.pos
            while pos < len(text) and text[pos] in _JSON_SPACE:
                pos += 1
            self.pos = pos
            if pos < len(text):
                return text[pos]
            if not self.more():
                return ""

    # -- values -----------------------------------------------------------------------------
    def value(self, levels: int) -> Any:
        first = self.peek()
        if levels and first == "[":
            return self.array(levels - 1)
        if levels and first == "{":
            return self.object(levels - 1)
        return self.piece()

    def piece(self) -> Any:
        """One value parsed whole; a value that runs on past the text in hand, or ends near
        its end (a number may go on), is taken again with more of the file."""
        while True:
            try:
                value, end = self.json.raw_decode(self.text, self.pos)
            except ValueError:
                if self.more(len(self.text) - self.pos):
                    continue
                raise
            if len(self.text) - end < 16 and self.more():  # a number cut at "1", "1.", "1e-"
                continue
            self.pos = end
            self.pause()
            return value

    def array(self, levels: int) -> list:
        self.pos += 1
        items: list = []
        if self.peek() == "]":
            self.pos += 1
            return items
        while True:
            items.append(self.value(levels))
            if self.closed("]"):
                return items

    def object(self, levels: int) -> dict:
        self.pos += 1
        members: dict = {}
        if self.peek() == "}":
            self.pos += 1
            return members
        while True:
            if self.peek() != '"':
                raise _TakeCareful
            key = self.piece()
            if self.peek() != ":":
                raise _TakeCareful
            self.pos += 1
            members[key] = self.value(levels)
            if self.closed("}"):
                return members

    def closed(self, close: str) -> bool:
        """After a member: True past ``close``, False past a comma (another member follows)."""
        following = self.peek()
        self.pos += 1
        if following == close:
            return True
        if following != ",":
            raise _TakeCareful
        return False


def nesting_depth(text: str) -> int:
    """How deep ``[`` and ``{`` nest, ignoring brackets inside strings; linear time."""
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
        elif token == '"':  # a string that never ends: json.loads says where
            break
    return deepest


def lone_surrogate_path(value: Any, path: str = "") -> str | None:
    """The path (``participants[3].notes``) of the first text holding a lone surrogate."""
    if isinstance(value, str):
        return path if _has_surrogate(value) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = lone_surrogate_path(item, f"{path}[{i}]")
            if found is not None:
                return found
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{printable(key)}" if path else printable(key)
            if _has_surrogate(key):
                return here
            found = lone_surrogate_path(item, here)
            if found is not None:
                return found
    return None


def printable(text: str, limit: int = 60) -> str:
    """``text`` safe to show anywhere (lone surrogates as ``\\ud800``), cut to ``limit``."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise JsonFileError(
            f"{name} is saved as UTF-16 text. Open it in a text editor and save it as UTF-8, "
            "then try again."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise JsonFileError(
            f"{name} is not UTF-8 text (byte {err.start + 1} is not). Open it in a text editor "
            "and save it as UTF-8, then try again."
        ) from err


def _no_constant(token: str) -> Any:
    raise ValueError(token)


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"
