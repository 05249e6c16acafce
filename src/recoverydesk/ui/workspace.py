"""The right-hand side for one participant: a header, then one tab per capability (the page
classes it is given: ``PARTICIPANT_PAGES`` in ``ui/extensions.py``).

Every tab holds an empty placeholder until it is first shown, and its page is built then, in
its place; the first tab's page is built in the turn after the workspace's own. Building the
pages ahead (all at once, then one per turn of the event loop) held the window still each time a
practice opened, was imported or had its passphrase changed: the Goals page alone took 20 ms warm
and 70-200 ms while the worker held the interpreter. Asking for a page (``page(key)``,
``pages``) builds it at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.widgets.fitting_tabs import FittingTabs

if TYPE_CHECKING:
    from recoverydesk.services.container import Services
    from recoverydesk.services.participants.types import ParticipantDTO


class ParticipantWorkspace(QWidget):
    edit_requested = Signal()
    archive_requested = Signal()
    # A line asked to open a key no tab has (the Claims view's "claims"): a window part opens it.
    elsewhere_requested = Signal(str)

    def __init__(self, services: Services, pages: Sequence[type[ParticipantPage]],
                 parent: QWidget | None = None, *, first_page_soon: bool = True):
        """``first_page_soon``: the first tab's page is built in the next turn; False: the
        owner asks for it (``build_first_page``) in a turn it chooses (start-up's own)."""
        super().__init__(parent)
        self.services = services
        self.participant_id: int | None = None
        # The participant as the header last read them: the Overview (on a switch) and the
        # "With <name>" command use it rather than reading them again.
        self.person: ParticipantDTO | None = None
        self.name_label = QLabel()
        self.name_label.setProperty("role", "title")
        self.name_label.setAccessibleName(self.tr("Participant name"))
        self.pronoun_label = QLabel()
        self.pronoun_label.setProperty("role", "muted")
        self.status_chip = QLabel()
        self.status_chip.setProperty("role", "chip")
        self.edit_button = QPushButton(icon("pencil-outline"), self.tr("Edit details"))
        self.archive_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_requested)
        # A line under the name from a window part (a team practice: "taken offline by ...").
        self.note_label = QLabel()
        self.note_label.setObjectName("participantNote")
        self.note_label.setProperty("role", "muted")
        self.note_label.setWordWrap(True)
        self.note_button = QToolButton()
        self.note_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        note = QHBoxLayout()
        note.addWidget(self.note_label, 1)
        note.addWidget(self.note_button)
        self.note_label.hide()
        self.note_button.hide()
        self.archive_button.clicked.connect(self.archive_requested)

        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.name_label)
        header.addWidget(self.pronoun_label)
        header.addWidget(self.status_chip)
        header.addStretch(1)
        header.addWidget(self.edit_button)
        header.addWidget(self.archive_button)

        self.tabs = FittingTabs()  # every tab in sight, with short titles when narrow
        self.tabs.setDocumentMode(False)
        classes = sorted(pages, key=lambda c: c.order)
        self._built: list[ParticipantPage] = []
        self._waiting: dict[QWidget, type[ParticipantPage]] = {}  # placeholder -> its page
        for cls in classes:
            holder = QWidget()
            self._waiting[holder] = cls
            whole, short = (QCoreApplication.translate(cls.__name__, text).replace("&", "&&")
                            for text in (cls.title, cls.short_title or cls.title))
            self.tabs.add_titled_tab(holder, icon(cls.icon_name or "circle"), whole, short)
        self.tabs.currentChanged.connect(self._tab_changed)
        # The first tab's page in a turn of its own: neither the turn that builds the window nor
        # the first participant opened waits for it.
        if first_page_soon:
            QTimer.singleShot(0, self, self.build_first_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addLayout(note)
        layout.addWidget(self.tabs, 1)

    @property
    def pages(self) -> list[ParticipantPage]:
        """Every tab's page, in tab order (building those not built yet)."""
        for holder in list(self._waiting):
            self._build(holder)
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def page(self, key: str) -> ParticipantPage | None:
        found = next((p for p in self._built if p.key == key), None)
        if found is None:
            holder = next((h for h, cls in self._waiting.items() if cls.key == key), None)
            if holder is not None:
                found = self._build(holder)
        return found

    def build_first_page(self) -> None:
        if self.tabs.count() and self.tabs.widget(0) in self._waiting:
            self._build(self.tabs.widget(0))

    def _build(self, holder: QWidget) -> ParticipantPage:
        """Build the page ``holder`` waits for and put it in the placeholder's tab."""
        cls = self._waiting.pop(holder)
        page = cls(self.services, self)
        self._built.append(page)
        index = self.tabs.indexOf(holder)
        was_current = self.tabs.currentIndex() == index
        blocked = self.tabs.blockSignals(True)  # the tab is the same one: no "changed"
        try:
            self.tabs.replace_page(index, page, icon(page.icon_name or "circle"))
            if was_current:
                self.tabs.setCurrentIndex(index)
        finally:
            self.tabs.blockSignals(blocked)
        holder.deleteLater()
        open_signal = getattr(page, "open_page", None)
        if open_signal is not None:
            open_signal.connect(self.show_page)
        if self.participant_id is not None:  # it loads when it is first shown
            page.participant_id = self.participant_id
            page.setProperty("stale", True)
        return page

    def show_page(self, key: str, ref: object = None) -> None:
        page = self.page(key)
        if page is None:
            self.elsewhere_requested.emit(key)
            return
        self.tabs.setCurrentWidget(page)
        if ref is not None:
            page.focus_item(ref)

    def show_note(self, text: str, action: QAction | None = None) -> None:
        """A line under the name (empty: none), with a button for ``action`` if given."""
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))
        if action is not None:
            self.note_button.setDefaultAction(action)
        self.note_button.setVisible(bool(text) and action is not None)

    def save_drafts(self) -> None:
        for page in self._built:
            if page.has_unsaved_changes():
                page.save_draft()

    def set_participant(self, participant_id: int | None) -> None:
        if participant_id != self.participant_id:
            self.save_drafts()
        self.participant_id = participant_id
        self._load_header()
        # Only the visible tab loads now; the others load when first shown.
        for page in self._built:
            page.participant_id = participant_id
            page.setProperty("stale", True)
            if hasattr(page, "given_person"):  # read once per switch (ui/pages/overview.py)
                page.given_person = self.person
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page in self._waiting:  # first shown: its page is built now, in its place
            page = self._build(page)
        if isinstance(page, ParticipantPage) and page.property("stale"):
            page.setProperty("stale", False)
            page.set_participant(self.participant_id)

    def _load_header(self) -> None:
        if self.participant_id is None:
            return
        self.person = p = self.services.participants.get(self.participant_id)
        self.name_label.setText(p.display_name)
        self.pronoun_label.setText(p.pronouns)
        self.pronoun_label.setVisible(bool(p.pronouns))
        self.status_chip.setText(self.tr("Archived") if p.archived else self.tr(p.status_label))
        self.archive_button.setText(self.tr("Restore") if p.archived else self.tr("Archive"))
        self.archive_button.setIcon(icon("archive-arrow-up-outline" if p.archived
                                         else "archive-outline"))

    def on_changed(self, changes: ChangeSet) -> None:
        if self.participant_id is None:
            return
        if changes.touches("participant", participant_id=self.participant_id):
            self._load_header()
        current = self.tabs.currentWidget()
        for page in self._built:
            if hasattr(page, "given_person"):  # what changed is read afresh
                page.given_person = None
            if page is current:
                page.on_changed(changes)
            elif page.watches and changes.touches(*page.watches,
                                                  participant_id=self.participant_id):
                page.setProperty("stale", True)
