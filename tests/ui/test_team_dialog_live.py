"""Practice > Team… driven for real (issue 20 item 3): the Practice menu shows only on a team
practice; the lead adds a coach through the Add-a-coach form and assigns a participant; a coach
sees their own participants and none of the lead's buttons. A screenshot is kept for a person to
look at (docs/team-dialog.png is made from it by hand)."""

from __future__ import annotations

import os

import pytest
from live_dialogs import ACCEPTED, REJECTED, click_cancel, click_save, drive, drive_each
from PySide6.QtWidgets import QDialog, QMessageBox
from team_coaches import team_of_two

from recoverydesk.ui.dialogs.team_dialog import AddCoachDialog, TeamDialog
from recoverydesk.ui.main_window import MainWindow


@pytest.fixture
def coaches(request):
    return team_of_two(request)


def window_as(qtbot, opener, coaches, role):
    services = coaches.services_as(role)
    window = MainWindow(opener, services)
    qtbot.addWidget(window)
    window.show()
    return window, services


def test_the_practice_menu_is_for_a_team_practice_only(main_window):
    assert not main_window.parts.team.menu.menuAction().isVisible()


def test_the_lead_adds_a_coach_and_assigns_a_participant(qtbot, opener, coaches, tmp_path,
                                                        message_boxes):
    window, services = window_as(qtbot, opener, coaches, coaches.lead)
    try:
        assert window.parts.team.menu.menuAction().isVisible()
        new_role = f"sam_{os.urandom(4).hex()}"
        seen: dict = {}

        def team(dialog: TeamDialog) -> None:
            seen["coaches"] = [dialog.coach_table.item(r, 1).text()
                               for r in range(dialog.coach_table.rowCount())]
            assert dialog.add_button.isVisible() and not dialog.lead_note.isVisible()
            dialog.add_button.click()  # the form opens in its own loop (next step)
            # back here once the form has ended: Sam is on the list, choose Mere, assign to Sam
            rows = {dialog.people.item(r, 0).data(256): r for r in range(dialog.people.rowCount())}
            dialog.people.selectRow(rows[coaches.coach_person])
            dialog.coach_choice.setCurrentIndex(dialog.coach_choice.findData(new_role))
            dialog.assign_button.click()
            seen["after"] = [dialog.people.item(r, 1).text()
                             for r in range(dialog.people.rowCount())]
            dialog.grab().save(str(tmp_path / "team-dialog.png"))
            dialog.reject()

        def add(dialog: AddCoachDialog) -> None:
            click_save(dialog)  # nothing typed: said beside the fields, the form stays
            seen["errors"] = sorted(k for k, lbl in dialog._errors.items() if lbl.isVisible())
            dialog.display_name.setText("Sam Smith")
            dialog.role.setText(new_role)
            dialog.password.setText("sam's-long-password")
            dialog.again.setText("sam's-long-password")
            click_save(dialog)

        runs = drive_each(qtbot, window.commands["team"].trigger,
                          [(TeamDialog, team), (AddCoachDialog, add)])
        assert [r.problems for r in runs] == [[], []]
        assert runs[1].codes == [ACCEPTED] and runs[0].codes == [REJECTED]
        assert seen["coaches"] == sorted(seen["coaches"], key=lambda r: r != coaches.lead) \
            or coaches.lead in seen["coaches"]
        assert seen["errors"] == ["again", "display_name", "password", "role"] or \
            set(seen["errors"]) >= {"display_name", "role", "password"}
        assert any("Sam Smith" in text for text in seen["after"])
        assigned = {a.participant_id: a.coach_role for a in services.team.assignments()}
        assert assigned[coaches.coach_person] == new_role
        assert new_role in {c.role for c in services.team.coaches()}
        if os.environ.get("RD_KEEP_SCREENSHOTS"):
            (tmp_path / "team-dialog.png").replace(os.environ["RD_KEEP_SCREENSHOTS"])
    finally:
        services.close()


def test_a_coach_sees_their_own_and_no_lead_buttons(qtbot, opener, coaches):
    window, services = window_as(qtbot, opener, coaches, coaches.coach)
    try:
        seen: dict = {}

        def look(dialog: TeamDialog) -> None:
            seen["people"] = [dialog.people.item(r, 0).text()
                              for r in range(dialog.people.rowCount())]
            seen["lead_tools"] = [w.isVisible() for w in (dialog.add_button,
                                                          dialog.assign_button)]
            seen["note"] = dialog.lead_note.isVisible()
            seen["who"] = dialog.who.text()
            click_cancel(dialog)

        run = drive(qtbot, TeamDialog, window.commands["team"].trigger, look)
        assert run.problems == [] and run.codes == [REJECTED]
        assert seen["people"] == ["Mere Walker"]
        assert seen["lead_tools"] == [False, False] and seen["note"]
        assert coaches.coach in seen["who"] and "lead" not in seen["who"]
    finally:
        services.close()


def test_esc_in_the_add_coach_form_adds_nobody(qtbot, opener, coaches):
    window, services = window_as(qtbot, opener, coaches, coaches.lead)
    try:
        dialog = TeamDialog(services, window)
        qtbot.addWidget(dialog)
        dialog.show()

        def typed_then_escape(form: AddCoachDialog) -> None:
            form.role.setText("never_added")
            form.reject()

        run = drive(qtbot, AddCoachDialog, dialog.add_coach, typed_then_escape)
        assert run.problems == [] and run.codes == [QDialog.DialogCode.Rejected.value]
        assert "never_added" not in {c.role for c in services.team.coaches()}
        dialog.reject()
    finally:
        services.close()


def test_the_lead_deactivates_a_coach_after_asking_and_takes_them_back(qtbot, opener, coaches,
                                                                      tmp_path, message_boxes):
    window, services = window_as(qtbot, opener, coaches, coaches.lead)
    try:
        seen: dict = {}

        def rows(dialog: TeamDialog) -> dict[str, int]:
            return {dialog.coach_table.item(r, 1).text(): r
                    for r in range(dialog.coach_table.rowCount())}

        def people(dialog: TeamDialog) -> dict[str, str]:
            return {dialog.people.item(r, 0).text(): dialog.people.item(r, 1).text()
                    for r in range(dialog.people.rowCount())}

        def switch(dialog: TeamDialog) -> None:
            dialog.coach_table.selectRow(rows(dialog)[coaches.lead])
            seen["self"] = (dialog.active_button.isEnabled(), dialog.active_button.toolTip())
            dialog.coach_table.selectRow(rows(dialog)[coaches.coach])
            seen["before"] = dialog.active_button.text()
            message_boxes.answer = QMessageBox.StandardButton.No
            dialog.active_button.click()  # asked first; No: nothing changes
            seen["kept"] = {c.role: c.active for c in services.team.coaches()}[coaches.coach]
            message_boxes.answer = QMessageBox.StandardButton.Yes
            dialog.active_button.click()
            seen["after"] = dialog.active_button.text()
            seen["people"] = people(dialog)
            seen["note"], seen["waiting"] = dialog.done_note.text(), dialog.waiting.text()
            dialog.grab().save(str(tmp_path / "team-deactivated.png"))
            dialog.active_button.click()  # Reactivate: no question
            seen["back"] = people(dialog)
            dialog.reject()

        run = drive(qtbot, TeamDialog, window.commands["team"].trigger, switch)
        assert run.problems == [] and run.codes == [REJECTED]
        assert seen["self"] == (False, "You cannot deactivate yourself; another lead can.")
        assert seen["before"] == "&Deactivate…" and seen["kept"] is True
        assert seen["after"] == "&Reactivate"
        assert seen["people"]["Mere Walker"] == "Kim Lee (deactivated): needs a coach"
        assert "can no longer sign in" in seen["note"]
        assert seen["waiting"] == "1 participant needs a coach: choose them below and Assign."
        assert any("will no longer be able to sign in" in text for text in message_boxes.shown)
        assert seen["back"]["Mere Walker"] == "Kim Lee"
        assert {c.role: c.active for c in services.team.coaches()}[coaches.coach] is True
        if os.environ.get("RD_KEEP_SCREENSHOTS"):
            (tmp_path / "team-deactivated.png").replace(
                os.environ["RD_KEEP_SCREENSHOTS"].replace(".png", "-deactivated.png"))
    finally:
        services.close()
