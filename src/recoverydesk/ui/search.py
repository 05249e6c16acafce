"""One search box for the whole practice (Ctrl+K or Ctrl+F): participants, session notes, goals,
WRAP items and resources, ranked, matching words in bold. Enter opens the result where it lives.
The recovery process filter beside the box (issue 23) keeps what is tagged with one CHIME
process; with no words typed it lists everything tagged with it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QIcon,
    QKeySequence,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.chime.types import PROCESSES, process_label
from recoverydesk.services.practice.types import PracticeLockedError
from recoverydesk.services.search.types import SearchResult
from recoverydesk.ui import theme
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import empty_state, label

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow

ResultRole = Qt.ItemDataRole.UserRole + 1
KIND_ICONS = {"participant": "account-outline", "session": "calendar-text-outline",
              "goal": "flag-outline", "wrap": "lifebuoy", "resource": "map-marker-outline"}
DEBOUNCE_MS = 120
LIMIT = 50
HIGHLIGHT = "#FBE7B5"  # a soft highlighter behind matching words (dark text stays readable)


class ResultModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[SearchResult] = []

    def set_results(self, rows: list[SearchResult]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == ResultRole:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return r.plain_title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{r.kind_label}: {r.plain_title}. {r.plain_snippet}"
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(KIND_ICONS.get(r.kind, "magnify"))
        return None


def _highlight(marked_html: str, background: str | None) -> str:
    style = "font-weight:700;" + (f" background-color:{background};" if background else "")
    return marked_html.replace("<b>", f"<span style='{style}'>").replace("</b>", "</span>")


def result_html(r: SearchResult, muted: str, ink: str | None = None,
                highlight: str | None = None) -> str:
    """The two lines of a result; ``highlight`` is the marker colour behind matching words."""
    kind = html.escape(r.kind_label)
    who = ""
    if r.kind == "goal" and r.participant_name:
        who = f" <span style='color:{muted}'>· {html.escape(r.participant_name)}</span>"
    snippet = r.snippet_html.replace("\n", " ")
    if not snippet and r.kind == "participant":
        snippet = html.escape("Open their overview")
    ink_style = f"color:{ink};" if ink else ""
    return (f"<div style='{ink_style}'><span style='color:{muted}; font-size:small'>"
            f"{kind.upper()}</span>&nbsp;&nbsp;<span style='font-weight:600'>"
            f"{_highlight(r.title_html, highlight)}</span>{who}</div>"
            f"<div style='color:{muted}'>{_highlight(snippet, highlight)}</div>")


class ResultDelegate(QStyledItemDelegate):
    """Two lines of rich text: the kind and title, then the snippet, matches in bold."""

    def sizeHint(self, option, index) -> QSize:
        # As tall as its text at the list's width: a snippet that wraps to a second line gets
        # the room for it instead of running into the next result.
        r = index.data(ResultRole)
        width = option.widget.viewport().width() if option.widget else 600
        minimum = int(option.fontMetrics.height() * 2.6) + 18
        if r is None:
            return QSize(width, minimum)
        doc = self._document(r, option.font, width)
        return QSize(width, max(minimum, int(doc.size().height()) + 18))

    @staticmethod
    def _document(r: SearchResult, font, width: int, selected_ink: str | None = None
                  ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        if selected_ink:
            doc.setHtml(result_html(r, selected_ink, selected_ink, None))
        else:
            doc.setHtml(result_html(r, theme.muted().name(), None, HIGHLIGHT))
        doc.setTextWidth(max(100, width - 60))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        self.initStyleOption(option, index)
        opt = QStyleOptionViewItem(option)
        opt.text = ""
        opt.icon = QIcon()
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        r = index.data(ResultRole)
        if r is None:
            return
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        on_accent = option.palette.highlightedText().color().name()
        size = 22
        glyph = icon(KIND_ICONS.get(r.kind, "magnify"), on_accent if selected else None)
        glyph.paint(painter, rect.left() + 14, rect.top() + (rect.height() - size) // 2,
                    size, size)
        doc = self._document(r, option.font, rect.width(), on_accent if selected else None)
        painter.save()
        top = rect.top() + (rect.height() - doc.size().height()) / 2
        painter.translate(rect.left() + 50, top)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.text().color())
        ctx.clip = QRectF(0, 0, rect.width() - 60, rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


class SearchDialog(QDialog):
    """Type to search; Up/Down to move; Enter to open; Esc to close."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.main_window = window
        self.setWindowTitle(self.tr("Search"))
        self.setMinimumSize(760, 520)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Search people, session notes, goals, WRAP and "
                                             "resources"))
        self.edit.setClearButtonEnabled(True)
        self.edit.addAction(icon("magnify"), QLineEdit.ActionPosition.LeadingPosition)
        self.edit.setAccessibleName(self.tr("Search everything"))
        font = self.edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.edit.setFont(font)
        self.edit.setMinimumHeight(44)
        self.process = QComboBox()
        self.process.setAccessibleName(self.tr("Recovery process"))
        self.process.setToolTip(self.tr("Only what is tagged with one recovery process; with "
                                        "no words typed, everything tagged with it"))
        self.process.addItem(self.tr("Any recovery process"), None)
        for key in PROCESSES:
            self.process.addItem(icon("tag-heart-outline"),
                                 self.tr("Tagged %1").replace("%1", process_label(key, True)),
                                 key)
        self.process.setMinimumHeight(44)
        self.process.currentIndexChanged.connect(lambda _i: self.run_search())
        self.model = ResultModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # re-measure rows on resize
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.empty = empty_state(self.tr("Find anyone or anything: a name, a word from a "
                                         "session note, a goal, a WRAP item or a local "
                                         "service."))
        self.status = label("", "muted", wrap=False)
        hint = label(self.tr("↑ ↓ to choose · Enter to open · Esc to close"), "muted",
                     wrap=False)
        footer = QHBoxLayout()
        footer.addWidget(self.status)
        footer.addStretch(1)
        footer.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(self.edit, 1)
        top.addWidget(self.process)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(footer)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self.open_current)
        self.edit.installEventFilter(self)
        self.view.activated.connect(lambda _i: self.open_current())
        self.view.clicked.connect(lambda _i: self.open_current())
        self._show_results([])

    # -- searching --------------------------------------------------------------------------
    def run_search(self) -> None:
        services = self.main_window.services
        text = self.edit.text().strip()
        process = self.process.currentData()
        if services is None or not (text or process):
            self._show_results([])
            return
        try:
            results = services.search.search(text, limit=LIMIT, process=process)
        except PracticeLockedError:  # locked while the last keystroke waited
            results = []
        self._show_results(results)

    def hideEvent(self, event) -> None:
        self._timer.stop()  # nothing searches a practice behind a closed box
        super().hideEvent(event)

    def _show_results(self, results: list[SearchResult]) -> None:
        self.model.set_results(results)
        has = bool(results)
        self.view.setVisible(has)
        self.empty.setVisible(not has)
        text = self.edit.text().strip()
        if has:
            self.view.setCurrentIndex(self.model.index(0))
            if len(results) >= LIMIT:
                self.status.setText(self.tr("The best %1 matches").replace("%1", str(LIMIT)))
            else:
                self.status.setText(self.tr("1 match") if len(results) == 1 else
                                    self.tr("%1 matches").replace("%1", str(len(results))))
        elif self.process.currentData() is not None:
            self.empty.setText(self.tr("Nothing tagged %1 matches “%2”.").replace(
                "%1", process_label(self.process.currentData(), True)).replace("%2", text)
                if text else self.tr("Nothing is tagged %1 yet.").replace(
                    "%1", process_label(self.process.currentData(), True)))
            self.status.setText("")
        elif text:
            self.empty.setText(self.tr("Nothing matches “%1”. Try fewer words, or the start of "
                                       "a word.").replace("%1", text))
            self.status.setText("")
        else:
            self.status.setText("")

    def results(self) -> list[SearchResult]:
        return [self.model.index(i).data(ResultRole) for i in range(self.model.rowCount())]

    # -- keys and opening -------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
                        Qt.Key.Key_PageUp: -5}[key]
                row = max(0, min(self.model.rowCount() - 1, self.view.currentIndex().row()
                                 + step))
                if self.model.rowCount():
                    self.view.setCurrentIndex(self.model.index(row))
                return True
        return super().eventFilter(obj, event)

    def open_current(self) -> None:
        if self._timer.isActive():  # Enter pressed before the last keystroke was searched
            self._timer.stop()
            self.run_search()
        index = self.view.currentIndex()
        result = index.data(ResultRole) if index.isValid() else None
        if result is None:
            return
        self.accept()
        open_result(self.main_window, result)

    def start(self, text: str = "") -> None:
        if text:
            self.edit.setText(text)
        self.edit.selectAll()
        self.edit.setFocus()
        self.run_search()


def open_result(window: MainWindow, result: SearchResult) -> None:
    """Jump to where a result lives: a participant's tab and item, or the resource directory."""
    if result.participant_id is not None:
        ref = None if result.kind == "participant" else result.ref
        page = result.page if result.kind != "participant" else "overview"
        if window.workspace is not None and window.workspace.page(page) is None:
            page, ref = "overview", None  # that capability has no tab in this build
        window.open_participant(result.participant_id, page, ref)
        return
    directory = window.parts.resources.open_directory()
    if directory is not None:
        directory.search.setText(result.plain_title)  # its own filter shows just that one
        directory.refresh()


class SearchPart:
    """The window part (``ui/extensions.py``): Edit > Search everything (Ctrl+K, Ctrl+F), also
    on the toolbar. ``dialog`` is the search box once first shown (one per open practice)."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.dialog: SearchDialog | None = None
        action = window.commands.add(
            "search", window.tr("&Search everything…"), self.show,
            shortcut=["Ctrl+K", QKeySequence(QKeySequence.StandardKey.Find).toString()],
            icon_name="magnify",
            tip=window.tr("Find people, session notes, goals, WRAP items and resources"))
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(action)
        window.toolbar.addAction(action)
        window.needs_practice(action)  # greyed out until a practice is open
        window.practice_opened.connect(self.reset)

    def show(self) -> None:
        window = self.window
        if window.services is None:
            return
        if self.dialog is None:
            self.dialog = SearchDialog(window)
        dialog = self.dialog
        geo = window.geometry()
        dialog.resize(min(880, max(760, geo.width() // 2)), min(620, geo.height() - 120))
        dialog.move(geo.left() + (geo.width() - dialog.width()) // 2, geo.top() + 80)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.start()

    def reset(self) -> None:
        """A practice was opened: the old practice's results go with its dialog."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
