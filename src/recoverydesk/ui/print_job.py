"""Putting a PDF on paper: the system's print dialog, then the pages rendered and painted onto
the printer on the worker (``Op``), with a counted progress bar; Cancel only when printing
records nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from recoverydesk.services.types import NO_PROGRESS, Cancelled, ChangeSet, Progress
from recoverydesk.ui.dialogs.pdf_preview import render_pages
from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from recoverydesk.ui.main_window import MainWindow

PRINT_DPI_CAP = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def counting_pages(progress: Progress, text: str) -> Callable[[int, QImage], None]:
    """An ``on_page`` for ``render_pages`` that says which page is being prepared (``text``
    with ``%1``); the bar stays busy, as the number of pages is not known yet."""
    return lambda i, _image: progress.step(i + 1, 0, text.replace("%1", str(i + 1)))


def paint_pdf(pdf: bytes, printer: QPrinter, progress: Progress = NO_PROGRESS) -> int:
    """Paint every page of ``pdf`` onto ``printer`` (safe in a worker thread); returns pages.

    ``progress`` hears each page prepared, then each page sent (counted); when it raises
    ``Cancelled`` the print job is aborted, so nothing half-printed comes out."""
    dpi = min(max(printer.resolution(), 150), PRINT_DPI_CAP)
    images = render_pages(pdf, dpi, counting_pages(progress, _tr("Preparing page %1…")))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started. Please check it is connected.")
    try:
        for i, image in enumerate(images):
            try:
                progress.step(i, len(images), _tr("Sending page %1 of %2 to the printer…")
                              .replace("%1", str(i + 1)).replace("%2", str(len(images))))
            except Cancelled:
                printer.abort()
                raise
            if i:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = target.x() + (target.width() - size.width()) // 2
            y = target.y() + (target.height() - size.height()) // 2
            painter.drawImage(QRect(x, y, size.width(), size.height()), image)
    finally:
        painter.end()
    return len(images)


def print_pdf(
    window: MainWindow,
    make_pdf: Callable[[], bytes],
    title: str,
    changes: ChangeSet | None = None,
    parent: QWidget | None = None,
    write: bool = True,
) -> None:
    """Ask for a printer, then make the PDF (``make_pdf``, on the worker) and print it.
    ``write``: making it records something (a plan version); ``changes`` is what."""
    parent = parent or window
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return

    def job(progress: Progress) -> int:  # (it holds the printer until the job is done)
        return paint_pdf(make_pdf(), printer, progress)

    def done(pages: int) -> None:
        window.statusBar().showMessage(
            window.tr("Sent %1 pages to the printer.").replace("%1", str(pages)), 8000)

    def stopped() -> None:
        window.statusBar().showMessage(window.tr("Printing stopped."), 8000)

    # Cancel only when printing records nothing: a plan printed as agreed is recorded as a plan
    # version before its pages go out, and stopping then would leave the record of a plan nobody
    # has on paper.
    op = (
        Op(parent, job, write=write)
        .success(done)
        .cancelled(stopped)
        .with_progress(window.tr("Preparing the pages for the printer…"),
                       counted=True, cancel=not write)
    )
    if changes is not None:
        op.emits(changes)
    op.run()
