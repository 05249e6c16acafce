"""File > Print… (Ctrl+P), File > Export PDF… (with a preview), Participant > Plan review
report…, File > Practice details…. Building the PDF, rasterising pages and painting them onto
the printer all run off the GUI thread (``Op``, with a progress bar that counts the pages), so
the window never freezes; ``ui/print_job.py`` puts a PDF on paper.

Printing or saving a plan pack records a plan version (the plan as agreed, kept for good); the
preview records nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from recoverydesk.services.types import ChangeSet, Progress
from recoverydesk.ui.dialogs.pdf_preview import PdfPreviewDialog, render_pages
from recoverydesk.ui.dialogs.practice_settings import PracticeSettingsDialog
from recoverydesk.ui.dialogs.review_draft import ReviewDraftDialog
from recoverydesk.ui.print_job import counting_pages, print_pdf
from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow

PDF_FILTER = "PDF document (*.pdf)"
PREVIEW_DPI = 80


def large_print_default() -> bool:
    return bool(QSettings().value("printing/large_print", False, type=bool))


def set_large_print_default(value: bool) -> None:
    QSettings().setValue("printing/large_print", value)


def _attach_story(dialog: QWidget) -> bool:
    """Whether the review dialog asks for their agreed Recovery story to follow the report."""
    box = getattr(dialog, "attach_story", None)
    return bool(box is not None and box.isEnabled() and box.isChecked())


def _plan_changes(pid: int) -> ChangeSet:
    return ChangeSet.of("plan_version", participant_id=pid)


class PrintController:
    """The window part (``ui/extensions.py``) for printing: File > Print plan (Ctrl+P), File >
    Export plan as PDF (Ctrl+Shift+E), Participant > Plan review report (Ctrl+Alt+R) and
    File > Practice details. Keeps the dialogs it has open (``preview``, ``review_dialog``,
    ``review_preview``)."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.preview: PdfPreviewDialog | None = None
        self.review_dialog: ReviewDraftDialog | None = None
        self.review_preview: PdfPreviewDialog | None = None
        tr = window.tr
        a = window.commands
        print_action = a.add(
            "print_plan",
            tr("&Print plan…"),
            self.print_plan,
            shortcut=QKeySequence.StandardKey.Print,
            icon_name="printer-outline",
            tip=tr("Print the participant's plan to keep (records this version of the plan)"),
        )
        export = a.add(
            "export_plan_pdf",
            tr("E&xport plan as PDF…"),
            self.export_plan,
            shortcut="Ctrl+Shift+E",
            icon_name="file-pdf-box",
            tip=tr("Preview the participant's plan and save it as a PDF"),
        )
        review = a.add(
            "review_report",
            tr("Plan &review report…"),
            self.review_report,
            shortcut="Ctrl+Alt+R",
            icon_name="file-document-edit-outline",
            tip=tr("Draft the progress report for an NDIS plan review"),
        )
        details = a.add(
            "practice_details",
            tr("Practice &details…"),
            self.practice_details,
            icon_name="card-account-details-outline",
            tip=tr("Your practice and coach names, printed on reports"),
        )
        for action in (print_action, export, details):
            window.add_file_action(action)
        window.needs_participant(print_action, export, review)
        window.needs_practice(details)  # greyed out until a practice is open
        window.participant_menu.addSeparator()
        window.participant_menu.addAction(print_action)
        window.participant_menu.addAction(review)
        window.toolbar.addAction(print_action)

    @property
    def services(self):
        return self.window.services

    def _participant(self) -> int | None:
        pid = self.window.current_participant_id()
        if pid is None:
            QMessageBox.information(
                self.window,
                self.window.tr("Choose a participant"),
                self.window.tr("Choose a participant in the list first, then print their plan."),
            )
        return pid

    # -- print ---------------------------------------------------------------------------
    def print_plan(self) -> None:
        if self.services is None:
            return
        pid = self._participant()
        if pid is None:
            return
        record = self._agree_new_version(pid, self.window)
        if record is None:
            return
        svc, large = self.services.printing, large_print_default()
        print_pdf(
            self.window,
            lambda: svc.print_plan(pid, large_print=large, record=record).value.pdf,
            self.window.tr("Print plan"),
            _plan_changes(pid),
        )

    def _agree_new_version(self, pid: int, parent: QWidget) -> bool | None:
        """Whether printing agrees a new plan version: yes for someone supported now; for
        someone archived or exited the coach is asked (None: they cancelled)."""
        p = self.services.participants.get(pid)
        if not (p.archived or p.status == "exited"):
            return True
        tr = self.window.tr
        why = tr("is archived") if p.archived else tr("has exited support")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("Support has ended"),
            tr("%1 %2. Print their plan as it is, or agree it as a new plan version too?")
            .replace("%1", p.display_name)
            .replace("%2", why),
            QMessageBox.StandardButton.Cancel,
            parent,
        )
        plain = box.addButton(tr("Print only"), QMessageBox.ButtonRole.AcceptRole)
        agree = box.addButton(tr("Agree a new version"), QMessageBox.ButtonRole.YesRole)
        box.setDefaultButton(plain)
        box.exec()
        if box.clickedButton() is plain:
            return False
        if box.clickedButton() is agree:
            return True
        return None

    # -- export with a preview -----------------------------------------------------------
    def export_plan(self) -> None:
        if self.services is None:
            return
        pid = self._participant()
        if pid is None:
            return
        name = self.services.participants.get(pid).display_name
        self._show_plan_preview(pid, name, large_print_default())

    def _show_plan_preview(self, pid: int, name: str, large: bool) -> None:
        svc = self.services.printing
        tr = self.window.tr

        page_text = tr("Preparing page %1…")

        def build(progress: Progress):
            result = svc.plan_pack_pdf(pid, large_print=large)
            return result, render_pages(result.pdf, PREVIEW_DPI,
                                        counting_pages(progress, page_text))

        def stopped() -> None:
            if self.preview is not None and self.preview.isVisible():
                self.preview.set_busy(False)

        def show(payload) -> None:
            result, images = payload
            if self.preview is not None and self.preview.isVisible():
                self.preview.set_pages(images)
                self.preview.set_notes(result.notes)
                self.preview.set_busy(False)
                return
            dialog = PdfPreviewDialog(
                tr("%1's plan: preview").replace("%1", name), images, self.window, large_print=large
            )
            self.preview = dialog
            dialog.set_notes(result.notes)
            dialog.large_print_changed.connect(lambda on: self._relayout(pid, name, on))
            dialog.save_requested.connect(
                lambda: self._save_plan(pid, name, dialog.large_print.isChecked(), dialog)
            )
            dialog.print_requested.connect(lambda: self._print_previewed(pid, dialog))
            dialog.show()

        Op(self.window, build, write=False).success(show).cancelled(stopped).with_progress(
            tr("Preparing the preview…"), counted=True, cancel=True
        ).run()

    def _print_previewed(self, pid: int, dialog: PdfPreviewDialog) -> None:
        record = self._agree_new_version(pid, dialog)
        if record is None:
            return
        svc, large = self.services.printing, dialog.large_print.isChecked()
        print_pdf(
            self.window,
            lambda: svc.print_plan(pid, large_print=large, record=record).value.pdf,
            self.window.tr("Print plan"),
            _plan_changes(pid),
            dialog,
        )

    def _relayout(self, pid: int, name: str, large: bool) -> None:
        set_large_print_default(large)
        if self.preview is not None:
            self.preview.set_busy(True)
        self._show_plan_preview(pid, name, large)

    def _save_plan(self, pid: int, name: str, large: bool, parent: QWidget) -> None:
        suggested = Path.home() / f"{name} - recovery plan.pdf"
        path, _ = QFileDialog.getSaveFileName(
            parent, self.window.tr("Save the plan as a PDF"), str(suggested), PDF_FILTER
        )
        if not path:
            return
        out = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        record = self._agree_new_version(pid, parent)
        if record is None:
            return
        svc = self.services.printing

        def done(result) -> None:
            self.window.statusBar().showMessage(
                self.window.tr("Saved %1.").replace("%1", str(out)), 8000
            )
            parent.accept() if hasattr(parent, "accept") else None

        Op(parent, lambda: svc.print_plan(pid, out, large_print=large, record=record)).success(
            done
        ).with_progress(self.window.tr("Saving the plan…")).run()

    # -- plan review report --------------------------------------------------------------
    def review_report(self) -> None:
        if self.services is None:
            return
        pid = self._participant()
        if pid is None:
            return
        name = self.services.participants.get(pid).display_name
        reviews = self.services.reviews

        def open_dialog(review) -> None:
            dialog = ReviewDraftDialog(
                self.services, review, name, self._preview_review, self._final_review, self.window
            )
            self.review_dialog = dialog
            dialog.show()

        Op(self.window, lambda: reviews.start(pid)).success(open_dialog).run()

    def _preview_review(self, parent: QWidget, review_id: int) -> None:
        svc = self.services.printing
        review = self.services.reviews.get(review_id)
        pid = review.participant_id
        tr = self.window.tr

        page_text = tr("Preparing page %1…")

        attach = _attach_story(parent)

        def build(progress: Progress):
            pdf = svc.review_report(pid, review_id=review_id, final=False,
                                    attach_story=attach).value.pdf
            return render_pages(pdf, PREVIEW_DPI, counting_pages(progress, page_text))

        def show(images) -> None:
            dialog = PdfPreviewDialog(
                tr("Plan review report: preview (draft)"),
                images,
                parent,
                save_text=tr("Make &final PDF…"),
            )
            dialog.save_requested.connect(
                lambda: (dialog.accept(), self._final_review(parent, review_id))
            )
            dialog.print_requested.connect(
                lambda: print_pdf(
                    self.window,
                    lambda: svc.review_report(pid, review_id=review_id, final=False,
                                              attach_story=attach).value.pdf,
                    tr("Print draft report"),
                    None,
                    dialog,
                    write=False,
                )
            )
            self.review_preview = dialog
            dialog.show()

        Op(parent, build, write=False).success(show).with_progress(
            tr("Preparing the preview…"), counted=True, cancel=True
        ).run()

    def _final_review(self, parent: QWidget, review_id: int) -> None:
        review = self.services.reviews.get(review_id)
        pid = review.participant_id
        name = self.services.participants.get(pid).display_name
        suggested = Path.home() / (
            f"{name} - plan review report {review.period_end.isoformat()}.pdf"
        )
        path, _ = QFileDialog.getSaveFileName(
            parent, self.window.tr("Save the final plan review report"), str(suggested), PDF_FILTER
        )
        if not path:
            return
        out = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        svc = self.services.printing
        reviews = self.services.reviews

        def done(_result) -> None:
            if hasattr(parent, "review"):
                parent.review = reviews.get(review_id)
            self.window.statusBar().showMessage(
                self.window.tr("Saved %1.").replace("%1", str(out)), 8000
            )
            if hasattr(parent, "accept"):
                parent.accept()

        attach = _attach_story(parent)
        Op(parent, lambda: svc.review_report(pid, out=out, review_id=review_id,
                                             attach_story=attach)).success(
            done
        ).with_progress(self.window.tr("Making the final report…")).run()

    # -- practice details ----------------------------------------------------------------
    def practice_details(self) -> None:
        if self.services is None:
            return
        PracticeSettingsDialog(self.services, self.window).exec()
