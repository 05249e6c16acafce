"""Reading a JSON file someone hands us (an export, a star template) without surprises.

Every way a file can be unusable ends in ``JsonFileError`` with one plain sentence that names
the file: too big, not UTF-8 text (a UTF-8 byte-order mark is fine, as Windows Notepad writes
one), not JSON, nested deeper than any file of ours (checked before parsing, so no
RecursionError), ``NaN`` or an endless number, or a broken character (a lone ``\\ud800`` escape,
which no database or file can store). Nothing here knows what the JSON should hold: that is the
caller's schema.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any

from recoverydesk.services.types import ServiceError

# A string token (ends at its closing quote), an unterminated string, or a bracket.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[\[\]{}]', re.DOTALL)
_MAYBE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


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
    text = _decode(data, name)
    if not text.strip():
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
