"""The goal list's look: small muted domain headings, two-line goal rows, overdue in amber."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from recoverydesk.ui import theme
from recoverydesk.ui.qtmodels.goals import AttentionRole, HeaderRole
from recoverydesk.ui.widgets.two_line import SubtitleRole, TwoLineDelegate


class GoalListDelegate(TwoLineDelegate):
    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        if index.data(HeaderRole):
            return QSize(200, option.fontMetrics.height() + 20)
        return super().sizeHint(option, index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        if not index.data(HeaderRole):
            super().paint(painter, option, index)
            if index.data(AttentionRole):
                painter.save()
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.attention())
                r = option.rect
                painter.drawRect(QRect(r.left() + 2, r.top() + 8, 3, r.height() - 16))
                painter.restore()
            return
        painter.save()
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setPointSizeF(max(7.5, option.font.pointSizeF() * 0.82))
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(font)
        painter.setPen(theme.accent())
        rect = option.rect.adjusted(12, 10, -8, -2)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        count = index.data(SubtitleRole) or ""
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setPen(theme.muted())
        small = QFont(option.font)
        small.setPointSizeF(max(7.5, option.font.pointSizeF() * 0.82))
        painter.setFont(small)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        painter.restore()
