"""A Claims view a test left open (a window of its own) must not hear later tests' changes on
the app-wide bus: closing it disconnects it, as when the coach closes it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from recoverydesk.ui.claims.window import ClaimsWindow


@pytest.fixture(autouse=True)
def no_claims_view_left_open(qapp):
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ClaimsWindow) and widget.isVisible():
            widget.close()
