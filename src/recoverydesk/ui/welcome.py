"""First start with no practice file: start a new practice, or explore the demo (or open a
practice file, or connect to a team practice on a server)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from recoverydesk.ui.icons import app_icon, icon
from recoverydesk.ui.widgets.common import card, label


class WelcomeView(QWidget):
    new_practice = Signal()
    open_demo = Signal()
    open_existing = Signal()
    connect_team = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        frame, box = card()
        frame.setMaximumWidth(760)
        box.setContentsMargins(40, 32, 40, 32)
        box.setSpacing(12)
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
        box.addSpacing(16)

        self.new_button = QPushButton(icon("briefcase-plus-outline", "white"),
                                      self.tr("Start a new practice"))
        self.new_button.setProperty("primary", True)
        self.demo_button = QPushButton(icon("compass-outline"), self.tr("Open the demo practice"))
        choices = QGridLayout()
        choices.setHorizontalSpacing(24)
        choices.setVerticalSpacing(8)
        for column, (button, text) in enumerate((
            (self.new_button, self.tr(
                "An empty practice for your own participants. You choose a passphrase that "
                "keeps it locked.")),
            (self.demo_button, self.tr(
                "Made-up people with two years of notes, goals and readings, to explore "
                "freely.")),
        )):
            button.setMinimumHeight(44)
            choices.addWidget(button, 0, column)
            hint = label(text, "muted")
            hint.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            choices.addWidget(hint, 1, column)
            choices.setColumnStretch(column, 1)
        box.addLayout(choices)
        box.addSpacing(8)

        self.open_button = QPushButton(icon("folder-open-outline"),
                                       self.tr("Open a practice file…"))
        self.open_button.setFlat(True)
        self.open_button.setToolTip(self.tr("A practice you already have, for example one "
                                            "copied from another computer"))
        self.team_button = QPushButton(icon("account-group-outline"),
                                       self.tr("Connect to a team practice…"))
        self.team_button.setFlat(True)
        self.team_button.setToolTip(self.tr("A practice shared with other coaches on your "
                                            "practice's PostgreSQL server"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addSpacing(16)
        row.addWidget(self.team_button)
        row.addStretch(1)
        box.addLayout(row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(frame, 6)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)
        self.new_button.clicked.connect(self.new_practice)
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_existing)
        self.team_button.clicked.connect(self.connect_team)
        self.setTabOrder(self.new_button, self.demo_button)
        self.setTabOrder(self.demo_button, self.open_button)
        self.setTabOrder(self.open_button, self.team_button)
