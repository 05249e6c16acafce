"""Item models for the Goals & plan tab: goals grouped by life domain, and a goal's steps."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from recoverydesk.dates import plural
from recoverydesk.services.goals.types import GoalDTO, StepDTO
from recoverydesk.ui import theme
from recoverydesk.ui.widgets.common import format_date
from recoverydesk.ui.widgets.two_line import ArchivedRole, SubtitleRole

IdRole = Qt.ItemDataRole.UserRole + 1
HeaderRole = Qt.ItemDataRole.UserRole + 5
AttentionRole = Qt.ItemDataRole.UserRole + 6
OTHER = "_other"


def goal_subtitle(g: GoalDTO, today: dt.date) -> str:
    parts = [g.status_label]
    if g.steps:
        done = sum(1 for st in g.steps if st.done)
        parts.append(f"{done} of {len(g.steps)} steps")
    overdue = len(g.overdue_steps(today))
    if overdue:
        parts.append(f"{overdue} overdue")
    return " · ".join(parts)


class GoalTreeModel(QStandardItemModel):
    """Domain headings with the goals under them. A goal linked to several domains is listed
    under its first (main) domain; goals with no domain go under "Other goals"."""

    def set_rows(
        self,
        goals: list[GoalDTO],
        labels: dict[str, str],
        today: dt.date,
        drafted: set[int] | frozenset[int] = frozenset(),
    ) -> None:
        self.clear()
        order = list(labels)
        groups: dict[str, list[GoalDTO]] = {}
        for g in goals:
            key = g.domains[0] if g.domains else OTHER
            groups.setdefault(key, []).append(g)
        keys = sorted(groups, key=lambda k: (k == OTHER, order.index(k) if k in order else 99))
        bold = QFont()
        bold.setWeight(QFont.Weight.DemiBold)
        for key in keys:
            title = labels.get(key, "Other goals" if key == OTHER else key.replace("_", " "))
            head = QStandardItem(title)
            head.setData(True, HeaderRole)
            count = len(groups[key])
            head.setData(plural(count, "goal"), SubtitleRole)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for g in groups[key]:
                item = QStandardItem(g.title)
                item.setData(g.id, IdRole)
                sub = goal_subtitle(g, today)
                if g.id in drafted:
                    sub += " · unsaved changes kept"
                item.setData(sub, SubtitleRole)
                item.setData(bool(g.overdue_steps(today)), AttentionRole)
                item.setData(not g.is_open, ArchivedRole)  # closed goals read quieter
                also = [labels.get(k, k) for k in g.domains[1:]]
                tip = g.title
                if g.target_date and g.is_open:
                    tip += f"\nBy {format_date(g.target_date)}"
                if g.latest_progress is not None:
                    tip += f"\nAbout {g.latest_progress}% of the way"
                if also:
                    tip += f"\nAlso: {', '.join(also)}"
                item.setToolTip(tip)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                head.appendRow(item)
            self.appendRow(head)

    def index_for_goal(self, goal_id: int) -> QModelIndex:
        for r in range(self.rowCount()):
            head = self.item(r)
            for c in range(head.rowCount()):
                if head.child(c).data(IdRole) == goal_id:
                    return head.child(c).index()
        return QModelIndex()

    def first_goal_index(self) -> QModelIndex:
        for r in range(self.rowCount()):
            head = self.item(r)
            if head.rowCount():
                return head.child(0).index()
        return QModelIndex()


class StepTableModel(QAbstractTableModel):
    COL_DONE, COL_TEXT, COL_WHO, COL_DUE, COL_DONE_ON = range(5)
    HEADERS = ("Done", "Step", "Who", "Due", "Done on")
    done_toggled = Signal(int, bool)  # step id, done

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[StepDTO] = []
        self.today = dt.date.today()

    def set_rows(self, rows: list[StepDTO] | tuple[StepDTO, ...], today: dt.date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.today = today
        self.endResetModel()

    def step(self, row: int) -> StepDTO | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_for_id(self, step_id: int) -> int:
        return next((i for i, st in enumerate(self._rows) if st.id == step_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_DONE:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        st = self.step(index.row())
        if st is None:
            return None
        col = index.column()
        overdue = st.is_overdue(self.today)
        if role == Qt.ItemDataRole.CheckStateRole and col == self.COL_DONE:
            return Qt.CheckState.Checked if st.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(st, col, overdue)
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue and col in (self.COL_TEXT, self.COL_DUE):
                return theme.attention()
            return theme.muted() if st.done else None
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.COL_DONE:
            return self.tr("Done") if st.done else self.tr("Not done")
        if role == Qt.ItemDataRole.ToolTipRole and overdue:
            return self.tr("This step is past its due date.")
        return None

    def _text(self, st: StepDTO, col: int, overdue: bool) -> str | None:
        if col == self.COL_TEXT:
            return st.text
        if col == self.COL_WHO:
            return self.tr(st.who_label)
        if col == self.COL_DUE:
            due = format_date(st.due_on)
            return self.tr("%1 · overdue").replace("%1", due) if overdue else due
        if col == self.COL_DONE_ON:
            return format_date(st.done_on)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        st = self.step(index.row())
        if st is None or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.done_toggled.emit(st.id, checked)
        return True
