"""The right-hand side for one participant: a header, then one tab per capability (the page
classes it is given: ``PARTICIPANT_PAGES`` in ``ui/extensions.py``).

The tabs are built one per turn of the event loop, the first at once: building all six in one
go held the window still for several hundred milliseconds each time a practice opened (the WRAP
and Goals pages are big). The workspace is behind the home view while that happens; asking for
a page (``page(key)``, ``pages``) builds whatever is still missing at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from recoverydesk.services.types import ChangeSet
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class ParticipantWorkspace(QWidget):
    edit_requested = Signal()
    archive_requested = Signal()
    # A line asked to open a key no tab has (the Claims view's "claims"): a window part opens it.
    elsewhere_requested = Signal(str)

    def __init__(self, services: Services, pages: Sequence[type[ParticipantPage]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id: int | None = None
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
        self.archive_button.clicked.connect(self.archive_requested)

        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.name_label)
        header.addWidget(self.pronoun_label)
        header.addWidget(self.status_chip)
        header.addStretch(1)
        header.addWidget(self.edit_button)
        header.addWidget(self.archive_button)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self._to_build = sorted(pages, key=lambda c: c.order)
        self._built: list[ParticipantPage] = []
        self._builder = QTimer(self, singleShot=True, interval=0)  # goes with the workspace
        self._builder.timeout.connect(self._build_later)
        self._build_next()  # the first tab at once, the others one per turn of the loop
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)

    @property
    def pages(self) -> list[ParticipantPage]:
        """Every tab's page, in tab order (building those not built yet)."""
        while self._to_build:
            self._build_next()
        return list(self._built)

    def page(self, key: str) -> ParticipantPage | None:
        found = next((p for p in self._built if p.key == key), None)
        while found is None and self._to_build:
            found = self._build_next()
            if found.key != key:
                found = None
        return found

    def _build_next(self) -> ParticipantPage:
        page = self._to_build.pop(0)(self.services, self)
        self._built.append(page)
        self.tabs.addTab(page, icon(page.icon_name) if page.icon_name else icon("circle"),
                         page.tab_title())
        open_signal = getattr(page, "open_page", None)
        if open_signal is not None:
            open_signal.connect(self.show_page)
        if self.participant_id is not None:  # it loads when it is first shown
            page.participant_id = self.participant_id
            page.setProperty("stale", True)
        if self._to_build:
            self._builder.start()
        return page

    def _build_later(self) -> None:
        if self._to_build:
            self._build_next()

    def show_page(self, key: str, ref: object = None) -> None:
        page = self.page(key)
        if page is None:
            self.elsewhere_requested.emit(key)
            return
        self.tabs.setCurrentWidget(page)
        if ref is not None:
            page.focus_item(ref)

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
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, ParticipantPage) and page.property("stale"):
            page.setProperty("stale", False)
            page.set_participant(self.participant_id)

    def _load_header(self) -> None:
        if self.participant_id is None:
            return
        p = self.services.participants.get(self.participant_id)
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
            if page is current:
                page.on_changed(changes)
            elif page.watches and changes.touches(*page.watches,
                                                  participant_id=self.participant_id):
                page.setProperty("stale", True)
