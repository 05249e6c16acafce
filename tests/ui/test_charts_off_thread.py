"""Charts are built and drawn on the chart thread, never the window's (issue 16: opening the
busiest participant with the Network or Star tab showing held the window 130-210 ms while the
eco-map or star was built and rendered). With the real task runner in a real event loop, as in
the app: the chart appears at the size and pixel ratio of its space, a participant switch while
one is drawn shows the right participant's chart (never the other's, not even for a moment),
a request overtaken before it starts is never built, and closing while a chart is drawn is
quiet."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from matplotlib.figure import Figure
from PySide6.QtWidgets import QDialog, QVBoxLayout

from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.star.types import ReadingDraft
from recoverydesk.ui import tasks
from recoverydesk.ui.pages.network import NetworkPage
from recoverydesk.ui.pages.network import ecomap as ecomap_view
from recoverydesk.ui.pages.star import StarPage
from recoverydesk.ui.widgets.chart_canvas import ChartCanvas


@pytest.fixture
def thread_runner():
    tasks.use_thread_runner()
    yield
    tasks.shutdown()


@pytest.fixture
def gate(monkeypatch):
    """Builds of the eco-map wait at the gate while it is shut (open by default), noting the
    thread and the participant of each build."""
    built: list[tuple[str, threading.Thread]] = []
    is_open = threading.Event()
    is_open.set()
    real = ecomap_view.ecomap_figure

    def build(data, **kw):
        built.append((data.centre_label, threading.current_thread()))
        assert is_open.wait(10)
        return real(data, **kw)

    monkeypatch.setattr(ecomap_view, "ecomap_figure", build)
    return built, is_open


def person(services, given: str, *contacts: str) -> int:
    pid = services.participants.create(ParticipantDraft(given_name=given,
                                                        family_name="Test")).value.id
    for name in contacts:
        services.network.add(pid, ContactDraft(name=name, kind="family", closeness=2))
    return pid


def shown(qtbot, widget, size=(1100, 760)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names_on(figure: Figure) -> set[str]:
    return {t.get_gid()[5:] for t in figure.axes[0].texts if (t.get_gid() or "").startswith("node:")}


def test_the_eco_map_is_built_and_drawn_on_the_chart_thread(qtbot, services, thread_runner, gate):
    built, _ = gate
    pid = person(services, "Ana", "Aunty Rose", "Cousin Lee")
    page = shown(qtbot, NetworkPage(services))
    started = time.perf_counter()
    page.set_participant(pid)
    view = page.ecomap
    assert view.drawing and view.figure is None  # the window did not wait for it
    size = view.size()
    qtbot.waitUntil(lambda: view.figure is not None, timeout=10000)
    assert time.perf_counter() - started < 10
    assert [who for who, _ in built] == ["Ana"]
    assert built[0][1] is not threading.main_thread()
    assert names_on(view.figure) == {"Aunty Rose", "Cousin Lee"}
    assert view.size() == size  # the space kept its size while the map was on its way
    image, ratio = view.canvas.image, view.devicePixelRatioF()
    assert (image.width(), image.height()) == (round(view.width() * ratio),
                                               round(view.height() * ratio))
    assert view.figure.dpi == pytest.approx(ecomap_view.fit_dpi(view.width(), view.height())
                                            * ratio)


def test_a_participant_switch_while_the_map_is_drawn_shows_the_right_map(
        qtbot, services, thread_runner, gate):
    built, is_open = gate
    first = person(services, "Ana", "Aunty Rose")
    second = person(services, "Ben", "Dr Sharma", "Uncle Jo")
    page = shown(qtbot, NetworkPage(services))
    landed = []
    page.ecomap.landed.connect(lambda: landed.append(names_on(page.ecomap.figure)))
    is_open.clear()
    page.set_participant(first)
    qtbot.waitUntil(lambda: len(built) == 1, timeout=5000)  # Ana's map is being built...
    page.set_participant(second)  # ...when the coach opens Ben
    assert page.ecomap.canvas.image is None  # nothing of Ana's meanwhile
    is_open.set()
    qtbot.waitUntil(lambda: bool(landed), timeout=10000)
    qtbot.wait(200)  # (Ana's, dropped, would have come first)
    assert landed == [{"Dr Sharma", "Uncle Jo"}]
    assert [who for who, _ in built] == ["Ana", "Ben"]


def test_a_request_overtaken_before_it_starts_is_never_built(qtbot, services, thread_runner,
                                                             gate):
    built, is_open = gate
    people = [person(services, name, f"{name}'s friend") for name in ("Ana", "Ben", "Cai")]
    page = shown(qtbot, NetworkPage(services))
    is_open.clear()
    page.set_participant(people[0])
    qtbot.waitUntil(lambda: len(built) == 1, timeout=5000)
    page.set_participant(people[1])  # waits behind Ana's...
    page.set_participant(people[2])  # ...and is overtaken by Cai's
    is_open.set()
    qtbot.waitUntil(lambda: page.ecomap.figure is not None, timeout=10000)
    assert names_on(page.ecomap.figure) == {"Cai's friend"}
    assert [who for who, _ in built] == ["Ana", "Cai"]


def test_the_star_switches_participant_while_it_is_drawn(qtbot, services, thread_runner,
                                                         monkeypatch):
    from recoverydesk.charts import star as charts

    real, is_open, built = charts.radar_figure, threading.Event(), []

    def radar(template, readings, **kw):
        built.append([r.label for r in readings])
        assert is_open.wait(10)
        return real(template, readings, **kw)

    monkeypatch.setattr(charts, "radar_figure", radar)
    keys = ["work", "trust_hope"]
    ana, ben = person(services, "Ana"), person(services, "Ben")
    services.star.add_reading(ana, ReadingDraft(dt.date(2025, 1, 10), {k: 4 for k in keys}))
    services.star.add_reading(ben, ReadingDraft(dt.date(2025, 6, 2), {k: 6 for k in keys}))
    page = shown(qtbot, StarPage(services))
    page.set_participant(ana)
    qtbot.waitUntil(lambda: len(built) == 1, timeout=5000)
    page.set_participant(ben)
    is_open.set()
    qtbot.waitUntil(lambda: page.radar.figure is not None, timeout=10000)
    lines = [ln.get_label() for ln in page.radar.figure.axes[0].lines
             if ln.get_gid() == "reading"]
    assert lines == ["2 Jun 2025"]
    assert page.radar.toolTip() == "2 Jun 2025"


def test_the_same_chart_redrawn_keeps_the_last_picture_until_the_new_one(qtbot, thread_runner):
    canvas = shown(qtbot, ChartCanvas("A chart"), (400, 300))
    gate = threading.Event()

    def build(colour: str):
        def make():
            assert gate.wait(10)
            figure = Figure(figsize=(4, 3), facecolor=colour)
            figure.add_subplot().plot([1, 2, 3])
            return figure
        return make

    gate.set()
    canvas.show_chart(build("white"), subject=1)
    qtbot.waitUntil(lambda: canvas.figure is not None, timeout=10000)
    first = canvas.canvas.image
    gate.clear()
    canvas.show_chart(build("#eeeeee"), subject=1)  # the same participant: a tick, say
    assert canvas.canvas.image is first
    qtbot.waitUntil(lambda: canvas.canvas.faded, timeout=5000)  # greyed while it takes long
    gate.set()
    qtbot.waitUntil(lambda: canvas.canvas.image is not first, timeout=10000)
    assert not canvas.canvas.faded and not canvas.drawing
    gate.clear()
    canvas.show_chart(build("white"), subject=2)  # someone else: an empty space meanwhile
    assert canvas.canvas.image is None
    gate.set()
    qtbot.waitUntil(lambda: canvas.canvas.image is not None, timeout=10000)


def test_closing_while_a_chart_is_drawn_is_quiet(qtbot, services, thread_runner, gate):
    _, is_open = gate
    pid = person(services, "Ana", "Aunty Rose")
    dialog = QDialog()
    QVBoxLayout(dialog).addWidget(NetworkPage(services))
    shown(qtbot, dialog)
    page = dialog.findChild(NetworkPage)
    is_open.clear()
    page.set_participant(pid)
    qtbot.keyClick(dialog, "\x1b")  # Esc
    assert not dialog.isVisible()
    dialog.deleteLater()
    qtbot.wait(50)
    is_open.set()
    tasks.shutdown()  # the chart thread finishes the map; its landing finds nothing to show
    qtbot.wait(100)


def test_a_chart_that_fails_says_so_unless_it_is_no_longer_on_screen(qtbot, thread_runner,
                                                                    message_boxes):
    canvas = shown(qtbot, ChartCanvas("A chart"), (400, 300))

    def broken():
        raise ValueError("no such domain")

    canvas.show_chart(broken, subject=1)
    qtbot.waitUntil(lambda: not canvas.drawing, timeout=10000)
    assert len(message_boxes.shown) == 1  # the error box, in plain words
    canvas.show_chart(broken, subject=1)
    canvas.hide()  # (behind the lock screen, say)
    qtbot.waitUntil(lambda: not canvas.drawing, timeout=10000)
    assert len(message_boxes.shown) == 1
