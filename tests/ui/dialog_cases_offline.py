"""Going offline with a team practice (issue 21): Take participants offline… and Conflicts from
offline…, opened from the window on a real team practice (the throwaway PostgreSQL of
``pg_cluster``, the offline tests' small team). Joined to the window's cases in
dialog_cases_window.py; see dialog_cases.py."""

from __future__ import annotations

import datetime as dt

from dialog_cases import Case, command, press, then_close
from live_dialogs import click_save

from offline_world import PASSPHRASE, make_world
from recoverydesk.services.practice.team_opening import TeamServices
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.store.server import ServerStore


def _as_coach_a(w):
    """The window on a team practice as coach A, who has two participants; (world, ids)."""
    request = w.qtbot._request  # (pytest-qt's bot keeps the test's request)
    world, ids = make_world(request.getfixturevalue("pg_cluster"),
                            request.getfixturevalue("server_store"), w.tmp_path)
    request.addfinalizer(world.close)
    team = TeamServices(ServerStore(world.url(world.a)))
    world._open.append(team)
    w.window.set_services(team)
    w.ids.update(world=world, pid=ids["a"][0])
    return world, ids


def _take(w):
    _world, ids = _as_coach_a(w)
    start = (dt.datetime.now().astimezone() + dt.timedelta(days=2)).replace(
        hour=10, minute=0, second=0, microsecond=0)
    w.services.sessions.plan_series(ids["a"][0], SessionInput(starts_at=start, status="planned"))
    return command(w, "take_offline")


def _passphrase(dialog) -> None:
    dialog.passphrase.setText(PASSPHRASE + " lantern")
    dialog.confirm.setText(PASSPHRASE + " lantern")


def _conflicts(w):
    world, ids = _as_coach_a(w)
    pid = ids["a"][0]
    strength = w.services.participants.add_strength(pid, "personal", "Patient").value
    local = world.copy(world.take(world.a, [pid]))
    local.participants.update_strength(strength.id, "personal", "Patient and kind")
    world.as_(world.lead).participants.update_strength(strength.id, "personal", "Very patient")
    local.offline.bring_back()
    return command(w, "offline_conflicts")


OFFLINE: dict[str, Case] = {
    "TakeOfflineDialog": Case(
        _take, _passphrase, save=then_close(click_save, press("close_button")), saved=lambda w: w.ids["pid"] in w.services.offline.holds()),
    "OfflineConflictsDialog": Case(_conflicts, save=None),
}
