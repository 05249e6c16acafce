"""The eco-map's names on a 1366x768 laptop (issue 17 item 4): the map is drawn nearer the
shape of the room it has beside the network table, so its names come out larger than they did
(6.3 px for this demo's busiest network at the old 5 x 3.6 in design, 8.4 px now), and the
key has its own strip under the map, never over a box."""

from __future__ import annotations

import datetime as dt

import pytest
from app_theme import app_theme_applied


@pytest.fixture(scope="module", autouse=True)
def themed(qapp):
    with app_theme_applied(qapp):
        yield


@pytest.fixture(scope="module")
def window(tmp_path_factory, qapp):
    from recoverydesk.demo import generate_demo
    from recoverydesk.services.container import Services
    from recoverydesk.store.migrate import create_practice
    from recoverydesk.store.session import Store
    from recoverydesk.ui.main_window import MainWindow

    path = tmp_path_factory.mktemp("map") / "demo.rdk"
    create_practice(path)
    store = Store(path)
    generate_demo(store, participants=6, years=1, today=dt.date(2026, 11, 2))
    services = Services(store)

    class Opener:
        def default_path(self):
            return tmp_path_factory.mktemp("unused") / "p.rdk"

    made = MainWindow(Opener(), services)
    yield made, services
    made.deleteLater()
    store.close()


def test_eco_map_names_on_a_1366x768_laptop(qtbot, window):
    made, services = window
    made.showNormal()
    made.resize(1350, 728)
    busiest = max(services.participants.list(),
                  key=lambda p: len(services.network.ecomap_data(p.id).nodes))
    made.open_participant(busiest.id, "network")
    qtbot.wait(100)
    page = made.workspace.page("network")
    fig = page.ecomap.canvas.figure
    names = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("node:")]
    assert names
    pixels = min(t.get_fontsize() for t in names) * fig.dpi / 72
    assert pixels >= 7.5, pixels
    canvas = page.ecomap.canvas.geometry()
    key = page.ecomap_panel.group_key
    key_top = key.mapTo(page.ecomap.parentWidget(), key.rect().topLeft()).y()
    assert key_top >= canvas.bottom()  # the key sits under the map, not over it
