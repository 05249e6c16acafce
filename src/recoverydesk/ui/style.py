"""The app's look, put on the application once at start: Fusion with the palette and style
sheet of ``ui/theme.py`` and the app's own line icons (``ui/icons.py``) instead of Qt's stock ones."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

from recoverydesk.ui.icons import icon
from recoverydesk.ui.theme import is_dark, muted, palette, stylesheet


class AppStyle(QProxyStyle):
    """Fusion with the app's own line icons instead of Qt's stock ones. (Dialog and message box
    buttons carry no stock tick or cross icons, which some desktops turn on: the style sheet's
    ``dialogbuttonbox-buttons-have-icons``, ``ui/theme.py``. Overriding ``styleHint`` here did it
    too, but Qt asks for style hints thousands of times while it lays out and paints, and each
    answer from Python waited for the interpreter, behind the worker or a reader thread: a
    stall the coach saw while a practice opened.)"""

    def standardIcon(self, standard_icon, option=None, widget=None):
        # The clear button of search boxes and date fields: the app's line icon, not Qt's cross.
        # (An exception escaping a Qt virtual crashes the app: fall back to Qt's icon instead.)
        if standard_icon == QStyle.StandardPixmap.SP_LineEditClearButton:
            try:
                return icon("close-circle-outline", muted().name())
            except Exception:  # noqa: BLE001 - e.g. the icon font missing from a build
                pass
        return super().standardIcon(standard_icon, option, widget)


_style: list[AppStyle] = []  # keeps the Python side alive, or its override would be lost


def apply_theme(app: QApplication) -> None:
    _style[:] = [AppStyle("Fusion")]
    app.setStyle(_style[0])
    dark = is_dark()
    app.setPalette(palette(dark))
    app.setStyleSheet(stylesheet(dark))
    font = QFont(app.font())
    if font.pointSizeF() < 10.5:
        font.setPointSizeF(10.5)  # generous type; still scales with the system setting
    app.setFont(font)
