"""The bundled open font (DejaVu Sans), registered once with reportlab and embedded in every PDF.

The base-14 PDF fonts only cover Latin-1, so a name like Nguyễn would print as boxes; DejaVu Sans
covers every Latin script (and Greek and Cyrillic).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from recoverydesk.system_fonts import CJK_CANDIDATES

FAMILY = "RDSans"
REGULAR = "RDSans"
BOLD = "RDSans-Bold"
ITALIC = "RDSans-Oblique"
FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}


def fonts_dir() -> Path:
    from recoverydesk.paths import resource

    return resource("fonts")


@cache
def register_fonts() -> str:
    """Register the family with reportlab (once per process); returns the family name."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping

    # Pictures (the star, the eco-map) go into the PDF as binary, not ASCII85 text: without
    # reportlab's optional C accelerator the pure-Python encoder took a third of a plan pack's
    # time, and the files are a fifth smaller.
    rl_config.useA85 = 0
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = fonts_dir()
    for name, filename in FILES.items():
        path = folder / filename
        if not path.is_file():
            raise FileNotFoundError(f"The bundled font {filename} is missing from {folder}.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD)
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    return FAMILY


# Fallback fonts for characters DejaVu Sans lacks: emoji (bundled, OFL) and Chinese, Japanese and
# Korean (the computer's own font: too large to bundle). Each is tried in order; a file that is
# missing or that reportlab cannot read (PostScript outlines) is skipped.
EMOJI = "RDEmoji"
EMOJI_FILE = "NotoEmoji.ttf"
CJK = "RDCJK"


def _register_fallback(name: str, path: Path, index: int = 0) -> bool:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    except (OSError, TTFError, ValueError, KeyError, IndexError):
        return False
    # <b> and <i> around a fallback run keep the same face rather than failing to map.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return True


# DejaVu Sans Oblique has no Arabic: letters the italic lacks are set upright in DejaVu Sans
# (bold when the text around them is bold).
UPRIGHT = "RDSansUpright"


def _register_upright() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(UPRIGHT, str(fonts_dir() / FILES[REGULAR])))
    addMapping(UPRIGHT, 0, 0, UPRIGHT)
    addMapping(UPRIGHT, 0, 1, UPRIGHT)
    addMapping(UPRIGHT, 1, 0, BOLD)
    addMapping(UPRIGHT, 1, 1, BOLD)


@cache
def fallback_fonts() -> tuple[str, ...]:
    """The bundled fallback fonts registered with reportlab, in the order to try them (the
    computer's Chinese, Japanese and Korean font comes after them: ``cjk_fallback``)."""
    register_fonts()
    _register_upright()
    return (EMOJI,) if _register_fallback(EMOJI, fonts_dir() / EMOJI_FILE) else ()


@cache
def cjk_fallback() -> str | None:
    """The computer's Chinese, Japanese and Korean font, registered the first time a character
    needs it: reading one holds its every glyph for the session (Droid Sans Fallback: 28,602
    glyphs, 18 MB), which a plan with no such letters has no use for."""
    for path, index in CJK_CANDIDATES:
        if Path(path).is_file() and _register_fallback(CJK, Path(path), index):
            return CJK
    return None


@cache
def covers(font_name: str, char: str) -> bool:
    """Whether a registered font has a glyph for this character."""
    from reportlab.pdfbase import pdfmetrics

    cmap = getattr(getattr(pdfmetrics.getFont(font_name), "face", None), "charToGlyph", None)
    return ord(char) < 256 if cmap is None else ord(char) in cmap  # a base-14 font: Latin-1


def font_for(char: str, base: str = REGULAR) -> str | None:
    """The fallback font for a character the text's font (``base``) lacks; None keeps it.
    The fallback fonts are read the first time a letter needs one (each holds its glyphs for
    the session: DejaVu Sans again for the upright, 3.5 MB; the emoji, 2.7 MB)."""
    register_fonts()
    if base == CJK:
        cjk_fallback()
    elif base not in (REGULAR, BOLD, ITALIC):  # (maybe a fallback font: registered first)
        fallback_fonts()
    if char.isspace() or covers(base, char):
        return None
    fallbacks = fallback_fonts()
    if covers(REGULAR, char):  # the oblique's missing Arabic: upright
        return UPRIGHT
    for name in fallbacks:
        if covers(name, char):
            return name
    cjk = cjk_fallback()
    return cjk if cjk is not None and covers(cjk, char) else None
