"""A list row for short free text with a muted tag on the right (a strength and its kind):
the text wraps onto as many lines as it needs, so nothing is cut off."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QFontMetricsF, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from recoverydesk.ui import theme
from recoverydesk.ui.widgets.two_line import paint_row_background

TagRole = Qt.ItemDataRole.UserRole + 4

_PAD_X, _PAD_Y, _GAP = 12, 8, 16


class TaggedTextDelegate(QStyledItemDelegate):
    """DisplayRole on the left (wrapping), TagRole right-aligned in a muted colour."""

    def _columns(self, option: QStyleOptionViewItem, tag: str) -> tuple[int, int]:
        """(text width, tag width) for a row ``option.rect``-wide."""
        view = option.widget
        width = (view.viewport().width() if view is not None else option.rect.width())
        width -= 2 * _PAD_X
        # QFontMetricsF: the whole width, rounded up, so the tag is never elided by a pixel.
        tag_w = math.ceil(QFontMetricsF(option.font).horizontalAdvance(tag)) + 2 if tag else 0
        tag_w = min(tag_w, width // 2)
        return max(width - tag_w - (_GAP if tag else 0), 40), tag_w

    def _text_rect(self, option: QStyleOptionViewItem, text: str, width: int) -> QRect:
        return QFontMetrics(option.font).boundingRect(
            QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)

    def sizeHint(self, option, index) -> QSize:
        self.initStyleOption(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        text_w, _ = self._columns(option, index.data(TagRole) or "")
        height = max(self._text_rect(option, text, text_w).height(),
                     option.fontMetrics.height())
        return QSize(200, height + 2 * _PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        self.initStyleOption(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        tag = index.data(TagRole) or ""
        paint_row_background(painter, option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_w, tag_w = self._columns(option, tag)
        left, top = option.rect.left() + _PAD_X, option.rect.top() + _PAD_Y
        height = option.rect.height() - 2 * _PAD_Y
        ink = option.palette.highlightedText().color() if selected else \
            option.palette.text().color()
        painter.save()
        painter.setFont(option.font)
        painter.setPen(ink)
        painter.drawText(QRect(left, top, text_w, height),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, text)
        if tag:
            painter.setPen(ink if selected else theme.muted())
            tag_rect = QRect(option.rect.right() - _PAD_X - tag_w, top, tag_w, height)
            elided = QFontMetrics(option.font).elidedText(tag, Qt.TextElideMode.ElideRight,
                                                          tag_w)
            painter.drawText(tag_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             elided)
        painter.restore()
