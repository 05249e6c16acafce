"""File > Connect to a team practice…: the Connect dialog, driven with a real server (the
throwaway PostgreSQL of ``pg_cluster``). See dialog_cases.py."""

from __future__ import annotations

from dialog_cases import Case, command
from team_server import close_team_practice, new_team_practice, team_address

_typed: dict[str, str] = {}


def _connect(w):
    # (pytest-qt's bot keeps the test's request: the server fixtures are asked for here)
    request = w.qtbot._request
    pg_cluster, database = new_team_practice(request)
    _typed["address"] = team_address(pg_cluster, database)
    request.addfinalizer(lambda: close_team_practice(w.window))
    return command(w, "connect_team")


def _address(dialog) -> None:
    dialog.address.setText(_typed["address"])


def _connected(w) -> bool:
    if w.window.practice_files.finishing:  # its caseload shows; its services come once painted
        w.qtbot.waitUntil(lambda: w.services is not None, timeout=10_000)
    return w.services is not None and w.services.practice.info().is_team


TEAM = {
    "ConnectTeamDialog": Case(_connect, _address, saved=_connected),
}
