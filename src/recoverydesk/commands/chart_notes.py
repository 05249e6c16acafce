"""What the charting library says while a command draws, in the command line's own voice.

matplotlib speaks on stderr in its own words ("findfont: Failed to find font weight bold...",
"UserWarning: Glyph 20013 missing from font(s) DejaVu Sans"), without the ``recoverydesk:``
every other line of ours starts with. A font it had to swap is no news to the coach and is
kept quiet; letters no font here can draw become one plain sentence; anything else is passed
on, prefixed.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import warnings
from collections.abc import Iterator

_FOR_PROGRAMMERS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)


@contextlib.contextmanager
def chart_notes(stream=None) -> Iterator[None]:
    stream = stream or sys.stderr
    fonts = logging.getLogger("matplotlib.font_manager")
    level = fonts.level
    fonts.setLevel(logging.ERROR)  # "findfont: ... now using 400": a swapped font weight
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        fonts.setLevel(level)
    missing, others = False, []
    for w in caught:
        text = str(w.message)
        if "missing from font" in text or "missing from current font" in text:
            missing = True
        elif issubclass(w.category, _FOR_PROGRAMMERS):
            continue  # hidden by Python's default filters too
        elif text not in others:
            others.append(text)
    if missing:
        print(
            "recoverydesk: some letters have no font on this computer that can draw them, "
            "so they show as empty boxes in the chart.",
            file=stream,
        )
    for text in others:
        print(f"recoverydesk: note: {text}", file=stream)
