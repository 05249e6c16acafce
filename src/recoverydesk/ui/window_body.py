"""The main window's body once a practice is open: the caseload on the left, beside a stack for
home and the participant's workspace on the right (``MainWindow._show_caseload``)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QStackedWidget, QWidget


def caseload_beside_right(list_panel: QWidget) -> tuple[QSplitter, QStackedWidget]:
    """(the splitter to show, the right-hand stack home and the workspace go in)."""
    right = QStackedWidget()
    # Home and the participant's tabs scroll when the screen is smaller than they need
    # (1920x1080 at 200% is 960x540), so their minimum never makes the window taller or
    # wider than the screen, and Save and the status bar stay in view.
    right_scroll = QScrollArea()
    right_scroll.setObjectName("right-scroll")
    right_scroll.setWidget(right)
    right_scroll.setWidgetResizable(True)
    right_scroll.setFrameShape(QFrame.Shape.NoFrame)
    splitter = QSplitter()
    splitter.setObjectName("main-splitter")
    splitter.addWidget(list_panel)
    splitter.addWidget(right_scroll)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([280, 1000])
    splitter.setChildrenCollapsible(False)
    return splitter, right
