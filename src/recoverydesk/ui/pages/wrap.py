"""The WRAP tab: the outline of sections on the left, the chosen section's parts in the middle
(quick entry, drag or Alt+arrows to reorder), ideas the coach can offer on the right."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.wrap.types import SECTION_OF, SECTIONS, SUPPORTERS, WrapDTO
from recoverydesk.ui.dialogs.wrap_history import WrapHistoryDialog
from recoverydesk.ui.dialogs.wrap_review import WrapReviewDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.pages.wrap_sections import Editors, section_page
from recoverydesk.ui.qtmodels.wrap import (
    COL_PROGRESS,
    COL_TITLE,
    KeyRole,
    KindRole,
    WrapOutlineModel,
)
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import format_date, label, shortcut
from recoverydesk.ui.widgets.wrap_ideas import WrapIdeasPanel
from recoverydesk.ui.widgets.wrap_part import WrapPartEditor
from recoverydesk.ui.widgets.wrap_people import WrapPeopleEditor

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class WrapPage(ParticipantPage):
    key = "wrap"
    title = "WRAP"
    icon_name = "lifebuoy"
    order = 40
    watches = ("wrap", "contact", "participant")

    def __init__(self, services: Services, parent=None):
        super().__init__(services, parent)
        self.wrap: WrapDTO | None = None
        self.editors: dict[str, WrapPartEditor | WrapPeopleEditor] = Editors(self._build)
        self._candidates: list = []
        self._copy_offer = ""
        self._section_index: dict[str, int] = {}
        self._current_part = "toolbox"

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(12)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.heading = label(self.tr("Wellness Recovery Action Plan"), "title")
        titles.addWidget(self.heading)
        self.status = label("", "muted")
        titles.addWidget(self.status)
        head.addLayout(titles, 1)
        self.history_button = QPushButton(icon("history"), self.tr("History…"))
        self.history_button.setToolTip(self.tr("Earlier reviewed versions of this WRAP"))
        self.review_button = QPushButton(icon("check-decagram-outline", "white"),
                                         self.tr("Mark reviewed…"))
        self.review_button.setProperty("primary", True)
        self.review_button.setToolTip(
            self.tr("Record that you went through the WRAP together (keeps a copy)"))
        head.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(head)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        self.outline_model = WrapOutlineModel(self)
        self.outline = QTreeView()
        self.outline.setModel(self.outline_model)
        self.outline.setAccessibleName(self.tr("WRAP outline"))
        self.outline.setHeaderHidden(True)
        self.outline.setUniformRowHeights(True)
        self.outline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outline.setMinimumWidth(290)  # "Daily Maintenance Plan" and its count, in full
        self.outline.setIndentation(14)
        self.outline.header().setStretchLastSection(False)
        self.outline.header().setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.outline.header().setSectionResizeMode(
            COL_PROGRESS, QHeaderView.ResizeMode.ResizeToContents)
        self.outline.setStyleSheet("QTreeView::item { padding: 4px 2px; }")
        splitter.addWidget(self.outline)

        self.stack = QStackedWidget()
        splitter.addWidget(self.stack)
        self._scrolls: dict[str, QScrollArea] = {}
        self._section_status: dict[str, object] = {}
        for index, section in enumerate(SECTIONS):
            self.stack.addWidget(QWidget())  # the section is built when first shown
            self._section_index[section.key] = index
        self._build(SECTIONS[0].key)

        self.ideas = WrapIdeasPanel()
        self.ideas.setMinimumWidth(190)
        splitter.addWidget(self.ideas)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([290, 700, 215])

        self.empty_hint = label(
            self.tr("Nothing written yet. A good place to start is the Wellness Toolbox: ask "
                    "what helps them feel well, and type each idea, pressing Enter after each."),
            "muted")
        outer.addWidget(self.empty_hint)

        self.outline.selectionModel().currentChanged.connect(self._outline_changed)
        self.outline.activated.connect(self._outline_activated)  # Enter: start typing there
        self.review_button.clicked.connect(self.mark_reviewed)
        self.history_button.clicked.connect(self.show_history)
        self.ideas.offered.connect(self._offer_idea)
        shortcut("Ctrl+Shift+O", self, self.outline.setFocus, Qt.ShortcutContext.WindowShortcut,
                 description=self.tr("Go to the plan's outline"), where=self.tr("WRAP tab"))

    # -- building -------------------------------------------------------------------------
    def _build(self, key: str) -> None:
        """Build a section's page in its place in the stack (once), filled from the WRAP."""
        if key in self._scrolls:
            return
        section = next(s for s in SECTIONS if s.key == key)
        index = self._section_index[key]
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, section_page(self, section))
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        if self.wrap is not None:
            self._fill(key)

    # -- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.participant_id is None:
            return
        tab = self.services.wrap.tab(self.participant_id)  # the plan and the candidates at once
        self.wrap = wrap = tab.wrap
        self._candidates = tab.candidates
        self.outline_model.set_wrap(wrap)
        if not self.outline.currentIndex().isValid():
            self.outline.expandAll()
            self._select("section", "toolbox")
        self._copy_offer = ""
        if not wrap.part("crisis_well").items and wrap.part("daily_well").items:
            self._copy_offer = self.tr("Copy from the Daily Maintenance Plan")
        for key in self._scrolls:  # the sections built so far; the others fill when built
            self._fill(key)
        self.heading.setText(self.tr("%1's WRAP").replace("%1", wrap.preferred_name))
        self.status.setText(self._status_text(wrap))
        self.empty_hint.setVisible(wrap.started_parts == 0)
        self._update_ideas()

    def _fill(self, key: str) -> None:
        section = next(s for s in self.wrap.sections if s.key == key)
        self._section_status[key].setText(self.tr(section.completeness))
        for part in section.parts:
            editor = self.editors[part.key]
            if part.is_people:
                editor.set_people(part.people)
                editor.set_candidates(self._candidates)
            else:
                editor.set_items(part.items)
            if part.key == "crisis_well":
                editor.offer_copy(self._copy_offer)

    def _status_text(self, wrap: WrapDTO) -> str:
        bits = [self.tr("%1 of %2 parts started (%3%)").replace("%1", str(wrap.started_parts))
                .replace("%2", str(wrap.total_parts)).replace("%3", str(wrap.percent))]
        if wrap.last_reviewed:
            bits.append(self.tr("last reviewed %1").replace("%1", format_date(wrap.last_reviewed)))
        else:
            bits.append(self.tr("not reviewed yet"))
        due = wrap.review_due
        if due is not None:
            if due < dt.date.today():
                bits.append(self.tr("review overdue since %1").replace("%1", format_date(due)))
            else:
                bits.append(self.tr("next review %1").replace("%1", format_date(due)))
        if wrap.version_count:
            n = wrap.version_count
            bits.append(self.tr("1 saved version") if n == 1
                        else self.tr("%1 saved versions").replace("%1", str(n)))
        return " · ".join(bits)

    # -- navigation -----------------------------------------------------------------------
    def _select(self, kind: str, key: str) -> None:
        index = self.outline_model.index_for(kind, key)
        if index is not None:
            self.outline.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _outline_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        key, kind = current.data(KeyRole), current.data(KindRole)
        section = key if kind == "section" else SECTION_OF[key]
        self._build(section)
        self.stack.setCurrentIndex(self._section_index[section])
        if kind == "part":
            self._current_part = key
            editor = self.editors[key]
            QTimer.singleShot(0, lambda: self._scroll_to(section, editor))
            self._update_ideas()
        else:
            first = next(s for s in SECTIONS if s.key == section).parts[0].key
            self._current_part = first
            self._scrolls[section].verticalScrollBar().setValue(0)
            self._update_ideas()

    def _outline_activated(self, index) -> None:
        key, kind = index.data(KeyRole), index.data(KindRole)
        part = key if kind == "part" else next(s for s in SECTIONS if s.key == key).parts[0].key
        self.editors[part].entry.setFocus()

    def _scroll_to(self, section: str, editor: QWidget) -> None:
        bar = self._scrolls[section].verticalScrollBar()
        bar.setValue(max(0, editor.y() - 8))

    def show_part(self, part: str, focus: bool = True) -> None:
        self._select("part", part)
        if focus:
            self.editors[part].entry.setFocus()

    def focus_item(self, ref: object) -> None:
        """Show a part (its key) or one item (its id, from a search result)."""
        if isinstance(ref, str) and ref in SECTION_OF:
            self.show_part(ref)
        elif isinstance(ref, int) and self.wrap is not None:
            for section in self.wrap.sections:
                for part in section.parts:
                    if any(i.id == ref for i in part.items):
                        self.show_part(part.key, focus=False)
                        self.editors[part.key].select_id(ref)
                        return

    def _part_activated(self, part: str) -> None:
        if part != self._current_part:
            self._current_part = part
            self._update_ideas()

    def _update_ideas(self) -> None:
        part = self._current_part
        title = next(p.title for s in SECTIONS for p in s.parts if p.key == part)
        already = self.editors[part].texts() if hasattr(self.editors[part], "texts") else []
        self.ideas.show_part(part, self.tr(title), self.services.wrap.ideas(part), already)

    def _offer_idea(self, part: str, text: str) -> None:
        editor = self.editors[part] if part in SECTION_OF else None
        if isinstance(editor, WrapPartEditor):
            self.show_part(part, focus=False)
            editor.entry.setText(text)
            editor.entry.setFocus()
            editor.entry.selectAll()

    # -- writing --------------------------------------------------------------------------
    def _run(self, fn, success=None) -> None:
        """Every write returns ``Changed``: Op publishes it and the bus refreshes this page
        once; ``success`` only gets the value (to reselect a row or offer undo)."""
        op = Op(self, fn)
        if success is not None:
            op.success(success)
        op.run()

    def _add_item(self, part: str, text: str) -> None:
        pid, svc = self.participant_id, self.services.wrap
        self._run(lambda: svc.add_item(pid, part, text))

    def _copy_part(self, part: str) -> None:
        pid, svc = self.participant_id, self.services.wrap
        self._run(lambda: svc.copy_part(pid, "daily_well", part))

    def _edit_item(self, item_id: int, text: str) -> None:
        svc, version = self.services.wrap, self._shown_version(item_id)
        self._run(lambda: svc.update_item(item_id, text, base_version=version))

    def _shown_version(self, item_id: int) -> int | None:
        """The version of the item as this page shows it (what the coach edited)."""
        for section in self.wrap.sections if self.wrap is not None else ():
            for part in section.parts:
                for item in part.items:
                    if item.id == item_id:
                        return item.version
        return None

    def _move_item(self, item_id: int, index: int) -> None:
        svc = self.services.wrap
        self._run(lambda: svc.move_item(item_id, index),
                  lambda _r: self._reselect(item_id))

    def _reselect(self, item_id: int) -> None:
        editor = self.editors.get(self._current_part)
        if isinstance(editor, WrapPartEditor):
            editor.select_id(item_id)
        elif editor is not None:
            for i in range(editor.list.count()):
                if editor.list.item(i).data(Qt.ItemDataRole.UserRole + 1) == item_id:
                    editor.list.setCurrentRow(i)
                    editor.list.setFocus()

    def _reorder(self, part: str, ids: list) -> None:
        pid, svc = self.participant_id, self.services.wrap
        self._run(lambda: svc.reorder(pid, part, ids))

    def _remove_item(self, item_id: int) -> None:
        pid, svc = self.participant_id, self.services.wrap

        def offer_undo(removed) -> None:
            window = self.window()
            if hasattr(window, "offer_undo"):
                window.offer_undo(
                    self.tr("Removed “%1”.").replace("%1", removed.text),
                    lambda: self._run(lambda: svc.add_item(pid, removed.part, removed.text,
                                                           removed.position)))

        self._run(lambda: svc.remove_item(item_id), offer_undo)

    def _add_person(self, part: str, contact_id, name: str, note: str) -> None:
        pid, svc = self.participant_id, self.services.wrap
        if part == SUPPORTERS:
            self._run(lambda: svc.add_supporter(pid, contact_id, note))
        else:
            self._run(lambda: svc.add_not_wanted(pid, contact_id, name, note))

    def _remove_person(self, supporter_id: int) -> None:
        pid, svc = self.participant_id, self.services.wrap

        def offer_undo(removed) -> None:
            window = self.window()
            if not hasattr(window, "offer_undo"):
                return
            if removed.wanted:
                again = lambda: svc.add_supporter(pid, removed.contact_id, removed.note)  # noqa: E731
            else:
                again = lambda: svc.add_not_wanted(  # noqa: E731
                    pid, removed.contact_id, "" if removed.contact_id else removed.name,
                    removed.note)
            window.offer_undo(self.tr("Removed %1 from the crisis plan.")
                              .replace("%1", removed.name), lambda: self._run(again))

        self._run(lambda: svc.remove_person(supporter_id), offer_undo)

    def _edit_person_note(self, supporter_id: int, note: str) -> None:
        svc = self.services.wrap
        self._run(lambda: svc.update_person_note(supporter_id, note))

    def _move_person(self, supporter_id: int, index: int) -> None:
        svc = self.services.wrap
        self._run(lambda: svc.move_person(supporter_id, index),
                  lambda _r: self._reselect(supporter_id))

    def mark_reviewed(self) -> None:
        if self.wrap is None:
            return
        dialog = WrapReviewDialog(self.wrap.preferred_name, self)
        if dialog.exec():
            on, next_review, note = dialog.values()
            pid, svc = self.participant_id, self.services.wrap
            self._run(lambda: svc.mark_reviewed(pid, on, next_review, note))

    def show_history(self) -> None:
        if self.participant_id is None:
            return
        WrapHistoryDialog(self.services.wrap.versions(self.participant_id), self).exec()
