"""The Network & resources tab: who is around the participant (with consent to share), the
eco-map of that network, and the community resources they have been referred to."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.charts.ecomap import EcoMapData, group_colour
from recoverydesk.private_files import write_atomic
from recoverydesk.services.network.service import ContactDTO
from recoverydesk.services.resources.service import ReferralDTO
from recoverydesk.services.types import ChangeSet
from recoverydesk.ui import theme
from recoverydesk.ui.dialogs.contact_dialog import ContactDialog
from recoverydesk.ui.dialogs.referral_dialog import (
    ReferralDialog,
    ReferralStatusDialog,
    goal_choices,
)
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.qtmodels.network import ContactTableModel, ReferralTableModel
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import WrappingLabel, card, empty_state, format_date, label
from recoverydesk.ui.widgets.scroll_body import scroll_page

# The map is drawn at this size, then scaled as a whole to the space it has: small enough that
# its names stay readable beside the network table.
DESIGN_WIDTH_IN, DESIGN_HEIGHT_IN = 4.4, 2.7


def _icon_png(name: str, size: int) -> str:
    """An icon as base64 PNG, for rich text labels."""
    import base64

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    icon(name).pixmap(size, size).save(buffer, "PNG")
    return base64.b64encode(bytes(data)).decode("ascii")


def _fit_dpi(width: int, height: int) -> float:
    """Dots per inch that fit the whole design into width x height (text scales with it)."""
    return max(50.0, min(width / DESIGN_WIDTH_IN, height / DESIGN_HEIGHT_IN))


class EcoMapView(QWidget):
    """Shows an eco-map Figure, scaled as a whole (text included) to the space it has.
    matplotlib's Qt canvas is imported on first use, not at start-up."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Eco-map of the support network"))
        self.setMinimumSize(200, 150)  # the map scales; a short screen still shows it whole
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.canvas = None
        self.data: EcoMapData | None = None
        self._pending = False

    def set_data(self, data: EcoMapData) -> None:
        """Show ``data``: drawn now if the map is on screen, else when it is first shown (a
        participant switch loads hidden tabs, and drawing is most of this tab's cost)."""
        self.data = data
        self._pending = not self.isVisible()
        if not self._pending:
            self._draw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending:
            self._pending = False
            self._draw()

    def _draw(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from recoverydesk.charts.ecomap import ecomap_figure

        data = self.data
        figure = ecomap_figure(
            data,
            width=DESIGN_WIDTH_IN,
            height=DESIGN_HEIGHT_IN,
            show_legend=False,
            show_title=False,
            show_group_labels=False,  # the key below the map names the groups
        )
        if self.canvas is None:
            view = self

            class _Canvas(FigureCanvasQTAgg):
                def resizeEvent(self, event):  # keep the 9-inch design, scale the dots
                    # (in device pixels: at 200% the figure has twice the dots per inch)
                    self.figure.set_dpi(_fit_dpi(event.size().width(), event.size().height())
                                        * self.device_pixel_ratio)
                    super().resizeEvent(event)
                    view.updateGeometry()

            self.canvas = _Canvas(figure)
            self.canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._layout.addWidget(self.canvas)
        else:
            self.canvas.figure = figure
            figure.set_canvas(self.canvas)
            size = self.canvas.size()
            ratio = self.canvas.device_pixel_ratio
            figure.set_dpi(_fit_dpi(size.width(), size.height()) * ratio)
            figure.set_size_inches(
                size.width() * ratio / figure.dpi, size.height() * ratio / figure.dpi,
                forward=False,
            )
        tips = [f"{n.label} ({n.detail})" for n in data.nodes]
        self.setToolTip("\n".join(tips))
        self.canvas.draw_idle()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(width * DESIGN_HEIGHT_IN / DESIGN_WIDTH_IN)


class NetworkPage(ParticipantPage):
    key = "network"
    title = "Network & resources"
    icon_name = "account-group-outline"
    order = 60
    watches = ("contact", "referral", "resource", "participant", "goal")

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        self._contacts: list[ContactDTO] = []
        self._goal_titles: dict[int, str] = {}
        self.setAccessibleName(self.tr(self.title))
        # People and the eco-map side by side on top; referrals across the bottom.
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        rows.addWidget(splitter)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # On a short or scaled screen the page scrolls, never drawing its parts over each other.
        outer.addWidget(scroll_page(rows))

        # -- support network ------------------------------------------------------------
        people, p_layout = card()
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Support network"), "heading"))
        head.addStretch(1)
        self.add_contact_button = QPushButton(icon("account-plus-outline"), self.tr("Add…"))
        self.add_contact_button.setToolTip(self.tr("Add a person or service to the network"))
        self.edit_contact_button = QPushButton(self.tr("Edit…"))
        self.archive_contact_button = QPushButton(self.tr("Archive"))
        self.archive_contact_button.setToolTip(
            self.tr("Take them off the network; the record is kept")
        )
        for b in (self.add_contact_button, self.edit_contact_button, self.archive_contact_button):
            head.addWidget(b)
        p_layout.addLayout(head)
        self.consent_banner = WrappingLabel()  # its lines keep their room when squeezed
        self.consent_banner.setStyleSheet(f"color: {theme.attention().name()};")
        self.consent_banner.hide()
        p_layout.addWidget(self.consent_banner)
        self.contact_model = ContactTableModel(self)
        self.contact_view = self._table(self.contact_model, self.tr("Support network"))
        p_layout.addWidget(self.contact_view, 1)
        self.contact_empty = empty_state(
            self.tr(
                "No one in the support network yet. Ask who they can count on (family, friends, "
                "neighbours) and which services they see, then add them with “Add…”."
            )
        )
        self.contact_empty.hide()  # until a participant shows (refresh() decides)
        p_layout.addWidget(self.contact_empty)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        foot_row = QHBoxLayout()
        foot_row.addWidget(self.show_archived)
        foot_row.addStretch(1)
        foot_row.addWidget(self._icon_key())
        p_layout.addLayout(foot_row)
        splitter.addWidget(people)

        # -- referrals ------------------------------------------------------------------
        refs, r_layout = card()
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Referrals"), "heading"))
        head.addStretch(1)
        self.refer_button = QPushButton(icon("link-variant-plus"), self.tr("Refer…"))
        self.refer_button.setToolTip(self.tr("Link them with a service from the directory"))
        self.status_button = QPushButton(self.tr("Update…"))
        self.status_button.setToolTip(self.tr("Record what happened next; earlier steps are kept"))
        self.remove_referral_button = QPushButton(self.tr("Remove"))
        self.remove_referral_button.setToolTip(self.tr("Hide a referral made by mistake"))
        for b in (self.refer_button, self.status_button, self.remove_referral_button):
            head.addWidget(b)
        r_layout.addLayout(head)
        self.referral_model = ReferralTableModel(self, self._goal_titles.get)
        self.referral_view = self._table(self.referral_model, self.tr("Referrals"))
        r_layout.addWidget(self.referral_view, 1)
        self.referral_empty = empty_state(
            self.tr(
                "No referrals yet. Find a group or service together in the resource directory, "
                "then use “Refer…”."
            )
        )
        self.referral_empty.hide()
        r_layout.addWidget(self.referral_empty)
        self.history_label = label("", "muted")
        r_layout.addWidget(self.history_label)
        rows.addWidget(refs)

        # -- eco-map --------------------------------------------------------------------
        mapcard, m_layout = card()
        m_layout.setContentsMargins(8, 8, 8, 8)
        self.ecomap = EcoMapView()
        m_layout.addWidget(self.ecomap, 1)
        foot = QHBoxLayout()
        keys = QVBoxLayout()
        keys.setSpacing(2)
        self.group_key = WrappingLabel()
        self.group_key.setTextFormat(Qt.TextFormat.RichText)
        self.group_key.setWordWrap(True)
        keys.addWidget(self.group_key)
        line_key = WrappingLabel(self.tr(
            "Thick line: very close · plain: supportive · dotted: distant · "
            "cross-marks: strained. Square box: a service."))
        line_key.setProperty("role", "muted")
        keys.addWidget(line_key)
        foot.addLayout(keys, 1)
        self.save_map_button = QPushButton(icon("image-outline"), self.tr("Save image…"))
        self.save_map_button.setToolTip(self.tr("Save the eco-map as a picture to print or share"))
        foot.addWidget(self.save_map_button, 0, Qt.AlignmentFlag.AlignBottom)
        m_layout.addLayout(foot)
        splitter.addWidget(mapcard)
        splitter.setStretchFactor(0, 6)
        splitter.setStretchFactor(1, 5)
        rows.setStretchFactor(0, 2)
        rows.setStretchFactor(1, 1)
        rows.setSizes([640, 260])  # proportions: the map and the network get the most room
        splitter.setSizes([600, 480])

        self.add_contact_button.clicked.connect(self.add_contact)
        self.edit_contact_button.clicked.connect(self.edit_contact)
        self.archive_contact_button.clicked.connect(self.toggle_archive_contact)
        self.contact_view.doubleClicked.connect(lambda _i: self.edit_contact())
        self.contact_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.show_archived.toggled.connect(lambda _c: self.refresh())
        self.refer_button.clicked.connect(self.refer)
        self.status_button.clicked.connect(self.update_status)
        self.remove_referral_button.clicked.connect(self.remove_referral)
        self.referral_view.doubleClicked.connect(lambda _i: self.update_status())
        self.referral_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.save_map_button.clicked.connect(self.save_ecomap)
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

    def _table(self, model, name: str) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setMinimumHeight(96)
        return view

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.participant_id is None:
            return
        pid = self.participant_id
        self._contacts = self.services.network.contacts(
            pid, include_archived=self.show_archived.isChecked()
        )
        self.contact_model.set_rows(self._contacts)
        has = bool(self._contacts)
        self.contact_view.setVisible(has)
        self.contact_empty.setVisible(not has)
        expired = [c for c in self._contacts if c.consent_expired and not c.archived]
        if expired:
            who = ", ".join(f"{c.name} ({format_date(c.consent_expires)})" for c in expired)
            self.consent_banner.setText(
                self.tr(
                    "Consent to share has expired for %1. Ask again before sharing anything, then "
                    "record the new date."
                ).replace("%1", who)
            )
        self.consent_banner.setVisible(bool(expired))

        self._goal_titles.clear()
        self._goal_titles.update(dict(goal_choices(self.services, pid)))
        referrals = self.services.resources.referrals(pid)
        self.referral_model.set_rows(referrals)
        self.referral_view.setVisible(bool(referrals))
        self.referral_empty.setVisible(not referrals)
        self._fit_columns(self.contact_view, stretch=(1,))
        self._fit_columns(self.referral_view, stretch=(0, 3, 4))
        data = self.services.network.ecomap_data(pid)
        self.ecomap.set_data(data)
        groups = dict.fromkeys((n.group, n.group_label) for n in data.nodes)
        self.group_key.setText(
            " &nbsp;".join(
                f"<span style='white-space:nowrap'><span style='color:{group_colour(key)}'>■</span>"
                f"&nbsp;{html.escape(self.tr(text))}</span>"
                for key, text in groups
            )
        )
        self.group_key.setVisible(bool(groups))
        self._update_buttons()

    @staticmethod
    def _fit_columns(view: QTableView, stretch: tuple[int, ...]) -> None:
        header = view.horizontalHeader()
        for col in range(view.model().columnCount()):
            header.setSectionResizeMode(
                col,
                QHeaderView.ResizeMode.Stretch
                if col in stretch
                else QHeaderView.ResizeMode.ResizeToContents,
            )

    def tab_title(self) -> str:
        return self.tr(self.title).replace("&", "&&")  # "&" would become a shortcut marker

    def focus_item(self, ref: object) -> None:
        if isinstance(ref, int):
            row = self.contact_model.row_for_id(ref)
            if row >= 0:
                self.contact_view.selectRow(row)
                self.contact_view.setFocus()

    # -- selection ------------------------------------------------------------------------
    def selected_contact(self) -> ContactDTO | None:
        index = self.contact_view.currentIndex()
        return self.contact_model.row_at(index.row()) if index.isValid() else None

    def selected_referral(self) -> ReferralDTO | None:
        index = self.referral_view.currentIndex()
        return self.referral_model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self, *_args) -> None:
        contact = self.selected_contact()
        self.edit_contact_button.setEnabled(contact is not None)
        self.archive_contact_button.setEnabled(contact is not None)
        self.archive_contact_button.setText(
            self.tr("Restore") if contact is not None and contact.archived else self.tr("Archive")
        )
        referral = self.selected_referral()
        self.status_button.setEnabled(referral is not None)
        self.remove_referral_button.setEnabled(referral is not None)
        if referral is not None:
            steps = " → ".join(
                f"{self.tr(h.status_label)} {format_date(h.changed_on)}" for h in referral.history
            )
            self.history_label.setText(steps)
        self.history_label.setVisible(referral is not None)

    # -- contacts ------------------------------------------------------------------------
    def _contact_changes(self) -> ChangeSet:
        return ChangeSet.of("contact", participant_id=self.participant_id)

    def add_contact(self) -> None:
        if self.participant_id is None:
            return
        dialog = ContactDialog(self.services, self.participant_id, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.focus_item(dialog.saved.id)

    def edit_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return
        dialog = ContactDialog(self.services, self.participant_id, contact, parent=self)
        dialog.exec()

    def toggle_archive_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return
        svc = self.services.network
        archive = not contact.archived
        changes = self._contact_changes()

        def offer_undo(_result):
            window = self.window()
            if archive and hasattr(window, "offer_undo"):
                window.offer_undo(
                    self.tr("%1 archived.").replace("%1", contact.name),
                    lambda: (
                        Op(self, lambda: svc.set_archived(contact.id, False)).emits(changes).run()
                    ),
                )

        Op(self, lambda: svc.set_archived(contact.id, archive)).emits(changes).success(
            offer_undo
        ).run()

    # -- referrals -------------------------------------------------------------------------
    def _referral_changes(self) -> ChangeSet:
        return ChangeSet.of("referral", participant_id=self.participant_id)

    def refer(self, resource_id: int | None = None) -> None:
        if self.participant_id is None:
            return
        dialog = ReferralDialog(self.services, self.participant_id, resource_id, parent=self)
        dialog.exec()

    def update_status(self) -> None:
        referral = self.selected_referral()
        if referral is None:
            return
        ReferralStatusDialog(self.services, referral, parent=self).exec()

    def remove_referral(self) -> None:
        referral = self.selected_referral()
        if referral is None:
            return
        svc = self.services.resources
        changes = self._referral_changes()

        def offer_undo(_result):
            window = self.window()
            if hasattr(window, "offer_undo"):
                window.offer_undo(
                    self.tr("Referral removed."),
                    lambda: (
                        Op(self, lambda: svc.set_referral_archived(referral.id, False))
                        .emits(changes)
                        .run()
                    ),
                )

        Op(self, lambda: svc.set_referral_archived(referral.id, True)).emits(changes).success(
            offer_undo
        ).run()

    # -- eco-map ---------------------------------------------------------------------------
    def save_ecomap(self) -> None:
        if self.participant_id is None:
            return
        data = self.services.network.ecomap_data(self.participant_id)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the eco-map"),
            f"{data.centre_label} eco-map.png",
            self.tr("PNG image (*.png)"),
        )
        if not path:
            return
        from recoverydesk.charts.ecomap import ecomap_png

        try:
            write_atomic(path, ecomap_png(data))
        except OSError as err:
            from recoverydesk.ui.errors import show_error

            show_error(
                self.tr("The image could not be saved: %1").replace("%1", err.strerror or str(err)),
                parent=self,
            )
            return
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.tr("Eco-map saved."), 5000)
