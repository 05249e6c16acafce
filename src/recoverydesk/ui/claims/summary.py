"""What the Claims view says about its lines as a whole: the totals under the table (what goes
to the portal, what is invoiced, what was claimed or rejected), and the warning band for
supports near or past the two-year claim deadline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from recoverydesk.dates import plural
from recoverydesk.services.claims.types import ClaimLineRow, claim_deadline, past_deadline
from recoverydesk.ui import theme
from recoverydesk.ui.icons import icon
from recoverydesk.ui.qtmodels.claims import invoiced
from recoverydesk.ui.widgets.common import format_date


def _tr(text: str) -> str:
    return QCoreApplication.translate("Claims", text)


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def _part(text: str, rows: list[ClaimLineRow]) -> str:
    return text.replace("%1", plural(len(rows), _tr("line"))).replace(
        "%2", money(sum(r.amount_cents for r in rows)))


def totals_text(rows: list[ClaimLineRow], on_invoice: dict[int, str] | None = None) -> str:
    """ "12 lines, $1,264.80 · ready for the portal: 5 lines, $527.15 · ..." (empty rows: "").
    ``on_invoice``: line id -> the live invoice it is on (those count as invoiced)."""
    if not rows:
        return ""
    numbers = on_invoice or {}
    ready = [r for r in rows if r.status == "ready"]
    portal = [r for r in ready if not invoiced(r)]
    done = [r for r in ready if invoiced(r) and r.id in numbers]
    to_invoice = [r for r in ready if invoiced(r) and r.id not in numbers]
    claimed = [r for r in rows if r.status == "claimed"]
    rejected = [r for r in rows if r.status == "rejected"]
    parts = [_part(_tr("<b>%1, %2</b>"), rows),
             _part(_tr("ready for the portal: %1, %2"), portal)]
    if to_invoice:
        parts.append(_part(_tr("to invoice (plan- or self-managed, not in the claim file): "
                               "%1, %2"), to_invoice))
    if done:
        parts.append(_part(_tr("invoiced: %1, %2"), done))
    if claimed:
        parts.append(_part(_tr("claimed: %1, %2"), claimed))
    if rejected:
        parts.append(_part(_tr("rejected: %1, %2"), rejected))
    return " · ".join(parts)


class DeadlineBand(QFrame):
    """A warning band: lines over 21 months old not yet claimed, and any past two years."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("claimsDeadline")
        self.setProperty("card", True)
        self.glyph = QLabel()
        self.glyph.setPixmap(icon("clock-alert-outline", theme.attention().name()).pixmap(20, 20))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setProperty("role", "error")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.glyph)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_lines(self, old: list[ClaimLineRow], today: dt.date) -> None:
        """``old``: the lines not yet claimed whose support is over 21 months old."""
        past = [r for r in old if past_deadline(r.support_date, today)]
        near = [r for r in old if not past_deadline(r.support_date, today)]
        said = []
        if near:
            oldest = min(r.support_date for r in near)
            said.append(_tr("%1 over 21 months old not yet claimed: claim the oldest by %2.")
                        .replace("%1", plural(len(near), _tr("line")))
                        .replace("%2", format_date(claim_deadline(oldest))))
        if past:
            said.append(_tr("%1 past the two-year claim deadline: the portal will not take "
                            "them.").replace("%1", plural(len(past), _tr("line"))))
        self.text.setText(" ".join(said))
        self.setVisible(bool(said))
