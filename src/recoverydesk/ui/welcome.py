"""First start with no practice file: start a new practice, or explore the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from recoverydesk.ui.icons import app_icon, icon
from recoverydesk.ui.widgets.common import card, label


class WelcomeView(QWidget):
    new_practice = Signal()
    open_demo = Signal()
    open_existing = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        frame, box = card()
        frame.setMaximumWidth(640)
        logo = label("", "")
        logo.setPixmap(app_icon().pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(logo)
        title = label(self.tr("Welcome to RecoveryDesk"), "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(title)
        intro = label(self.tr(
            "A calm place for your participants' recovery journeys: strengths, Recovery Star "
            "readings, goals, WRAPs and session notes. Everything stays on this computer and "
            "works without the internet."), "muted")
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(intro)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.new_button = QPushButton(icon("briefcase-plus-outline", "white"),
                                      self.tr("Start a new practice"))
        self.new_button.setProperty("primary", True)
        self.demo_button = QPushButton(icon("compass-outline"), self.tr("Open the demo practice"))
        self.open_button = QPushButton(icon("folder-open-outline"), self.tr("Open a practice file…"))
        for b in (self.new_button, self.demo_button, self.open_button):
            b.setMinimumHeight(40)
            buttons.addWidget(b)
        box.addSpacing(8)
        box.addLayout(buttons)
        note = label(self.tr("The demo practice is made-up people, so you can explore freely."),
                     "muted")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(note)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(frame, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.new_button.clicked.connect(self.new_practice)
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_existing)
