"""Add or edit one service or group in the practice's resource directory."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.container import Services
from recoverydesk.services.resources.service import (
    CATEGORY_LABELS,
    ResourceDraft,
    ResourceDTO,
    clean_resource,
)
from recoverydesk.services.types import ChangeSet, ValidationError
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import OptionalDateEdit
from recoverydesk.ui.widgets.scroll_body import scroll_body


class ResourceDialog(QDialog):
    def __init__(
        self, services: Services, resource: ResourceDTO | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.resource = resource
        self.saved: ResourceDTO | None = None
        self.setWindowTitle(self.tr("Edit resource") if resource else self.tr("New resource"))
        self.setMinimumWidth(580)

        def text_box(placeholder: str, height: int = 56) -> QPlainTextEdit:
            box = QPlainTextEdit()
            box.setFixedHeight(height)
            box.setPlaceholderText(placeholder)
            box.setTabChangesFocus(True)
            return box

        self.name = QLineEdit()
        self.category = QComboBox()
        for key, text in CATEGORY_LABELS.items():
            self.category.addItem(self.tr(text), key)
        self.offers = text_box(self.tr("What they do, in a sentence or two"), 64)
        self.eligibility = text_box(self.tr("Who can use it: age, area, referral needed…"))
        self.cost = QLineEdit()
        self.cost.setPlaceholderText(self.tr("Free, gold coin, $5 a session…"))
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.website = QLineEdit()
        self.website.setPlaceholderText("https://")
        self.opening_hours = QLineEdit()
        self.opening_hours.setPlaceholderText(self.tr("for example Mon-Fri 9am-4pm"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Words to find it by, separated by commas"))
        self.last_checked = OptionalDateEdit()
        self.today_button = QPushButton(self.tr("Checked today"))
        self.notes = text_box(self.tr("Your own notes: who to ask for, what to expect"))

        self._fields: dict[str, QWidget] = {
            "name": self.name,
            "category": self.category,
            "offers": self.offers,
            "eligibility": self.eligibility,
            "cost": self.cost,
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
            "website": self.website,
            "opening_hours": self.opening_hours,
            "tags": self.tags,
            "last_checked": self.last_checked,
            "notes": self.notes,
        }
        labels = {
            "name": "Name",
            "category": "Category",
            "offers": "What it offers",
            "eligibility": "Who is eligible",
            "cost": "Cost",
            "address": "Address",
            "phone": "Phone",
            "email": "Email",
            "website": "Website",
            "opening_hours": "Opening hours",
            "tags": "Tags",
            "last_checked": "Last checked",
            "notes": "Notes",
        }
        self._errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setVerticalSpacing(8)
        for key, widget in self._fields.items():
            widget.setAccessibleName(self.tr(labels[key]))
            error = QLabel()
            error.setProperty("role", "error")
            error.setWordWrap(True)
            error.hide()
            self._errors[key] = error
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            if key == "last_checked":
                row = QHBoxLayout()
                row.addWidget(widget, 1)
                row.addWidget(self.today_button)
                box.addLayout(row)
            else:
                box.addWidget(widget)
            box.addWidget(error)
            form.addRow(self.tr(labels[key]), holder)
        self.today_button.clicked.connect(lambda: self.last_checked.set_value(dt.date.today()))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll_body(form))  # Save stays in view on a short screen
        layout.addWidget(self.buttons)
        if resource:
            self._load(resource)
        else:
            self.last_checked.set_value(dt.date.today())
        self.name.setFocus()

    def _load(self, r: ResourceDTO) -> None:
        for key in (
            "name",
            "cost",
            "address",
            "phone",
            "email",
            "website",
            "opening_hours",
            "tags",
        ):
            self._fields[key].setText(getattr(r, key))
        for key in ("offers", "eligibility", "notes"):
            self._fields[key].setPlainText(getattr(r, key))
        self.category.setCurrentIndex(self.category.findData(r.category))
        self.last_checked.set_value(r.last_checked)

    def draft(self) -> ResourceDraft:
        return ResourceDraft(
            name=self.name.text(),
            category=self.category.currentData(),
            offers=self.offers.toPlainText(),
            eligibility=self.eligibility.toPlainText(),
            cost=self.cost.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            opening_hours=self.opening_hours.text(),
            tags=self.tags.text(),
            last_checked=self.last_checked.value(),
            notes=self.notes.toPlainText(),
        )

    def _show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self._errors.items():
            message = errors.get(key, "")
            label.setText(self.tr(message) if message else "")
            label.setVisible(bool(message))

    def save(self) -> None:
        draft = self.draft()
        try:
            clean_resource(draft)
        except ValidationError as err:
            self._show_errors(err.errors)
            self._fields[next(iter(err.errors))].setFocus()
            return
        svc = self.services.resources
        if self.resource is None:
            fn = lambda: svc.create(draft)  # noqa: E731
        else:
            rid = self.resource.id
            fn = lambda: svc.update(rid, draft)  # noqa: E731
        Op(self, fn).emits(ChangeSet.of("resource")).success(self._saved).failure(
            self._failed
        ).run()

    def _saved(self, resource: ResourceDTO) -> None:
        self.saved = resource
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self._show_errors(error.errors)
            return
        from recoverydesk.ui.errors import show_exception

        show_exception(error, self)
