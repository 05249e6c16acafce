"""Practice > Team… on a team practice (issue 20 item 3): the practice's coaches and who each
participant is assigned to. The lead adds coaches (``AddCoachDialog``), deactivates a coach who
leaves (asked first; their participants stay and are shown as needing a coach) or takes them
back, and assigns participants; a coach sees the same lists, as far as the database lets them
(their own participants), with the lead's buttons hidden and a line saying why.

Reads and writes go through ``Op`` (never on the GUI thread); a change is published on the bus
by Op and the dialog reads its lists again once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.dates import plural
from recoverydesk.services.team.types import (
    FIELD_LABELS,
    MIN_PASSWORD,
    Assignment,
    CoachInfo,
    NewCoach,
    TeamView,
    active_change_sentence,
    check_new_coach,
)
from recoverydesk.services.types import ValidationError
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import label

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

NOBODY = "Nobody yet (the lead's to assign)"
GONE = "%1 (deactivated): needs a coach"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    return table


def _cell(text: str, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class TeamDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.view: TeamView | None = None
        self.setWindowTitle(self.tr("Team"))
        self.resize(620, 560)
        self.who = label(self.tr("Reading the team…"))
        self.coach_table = _table([self.tr("Coach"), self.tr("Login name"), self.tr("Leads"),
                                   self.tr("Participants")])
        self.coach_table.itemSelectionChanged.connect(self._coach_selected)
        self.add_button = QPushButton(self.tr("&Add a coach…"))
        self.add_button.clicked.connect(self.add_coach)
        self.active_button = QPushButton(self.tr("&Deactivate…"))
        self.active_button.clicked.connect(self.switch_active)
        self.done_note = label("", role="muted")
        self.waiting = label("", role="muted")
        self.people = _table([self.tr("Participant"), self.tr("Coach")])
        self.people.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.people.itemSelectionChanged.connect(self._selected)
        self.coach_choice = QComboBox()
        self.coach_choice.setAccessibleName(FIELD_LABELS["coach"])
        self.assign_button = QPushButton(self.tr("A&ssign"))
        self.assign_button.clicked.connect(self.assign)
        self.lead_note = label(self.tr("Only the practice lead can add coaches or assign "
                                       "participants."), role="muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        assign_row = QHBoxLayout()
        assign_row.addWidget(label(self.tr("Assign the participant chosen above to"),
                                   wrap=False))
        assign_row.addWidget(self.coach_choice, 1)
        assign_row.addWidget(self.assign_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(label(self.tr("Coaches"), role="heading"))
        layout.addWidget(self.coach_table, 1)
        coach_row = QHBoxLayout()
        coach_row.addWidget(self.done_note, 1)
        coach_row.addWidget(self.active_button)
        coach_row.addWidget(self.add_button)
        layout.addLayout(coach_row)
        layout.addWidget(label(self.tr("Participants"), role="heading"))
        layout.addWidget(self.people, 2)
        layout.addWidget(self.waiting)
        layout.addLayout(assign_row)
        layout.addWidget(self.lead_note)
        layout.addWidget(buttons)
        self._show_lead_tools(False)
        self.reload()

    # -- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        team = self.services.team
        Op(self, lambda: (team.view(), team.assignments()), write=False) \
            .success(self._show).run()

    def _show(self, read: tuple[TeamView, list[Assignment]]) -> None:
        view, people = read
        self.view = view
        if not view.is_team:
            self.who.setText(self.tr("This practice is a file on this computer: it has one "
                                     "coach and no team."))
        else:
            lead = self.tr(", a practice lead") if view.i_lead else ""
            self.who.setText(self.tr("You are connected as %1%2.").replace("%1", view.me)
                             .replace("%2", lead))
        chosen_coach = self._chosen_coach()
        self.coach_table.setRowCount(len(view.coaches))
        for row, c in enumerate(view.coaches):
            name = c.display_name + ("" if c.active else self.tr(" (deactivated)"))
            self.coach_table.setItem(row, 0, _cell(name, c.role))
            self.coach_table.setItem(row, 1, _cell(c.role))
            self.coach_table.setItem(row, 2, _cell(self.tr("Yes") if c.lead else ""))
            self.coach_table.setItem(row, 3, _cell(str(c.participants)))
            if chosen_coach is not None and c.role == chosen_coach.role:
                self.coach_table.selectRow(row)
        labels = {c.role: c.display_name or c.role for c in view.coaches}
        chosen = self._chosen_participant()
        self.people.setRowCount(len(people))
        for row, p in enumerate(people):
            coach = labels.get(p.coach_role, p.coach_role) if p.coach_role else self.tr(NOBODY)
            if p.coach_role and p.needs_coach:
                coach = self.tr(GONE).replace("%1", coach)
            self.people.setItem(row, 0, _cell(p.name, p.participant_id))
            self.people.setItem(row, 1, _cell(coach, p.coach_role))
            if p.participant_id == chosen:
                self.people.selectRow(row)
        self.coach_choice.clear()
        for c in view.coaches:
            if c.active:
                self.coach_choice.addItem(c.label, c.role)
        self.coach_choice.addItem(self.tr(NOBODY), None)
        waiting = sum(1 for p in people if p.needs_coach)
        needs = self.tr("%1 needs a coach") if waiting == 1 else self.tr("%1 need a coach")
        self.waiting.setText(needs.replace("%1", plural(waiting, "participant"))
                             + self.tr(": choose them below and Assign."))
        self.waiting.setVisible(bool(waiting) and view.i_lead)
        self._show_lead_tools(view.is_team and view.i_lead)
        if people and self.people.currentRow() < 0:
            self.people.selectRow(0)
        self._selected()
        self._coach_selected()

    def _show_lead_tools(self, lead: bool) -> None:
        for widget in (self.add_button, self.active_button, self.coach_choice,
                       self.assign_button):
            widget.setVisible(lead)
        self.lead_note.setVisible(self.view is not None and self.view.is_team and not lead)

    def _chosen_participant(self) -> int | None:
        row = self.people.currentRow()
        item = self.people.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _chosen_coach(self) -> CoachInfo | None:
        row = self.coach_table.currentRow()
        item = self.coach_table.item(row, 0) if row >= 0 else None
        role = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        coaches = self.view.coaches if self.view is not None else ()
        return next((c for c in coaches if c.role == role), None)

    def _coach_selected(self) -> None:
        coach = self._chosen_coach()
        active = coach is None or coach.active
        self.active_button.setText(self.tr("&Deactivate…") if active else self.tr("&Reactivate"))
        self.active_button.setEnabled(coach is not None and coach.role != self.view.me)
        self.active_button.setToolTip(
            self.tr("You cannot deactivate yourself; another lead can.")
            if coach is not None and coach.role == self.view.me else "")

    def _selected(self) -> None:
        row = self.people.currentRow()
        self.assign_button.setEnabled(row >= 0)
        if row >= 0:
            index = self.coach_choice.findData(self.people.item(row, 1).data(
                Qt.ItemDataRole.UserRole))
            if index >= 0:
                self.coach_choice.setCurrentIndex(index)

    # -- the lead's changes ------------------------------------------------------------------
    def add_coach(self) -> None:
        dialog = AddCoachDialog(self.services, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
        dialog.deleteLater()

    def switch_active(self) -> None:
        """Deactivate the chosen coach (asked first: they are shut out at once) or take a
        deactivated one back."""
        coach = self._chosen_coach()
        if coach is None:
            return
        team = self.services.team
        if coach.active:
            held = self.tr(" %1 assigned to them will stay, and will need a coach.").replace(
                "%1", plural(coach.participants, "participant")) if coach.participants else ""
            answer = QMessageBox.question(
                self, self.tr("Deactivate a coach"),
                self.tr("%1 will no longer be able to sign in to the practice, and a window "
                        "they have open will stop showing anything.%2 You can reactivate them "
                        "later.").replace("%1", coach.label).replace("%2", held))
            if answer != QMessageBox.StandardButton.Yes:
                return
        switch = team.deactivate if coach.active else team.reactivate
        Op(self, lambda: switch(coach.role)).success(self._switched).run()

    def _switched(self, coach: CoachInfo) -> None:
        self.done_note.setText(active_change_sentence(coach))
        self.reload()

    def assign(self) -> None:
        pid = self._chosen_participant()
        if pid is None:
            return
        role = self.coach_choice.currentData()
        team = self.services.team
        Op(self, lambda: team.assign(pid, role)).success(lambda _: self.reload()).run()


class AddCoachDialog(FormDialog):
    """A new coach: their login name, name, whether they lead, and their first password (typed
    twice; used once to make the login, never kept). ``saved`` is the AddedCoach."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("Add a coach"))
        self.role = QLineEdit()
        self.role.setPlaceholderText(self.tr("for example kim_lee"))
        self.display_name = QLineEdit()
        self.lead = QCheckBox(self.tr("Leads the practice (sees everyone, changes the team)"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        for key, widget, text in (
                ("display_name", self.display_name, FIELD_LABELS["display_name"]),
                ("role", self.role, FIELD_LABELS["role"]),
                ("password", self.password, FIELD_LABELS["password"]),
                ("again", self.again, self.tr("Password again"))):
            error = self.add_field(key, widget)
            form.addRow(self.tr(text), widget)
            form.addRow("", error)
            self.recheck_on(key, widget.textChanged)
        form.addRow("", self.lead)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr(
            "The coach signs in to the team practice with this login name and password. Tell "
            "them the password in person; they can change it later. At least %1 characters.")
            .replace("%1", str(MIN_PASSWORD)), role="muted"))
        layout.addLayout(form)
        layout.addWidget(self.save_cancel_buttons(self.tr("Add coach")))

    def _draft(self) -> NewCoach:
        return NewCoach(self.role.text(), self.display_name.text(), self.lead.isChecked())

    def problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        try:
            check_new_coach(self._draft(), self.password.text())
        except ValidationError as err:
            errors.update(err.errors)
        if not self.password.text():
            errors["password"] = f"{FIELD_LABELS['password']} is needed."
        if self.again.text() != self.password.text():
            errors["again"] = "The two passwords are not the same."
        return errors

    def write(self):
        draft, password, team = self._draft(), self.password.text(), self.services.team
        return lambda: team.add_coach(draft, password)

    def done(self, code: int) -> None:  # the password is forgotten however the dialog ends
        self.password.clear()
        self.again.clear()
        super().done(code)
