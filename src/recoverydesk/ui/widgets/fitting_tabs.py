"""Tabs that stay in sight on a small laptop screen or at 200 %: each tab has its whole title
and a short one ("Recovery Star", "Star"), and the bar shows the whole titles when they all fit
and the short ones when they do not. Narrower still (1920x1080 at 200 % with the caseload
beside it), Qt's scroll arrows at the bar's end reach the last tabs. The whole title is always
the tab's tooltip.

Before, at 1366 wide, the last tab (Funding) sat behind those arrows alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget, QWidget


class FittingTabs(QTabWidget):
    """A tab widget whose titles fit (``add_titled_tab``, ``replace_page``)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._titles: list[tuple[str, str]] = []  # (whole, short) per tab, "&&" for an "&"
        self.short_titles = False  # what the bar shows now
        self._whole_width: int | None = None  # the bar's width with the whole titles
        self.tabBar().setUsesScrollButtons(True)  # (the macOS style's default is none)

    def add_titled_tab(self, widget: QWidget, tab_icon: QIcon, whole: str, short: str) -> int:
        """Add a tab at the end; ``whole`` and ``short`` with any "&" doubled."""
        index = self.addTab(widget, tab_icon, short if self.short_titles else whole)
        self._titles.append((whole, short))
        self.setTabToolTip(index, whole.replace("&&", "&"))
        self._whole_width = None
        self._fit()
        return index

    def replace_page(self, index: int, widget: QWidget, tab_icon: QIcon) -> None:
        """Put ``widget`` in tab ``index`` in place of the one there; the titles stay."""
        self.removeTab(index)
        whole, short = self._titles[index]
        self.insertTab(index, widget, tab_icon, short if self.short_titles else whole)
        self.setTabToolTip(index, whole.replace("&&", "&"))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._whole_width = None
            self._fit()

    def _fit(self) -> None:
        """Whole titles when the bar would hold them all, else the short ones (decided once
        shown: before that the style has not padded the tabs yet)."""
        if not self.isVisible():
            return
        if self._whole_width is None:  # measured as the style pads them: shown for a moment
            self._show(short=False)
            self._whole_width = self.tabBar().sizeHint().width()
        self._show(short=self._whole_width > self.width())

    def _show(self, *, short: bool) -> None:
        if short != self.short_titles:
            self.short_titles = short
            bar = self.tabBar()
            for index, (whole, brief) in enumerate(self._titles):
                bar.setTabText(index, brief if short else whole)
