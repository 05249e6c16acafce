"""Add or edit one service or group in the practice's resource directory."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.resources.types import (
    CATEGORY_LABELS,
    FIELD_LABELS,
    ResourceDraft,
    ResourceDTO,
    resource_problems,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import OptionalDateEdit
from recoverydesk.ui.widgets.scroll_body import scroll_body

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


class ResourceDialog(FormDialog):
    def __init__(
        self, services: Services, resource: ResourceDTO | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.services = services
        self.resource = resource
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

        fields: dict[str, QWidget] = {
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
        form = QFormLayout()
        form.setVerticalSpacing(8)
        for key, widget in fields.items():
            widget.setAccessibleName(self.tr(FIELD_LABELS[key]))
            error = self.add_field(key, widget)
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
            form.addRow(self.tr(FIELD_LABELS[key]), holder)
        for key in ("name", "cost", "phone", "email", "website", "tags"):
            self.recheck_on(key, fields[key].textChanged)
        self.recheck_on("last_checked", self.last_checked.dateChanged)
        self.today_button.clicked.connect(lambda: self.last_checked.set_value(dt.date.today()))

        self.buttons = self.save_cancel_buttons()
        self.buttons.button(self.buttons.StandardButton.Save).setProperty("primary", True)
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
            getattr(self, key).setText(getattr(r, key))
        for key in ("offers", "eligibility", "notes"):
            getattr(self, key).setPlainText(getattr(r, key))
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
            base_version=self.resource.version if self.resource else None,
        )

    def problems(self) -> dict[str, str]:
        return resource_problems(self.draft())

    def write(self):
        draft, svc = self.draft(), self.services.resources
        if self.resource is None:
            return lambda: svc.create(draft)
        rid = self.resource.id
        return lambda: svc.update(rid, draft)
