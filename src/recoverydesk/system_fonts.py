"""Where the computer keeps a font for Chinese, Japanese and Korean (too large to bundle).

Shared by the reports (reportlab) and the charts (matplotlib). TrueType outlines only: reportlab
cannot read PostScript-outline fonts such as Noto Sans CJK's .ttc. (path, index in a collection).
"""

from __future__ import annotations

import os

_WIN = os.environ.get("WINDIR", "C:/Windows").replace("\\", "/")

CJK_CANDIDATES: tuple[tuple[str, int], ...] = (
    # Linux (Debian: fonts-droid-fallback, fonts-wqy-microhei, fonts-wqy-zenhei)
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    # Windows
    (f"{_WIN}/Fonts/msyh.ttc", 0),
    (f"{_WIN}/Fonts/msyh.ttf", 0),
    (f"{_WIN}/Fonts/YuGothR.ttc", 0),
    (f"{_WIN}/Fonts/malgun.ttf", 0),
    (f"{_WIN}/Fonts/simsun.ttc", 0),
    # macOS
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/Hiragino Sans GB.ttc", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


def installed_cjk() -> list[tuple[str, int]]:
    from pathlib import Path

    return [(path, index) for path, index in CJK_CANDIDATES if Path(path).is_file()]
