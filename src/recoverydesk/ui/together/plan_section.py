"""The plan as it will print: the plan pack's pages, drawn from the same printing service as
File > Print, to read together; "We agree" records the agreed version (the plans service), with
the participant's typed name, if they give it, as their sign-off in the version's note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.ui.dialogs.pdf_preview import render_pages
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.together.base import Section
from recoverydesk.ui.together.kit import big_button, clear_layout, plain_error
from recoverydesk.ui.widgets.common import format_date

PAGE_DPI = 96  # pages shown at about their printed size on a 96-dpi screen
PAGE_INCHES = 8.27  # an A4 page's width


def page_dpi(width: int) -> float:
    """Pages at their printed size, or smaller so a whole page's width fits ``width`` px."""
    return max(48.0, min(PAGE_DPI, (width - 32) / PAGE_INCHES))


def agreement_note(signed_by: str) -> str:
    note = "Read and agreed together in a session."
    signed_by = " ".join(signed_by.split())
    return f"{note} Signed: {signed_by}." if signed_by else note


class PlanSection(Section):
    key = "plan"
    rail_text = "Our plan"
    icon_name = "file-document-outline"

    def __init__(self, services, participant_id, name):
        super().__init__(services, participant_id, name)
        self.add_heading(self.tr("Your plan, as it will print"))
        body = QWidget()
        self.pages = QVBoxLayout(body)
        self.pages.setSpacing(16)
        self.pages.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidget(body)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.outer.addWidget(self.page_scroll, 1)
        sign = QHBoxLayout()
        self.large_print = big_button(self.tr("Large print"), "format-size")
        self.large_print.setCheckable(True)
        self.large_print.setToolTip(self.tr("Show and print the plan in larger type"))
        self.large_print.toggled.connect(self._redraw)
        sign.addWidget(self.large_print)
        self.signed_by = QLineEdit()
        self.signed_by.setPlaceholderText(self.tr("Type your name to sign (if you like)"))
        self.signed_by.setAccessibleName(self.tr("Your name, to sign"))
        self.agree_button = big_button(self.tr("We agree"), "check", primary=True)
        sign.addWidget(self.signed_by, 1)
        sign.addWidget(self.agree_button)
        self.outer.addLayout(sign)
        self.agree_button.clicked.connect(self.agree)
        self.page_images = []
        self._stale = True
        self._ratio = 1.0
        self._agreed = ""  # what "We agree" recorded, said above the pages

    def _redraw(self) -> None:
        self._stale = True
        self.load()

    def load(self) -> None:
        if not self._stale:
            return
        self._stale = False
        self.say(self.tr("Preparing the pages…"))
        printing, pid = self.services.printing, self.participant_id
        large, ratio = self.large_print.isChecked(), self.devicePixelRatioF()
        self._ratio = ratio
        dpi = page_dpi(self.page_scroll.viewport().width() if self.isVisible() else 10_000)

        def render():  # (sharp on a 2x screen: the pages are drawn at its pixel density)
            result = printing.plan_pack_pdf(pid, large_print=large)
            return result, render_pages(result.pdf, dpi * ratio)

        def failed(error: BaseException) -> None:
            self._stale = True
            self.say(plain_error(error, self.tr("Could not show the plan")), error=True)

        Op(self, render, write=False).success(self._show).failure(failed).run()

    def _show(self, rendered) -> None:
        result, images = rendered
        clear_layout(self.pages)
        self.page_images = images
        for i, image in enumerate(images):
            page = QLabel()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self._ratio)
            page.setPixmap(pixmap)
            page.setAccessibleName(self.tr("Page %1 of %2").replace("%1", str(i + 1)).replace(
                "%2", str(len(images))))
            page.setFrameShape(QFrame.Shape.Box)
            self.pages.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        if self._agreed:
            self.say(self._agreed)
        elif result.version_number:
            self.say(self.tr("Plan version %1: read it together, then agree it.").replace(
                "%1", str(result.version_number)))
        else:
            self.say(self.tr("Read it together, then agree it."))

    def agree(self) -> None:
        today = dt.date.today()
        plans, printing, pid = self.services.plans, self.services.printing, self.participant_id
        note = agreement_note(self.signed_by.text())

        def work():
            return plans.agree(pid, printing.suggested_review_date(pid, today), note, on=today)

        def agreed(version) -> None:
            self.agree_button.setEnabled(True)
            self.signed_by.clear()
            self._stale = True
            self._agreed = self.tr("Agreed: plan version %1, %2.").replace(
                "%1", str(version.number)).replace("%2", format_date(today))
            self.say(self._agreed)
            self.load()

        self.agree_button.setEnabled(False)  # one version per "We agree"
        self.save(work, agreed, on_failure=lambda _e: self.agree_button.setEnabled(True))

    def on_changed(self, changes) -> None:
        self._stale = True
