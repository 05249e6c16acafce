"""Small building blocks shared by pages and dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from recoverydesk import dates
from recoverydesk.ui.widgets.date_field import OptionalDateEdit as OptionalDateEdit

DATE_FORMAT = "d MMM yyyy"  # shows as dates.short_date does: "6 Sep 2026"
WEEKDAY_DATE_FORMAT = "ddd d MMM yyyy"  # "Sun 6 Sep 2026"
# A date field spells months in its locale's words; en-AU's are "June", "July", "Sept", where
# the rest of the app says "Jun", "Jul", "Sep" (recoverydesk.dates). The C locale's match, and
# like en-AU its week starts on Monday in the calendar pop-up.
DATE_EDIT_LOCALE = QLocale.c()


def label(text: str, role: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class WrappingLabel(QLabel):
    """A word-wrapped label whose minimum height is what its text needs at its width: in a
    splitter (which never asks for height-for-width) a squeezed panel then keeps room for all
    its lines, instead of drawing them over its neighbours."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        if self.width() > 0 and self.text():
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


def restyle(widget: QWidget) -> None:
    """Apply the style sheet again after a property its rules match on (``role``) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 16, 16, 16)
    layout.setSpacing(8)
    return frame, layout


def format_date(day: dt.date | None) -> str:
    """ "6 Sep 2026": the app's one short date style (see recoverydesk.dates)."""
    return dates.short_date(day)


def set_date_format(edit: QDateTimeEdit, fmt: str = DATE_FORMAT) -> None:
    """Show ``edit``'s date in the app's style (``fmt`` is a Qt display format)."""
    edit.setLocale(DATE_EDIT_LOCALE)
    edit.setDisplayFormat(fmt)


class _TabLeaves(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab,
                                                                    Qt.Key.Key_Backtab):
            mods = event.modifiers()
            if not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                forward = event.key() == Qt.Key.Key_Tab and not mods & Qt.KeyboardModifier.ShiftModifier
                QWidget.focusNextPrevChild(watched, forward)
                return True
        return False


def tab_leaves(*edits: QDateTimeEdit) -> None:
    """Tab goes on to the next field, as in any form, instead of stepping through the day,
    month and year first (the arrow keys and typed separators still move between them)."""
    for edit in edits:
        edit.installEventFilter(_TabLeaves(edit))


def month_name(first: dt.date) -> str:
    """ "Sep 2026" """
    return dates.short_month(first)


def format_datetime(moment: dt.datetime | None) -> str:
    """ "6 Sep 2026 9:05 am", in local time."""
    return dates.short_datetime(moment)


def empty_state(text: str, parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setWordWrap(True)
    widget.setProperty("role", "muted")
    widget.setMargin(32)
    return widget


SHORTCUT_WHERE = "shortcut_where"  # the QShortcut property naming where it works


def shortcut(keys, parent: QWidget, slot, context: Qt.ShortcutContext, *,
             description: str, where: str) -> QShortcut:
    """A keyboard shortcut that fires only in ``context``. (PySide6 ignores a ``context=``
    keyword given to QShortcut's constructor, leaving it window-wide: a Space or Return meant
    for one table would then fire wherever the coach is typing.) ``description`` (what it does,
    kept as its What's This) and ``where`` (e.g. "Steps table") are what Help > Keyboard
    shortcuts lists it under."""
    if not description.strip() or not where.strip():
        raise ValueError("a shortcut needs a description and a place, for the shortcuts list")
    made = QShortcut(parent)
    if isinstance(keys, QKeySequence.StandardKey):  # all its keys: Close is Ctrl+W or Ctrl+F4,
        # but not a media keyboard's own key (Save's "Save"): the shortcuts list shows the rest
        made.setKeys([k for k in QKeySequence.keyBindings(keys)
                      if k[0].key() < Qt.Key.Key_Back])
    else:
        made.setKey(QKeySequence(keys))
    made.setContext(context)
    made.setWhatsThis(description)
    made.setProperty(SHORTCUT_WHERE, where)
    made.activated.connect(slot)
    return made
