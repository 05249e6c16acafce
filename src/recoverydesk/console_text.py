"""Command output that never fails on a name: "Minh Nguyễn" printed into a pipe or a file.

On Windows, output sent to a pipe or a file is encoded in the ANSI code page (cp1252 in much of
the world), which has no "ễ", so a plain ``print`` of a participant's name raised
UnicodeEncodeError and the command died with a traceback. A console is fine (Python writes to it
as UTF-16), so only streams that are not a terminal change: to UTF-8 when the coach has not asked
for an encoding (PYTHONIOENCODING), and in every case a character the encoding lacks is written
as "?" (on stderr as "\\u1ec5", as Python already does there) instead of stopping the command.
"""

from __future__ import annotations

import os
import sys

_FORGIVING = ("replace", "backslashreplace", "namereplace", "xmlcharrefreplace")


def safe_output_streams() -> None:
    """Reconfigure ``sys.stdout`` and ``sys.stderr`` (when they are text files that are not a
    terminal) so that writing any name succeeds. Safe to call more than once."""
    chosen = os.environ.get("PYTHONIOENCODING", "").split(":", 1)[0].strip()
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:  # None without a console (pythonw), or replaced (tests)
            continue
        try:
            console = stream.isatty()
        except (OSError, ValueError):
            continue
        # stderr's own backslashreplace is kept; strict (and surrogateescape, which only
        # passes undecodable bytes through) become "?"
        errors = stream.errors if stream.errors in _FORGIVING else "replace"
        try:
            if console or chosen:  # the encoding in use (or asked for), minus the traceback
                reconfigure(errors=errors)
            else:
                reconfigure(encoding="utf-8", errors=errors)
        except (OSError, ValueError):  # a stream already written to in another encoding
            continue
