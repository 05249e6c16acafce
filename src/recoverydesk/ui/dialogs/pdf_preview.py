"""A preview of a PDF as page images, before saving or printing it.

PySide6-Essentials has no QtPdf, so pages are rasterised with pypdfium2 (PDFium). Rendering runs
off the GUI thread (``render_pages`` is safe to call from a worker; PDFium itself is not
thread-safe, so calls are serialised).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.screen_fit import fit_size

_PDFIUM = threading.Lock()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium  # heavy: loaded on the first preview, not with the window

    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def render_pages(
    pdf: bytes, dpi: float = 80, on_page: Callable[[int, QImage], None] | None = None
) -> list[QImage]:
    """Every page of ``pdf`` as an RGB image at ``dpi`` (call from a worker thread)."""
    import pypdfium2 as pdfium  # heavy: loaded on the first preview, not with the window

    images: list[QImage] = []
    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            for i in range(len(doc)):
                page = doc[i]
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
                image = QImage(
                    bitmap.buffer,
                    bitmap.width,
                    bitmap.height,
                    bitmap.stride,
                    QImage.Format.Format_RGB888,
                ).copy()  # own the pixels
                image.setDotsPerMeterX(round(dpi / 0.0254))
                image.setDotsPerMeterY(round(dpi / 0.0254))
                page.close()
                images.append(image)
                if on_page is not None:
                    on_page(i, image)
        finally:
            doc.close()
    return images


class PdfPreviewDialog(QDialog):
    """Shows the pages; the caller connects ``save_requested`` / ``print_requested`` and
    ``large_print_changed`` (the caller re-renders and calls ``set_pages``)."""

    save_requested = Signal()
    print_requested = Signal()
    large_print_changed = Signal(bool)

    def __init__(
        self,
        title: str,
        images: list[QImage],
        parent: QWidget | None = None,
        *,
        large_print: bool | None = None,
        save_text: str = "",
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_size(self, QSize(760, 900))
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(16)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages.setStyleSheet("background: #E6EBEE;")
        scroll = QScrollArea()
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(self.tr("Page preview"))
        self.count_label = QLabel()
        self.large_print = QCheckBox(self.tr("&Large print"))
        self.large_print.setVisible(large_print is not None)
        self.large_print.setChecked(bool(large_print))
        self.large_print.toggled.connect(self.large_print_changed)
        self.save_button = QPushButton(save_text or self.tr("&Save PDF…"))
        self.save_button.setDefault(True)
        self.print_button = QPushButton(self.tr("&Print…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save_requested)
        self.print_button.clicked.connect(self.print_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.large_print)
        # Things to talk over before handing the pages over (for the coach, never printed).
        self.notes = QLabel()
        self.notes.setProperty("role", "error")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.notes)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.set_pages(images)

    def set_pages(self, images: list[QImage]) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for i, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("Page %1").replace("%1", str(i)))
            label.setStyleSheet("background: white; border: 1px solid #D5DBDF;")
            self.pages_layout.addWidget(label)
        self.images = list(images)
        n = len(images)
        self.count_label.setText(
            self.tr("%1 pages").replace("%1", str(n)) if n != 1 else self.tr("1 page")
        )
        self.page_count = n

    def set_notes(self, notes: tuple[str, ...] | list[str]) -> None:
        """Show what the coach may want to settle with the participant before printing."""
        heading = self.tr("Before you print:")
        self.notes.setText("\n".join([heading] + [f"• {n}" for n in notes]) if notes else "")
        self.notes.setVisible(bool(notes))

    def set_busy(self, busy: bool) -> None:
        for w in (self.save_button, self.print_button, self.large_print):
            w.setEnabled(not busy)
