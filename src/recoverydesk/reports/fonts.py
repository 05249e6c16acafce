"""The bundled open font (DejaVu Sans), registered once with reportlab and embedded in every PDF.

The base-14 PDF fonts only cover Latin-1, so a name like Nguyễn would print as boxes; DejaVu Sans
covers every Latin script (and Greek and Cyrillic).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
