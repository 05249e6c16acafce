"""The main window's body once a practice is open: the caseload on the left, beside a stack for
home and the participant's workspace on the right (``MainWindow._show_caseload``); and its
About box."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, QSize
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from recoverydesk import __version__
from recoverydesk.ui.screen_fit import fit_window


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


def show_about(window: QWidget) -> None:
    """Help > About RecoveryDesk."""
    tr = QCoreApplication.translate
    QMessageBox.about(window, tr("MainWindow", "About RecoveryDesk"), tr("MainWindow", (
        "<b>RecoveryDesk %1</b><p>An offline-first workspace for psychosocial recovery "
        "coaches. Your practice stays on this computer.</p><p>Recovery Star is a trademark "
        "of Triangle Consulting Social Enterprise; WRAP is a registered mark of Mary Ellen "
        "Copeland. RecoveryDesk is not affiliated with either.</p>")).replace("%1",
                                                                             __version__))


def add_window_commands(window) -> None:
    """The window's own commands (``ui/actions.py``): practice files, participants, home,
    undo, About. The capabilities' parts add theirs (``ui/extensions.py``)."""
    a = window.commands

    def tr(text: str) -> str:
        return QCoreApplication.translate("MainWindow", text)

    a.add("new_practice", tr("&New practice…"), window.new_practice,
          icon_name="briefcase-plus-outline")
    a.add("open_practice", tr("&Open practice…"), window.open_practice_dialog,
          shortcut=QKeySequence.StandardKey.Open, icon_name="folder-open-outline")
    a.add("open_demo", tr("Open the &demo practice"), window.open_demo,
          icon_name="compass-outline")
    a.add("quit", tr("&Quit"), window.close, shortcut=QKeySequence.StandardKey.Quit)
    a.add("new_participant", tr("&New participant…"), window.new_participant,
          shortcut=QKeySequence.StandardKey.New, icon_name="account-plus-outline",
          tip=tr("Add a participant to your caseload"))
    a.add("edit_participant", tr("&Edit details…"), window.edit_participant,
          shortcut="Ctrl+E", icon_name="pencil-outline")
    a.add("archive_participant", tr("&Archive or restore"), window.toggle_archive,
          icon_name="archive-outline",
          tip=tr("Archive hides a participant from the caseload; nothing is deleted"))
    a.add("home", tr("&Home"), window.show_home, shortcut="Ctrl+0",
          icon_name="home-outline", tip=tr("Your practice at a glance"))
    a.add("find_participant", tr("Find a &participant"), window.focus_participant_filter,
          shortcut="Ctrl+Shift+F", icon_name="account-search-outline")
    a.add("undo", tr("&Undo"), window.undo_last, shortcut=QKeySequence.StandardKey.Undo)
    a.add("about", tr("&About RecoveryDesk"), window.about)


def restore_geometry(window) -> None:
    """The window's size and place as the coach left them."""
    settings = QSettings()
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    # On a small or scaled screen: maximised, never running off the bottom.
    fit_window(window, QSize(1280, 800), keep=geometry is not None)
