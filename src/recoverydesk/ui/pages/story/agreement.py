"""The Recovery story tab's two commands for the agreed story (issue 23 item 4): "Agree the
story…" (ui/dialogs/agree_story.py, then the story's PDF preview) and "Story PDF…" (the story
as last agreed, to save or print: story_pdf.py). Greyed out while there is nothing to agree
or nothing agreed yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton

from recoverydesk.ui.dialogs.agree_story import AgreeStoryDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.story.story_pdf import StoryPreview
from recoverydesk.ui.widgets.common import format_date, label

if TYPE_CHECKING:
    from recoverydesk.services.chime.story_types import AgreedStoryDTO
    from recoverydesk.services.chime.types import StoryDTO
    from recoverydesk.ui.pages.base import ParticipantPage


class AgreementButtons:
    """A row for ``page`` (the Recovery story tab) to place: which story was last agreed, and
    the two buttons. ``preview`` is the story's preview once shown."""

    def __init__(self, page: ParticipantPage):
        self.page = page
        self.row = QHBoxLayout()
        self.status = label("", "muted")
        self.participant_id: int | None = None
        self.preview: StoryPreview | None = None
        tr = page.tr
        self.agree_button = QPushButton(icon("handshake-outline"), tr("Agree the story…"))
        self.agree_button.setToolTip(tr(
            "With them: choose the moments of each part, write what they want to say, and "
            "agree their Recovery story, to print or attach to a plan review"))
        self.agree_button.clicked.connect(self.agree)
        self.pdf_button = QPushButton(icon("file-pdf-box"), tr("Story PDF…"))
        self.pdf_button.clicked.connect(self.show_pdf)
        self.row.addWidget(self.status, 1)
        self.row.addWidget(self.agree_button)
        self.row.addWidget(self.pdf_button)

    @property
    def services(self):
        return self.page.services

    def refresh(self, participant_id: int, story: StoryDTO,
                history: list[AgreedStoryDTO] | None = None) -> None:
        """``history``: the stories agreed, latest first, if the page read them already."""
        self.participant_id = participant_id
        if history is None:
            history = self.services.chime.stories.history(participant_id)
        agreed = history[0] if history else None
        self.agree_button.setEnabled(not story.empty)
        self.pdf_button.setEnabled(agreed is not None)
        tr = self.page.tr
        if agreed is None:
            self.status.setText(tr("Their Recovery story: not agreed with them yet."))
        else:
            self.status.setText(
                tr("Their Recovery story: agreed on %1%2.").replace(
                    "%1", format_date(agreed.agreed_on)).replace(
                    "%2", tr(" (%1 agreed stories kept)").replace("%1", str(len(history)))
                    if len(history) > 1 else ""))
        self.pdf_button.setToolTip(
            tr("Preview, save or print the story agreed on %1")
            .replace("%1", format_date(agreed.agreed_on)) if agreed is not None
            else tr("No story agreed yet: agree it with them first"))

    def _name(self) -> str:
        return self.services.participants.get(self.participant_id).display_name

    def agree(self) -> None:
        """Agree the story with them, then show it to save or print."""
        if self.participant_id is None:
            return
        chime = self.services.chime
        story, latest = chime.story(self.participant_id), chime.stories.latest(self.participant_id)
        name = self._name()
        dialog = AgreeStoryDialog(self.services, self.participant_id, name, story, latest,
                                  self.page)
        if dialog.exec() and dialog.saved is not None:
            self.preview = StoryPreview(self.page, self.services, dialog.saved.id, name)
            self.preview.show()

    def show_pdf(self) -> None:
        """The story as last agreed, in the PDF preview."""
        if self.participant_id is None:
            return
        agreed = self.services.chime.stories.latest(self.participant_id)
        if agreed is not None:
            self.preview = StoryPreview(self.page, self.services, agreed.id, self._name())
            self.preview.show()
