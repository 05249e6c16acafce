"""The agreed Recovery story as a PDF (issue 23 item 4), in the preview the plan pack uses: the
pages built and rasterised on the worker with a progress bar, then Save PDF… or Print…, normal
or large print (the practice's choice for printed plans, remembered). Nothing is recorded:
the story was recorded when it was agreed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from recoverydesk.services.types import Progress
from recoverydesk.ui.dialogs.pdf_preview import PdfPreviewDialog, render_pages
from recoverydesk.ui.print_job import counting_pages, print_pdf
from recoverydesk.ui.printing import PDF_FILTER, large_print_default, set_large_print_default
from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

PREVIEW_DPI = 80


class StoryPreview:
    """Shows agreed story ``story_id``'s pages; ``dialog`` is the preview once it is up."""

    def __init__(self, owner: QWidget, services: Services, story_id: int, name: str):
        self.owner, self.services, self.story_id, self.name = owner, services, story_id, name
        self.dialog: PdfPreviewDialog | None = None

    def show(self, large: bool | None = None) -> None:
        large = large_print_default() if large is None else large
        printing, sid, tr = self.services.printing, self.story_id, self.owner.tr
        page_text = tr("Preparing page %1…")

        def build(progress: Progress):
            pdf = printing.story_pdf(sid, large_print=large).pdf
            return render_pages(pdf, PREVIEW_DPI, counting_pages(progress, page_text))

        def shown(images) -> None:
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.set_pages(images)
                self.dialog.set_busy(False)
                return
            dialog = PdfPreviewDialog(
                tr("%1's recovery story: preview").replace("%1", self.name), images,
                self.owner.window(), large_print=large, save_text=tr("&Save story PDF…"))
            dialog.large_print_changed.connect(self._relayout)
            dialog.save_requested.connect(self._save)
            dialog.print_requested.connect(self._print)
            self.dialog = dialog
            dialog.show()

        def stopped() -> None:
            if self.dialog is not None:
                self.dialog.set_busy(False)

        Op(self.owner, build, write=False).success(shown).cancelled(stopped).with_progress(
            tr("Preparing the story…"), counted=True, cancel=True).run()

    def _large(self) -> bool:
        return self.dialog is not None and self.dialog.large_print.isChecked()

    def _relayout(self, large: bool) -> None:
        set_large_print_default(large)
        if self.dialog is not None:
            self.dialog.set_busy(True)
        self.show(large)

    def _print(self) -> None:
        printing, sid, large = self.services.printing, self.story_id, self._large()
        print_pdf(self.owner.window(), lambda: printing.story_pdf(sid, large_print=large).pdf,
                  self.owner.tr("Print the recovery story"), None, self.dialog, write=False)

    def _save(self) -> None:
        tr = self.owner.tr
        parent = self.dialog or self.owner
        suggested = Path.home() / f"{self.name} - recovery story.pdf"
        path, _ = QFileDialog.getSaveFileName(parent, tr("Save the recovery story as a PDF"),
                                              str(suggested), PDF_FILTER)
        if not path:
            return
        out = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        printing, sid, large = self.services.printing, self.story_id, self._large()
        window = self.owner.window()

        def done(_result) -> None:
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(tr("Saved %1.").replace("%1", str(out)), 8000)

        Op(parent, lambda: printing.story_pdf(sid, large_print=large, out=out),
           write=False).success(done).with_progress(tr("Saving the story…")).run()
