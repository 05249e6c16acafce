"""Practice > Team… on a team practice (issue 20 item 3): the Team dialog and its Add-a-coach
form, driven on the throwaway PostgreSQL server with the window connected as the practice lead.
Joined to the window's cases in dialog_cases_window.py. See dialog_cases.py."""

from __future__ import annotations

import uuid

from dialog_cases import Case, command
from team_coaches import team_of_two

from recoverydesk.ui.dialogs.team_dialog import TeamDialog


def _as_lead(w) -> None:
    # (pytest-qt's bot keeps the test's request: the server fixtures are asked for here)
    coaches = team_of_two(w.qtbot._request)
    services = coaches.services_as(coaches.lead)
    w.window.set_services(services)
    w.qtbot._request.addfinalizer(services.close)
    w.ids["coaches"] = coaches


def _team(w):
    _as_lead(w)
    return command(w, "team")


def _add_coach(w):
    _as_lead(w)
    team = TeamDialog(w.services, w.window)
    w.qtbot.addWidget(team)
    team.show()
    return team.add_coach


_NEW = f"sam_{uuid.uuid4().hex[:8]}"


def _new_coach(dialog) -> None:
    dialog.display_name.setText("Sam Smith")
    dialog.role.setText(_NEW)
    dialog.password.setText("sam's-long-password")
    dialog.again.setText("sam's-long-password")


COACHES: dict[str, Case] = {
    "TeamDialog": Case(_team, save=None),
    "AddCoachDialog": Case(
        _add_coach, _new_coach,
        saved=lambda w: _NEW in {c.role for c in w.services.team.coaches()}),
}
