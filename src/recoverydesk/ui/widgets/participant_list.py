"""The left panel: find a participant as you type, filter by status, show archived."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.icons import icon
from recoverydesk.ui.qtmodels.participants import (
    IdRole,
    ParticipantListModel,
)
from recoverydesk.ui.widgets.two_line import TwoLineDelegate

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class ParticipantListPanel(QWidget):
    participant_selected = Signal(object)  # int | None
    add_participant = Signal()  # the empty practice's first step

    def __init__(self, services: Services | None, parent: QWidget | None = None, *,
                 caseload: list | None = None):
        """``caseload``: everyone's rows, archived too, when already read (on the worker at
        start-up); otherwise they are read here. ``services`` None: start-up shows the caseload
        before the services are built (``attach`` them when they come)."""
        super().__init__(parent)
        self.services = services
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Find a participant"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("account-search-outline"),
                                   QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.setAccessibleName(self.tr("Find a participant"))
        self.filter_edit.setToolTip(self.tr(
            "Type the start of a first, family or preferred name, or digits of an NDIS number"))
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(self.tr("Status filter"))
        for text, value in ((self.tr("Everyone"), None), (self.tr("Active"), "active"),
                            (self.tr("Paused"), "paused"), (self.tr("Exited"), "exited")):
            self.status_combo.addItem(text, value)
        self.archived_check = QCheckBox(self.tr("Show archived"))
        self.model = ParticipantListModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(TwoLineDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setAccessibleName(self.tr("Participants"))
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        self.count_label.setWordWrap(True)  # "13 participants · 1 archived not shown" on a
        # narrow screen wraps, rather than widening the window past it
        # A practice with nobody in it yet says what to do first, where the list will be.
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(8, 24, 8, 8)
        self.empty_label = QLabel(self.tr(
            "No participants yet. Add your first participant, and their recovery journey "
            "starts here."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "muted")
        self.empty_button = QPushButton(icon("account-plus-outline"),
                                        self.tr("Add your first participant…"))
        self.empty_button.clicked.connect(self.add_participant)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_button)
        empty_layout.addStretch(1)
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.status_combo)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.archived_check)
        layout.addWidget(self.count_label)

        self.filter_edit.textChanged.connect(self.reload)
        self.status_combo.currentIndexChanged.connect(self.reload)
        self.archived_check.toggled.connect(self.reload)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        # From "Find a participant": Down goes into the list, Enter opens the first match.
        self.filter_edit.installEventFilter(self)
        self.view.installEventFilter(self)
        if caseload is None:
            self.reload()
        else:
            self._show(caseload)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(IdRole) if index.isValid() else None

    def attach(self, services: Services) -> None:
        """The services arrived (start-up): a search typed meanwhile is run now."""
        self.services = services
        if self.filter_edit.text().strip() or self.status_combo.currentData() is not None:
            self.reload()

    def reload(self) -> None:
        if self.services is None:  # (start-up: ``attach`` runs it once they are here)
            return
        self._show(self.services.participants.list(
            self.filter_edit.text(), self.status_combo.currentData(), include_archived=True))

    def _show(self, matching: list) -> None:
        keep = self.current_id()
        show_archived = self.archived_check.isChecked()
        rows = matching if show_archived else [r for r in matching if not r.archived]
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.view.selectionModel().blockSignals(False)
        n = len(rows)
        nobody_yet = not matching and not self.filter_edit.text().strip() \
            and self.status_combo.currentData() is None
        self.empty.setVisible(nobody_yet)
        self.view.setVisible(not nobody_yet)
        text = self.tr("1 participant") if n == 1 else self.tr("%1 participants").replace(
            "%1", str(n))
        hidden = len(matching) - n
        if hidden:  # so nobody wonders where a person went
            text += " · " + self.tr("%1 archived not shown").replace("%1", str(hidden))
        self.count_label.setText(text)
        if keep is not None and self.select(keep, emit=False):
            return
        if keep is not None:
            self.participant_selected.emit(None)

    def select(self, participant_id: int, emit: bool = True) -> bool:
        row = self.model.row_for_id(participant_id)
        if row < 0:
            return False
        if not emit:
            self.view.selectionModel().blockSignals(True)
        self.view.setCurrentIndex(self.model.index(row, 0))
        if not emit:
            self.view.selectionModel().blockSignals(False)
        return True

    def set_notes(self, notes: dict[int, str], tips: dict[int, str]) -> None:
        """A word under some rows, with its whole sentence as their tooltip (a team
        practice: who took them offline)."""
        self.model.set_notes(notes, tips)

    def clear_current(self) -> None:
        """Nobody chosen (the home view): clicking anyone, even the person just left, opens
        them; a selection cleared alone leaves them current, and clicking them did nothing."""
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        selection.clear()  # the selection and the current row
        selection.blockSignals(False)
        self.view.viewport().update()

    def on_changed(self, changes: ChangeSet) -> None:
        if changes.touches("participant"):
            self.reload()

    def _current_changed(self, current, _previous) -> None:
        self.participant_selected.emit(current.data(IdRole) if current.isValid() else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if watched is self.filter_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                return self._into_list(open_it=False)
            if enter and watched in (self.filter_edit, self.view):
                return self._into_list(open_it=True)
        return super().eventFilter(watched, event)

    def _into_list(self, open_it: bool) -> bool:
        """Focus the list on its current row (else the first); ``open_it``: open that person
        even if they are already current (the home view leaves them current)."""
        if self.model.rowCount() == 0:
            return False
        index = self.view.currentIndex()
        if not index.isValid():
            index = self.model.index(0, 0)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if index != self.view.currentIndex():
            self.view.setCurrentIndex(index)  # opens them (currentChanged)
        elif open_it:
            self.participant_selected.emit(index.data(IdRole))
        self.view.selectionModel().select(index, self.view.selectionModel().SelectionFlag
                                          .ClearAndSelect)
        return True
