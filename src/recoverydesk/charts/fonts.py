"""The font families charts use: the theme's fonts, then fallbacks for any script.

matplotlib (3.6+) falls back glyph by glyph along a family list, and from 3.11 it shapes and
orders right-to-left text itself (libraqm), so an Arabic name needs only a font with Arabic
letters (DejaVu Sans has them). Chinese, Japanese and Korean come from the computer's own font
(too large to bundle); emoji from the bundled Noto Emoji (monochrome, OFL).
"""

from __future__ import annotations

from functools import cache

from recoverydesk.charts import theme
from recoverydesk.system_fonts import installed_cjk

# Installed CJK families by platform, first found wins (Debian: fonts-droid-fallback).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "Yu Gothic",
    "Malgun Gothic",
    "PingFang SC",
    "Hiragino Sans GB",
    "Hiragino Sans",
    "Arial Unicode MS",
)
EMOJI_FAMILY = "Noto Emoji"


@cache
def font_families() -> tuple[str, ...]:
    """The theme's installed fonts, one CJK font and the emoji font, then "sans-serif"."""
    import logging

    from matplotlib import font_manager

    from recoverydesk.paths import resource

    # A fallback font without a bold face (the CJK or emoji one) is used in its regular weight;
    # matplotlib would say so on stderr for every bold label, in the middle of a command's output.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

    emoji = resource("fonts") / "NotoEmoji.ttf"
    if emoji.is_file():
        font_manager.fontManager.addfont(str(emoji))
    names = {f.name for f in font_manager.fontManager.ttflist}
    out = [f for f in theme.FONT_FAMILY if f in names and f != "sans-serif"]
    cjk = [f for f in CJK_FAMILIES if f in names][:1]
    for path, _index in installed_cjk()[:1] if not cjk else ():
        try:  # installed after matplotlib's font cache was made
            font_manager.fontManager.addfont(path)
            cjk = [font_manager.get_font(path).family_name]
        except (OSError, RuntimeError, ValueError):
            continue
    out += cjk
    if EMOJI_FAMILY in names:
        out.append(EMOJI_FAMILY)
    return (*out, "sans-serif")
