"""Icons: Material Design Icons glyphs, drawn from the font that qtawesome ships.

qtawesome itself is not imported: it loads every icon font and its Qt shim at once (about
0.2 s), which the first window cannot afford. Reading the one font file and its name-to-glyph
map from qtawesome's package folder costs a few milliseconds, and a tiny QIconEngine draws the
glyph in the wanted colour, sharp at any size and device pixel ratio.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

from recoverydesk.paths import resource

FONT_STEM = "materialdesignicons6-webfont"


@cache
def _glyphs() -> tuple[str, dict[str, str]]:
    """(font family, icon name -> character), loaded once."""
    spec = importlib.util.find_spec("qtawesome")  # finds the package without running it
    fonts = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    ttf = max(fonts.glob(f"{FONT_STEM}-[0-9]*.ttf"))
    charmap = max(fonts.glob(f"{FONT_STEM}-charmap-*.json"))
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    codes = json.loads(charmap.read_text(encoding="utf-8"))
    return family, {name: chr(int(code, 16)) for name, code in codes.items()}


class GlyphIconEngine(QIconEngine):
    def __init__(self, char: str, color: QColor):
        super().__init__()
        self.char = char
        self.color = color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State):
        family, _ = _glyphs()
        color = QColor(self.color)
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        elif mode == QIcon.Mode.Selected:  # on the highlight, an accent glyph would vanish
            color = palette.color(QPalette.ColorRole.HighlightedText)
        font = QFont(family)
        # Glyphs are drawn a little smaller than the box, to allow for the font's bearing.
        font.setPixelSize(max(1, round(0.875 * rect.height())))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(color)
        painter.setFont(font)
        painter.drawText(QRectF(rect), Qt.AlignmentFlag.AlignCenter, self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        pixmap = self.pixmap(size * scale, mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphIconEngine(self.char, self.color)


@cache
def icon(name: str, color: str | QColor | None = None) -> QIcon:
    """The Material Design icon ``name`` (for example "home-outline") in ``color``, by default
    the accent colour. An unknown name raises KeyError, so a typo shows up in the tests."""
    from recoverydesk.ui.theme import accent

    _, chars = _glyphs()
    return QIcon(GlyphIconEngine(chars[name], QColor(color) if color else accent()))


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "recoverydesk.svg")))
