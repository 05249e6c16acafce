"""The line over the network that says whose consent to share has expired."""

from __future__ import annotations

from recoverydesk.services.network.types import ContactDTO
from recoverydesk.ui import theme
from recoverydesk.ui.widgets.common import WrappingLabel, format_date


class ConsentBanner(WrappingLabel):
    """Hidden while every consent to share is current (its lines keep their room when the
    panel is squeezed)."""

    def __init__(self, parent=None):
        super().__init__("", parent)
        self.setStyleSheet(f"color: {theme.attention().name()};")
        self.hide()

    def show_for(self, contacts: list[ContactDTO]) -> None:
        expired = [c for c in contacts if c.consent_expired and not c.archived]
        if expired:
            who = ", ".join(f"{c.name} ({format_date(c.consent_expires)})" for c in expired)
            self.setText(
                self.tr(
                    "Consent to share has expired for %1. Ask again before sharing anything, then "
                    "record the new date."
                ).replace("%1", who)
            )
        self.setVisible(bool(expired))
