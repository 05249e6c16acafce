"""The plan versions view: every agreed version, what it said, and what changed since, in words
a participant understands."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.charts import theme as t
from recoverydesk.services.goals.types import STATUS_LABELS, WHO_LABELS
from recoverydesk.services.plans.types import PlanVersionDTO
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import empty_state, format_date, label

NOW = -1


def _d(text: str | None) -> str:
    return format_date(dt.date.fromisoformat(text)) if text else ""


def version_html(v: PlanVersionDTO, labels: dict[str, str], tr=lambda s: s) -> str:
    c = v.content
    out = [f"<h3 style='margin-bottom:2px'>{escape(v.title)}</h3>"]
    review = _d(c.get("review_date"))
    sub = tr("Review planned for %1").replace("%1", review) if review else tr("No review date")
    if v.note:
        sub += f" · {escape(v.note)}"
    out.append(f"<p style='color:{t.MUTED}; margin-top:0'>{sub}</p>")
    out.extend(_goals_html(c.get("goals", []), labels, tr))
    strengths = c.get("strengths", [])
    if strengths:
        out.append(
            f"<h4>{tr('Strengths')}</h4><p>"
            + "; ".join(escape(s["text"]) for s in strengths)
            + "</p>"
        )
    supports = c.get("supports", [])
    if supports:
        out.append(
            f"<h4>{tr('Supports')}</h4><p>"
            + "; ".join(f"{escape(s['name'])} ({escape(s['role'])})" for s in supports)
            + "</p>"
        )
    wrap = c.get("parts", {}).get("wrap")
    if isinstance(wrap, dict) and wrap.get("total_parts"):
        line = (
            tr("%1 of %2 parts started")
            .replace("%1", str(wrap.get("started_parts", 0)))
            .replace("%2", str(wrap["total_parts"]))
        )
        tools = wrap.get("wellness_tools") or []
        if tools:
            line += " · " + tr("wellness tools") + ": " + "; ".join(escape(x) for x in tools[:6])
        out.append(f"<h4>{tr('Wellness plan (WRAP)')}</h4><p>{line}</p>")
    return "".join(out)


def _goals_html(goals: list[dict], labels: dict[str, str], tr) -> list[str]:
    """The version's open goals with their steps, then a line naming the earlier goals."""
    out: list[str] = []
    open_goals = [g for g in goals if g["status"] in ("active", "paused")]
    closed = [g for g in goals if g["status"] not in ("active", "paused")]
    out.append(f"<h4>{tr('Goals')}</h4>")
    if not open_goals:
        out.append(f"<p style='color:{t.MUTED}'>{tr('No open goals in this version.')}</p>")
    for g in open_goals:
        doms = ", ".join(labels.get(k, k) for k in g.get("domains", []))
        status = "" if g["status"] == "active" else f" ({tr(STATUS_LABELS[g['status']])})"
        out.append(
            f"<p style='margin:6px 0 2px 0'><b>{escape(g['title'])}</b>{status}"
            f"<br><span style='color:{t.MUTED}'>{escape(doms)}"
        )
        if g.get("target_date"):
            out.append(f" · {tr('by')} {_d(g['target_date'])}")
        out.append("</span></p><ul style='margin-top:0'>")
        for st in g.get("steps", []):
            tick = "✓ " if st.get("done_on") else ""
            who = tr(WHO_LABELS.get(st["who"], st["who"]))
            out.append(
                f"<li>{tick}{escape(st['text'])} <span style='color:{t.MUTED}'>({who})</span></li>"
            )
        out.append("</ul>")
    if closed:
        out.append(
            f"<p style='color:{t.MUTED}'>{tr('Earlier goals')}: "
            + "; ".join(
                f"{escape(g['title'])} ({tr(STATUS_LABELS[g['status']]).lower()})" for g in closed
            )
            + "</p>"
        )
    return out


def changes_html(groups: list[tuple[str, list[str]]], heading: str, tr=lambda s: s) -> str:
    out = [f"<h3 style='margin-bottom:4px'>{escape(heading)}</h3>"]
    for name, lines in groups:
        if name:
            out.append(f"<h4 style='margin:8px 0 0 0; color:{t.ACCENT}'>{escape(tr(name))}</h4>")
        items = "".join(f"<li style='margin-bottom:4px'>{escape(x)}</li>" for x in lines)
        out.append(f"<ul style='margin-top:2px'>{items}</ul>")
    return "".join(out)


class PlanVersionsPanel(QWidget):
    agree_requested = Signal()
    version_selected = Signal(int)
    compare_requested = Signal(int, int)  # older id, newer id (NOW = the plan as it is today)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.versions: list[PlanVersionDTO] = []
        self.labels: dict[str, str] = {}
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Agreed plan versions"))
        self.list.setMinimumWidth(220)
        self.list.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.agree_button = QPushButton(icon("handshake-outline", "white"), self.tr("&Agree plan…"))
        self.agree_button.setProperty("primary", True)
        self.agree_button.setToolTip(
            self.tr("Freeze the plan as it is today, with its date and a review date")
        )
        self.agree_button.clicked.connect(self.agree_requested)
        self.compare_with = QComboBox()
        self.compare_with.setAccessibleName(self.tr("Compare with"))
        compare_label = QLabel(self.tr("What changed &since this version, up to"))
        compare_label.setBuddy(self.compare_with)
        self.view = QTextBrowser()
        self.view.setAccessibleName(self.tr("Plan version"))
        self.changes = QTextBrowser()
        self.changes.setAccessibleName(self.tr("What changed"))
        self.empty = empty_state(
            self.tr(
                "No agreed plan yet. When the goals and steps feel right to both of you, choose "
                "“Agree plan” to keep a dated copy. Later versions show what changed."
            )
        )

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(label(self.tr("Agreed versions"), "muted"))
        left.addWidget(self.list, 1)
        left.addWidget(
            label(
                self.tr(
                    "Each agreed version is kept exactly as it was. Pick one to read it and "
                    "see what has changed since, in words to share with them."
                ),
                "muted",
            )
        )
        left.addWidget(self.agree_button)
        left_w = QWidget()
        left_w.setLayout(left)

        compare_row = QHBoxLayout()
        compare_row.addWidget(compare_label)
        compare_row.addWidget(self.compare_with, 1)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(compare_row)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.changes)
        split.addWidget(self.view)
        split.setSizes([380, 320])
        right.addWidget(split, 1)
        self.right_w = QWidget()
        self.right_w.setLayout(right)

        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(left_w)
        outer.addWidget(self.right_w)
        outer.setStretchFactor(1, 1)
        outer.setSizes([240, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(outer, 1)
        self._outer = outer

        self.list.currentRowChanged.connect(self._row_changed)
        self.compare_with.currentIndexChanged.connect(self._compare_changed)

    def set_versions(self, versions: list[PlanVersionDTO], labels: dict[str, str]) -> None:
        self.versions, self.labels = versions, labels
        self.empty.setVisible(not versions)
        self.right_w.setVisible(bool(versions))
        self.list.blockSignals(True)
        self.list.clear()
        for v in versions:
            item = QListWidgetItem(
                self.tr("Plan %1 · %2")
                .replace("%1", str(v.number))
                .replace("%2", format_date(v.agreed_on))
            )
            item.setData(Qt.ItemDataRole.UserRole, v.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if versions:
            self.list.setCurrentRow(min(1, len(versions) - 1))

    def selected(self) -> PlanVersionDTO | None:
        row = self.list.currentRow()
        return self.versions[row] if 0 <= row < len(self.versions) else None

    def _row_changed(self, row: int) -> None:
        v = self.selected()
        if v is None:
            return
        self.view.setHtml(version_html(v, self.labels, self.tr))
        self.compare_with.blockSignals(True)
        self.compare_with.clear()
        # Later versions in the order they were agreed, then the plan as it is today; by
        # default the next version agreed after this one (today's plan when there is none).
        for later in sorted(self.versions, key=lambda x: x.number):
            if later.number > v.number:
                self.compare_with.addItem(
                    self.tr("plan %1, agreed %2")
                    .replace("%1", str(later.number))
                    .replace("%2", format_date(later.agreed_on)),
                    later.id,
                )
        self.compare_with.addItem(self.tr("the plan as it is today"), NOW)
        self.compare_with.setCurrentIndex(0)
        self.compare_with.blockSignals(False)
        self.version_selected.emit(v.id)
        self._compare_changed()

    def _compare_changed(self, *_args) -> None:
        v = self.selected()
        if v is None:
            return
        self.compare_requested.emit(v.id, self.compare_with.currentData())

    def show_changes(self, groups: list[tuple[str, list[str]]]) -> None:
        v = self.selected()
        target = self.compare_with.currentText()
        heading = (
            self.tr("What changed from plan %1 to %2")
            .replace("%1", str(v.number if v else ""))
            .replace("%2", target)
        )
        self.changes.setHtml(changes_html(groups, heading, self.tr))
