"""A list delegate drawing two lines per item: a title and a muted subtitle."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from recoverydesk.ui import theme

SubtitleRole = Qt.ItemDataRole.UserRole + 2
ArchivedRole = Qt.ItemDataRole.UserRole + 3


def paint_row_background(painter: QPainter, option: QStyleOptionViewItem) -> None:
    """The style's row (selection, hover, focus) without its text: delegates draw their own."""
    opt = QStyleOptionViewItem(option)
    opt.text = ""
    style = opt.widget.style() if opt.widget else None
    if style:
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


class TwoLineDelegate(QStyledItemDelegate):
    """A bold first line (DisplayRole) and a muted second line (SubtitleRole)."""

    def sizeHint(self, option, index) -> QSize:
        h = option.fontMetrics.height()
        return QSize(200, int(h * 2.4) + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        self.initStyleOption(option, index)
        paint_row_background(painter, option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(12, 6, -8, -6)
        half = rect.height() // 2
        painter.save()
        name_font = QFont(option.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(name_font)
        pen = option.palette.highlightedText().color() if selected else option.palette.text(
        ).color()
        if index.data(ArchivedRole) and not selected:
            pen = theme.muted()
        painter.setPen(pen)
        # Too long for the row: end with "…" (the whole text is in the tooltip), never clip.
        title = QFontMetrics(name_font).elidedText(
            index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight,
            rect.width())
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), half),
                         Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(option.font)
        painter.setPen(pen if selected else theme.muted())
        subtitle = QFontMetrics(option.font).elidedText(
            index.data(SubtitleRole) or "", Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), rect.top() + half, rect.width(), half),
                         Qt.AlignmentFlag.AlignVCenter, subtitle)
        painter.restore()
