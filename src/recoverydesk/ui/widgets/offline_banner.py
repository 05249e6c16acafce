"""The line across the window while an offline copy is open (issue 21): offline since when, and
a button to bring the work back (ui/offline_part.py fills it in)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolBar, QWidget

from recoverydesk.charts import theme as palette
from recoverydesk.dates import plural
from recoverydesk.services.offline.types import BringBackReport


def brought_back_words(report: BringBackReport) -> list[str]:
    """What a bring-back did, a paragraph each, for the message after it."""
    if report.already_done:
        words = ["Your work was already on the team practice (an earlier bring-back reached "
                 "it)."]
    else:
        words = [report.summary]
    if report.broken_holds:
        words.append(f"The practice lead broke the hold on "
                     f"{plural(len(report.broken_holds), 'participant')}: your changes there "
                     "are kept as conflicts, nothing was applied over theirs.")
    if report.not_brought:
        words.append(f"{plural(report.not_brought, 'change')} to the practice's shared lists "
                     "stayed in the laptop's copy only: they are the lead's to change.")
    if report.conflicts:
        words.append(f"{plural(report.conflicts, 'record')} changed on both sides: both "
                     "versions are kept, and the list opens with the team practice for you to "
                     "choose.")
    words.append("The copy on this laptop is removed; the team practice opens now.")
    return words


class _Words(QLabel):
    """Wrapped words whose height follows the width they are given (a wrapped QLabel asks for
    its height at a narrow guess, which made the banner a hand tall)."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = max(self.width(), 320)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(240, self.heightForWidth(max(self.width(), 240)))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # a new width: perhaps another number of lines


class OfflineBanner(QToolBar):
    """A line across the window under the toolbar: offline since when, and Bring back."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("offline-banner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not one to hide from the toolbar menu
        self.setStyleSheet(f"QToolBar#offline-banner {{ background: #FFF4DE; border: none; "
                           f"border-bottom: 1px solid {palette.ATTENTION}; padding: 2px 8px; }}")
        self.text = _Words()
        self.text.setWordWrap(True)
        self.text.setObjectName("offlineBannerText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setStyleSheet(f"color: {palette.INK};")
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self.tr("Bring back now"))
        row = QWidget()
        row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(12)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.addWidget(row)
