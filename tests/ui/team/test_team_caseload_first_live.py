"""A team practice's caseload shows before its services are built (app.py
``start_team_on_worker``, ui/practice_files.py): at start-up, and from File > Connect while a
practice file is open (which is closed on the worker once the team's caseload is up). On the
real throwaway PostgreSQL server."""

from __future__ import annotations

from team_server import close_team_practice, new_team_practice, team_address

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.team_opening import open_team_services
from recoverydesk.ui import startup_probe
from recoverydesk.ui.main_window import MainWindow


def _team_with(request, *names: str) -> str:
    pg_cluster, database = new_team_practice(request)
    address = team_address(pg_cluster, database)
    services = open_team_services(address)
    for given in names:
        services.participants.create(ParticipantDraft(given_name=given, family_name="Ngata"))
    services.close()
    return address


def _names(window) -> list[str]:
    model = window.list_panel.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_at_start_the_caseload_comes_first_and_a_choice_made_meanwhile_opens(
        qtbot, opener, request, monkeypatch):
    address = _team_with(request, "Aroha", "Rewi")
    moments: list[str] = []
    monkeypatch.setattr(startup_probe, "report", moments.append)
    window = MainWindow(opener, staged=True)
    qtbot.addWidget(window)
    request.addfinalizer(lambda: close_team_practice(window))
    seen: dict = {}

    def connect() -> None:
        window.practice_files.connect_team(address, at_start=True)
        # (the tests' runner is synchronous: the first half is done, the services are not)
        seen["services"] = window.services
        seen["names"] = _names(window)
        seen["finishing"] = window.practice_files.finishing
        window.list_panel.select(2)  # Rewi, chosen before there is anything to open him in

    window.open_when_shown(connect)
    window.show()
    qtbot.waitUntil(lambda: "ready" in moments, timeout=15_000)
    assert seen == {"services": None, "names": ["Aroha Ngata", "Rewi Ngata"], "finishing": True}
    assert moments == ["window", "caseload", "ready"]
    assert window.services.practice.info().is_team and not window.practice_files.finishing
    assert window.list_panel.services is window.services
    assert window.current_participant_id() == 2
    assert window.parts.server_changes.following is window.services


def test_connecting_from_an_open_file_shows_the_teams_caseload_then_its_services(
        qtbot, main_window, request):
    address = _team_with(request, "Mere")
    window, file_services = main_window, main_window.services
    request.addfinalizer(lambda: close_team_practice(window))
    window.practice_files.connect_team(address)
    assert _names(window) == ["Mere Ngata"]
    assert window.services is None and not file_services.practice.is_open  # closed (worker)
    assert not window.commands["new_participant"].isEnabled()  # until the services come
    qtbot.waitUntil(lambda: window.services is not None, timeout=15_000)
    assert window.services.practice.info().is_team
    assert window.commands["new_participant"].isEnabled()
    assert window.home is not None and window.workspace is not None
    assert window.parts.server_changes.following is window.services
