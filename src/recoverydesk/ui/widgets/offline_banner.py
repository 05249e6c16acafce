"""The line across the window while an offline copy is open (issue 21): offline since when, and
a button to bring the work back (ui/offline_part.py fills it in)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolBar, QWidget

from recoverydesk.charts import theme as palette


class OfflineBanner(QToolBar):
    """A line across the window under the toolbar: offline since when, and Bring back."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("offline-banner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not one to hide from the toolbar menu
        self.setStyleSheet(f"QToolBar#offline-banner {{ background: #FFF4DE; border: none; "
                           f"border-bottom: 1px solid {palette.ATTENTION}; padding: 4px 8px; }}")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("offlineBannerText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setStyleSheet(f"color: {palette.INK};")
        self.button = QPushButton(self.tr("Bring back now"))
        self.addWidget(self.text)
        self.addWidget(self.button)
