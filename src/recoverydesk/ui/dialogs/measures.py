"""A participant's measures (issue 23, item 3): the measure templates the practice has loaded
(each with where its wording comes from and the licence it is used under), this participant's
readings, newest first, and the ways to load a template file and to record a reading.

RecoveryDesk ships no questionnaire wording (see services/chime/measure_rules.py): the QPR, or
any measure, comes from a template file the coach loads with the wording their licence allows
(resources/chime/README.md shows the format). Opened from the Recovery story tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.chime.types import MeasureDef, MeasureReadingDTO
from recoverydesk.services.types import ServiceError
from recoverydesk.ui.dialogs.measure_reading import MeasureReadingDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import format_date, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


def reading_text(r: MeasureReadingDTO) -> str:
    total = (f"total {r.total} of {r.max_total}" if r.total is not None
             else "too few answers for a total")
    return f"{format_date(r.taken_on)} · {r.template_name} · {total}" + (
        f" ({r.note})" if r.note else "")


class MeasuresDialog(QDialog):
    def __init__(self, services: Services, participant_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.templates: list[MeasureDef] = []
        name = services.participants.get(participant_id).display_name
        self.setWindowTitle(self.tr("Measures"))
        fit_size(self, QSize(720, 520))
        self.loaded = label("", "muted")
        self.readings = QListWidget()
        self.readings.setAccessibleName(self.tr("Readings"))
        self.readings.setWordWrap(True)
        self.message = label("", "muted")
        self.load_button = QPushButton(icon("file-upload-outline"),
                                       self.tr("Load a measure template…"))
        self.load_button.setToolTip(self.tr(
            "A measure's wording and scoring rules from a file, such as the QPR with the "
            "wording your licence allows"))
        self.load_button.clicked.connect(self.load_template)
        self.record_button = QPushButton(icon("plus"), self.tr("Record a reading…"))
        self.record_button.clicked.connect(self.record)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.load_button)
        row.addStretch(1)
        row.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("Measures for %1").replace("%1", name), "heading"))
        layout.addWidget(self.loaded)
        layout.addWidget(label(self.tr("Readings"), "heading"))
        layout.addWidget(self.readings, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        measures = self.services.chime.measures
        self.templates = measures.templates()
        if self.templates:
            self.loaded.setText("\n".join(
                self.tr("%1 (wording from: %2; used under: %3)").replace("%1", m.name)
                .replace("%2", m.source).replace("%3", m.licence) for m in self.templates))
        else:
            self.loaded.setText(self.tr(
                "No measure loaded yet. RecoveryDesk ships no questionnaire wording: load a "
                "template file with the wording your licence allows (for example the QPR)."))
        self.record_button.setEnabled(bool(self.templates))
        self.readings.clear()
        found = measures.readings(self.participant_id)
        for r in reversed(found):  # newest first
            self.readings.addItem(reading_text(r))
        if not found:
            self.readings.addItem(self.tr("No readings yet."))

    def load_template(self, path: str = "") -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Load a measure template"), "",
                self.tr("Measure template (*.json)"))
        if not path:
            return
        measures = self.services.chime.measures

        def loaded(m) -> None:
            self.message.setText(self.tr("Loaded %1.").replace("%1", m.name))
            self.refresh()

        def refused(err: BaseException) -> None:
            if isinstance(err, ServiceError):  # the file's trouble, in one plain sentence
                self.message.setText(str(err))
                return
            from recoverydesk.ui.errors import show_exception  # only when it goes wrong

            show_exception(err, self)

        Op(self, lambda: measures.load_template(path)).success(loaded).failure(refused).run()

    def record(self) -> None:
        if not self.templates:
            return
        dialog = MeasureReadingDialog(self.services, self.participant_id, self.templates, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
