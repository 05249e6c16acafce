"""Ideas the coach can offer for the part being worked on. Offering is one click or Enter, and
the idea lands in the quick-entry line to be reworded together first: nothing is ever added
without the participant's own say."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui import theme
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import label
from recoverydesk.ui.widgets.two_line import paint_row_background

_PAD, _ICON, _GAP = 6, 18, 8


class IdeaDelegate(QStyledItemDelegate):
    """An icon and text that wraps onto as many lines as it needs (Qt's own delegate measured
    the text without the icon, so an idea a little wider than the list was cut short)."""

    def _text_width(self, option) -> int:
        view = option.widget
        width = view.viewport().width() if view is not None else option.rect.width()
        return max(40, width - 2 * _PAD - _ICON - _GAP)

    def sizeHint(self, option, index) -> QSize:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        rect = QFontMetrics(option.font).boundingRect(
            QRect(0, 0, self._text_width(option), 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(self._text_width(option), max(rect.height(), _ICON) + 2 * _PAD)

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        glyph = index.data(Qt.ItemDataRole.DecorationRole) or QIcon()
        option.icon = QIcon()  # the glyph is drawn below, beside the wrapped text
        paint_row_background(painter, option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        left, top = option.rect.left() + _PAD, option.rect.top() + _PAD
        mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
        glyph.paint(painter, QRect(left, top, _ICON, _ICON), Qt.AlignmentFlag.AlignCenter, mode)
        painter.save()
        painter.setFont(option.font)
        painter.setPen(option.palette.highlightedText().color() if selected
                       else option.palette.text().color())
        painter.drawText(QRect(left + _ICON + _GAP, top, self._text_width(option),
                               option.rect.height() - 2 * _PAD),
                         Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, option.text)
        painter.restore()


class WrapIdeasPanel(QFrame):
    offered = Signal(str, str)  # part, idea text

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("card", True)
        self.setAccessibleName(self.tr("Ideas to offer"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(label(self.tr("Ideas to offer"), "heading"))
        self.part_label = label("", "muted")
        layout.addWidget(self.part_label)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Ideas"))
        self.list.setWordWrap(True)
        self.list.setItemDelegate(IdeaDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-wrap when the pane resizes
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setSpacing(2)
        layout.addWidget(self.list, 1)
        self.offer_button = QPushButton(icon("lightbulb-on-outline"), self.tr("Offer this idea"))
        self.offer_button.setToolTip(
            self.tr("Puts the idea in the entry line to reword together before adding"))
        layout.addWidget(self.offer_button)
        self._filler = QWidget(self)  # takes the space while there are no ideas
        self._filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self._filler, 1)
        layout.addWidget(label(
            self.tr("Only if it fits: ideas are a starting point. The plan is theirs, "
                    "in their own words."), "muted"))
        self._part = ""
        self.offer_button.clicked.connect(self._offer)
        self.list.itemActivated.connect(lambda _i: self._offer())
        self.list.currentRowChanged.connect(lambda _r: self._update())
        self._update()

    def show_part(self, part: str, title: str, ideas: tuple[str, ...],
                  already: list[str]) -> None:
        self._part = part
        taken = {t.casefold() for t in already}
        self.list.clear()
        for idea in ideas:
            item = QListWidgetItem(icon("lightbulb-outline", theme.muted().name()), idea)
            if idea.casefold() in taken:
                item.setIcon(icon("check"))
                item.setToolTip(self.tr("Already in the plan"))
            self.list.addItem(item)
        if ideas:
            self.part_label.setText(self.tr("For “%1”").replace("%1", title))
        else:
            self.part_label.setText(self.tr("No ideas for “%1”: this part is best in their "
                                            "own words.").replace("%1", title))
        self.list.setVisible(bool(ideas))
        self.offer_button.setVisible(bool(ideas))
        self._filler.setVisible(not ideas)
        self._update()

    def _update(self) -> None:
        self.offer_button.setEnabled(self.list.currentRow() >= 0)

    def _offer(self) -> None:
        item = self.list.currentItem()
        if item is not None and self._part:
            self.offered.emit(self._part, item.text())

    def current_part(self) -> str:
        return self._part


__all__ = ["WrapIdeasPanel"]
