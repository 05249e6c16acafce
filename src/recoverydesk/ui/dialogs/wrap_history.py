"""The WRAP's history: every reviewed version, read-only, as it was agreed on the day."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.widgets.common import empty_state, format_date, label


def version_html(content: dict) -> str:
    out = []
    for section in content.get("sections", []):
        parts = []
        for part in section.get("parts", []):
            if "people" in part:
                rows = [" · ".join(x for x in (p.get("name"), p.get("role"), p.get("phone"),
                                               p.get("note")) if x) for p in part["people"]]
            else:
                rows = part.get("items", [])
            if rows:
                items = "".join(f"<li>{escape(r)}</li>" for r in rows)
                parts.append(f"<p><b>{escape(part['title'])}</b></p><ul>{items}</ul>")
        if parts:
            out.append(f"<h3>{escape(section['title'])}</h3>" + "".join(parts))
    return "".join(out) or "<p>This version was empty.</p>"


class WrapHistoryDialog(QDialog):
    def __init__(self, versions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("WRAP history"))
        fit_size(self, QSize(820, 560))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Reviewed versions"))
        self.list.setMaximumWidth(240)
        self.view = QTextBrowser()
        self.view.setAccessibleName(self.tr("Version contents"))
        self._versions = list(versions)
        for v in self._versions:
            text = self.tr("Version %1 · %2").replace("%1", str(v.number)).replace(
                "%2", format_date(v.reviewed_on))
            item = QListWidgetItem(text)
            item.setToolTip(v.note)
            self.list.addItem(item)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        # With nothing reviewed yet, one plain sentence instead of two empty panes.
        self.empty = empty_state(self.tr(
            "No reviewed versions yet. Use “Mark reviewed…” after going through the plan "
            "together; each review keeps a copy here, exactly as it was on the day."))
        self.intro = label(self.tr("Each version is kept exactly as it was on the day it was "
                                   "reviewed."), "muted")
        layout.addWidget(self.intro)
        layout.addWidget(self.empty, 1)
        layout.addLayout(body, 1)
        for widget in (self.intro, self.list, self.view):
            widget.setVisible(bool(self._versions))
        self.empty.setVisible(not self._versions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        if self._versions:
            self.list.setCurrentRow(0)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self._versions):
            v = self._versions[row]
            head = f"<p><i>{escape(v.note)}</i></p>" if v.note else ""
            self.view.setHtml(head + version_html(v.content))
