"""The app's own theme applied for a test, then put back (a module of its own: a test that
imports from ``conftest`` gets whichever conftest is first on the path)."""

from __future__ import annotations

import contextlib


@contextlib.contextmanager
def app_theme_applied(app):
    """The app's own theme (Fusion, its palette, stylesheet and 10.5 pt type), as the coach
    sees it; the application's previous look is put back after."""
    from recoverydesk.ui.style import apply_theme

    before = (app.style().name(), app.palette(), app.styleSheet(), app.font())
    apply_theme(app)
    try:
        yield
    finally:
        app.setStyle(before[0])
        app.setPalette(before[1])
        app.setStyleSheet(before[2])
        app.setFont(before[3])
