"""Star templates: see the ones in this practice, copy one (for example to paste in the licensed
Recovery Star descriptions), make a new one, or change one you made. Changing a template adds a
version: readings already made keep the wording they were made with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.changes import ChangeSet
from recoverydesk.services.errors import ValidationError
from recoverydesk.services.star import TemplateDTO
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import label


def stages_text(template: TemplateDTO) -> str:
    return ", ".join(f"{s.name} {s.min}-{s.max}" for s in template.definition.stages)


def parse_stages(text: str) -> list[dict]:
    """'Stuck 1-2, Accepting help 3-4' -> stage dicts (the service checks the ranges)."""
    out = []
    for part in [p.strip() for p in text.split(",") if p.strip()]:
        name, _, span = part.rpartition(" ")
        low, _, high = span.partition("-")
        if not name or not low.isdigit() or not high.isdigit():
            raise ValidationError.single(
                "stages", f"'{part}' should look like 'Stuck 1-2' (a name, then a range)."
            )
        out.append({"name": name.strip(), "min": int(low), "max": int(high)})
    return out


class TemplateDialog(QDialog):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Star templates"))
        self.resize(900, 600)
        self._templates: list[TemplateDTO] = []
        outer = QHBoxLayout(self)

        left = QVBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Templates"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show)
        left.addWidget(self.list, 1)
        self.copy_button = QPushButton(self.tr("Make a copy…"))
        self.copy_button.setToolTip(
            self.tr("A copy you can change, for example to paste in licensed descriptions")
        )
        self.copy_button.clicked.connect(self.copy_current)
        left.addWidget(self.copy_button)
        outer.addLayout(left, 1)

        right = QVBoxLayout()
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Template name"))
        form.addRow(self.tr("Name"), self.name)
        self.stages = QLineEdit()
        self.stages.setAccessibleName(self.tr("Stages"))
        self.stages.setToolTip(self.tr("For example: Stuck 1-2, Accepting help 3-4"))
        form.addRow(self.tr("Stages"), self.stages)
        right.addLayout(form)
        self.domains = QTableWidget(0, 3)
        self.domains.setAccessibleName(self.tr("Domains"))
        self.domains.setHorizontalHeaderLabels(
            [self.tr("Key"), self.tr("Domain"), self.tr("Description (optional)")]
        )
        self.domains.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.domains.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.domains.setWordWrap(True)
        right.addWidget(self.domains, 1)
        rows = QHBoxLayout()
        self.add_domain = QPushButton(self.tr("Add a domain"))
        self.add_domain.clicked.connect(self._add_domain_row)
        self.remove_domain = QPushButton(self.tr("Remove domain"))
        self.remove_domain.clicked.connect(self._remove_domain_row)
        rows.addWidget(self.add_domain)
        rows.addWidget(self.remove_domain)
        rows.addStretch(1)
        right.addLayout(rows)
        self.info = label("", "muted")
        right.addWidget(self.info)
        self.error = label("", "error")
        self.error.setVisible(False)
        right.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            self.tr("Save changes"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.save_button.clicked.connect(self.save_current)
        self.buttons.rejected.connect(self.reject)
        right.addWidget(self.buttons)
        outer.addLayout(right, 3)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self._templates = self.services.star.templates()
        self.list.blockSignals(True)
        self.list.clear()
        for t in self._templates:
            suffix = self.tr(" (comes with the app)") if t.bundled else ""
            item = QListWidgetItem(f"{t.name}{suffix}")
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        index = next((i for i, t in enumerate(self._templates) if t.id == select_id), 0)
        self.list.setCurrentRow(index)
        self._show(index)

    def current(self) -> TemplateDTO | None:
        row = self.list.currentRow()
        return self._templates[row] if 0 <= row < len(self._templates) else None

    def _show(self, row: int) -> None:
        t = self.current()
        if t is None:
            return
        editable = not t.bundled
        self.name.setText(t.name)
        self.stages.setText(stages_text(t))
        self.domains.setRowCount(0)
        for d in t.definition.domains:
            self._add_domain_row(d.key, d.label, d.description)
        for widget in (self.name, self.stages):
            widget.setReadOnly(not editable)
        self.domains.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        for widget in (self.add_domain, self.remove_domain, self.save_button):
            widget.setEnabled(editable)
        if editable:
            self.info.setText(
                self.tr(
                    "Version {0}. Saving adds a new version; past readings keep theirs."
                ).format(t.version_number)
            )
        else:
            self.info.setText(
                self.tr(
                    "This template comes with the app. Make a copy to change it or to "
                    "paste in your licensed descriptions."
                )
            )
        self.error.setVisible(False)

    def _add_domain_row(self, key: str = "", text: str = "", description: str = "") -> None:
        row = self.domains.rowCount()
        self.domains.insertRow(row)
        for col, value in enumerate((key or f"domain_{row + 1}", text, description)):
            item = QTableWidgetItem(value)
            if col == 0 and key:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)  # keys stay stable
            self.domains.setItem(row, col, item)

    def _remove_domain_row(self) -> None:
        row = self.domains.currentRow()
        if row >= 0:
            self.domains.removeRow(row)

    def data(self) -> dict:
        def cell(r: int, c: int) -> str:
            item = self.domains.item(r, c)
            return item.text().strip() if item else ""

        t = self.current()
        return {
            "name": self.name.text().strip(),
            "description": t.definition.description if t else "",
            "scale": {"min": t.definition.scale_min, "max": t.definition.scale_max}
            if t
            else {"min": 1, "max": 10},
            "stages": parse_stages(self.stages.text()),
            "domains": [
                {"key": cell(r, 0), "label": cell(r, 1), "description": cell(r, 2)}
                for r in range(self.domains.rowCount())
            ],
        }

    def copy_current(self) -> None:
        t = self.current()
        if t is None:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Make a copy"),
            self.tr("Name of the copy"),
            text=self.tr("{0} (our copy)").format(t.name),
        )
        if not ok:
            return
        svc = self.services.star
        Op(self, lambda: svc.copy_template(t.id, name)).emits(
            ChangeSet.of("star_template")
        ).success(lambda new: self.reload(new.id)).failure(self._failed).run()

    def save_current(self) -> None:
        t = self.current()
        if t is None or t.bundled:
            return
        try:
            data = self.data()
        except ValidationError as err:
            self._failed(err)
            return
        svc = self.services.star
        Op(self, lambda: svc.save_template(data, t.id)).emits(
            ChangeSet.of("star_template")
        ).success(lambda saved: self.reload(saved.id)).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.error.setText(str(error))
            self.error.setVisible(True)
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)
