"""Star templates: see the ones in this practice, copy one (for example to paste in the licensed
Recovery Star descriptions), start a new one, add one from a file, or change one you made.
Changing a template adds a version: readings already made keep the wording they were made with.
The template being edited is checked by ``star.types.check_template`` before saving
(``FormDialog``); saving keeps the dialog open on the saved template."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.star.types import FIELD_LABELS, TemplateDTO, check_template
from recoverydesk.services.types import Changed, ValidationError
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

COL_LABEL, COL_ABOUT = range(2)
KeyRole = Qt.ItemDataRole.UserRole + 1  # the domain's stable key (never shown)
TextRole = Qt.ItemDataRole.UserRole + 2  # the whole description (the cell shows a preview)
NEW_STAGES = "Stuck 1-2, Accepting help 3-4, Believing 5-6, Learning 7-8, Self-reliance 9-10"


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


def key_for(label_text: str, taken: set[str]) -> str:
    """A stable key for a new domain, from its name ("Where I live" -> "where_i_live")."""
    base = re.sub(r"[^a-z0-9]+", "_", label_text.lower()).strip("_")[:60] or "domain"
    if not base[0].isalpha():
        base = f"d_{base}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def preview(text: str) -> str:
    first = " ".join(text.split())
    return first if len(first) <= 90 else first[:89].rstrip() + "…"


class TemplateDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Star templates"))
        fit_size(self, QSize(960, 640))
        self._templates: list[TemplateDTO] = []
        self._new = False  # the editor holds a new template, not saved yet
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
        self.new_button = QPushButton(self.tr("New template"))
        self.new_button.setToolTip(self.tr("Start a star of your own: name its domains"))
        self.new_button.clicked.connect(self.start_new)
        self.import_button = QPushButton(self.tr("Add from a file…"))
        self.import_button.setToolTip(self.tr("A star template saved as a .json file"))
        self.import_button.clicked.connect(self.import_file)
        for button in (self.copy_button, self.new_button, self.import_button):
            left.addWidget(button)
        outer.addLayout(left, 1)

        right = QVBoxLayout()
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Template name"))
        form.addRow(self.tr("&Name"), self.name)
        form.addRow("", self.add_field("name", self.name))
        self.recheck_on("name", self.name.textChanged)
        self.stages = QLineEdit()
        self.stages.setAccessibleName(self.tr(FIELD_LABELS["stages"]))
        self.stages.setToolTip(self.tr("For example: Stuck 1-2, Accepting help 3-4"))
        form.addRow(self.tr("&Stages"), self.stages)
        form.addRow("", self.add_field("stages", self.stages))
        self.recheck_on("stages", self.stages.textChanged)
        right.addLayout(form)
        self.domains = QTableWidget(0, 2)
        self.domains.setAccessibleName(self.tr(FIELD_LABELS["domains"]))
        self.domains.setHorizontalHeaderLabels([self.tr("Domain"), self.tr("Description")])
        header = self.domains.horizontalHeader()
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ABOUT, QHeaderView.ResizeMode.Stretch)
        self.domains.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.domains.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.domains.setTabKeyNavigation(False)  # Tab leaves the table instead of going round it
        self.domains.currentCellChanged.connect(lambda row, *_: self._show_description(row))
        right.addWidget(self.domains, 2)
        rows = QHBoxLayout()
        self.add_domain = QPushButton(self.tr("Add a domain"))
        self.add_domain.clicked.connect(lambda: self._add_domain_row(edit=True))
        self.remove_domain = QPushButton(self.tr("Remove domain"))
        self.remove_domain.clicked.connect(self._remove_domain_row)
        rows.addWidget(self.add_domain)
        rows.addWidget(self.remove_domain)
        rows.addStretch(1)
        right.addLayout(rows)
        # Licensed ladder wording runs to paragraphs: it gets a proper text box, not a cell.
        self.about_label = label("", "muted")
        right.addWidget(self.about_label)
        self.about = QPlainTextEdit()
        self.about.setAccessibleName(self.tr("Description of the chosen domain"))
        self.about.setPlaceholderText(
            self.tr("Paste or type the description of this domain (for example your licensed "
                    "ladder wording). It shows beside the domain during a reading.")
        )
        self.about.setTabChangesFocus(True)
        self.about.textChanged.connect(self._description_edited)
        right.addWidget(self.about, 1)
        self.info = label("", "muted")
        right.addWidget(self.info)
        # A template that cannot be used (from the editor or a file), in the rule's own words.
        self.error = self.add_field("template", self.domains)
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

    # -- showing ---------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        self._new = False
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
        if self._new and row < len(self._templates):
            self._drop_new_item()
        t = self.current()
        if t is None:
            return
        self._fill(t.name, stages_text(t), [(d.key, d.label, d.description)
                                             for d in t.definition.domains], not t.bundled)
        if t.bundled:
            self.info.setText(
                self.tr(
                    "This template comes with the app. Make a copy to change it or to "
                    "paste in your licensed descriptions."
                )
            )
        else:
            self.info.setText(
                self.tr(
                    "Version {0}. Saving adds a new version; past readings keep theirs."
                ).format(t.version_number)
            )

    def _fill(self, name: str, stages: str, domains: list[tuple[str, str, str]],
              editable: bool) -> None:
        self.name.setText(name)
        self.stages.setText(stages)
        self.domains.setRowCount(0)
        for key, text, description in domains:
            self._add_domain_row(key, text, description)
        for widget in (self.name, self.stages, self.about):
            widget.setReadOnly(not editable)
        self.domains.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        for widget in (self.add_domain, self.remove_domain, self.save_button):
            widget.setEnabled(editable)
        self.show_errors({})
        self.domains.setCurrentCell(0, COL_LABEL)
        self._show_description(0)

    def _show_description(self, row: int) -> None:
        item = self.domains.item(row, COL_LABEL) if row >= 0 else None
        about = self.domains.item(row, COL_ABOUT) if row >= 0 else None
        self.about.blockSignals(True)
        self.about.setPlainText((about.data(TextRole) or "") if about else "")
        self.about.blockSignals(False)
        self.about.setEnabled(item is not None)
        name = item.text() if item else ""
        self.about_label.setText(
            self.tr("Description of “{0}”").format(name) if name else self.tr("Description")
        )

    def _description_edited(self) -> None:
        about = self.domains.item(self.domains.currentRow(), COL_ABOUT)
        if about is not None:
            text = self.about.toPlainText()
            about.setData(TextRole, text)
            about.setText(preview(text))

    # -- editing ---------------------------------------------------------------------
    def _add_domain_row(self, key: str = "", text: str = "", description: str = "",
                        edit: bool = False) -> None:
        row = self.domains.rowCount()
        self.domains.insertRow(row)
        name = QTableWidgetItem(text)
        name.setData(KeyRole, key)
        self.domains.setItem(row, COL_LABEL, name)
        about = QTableWidgetItem(preview(description))
        about.setData(TextRole, description)
        about.setFlags(about.flags() & ~Qt.ItemFlag.ItemIsEditable)  # edited in the box below
        self.domains.setItem(row, COL_ABOUT, about)
        if edit:
            self.domains.setCurrentCell(row, COL_LABEL)
            self.domains.editItem(name)

    def _remove_domain_row(self) -> None:
        row = self.domains.currentRow()
        if row >= 0:
            self.domains.removeRow(row)
            self._show_description(self.domains.currentRow())

    def start_new(self) -> None:
        """An empty template in the editor, saved only when the coach chooses Save."""
        if not self._new:
            self._new = True
            item = QListWidgetItem(self.tr("New template (not saved yet)"))
            self.list.blockSignals(True)
            self.list.addItem(item)
            self.list.setCurrentItem(item)
            self.list.blockSignals(False)
        self._fill(self.tr("Our star"), NEW_STAGES, [], editable=True)
        self.info.setText(self.tr("Name the template, then add a domain for each area of life."))
        self._add_domain_row(edit=True)

    def _drop_new_item(self) -> None:
        self._new = False
        self.list.blockSignals(True)
        self.list.takeItem(self.list.count() - 1)
        self.list.blockSignals(False)

    def data(self) -> dict:
        """The template in the editor, as the service takes it (new domains get a key)."""
        t = None if self._new else self.current()
        taken = {self.domains.item(r, COL_LABEL).data(KeyRole) or ""
                 for r in range(self.domains.rowCount())}
        domains = []
        for r in range(self.domains.rowCount()):
            name, about = self.domains.item(r, COL_LABEL), self.domains.item(r, COL_ABOUT)
            text = name.text().strip()
            if not text and not (about.data(TextRole) or "").strip():
                continue  # a row added and left empty
            key = name.data(KeyRole) or key_for(text, taken)
            taken.add(key)
            domains.append(
                {"key": key, "label": text, "description": (about.data(TextRole) or "").strip()}
            )
        return {
            "name": self.name.text().strip(),
            "description": t.definition.description if t else "",
            "scale": {"min": t.definition.scale_min, "max": t.definition.scale_max}
            if t
            else {"min": 1, "max": 10},
            "stages": parse_stages(self.stages.text()),
            "domains": domains,
        }

    # -- actions ---------------------------------------------------------------------
    def copy_current(self) -> None:
        t = self.current()
        if t is None or self._new:
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
        Op(self, lambda: svc.copy_template(t.id, name)).success(
            lambda new: self.reload(new.id)).failure(self._failed).run()

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a star template"), "", self.tr("Star template (*.json)")
        )
        if not path:
            return
        svc = self.services.star
        Op(self, lambda: svc.import_template(path)).success(
            lambda new: self.reload(new.id)).failure(self._failed).run()

    def save_current(self) -> None:
        t = self.current()
        if not self._new and (t is None or t.bundled):
            return
        self.save()

    # -- FormDialog ------------------------------------------------------------------
    def problems(self) -> dict[str, str]:
        try:
            data = self.data()
        except ValidationError as err:  # the stages as typed
            return err.errors
        problems = check_template(data)
        if not data["name"]:  # beside the name itself, not under the domains
            problems = {"name": problems.pop("template")} if problems else problems
        return problems

    def write(self) -> Callable[[], Changed[TemplateDTO]]:
        data, svc = self.data(), self.services.star
        template_id = None if self._new else self.current().id
        return lambda: svc.save_template(data, template_id)

    def _saved(self, value: TemplateDTO) -> None:
        """Saving keeps the dialog open, on the template as saved (the coach may go on to
        another one); Close leaves."""
        self.saved = value
        self.reload(value.id)
