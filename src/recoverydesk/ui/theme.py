"""Fusion style with one restrained palette (light or dark, following the system), shared with
the charts and reports through ``charts.theme``. Spacing follows an 8 px grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from recoverydesk.charts import theme as t
from recoverydesk.paths import resource

SPACING = 8


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def accent() -> QColor:
    return QColor(t.DARK_ACCENT if is_dark() else t.ACCENT)


def muted() -> QColor:
    return QColor(t.DARK_MUTED if is_dark() else t.MUTED)


ATTENTION_DARK = "#F0A24A"


def attention() -> QColor:
    return QColor(ATTENTION_DARK if is_dark() else t.ATTENTION)


def palette(dark: bool) -> QPalette:
    pal = QPalette()
    paper, surface = (t.DARK_PAPER, t.DARK_SURFACE) if dark else (t.PAPER, t.SURFACE)
    ink, mutedc = (t.DARK_INK, t.DARK_MUTED) if dark else (t.INK, t.MUTED)
    acc = t.DARK_ACCENT if dark else t.ACCENT
    roles = {
        QPalette.ColorRole.Window: surface,
        QPalette.ColorRole.WindowText: ink,
        QPalette.ColorRole.Base: paper,
        QPalette.ColorRole.AlternateBase: surface,
        QPalette.ColorRole.Text: ink,
        QPalette.ColorRole.Button: paper,
        QPalette.ColorRole.ButtonText: ink,
        QPalette.ColorRole.ToolTipBase: paper,
        QPalette.ColorRole.ToolTipText: ink,
        QPalette.ColorRole.PlaceholderText: mutedc,
        QPalette.ColorRole.Highlight: acc,
        QPalette.ColorRole.HighlightedText: "#FFFFFF" if not dark else t.DARK_PAPER,
        QPalette.ColorRole.Link: acc,
        QPalette.ColorRole.Mid: t.DARK_RULE if dark else t.RULE,
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(mutedc))
    return pal


def stylesheet(dark: bool) -> str:
    rule = t.DARK_RULE if dark else t.RULE
    paper = t.DARK_PAPER if dark else t.PAPER
    acc = t.DARK_ACCENT if dark else t.ACCENT
    soft = "#23393E" if dark else t.ACCENT_SOFT
    mutedc = t.DARK_MUTED if dark else t.MUTED
    # Keyboard focus: a 2 px ring, teal on plain buttons and ink around the teal primary ones
    # (a teal ring on a teal button was invisible); the padding gives up 1 px so nothing moves.
    ring = t.DARK_INK if dark else t.INK
    attention_colour = ATTENTION_DARK if dark else t.ATTENTION
    pressed = t.ACCENT if dark else t.ACCENT_DARK
    # Styling the combo box frame drops Fusion's arrow (and its bevel): draw our own chevron.
    arrow = resource("icons", "chevron-down.svg").as_posix()
    # The tab bar's scroll arrows, by the object names Qt gives them: plain, so the arrows
    # show (the QToolButton padding above hid them); matched on the button alone, where a
    # descendant selector would be checked against every tool button's ancestors.
    return f"""
    QToolBar {{ border: none; spacing: 4px; padding: 4px 8px; }}
    QToolButton {{ padding: 4px 8px; border-radius: 6px; }}
    QToolButton:hover {{ background: {soft}; }}
    QTabWidget::pane {{ border: 1px solid {rule}; border-radius: 8px; top: -1px;
                        background: {paper}; }}
    QTabBar::tab {{ padding: 8px 12px; border: none; margin-right: 2px; color: {mutedc}; }}
    QTabBar::tab:selected {{ color: {acc}; border-bottom: 2px solid {acc}; }}
    QToolButton#ScrollLeftButton, QToolButton#ScrollRightButton {{ padding: 0px;
        border-radius: 0px; background: {paper}; }}
    QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QDateEdit, QSpinBox {{
        border: 1px solid {rule}; border-radius: 6px; padding: 4px 8px; background: {paper}; }}
    QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QDateEdit:focus,
    QSpinBox:focus {{ border: 1px solid {acc}; }}
    QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
        subcontrol-position: center right; width: 24px; border: none; }}
    QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{arrow}"); width: 16px;
                                                   height: 16px; }}
    QLineEdit[invalid="true"], QDateEdit[invalid="true"] {{ border: 1px solid {t.ATTENTION}; }}
    QPushButton {{ padding: 6px 16px; border-radius: 6px; border: 1px solid {rule};
                   background: {paper}; }}
    QPushButton:hover {{ border-color: {acc}; }}
    QPushButton[primary="true"] {{ background: {acc}; color: white; border-color: {acc}; }}
    QPushButton:focus {{ border: 2px solid {acc}; padding: 5px 15px; }}
    QPushButton[primary="true"]:focus {{ border: 2px solid {ring}; background: {pressed}; }}
    QListView, QTreeView, QTableView {{ border: 1px solid {rule}; border-radius: 8px;
                                       background: {paper}; }}
    QFrame[card="true"] {{ background: {paper}; border: 1px solid {rule}; border-radius: 8px; }}
    QLabel[role="heading"] {{ font-size: 15pt; font-weight: 600; }}
    QLabel[role="strong"] {{ font-weight: 600; }}
    QLabel[role="attention"] {{ color: {attention_colour}; }}
    QLabel[role="subheading"] {{ font-weight: 600; color: {acc}; }}
    QLabel[role="title"] {{ font-size: 20pt; font-weight: 600; }}
    QLabel[role="muted"] {{ color: {mutedc}; }}
    QLabel[role="error"] {{ color: {t.ATTENTION}; }}
    QLabel[role="chip"] {{ background: {soft}; color: {acc}; border-radius: 10px;
                          padding: 2px 10px; font-weight: 600; }}
    QStatusBar {{ color: {mutedc}; }}
    QSplitter::handle {{ background: transparent; }}
    QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
    """
