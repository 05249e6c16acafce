"""Icons: Material Design Icons glyphs, drawn from the icon font in resources/fonts/.

The font (Apache-2.0) and its name-to-glyph map ship with the app, so a frozen build or an
installed wheel finds them where it finds every other resource. Reading them costs a few
milliseconds, and a tiny QIconEngine draws the glyph in the wanted colour, sharp at any size
and device pixel ratio.
"""

from __future__ import annotations

import json
from functools import cache

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
from recoverydesk.ui.theme import accent

FONT_FILE = "materialdesignicons6-webfont-6.9.96.ttf"
CHARMAP_FILE = "materialdesignicons6-webfont-charmap-6.9.96.json"


@cache
def _glyphs() -> tuple[str, dict[str, str]]:
    """(font family, icon name -> character), loaded once."""
    ttf = resource("fonts", FONT_FILE)
    charmap = resource("fonts", CHARMAP_FILE)
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
    _, chars = _glyphs()
    return QIcon(GlyphIconEngine(chars[name], QColor(color) if color else accent()))


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "recoverydesk.svg")))
