"""Icons are Material Design glyphs drawn in the wanted colour, readable in every state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

from recoverydesk.ui.icons import icon


def inked(pixmap) -> set[str]:
    """The colours of the pixels the glyph fully covers."""
    image = pixmap.toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() == 255}


def test_a_glyph_is_drawn_in_the_colour_asked_for(qapp):
    pixmap = icon("home-outline", "#aa3300").pixmap(QSize(32, 32))
    assert pixmap.width() == 32
    assert inked(pixmap) == {"#aa3300"}


def test_selected_and_disabled_icons_use_the_palette_so_they_never_vanish(qapp):
    palette = QGuiApplication.palette()
    ic = icon("magnify", "#aa3300")
    selected = inked(ic.pixmap(QSize(32, 32), QIcon.Mode.Selected))
    disabled = inked(ic.pixmap(QSize(32, 32), QIcon.Mode.Disabled))
    assert selected == {palette.color(QPalette.ColorRole.HighlightedText).name()}
    assert disabled == {palette.color(QPalette.ColorGroup.Disabled,
                                      QPalette.ColorRole.Text).name()}
    assert QColor("#aa3300").name() not in selected | disabled


def test_an_unknown_icon_name_fails_loudly(qapp):
    with pytest.raises(KeyError):
        icon("no-such-icon-name")


def test_icons_come_from_the_font_shipped_in_resources_not_from_another_package(qapp,
                                                                               monkeypatch):
    import sys

    from recoverydesk.paths import resource
    from recoverydesk.ui import icons

    # As in a frozen build or a fresh install without QtAwesome: it cannot be found.
    monkeypatch.setitem(sys.modules, "qtawesome", None)
    icons._glyphs.cache_clear()
    icons.icon.cache_clear()
    try:
        assert inked(icons.icon("home-outline", "#aa3300").pixmap(QSize(32, 32))) == {"#aa3300"}
    finally:
        icons._glyphs.cache_clear()
        icons.icon.cache_clear()
    fonts = resource("fonts")
    assert (fonts / icons.FONT_FILE).is_file() and (fonts / icons.CHARMAP_FILE).is_file()
    assert "Apache License" in (fonts / "LICENSE-MaterialDesignIcons.txt").read_text()
