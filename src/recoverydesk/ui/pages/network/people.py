"""The people and services around the participant: the list with consent to share, and adding,
editing and archiving them. Each write goes through ``Op``; the page reloads from the bus."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from recoverydesk.services.network.types import ContactDTO
from recoverydesk.ui.dialogs.contact_dialog import ContactDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.network.consent import ConsentBanner
from recoverydesk.ui.pages.network.parts import CardPanel, fit_columns, record_table
from recoverydesk.ui.qtmodels.network import ContactTableModel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import empty_state, label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services


def _icon_png(name: str, size: int) -> str:
    """An icon as base64 PNG, for rich text labels."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    icon(name).pixmap(size, size).save(buffer, "PNG")
    return base64.b64encode(bytes(data)).decode("ascii")


class PeoplePanel(CardPanel):
    def __init__(
        self,
        services: Services,
        participant_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self._participant_id = participant_id
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Support network"), "heading"))
        head.addStretch(1)
        self.add_button = QPushButton(icon("account-plus-outline"), self.tr("Add…"))
        self.add_button.setToolTip(self.tr("Add a person or service to the network"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.setToolTip(self.tr("Take them off the network; the record is kept"))
        for b in (self.add_button, self.edit_button, self.archive_button):
            head.addWidget(b)
        self.body.addLayout(head)
        self.consent_banner = ConsentBanner()
        self.body.addWidget(self.consent_banner)
        self.model = ContactTableModel(self)
        self.view = record_table(self.model, self.tr("Support network"))
        self.body.addWidget(self.view, 1)
        self.empty = empty_state(
            self.tr(
                "No one in the support network yet. Ask who they can count on (family, friends, "
                "neighbours) and which services they see, then add them with “Add…”."
            )
        )
        self.empty.hide()  # until a participant shows (show_contacts() decides)
        self.body.addWidget(self.empty)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.icon_key = self._icon_key()
        foot = QHBoxLayout()
        foot.addWidget(self.show_archived)
        foot.addStretch(1)
        foot.addWidget(self.icon_key)
        self.body.addLayout(foot)

        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.archive_button.clicked.connect(self.toggle_archive)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def _icon_key(self) -> QLabel:
        """What the icons in the Name column mean."""
        size = self.fontMetrics().height()
        bits = []
        for name, text in (
            ("phone-alert-outline", self.tr("emergency contact")),
            ("account-heart-outline", self.tr("person")),
            ("domain", self.tr("service")),
        ):
            png = _icon_png(name, size)
            bits.append(f"<img src='data:image/png;base64,{png}' width='{size}' height='{size}'>"
                        f"&nbsp;{html.escape(text)}")  # (its pixels are doubled at 200%)
        key = QLabel(" &nbsp; ".join(bits))
        key.setTextFormat(Qt.TextFormat.RichText)
        key.setProperty("role", "muted")
        key.setAccessibleName(self.tr("Icon key"))
        return key

    # -- showing ---------------------------------------------------------------------------
    def show_contacts(self, contacts: list[ContactDTO]) -> None:
        self.model.set_rows(contacts)
        self.view.setVisible(bool(contacts))
        self.empty.setVisible(not contacts)
        self.consent_banner.show_for(contacts)
        fit_columns(self.view, stretch=(ContactTableModel.COL_ROLE,))
        self._update_buttons()

    def selected(self) -> ContactDTO | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select(self, contact_id: int) -> None:
        row = self.model.row_for_id(contact_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.setFocus()

    def _update_buttons(self, *_args) -> None:
        contact = self.selected()
        self.edit_button.setEnabled(contact is not None)
        self.archive_button.setEnabled(contact is not None)
        self.archive_button.setText(
            self.tr("Restore") if contact is not None and contact.archived else self.tr("Archive")
        )

    # -- changing --------------------------------------------------------------------------
    def add(self) -> None:
        pid = self._participant_id()
        if pid is None:
            return
        dialog = ContactDialog(self.services, pid, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.select(dialog.saved.id)

    def edit(self) -> None:
        contact = self.selected()
        if contact is not None:
            ContactDialog(self.services, contact.participant_id, contact, parent=self).exec()

    def toggle_archive(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        svc = self.services.network
        archive = not contact.archived

        def offer_undo(_result) -> None:
            window = self.window()
            if archive and hasattr(window, "offer_undo"):
                window.offer_undo(
                    self.tr("%1 archived.").replace("%1", contact.name),
                    lambda: Op(self, lambda: svc.set_archived(contact.id, False)).run(),
                )

        Op(self, lambda: svc.set_archived(contact.id, archive)).success(offer_undo).run()
