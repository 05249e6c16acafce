"""What the sections of the together view share: large type, touch-sized controls (at least
44 px), a line that says what was saved, and errors in plain words that name nobody."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from recoverydesk.charts import theme as t
from recoverydesk.charts.theme import ACCENT_DARK
from recoverydesk.services.types import ServiceError
from recoverydesk.ui.icons import icon
from recoverydesk.ui.theme import is_dark

TARGET = 48  # px: every control at least this tall (44 px is the touch minimum)
BODY_PT = 15
TITLE_PT = 24
ICON = 24
SCROLL_BAR = 22  # px: a scroll bar a finger can hold (the app's own are thinner)

_LIGHT = {"ink": t.INK, "muted": t.MUTED, "rule": t.RULE, "paper": t.PAPER,
          "accent": t.ACCENT, "soft": t.ACCENT_SOFT, "error": "#B3261E",
          "on_accent": "white"}
_DARK = {"ink": t.DARK_INK, "muted": t.DARK_MUTED, "rule": t.DARK_RULE, "paper": t.DARK_PAPER,
         "accent": t.DARK_ACCENT, "soft": t.DARK_SURFACE, "error": "#F2B8B5",
         "on_accent": t.DARK_PAPER}


def style() -> str:
    """The view's style sheet, in the light or dark palette the app follows."""
    c = _DARK if is_dark() else _LIGHT
    return f"""
    #together, #together QWidget {{ font-size: {BODY_PT}pt; }}
    #together QLabel[role="title"] {{ font-size: {TITLE_PT}pt; font-weight: 600; color: {c['ink']}; }}
    #together QLabel[role="heading"] {{ font-size: 19pt; font-weight: 600; color: {c['ink']}; }}
    #together QLabel[role="muted"] {{ color: {c['muted']}; }}
    #together QLabel[role="error"] {{ color: {c['error']}; font-weight: 600; }}
    #together QLabel[role="saved"] {{ color: {c['muted']}; font-size: 13pt; }}
    #together QPushButton, #together QToolButton {{ min-height: {TARGET}px; padding: 4px 18px;
    border: 1px solid {c['rule']}; border-radius: 10px; background: {c['paper']}; }}
    #together QPushButton:hover, #together QToolButton:hover {{ border-color: {c['accent']}; }}
    #together QPushButton[primary="true"] {{ background: {c['accent']}; color: {c['on_accent']};
    border-color: {ACCENT_DARK}; font-weight: 600; }}
    #together QToolButton[score="true"] {{ padding: 0px; font-size: 16pt; }}
    #together QToolButton[score="true"]:checked {{ background: {c['accent']}; color: {c['on_accent']};
    border-color: {ACCENT_DARK}; font-weight: 600; }}
    #together QToolButton[previous="true"] {{ border: 3px solid {c['muted']}; }}
    #together QPushButton[rail="true"] {{ padding: 4px 20px; min-height: 56px; }}
    #together QPushButton[rail="true"]:checked {{ background: {c['soft']};
    border: 3px solid {c['accent']}; }}
    #together QLineEdit, #together QPlainTextEdit, #together QDateEdit, #together QComboBox {{
    min-height: {TARGET}px; padding: 2px 8px; }}
    #together QCheckBox {{ min-height: {TARGET}px; spacing: 14px; }}
    #together QCheckBox::indicator {{ width: 32px; height: 32px; }}
    #together QScrollBar:vertical {{ width: {SCROLL_BAR}px; background: {c['paper']}; }}
    #together QScrollBar:horizontal {{ height: {SCROLL_BAR}px; background: {c['paper']}; }}
    #together QScrollBar::handle {{ background: {c['rule']}; border-radius: 8px;
    min-height: {TARGET}px; min-width: {TARGET}px; margin: 3px; }}
    #together QScrollBar::handle:hover {{ background: {c['muted']}; }}
    #together QScrollBar::add-line, #together QScrollBar::sub-line {{ width: 0px; height: 0px; }}
    #together QScrollBar::add-page, #together QScrollBar::sub-page {{ background: none; }}
"""


def big_button(text: str, icon_name: str = "", *, primary: bool = False) -> QPushButton:
    button = QPushButton(icon(icon_name, "white" if primary else None), text) if icon_name \
        else QPushButton(text)
    button.setIconSize(QSize(ICON, ICON))
    button.setMinimumHeight(TARGET)
    button.setAutoDefault(False)
    if primary:
        button.setProperty("primary", True)
    return button


def text_label(text: str = "", role: str = "", *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def plain_error(error: BaseException, doing: str) -> str:
    """Words for a failure, shown inside the view: a service's own message (about this
    person's data only) or a general one; never a trace or another record's words."""
    if isinstance(error, ServiceError):
        return f"{doing}: {error}"
    return f"{doing}. Please try again."


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
