"""The Overview tab: who the participant is, their strengths, and a line from each capability."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.participants.types import FIELD_LABELS, age_on
from recoverydesk.ui.dialogs.strength_dialog import StrengthDialog
from recoverydesk.ui.icons import icon
from recoverydesk.ui.pages.base import ParticipantPage
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.today import read_then
from recoverydesk.ui.widgets.common import card, format_date, label
from recoverydesk.ui.widgets.fitting_list import FittingListWidget
from recoverydesk.ui.widgets.glance_line import GlanceLine
from recoverydesk.ui.widgets.label_delegate import TaggedTextDelegate, TagRole


class OverviewPage(ParticipantPage):
    key = "overview"
    title = "Overview"
    icon_name = "account-heart-outline"
    order = 0
    watches = ("*",)  # the overview summarises every capability
    open_page = Signal(str, object)  # page key, item ref

    def __init__(self, services, parent=None):
        super().__init__(services, parent)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        # Who they are on the left (details, then their strengths in their words); what needs
        # the coach on the right. The two columns come out about the same height.
        columns = QHBoxLayout(body)
        columns.setContentsMargins(16, 16, 16, 16)
        columns.setSpacing(16)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(16)
        right.setSpacing(16)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        details, self._details_layout = card()
        self._details_layout.addWidget(label(self.tr("About"), "heading"))
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(6)
        self._details_layout.addLayout(self._grid)
        self._about = label("", "")
        self._details_layout.addSpacing(4)
        self._details_layout.addWidget(self._about)
        left.addWidget(details)

        strengths, s_layout = card()
        head = QHBoxLayout()
        head.addWidget(label(self.tr("Strengths"), "heading"))
        head.addStretch(1)
        self.add_strength_button = QPushButton(icon("plus"), self.tr("Add"))
        self.add_strength_button.setToolTip(self.tr("Add a strength"))
        head.addWidget(self.add_strength_button)
        s_layout.addLayout(head)
        self.strength_list = FittingListWidget()
        self.strength_list.setAccessibleName(self.tr("Strengths"))
        self.strength_list.setItemDelegate(TaggedTextDelegate(self.strength_list))
        s_layout.addWidget(self.strength_list)
        self._strength_hint = label(
            self.tr("No strengths noted yet. Ask what they are good at, what they enjoy, "
                    "and who they can count on."), "muted")
        s_layout.addWidget(self._strength_hint)
        buttons = QHBoxLayout()
        self.edit_strength_button = QPushButton(self.tr("Edit"))
        self.remove_strength_button = QPushButton(self.tr("Remove"))
        buttons.addStretch(1)
        buttons.addWidget(self.edit_strength_button)
        buttons.addWidget(self.remove_strength_button)
        s_layout.addLayout(buttons)
        left.addWidget(strengths)
        left.addStretch(1)

        glance, self._glance_layout = card()
        self._glance_layout.addWidget(label(self.tr("At a glance"), "heading"))
        self._lines_host = QVBoxLayout()
        self._lines_host.setSpacing(12)
        self._nothing_yet = label(
            self.tr("Nothing to follow up yet. Recovery Star readings, goals, sessions and the "
                    "WRAP show a line here as you add them."), "muted")
        self._lines_host.addWidget(self._nothing_yet)
        self._glance_lines: list[GlanceLine] = []
        self._detail_rows: list[tuple[QLabel, QLabel]] = []
        self._glance_layout.addLayout(self._lines_host)
        right.addWidget(glance)
        right.addStretch(1)

        self.add_strength_button.clicked.connect(self.add_strength)
        self.edit_strength_button.clicked.connect(self.edit_strength)
        self.remove_strength_button.clicked.connect(self.remove_strength)
        self.strength_list.itemDoubleClicked.connect(lambda _i: self.edit_strength())
        self.strength_list.currentRowChanged.connect(self._update_buttons)
        self._strengths = []
        self.given_person = None  # set by the workspace for the next refresh only

    # -- loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.participant_id is None:
            return
        # The workspace hands over the participant its header has just read for this switch
        # (used once: a later refresh, after a strength was added, reads them afresh).
        p, self.given_person = self.given_person, None
        if p is None or p.id != self.participant_id:
            p = self.services.participants.get(self.participant_id)
        self._fill_details(p)
        self._strengths = list(p.strengths)
        self.strength_list.set_items(self._strength_item(s) for s in self._strengths)
        self._strength_hint.setVisible(not self._strengths)
        self.strength_list.setVisible(bool(self._strengths))
        self._update_buttons()
        self._fill_lines()

    def _strength_item(self, strength) -> QListWidgetItem:
        item = QListWidgetItem(strength.text)
        item.setData(Qt.ItemDataRole.UserRole, strength.id)
        item.setData(TagRole, self.tr(strength.category_label))
        return item

    def _fill_details(self, p) -> None:
        today = dt.date.today()
        age = age_on(p.date_of_birth, today)
        plan = ""
        if p.plan_start or p.plan_end:
            plan = f"{format_date(p.plan_start) or '…'} – {format_date(p.plan_end) or '…'}"
        rows = [
            (self.tr("Goes by"), p.preferred_name or p.given_name),
            (self.tr("Full name"), p.full_name),
            (self.tr(FIELD_LABELS["pronouns"]), p.pronouns),
            (self.tr("Born"), f"{format_date(p.date_of_birth)} ({self.tr('age')} {age})"
             if age is not None else ""),
            (self.tr(FIELD_LABELS["phone"]), p.phone),
            (self.tr(FIELD_LABELS["email"]), p.email),
            (self.tr(FIELD_LABELS["address"]), p.address),
            (self.tr(FIELD_LABELS["ndis_number"]), p.ndis_number),
            (self.tr("NDIS plan"), plan),
            (self.tr(FIELD_LABELS["status"]), self.tr(p.status_label) + (" · " + self.tr("archived")
                                                          if p.archived else "")),
        ]
        # The rows are made once and refilled: a participant switch then changes text only,
        # rather than building and destroying a score of widgets each time.
        if not self._detail_rows:
            for r, (name, _value) in enumerate(rows):
                pair = (label(name, "muted", wrap=False), label(""))
                self._grid.addWidget(pair[0], r, 0, Qt.AlignmentFlag.AlignTop)
                self._grid.addWidget(pair[1], r, 1)
                self._detail_rows.append(pair)
            self._grid.setColumnStretch(1, 1)
        for (name_label, value_label), (_name, value) in zip(self._detail_rows, rows,
                                                               strict=True):
            value_label.setText(value)
            name_label.setVisible(bool(value))
            value_label.setVisible(bool(value))
        self._about.setText(p.about)
        self._about.setVisible(bool(p.about))

    def _fill_lines(self) -> None:
        # The lines ask every capability (about 30 queries): read on a reader thread once the
        # switch is painted, so it neither holds the window still nor slows its layout (tests:
        # at once).
        pid = self.participant_id
        read_then(self, lambda: self.services.overview.lines(pid), self._show_lines,
                  after_paint=True)

    def _show_lines(self, lines) -> None:
        self._nothing_yet.setVisible(not lines)
        while len(self._glance_lines) < len(lines):  # lines are kept and refilled
            widget = GlanceLine(self.tr("Open"))
            widget.link_activated.connect(lambda key: self.open_page.emit(key, None))
            self._lines_host.addWidget(widget)
            self._glance_lines.append(widget)
        for i, widget in enumerate(self._glance_lines):
            if i < len(lines):
                widget.show_line(lines[i])
            widget.setVisible(i < len(lines))

    # -- strengths ----------------------------------------------------------------------
    def _selected_strength(self):
        row = self.strength_list.currentRow()
        return self._strengths[row] if 0 <= row < len(self._strengths) else None

    def _update_buttons(self) -> None:
        has = self._selected_strength() is not None
        self.edit_strength_button.setEnabled(has)
        self.remove_strength_button.setEnabled(has)

    def add_strength(self) -> None:
        StrengthDialog(self.services, self.participant_id, parent=self).exec()

    def edit_strength(self) -> None:
        strength = self._selected_strength()
        if strength is None:
            return
        StrengthDialog(self.services, self.participant_id, strength, parent=self).exec()

    def remove_strength(self) -> None:
        strength = self._selected_strength()
        if strength is None:
            return
        pid = self.participant_id
        svc = self.services.participants

        def offer_undo(removed):
            window = self.window()
            bar = window.statusBar() if hasattr(window, "statusBar") else None
            if bar is not None and hasattr(window, "offer_undo"):
                window.offer_undo(
                    self.tr("Strength removed."),
                    lambda: Op(self, lambda: svc.add_strength(pid, removed.category,
                                                              removed.text)).run())

        Op(self, lambda: svc.remove_strength(strength.id)).success(offer_undo).run()
