"""A reusable widget that shows a chart from ``charts/``: built and drawn off the GUI thread,
sharp on high-DPI screens.

The page hands ``show_chart`` a function that builds the matplotlib Figure (designed for the
space there is: ``fitted_inches``). The function runs on the one chart thread (``Op(...,
chart=True)``, under ``CHART_LOCK``), followed by an Agg render at the widget's size in device
pixels, so a Retina or 200% screen gets a full-resolution image; the GUI thread only paints the
finished image. Building and rendering the busiest participant's eco-map or star took 130-210 ms
of the GUI thread when they were drawn there.

A chart is Python holding the GIL, so the chart thread keeps out of the GUI thread's way: it
starts once the window has painted what asked for it (the turn that asked, then the paint
after it, each of whose calls into Python, item delegates and event filters, waited for the
GIL: 70-110 ms stalls for a 20 ms paint), and while it draws, a thread waiting for the GIL
gets it after SWITCH_S rather than Python's 5 ms.

While a chart is on its way the space keeps its size (the picture never sizes the layout). A
chart of another ``subject`` (another participant) starts from an empty space, never the last
person's picture; the same subject's next picture (a tick, a resize) keeps the last one showing,
greyed if it is not there within ``GREY_AFTER_MS``. A picture that lands after a newer one was
asked for is dropped, and one asked for before a newer request starts is never drawn.

While the window is being resized the picture is scaled as a whole (its proportions kept);
once the size settles, ``resized`` asks the page for a figure designed afresh (a page that
does not answer gets its last chart drawn again at the new size).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from recoverydesk.ui.errors import show_exception
from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MIN_DPI = 40.0
SETTLE_MS = 250  # a resize this long quiet counts as finished
GREY_AFTER_MS = 150  # the same chart's next picture: the last one greys if this one is slower
FADED = 0.35
SWITCH_S = 0.0005  # (0.2-1 ms measured alike; 5 ms doubled the stalls)
PAINT_WAIT_S = 0.5  # a chart waits this long at most for the window to paint (minimised...)

# matplotlib keeps caches shared by every figure (fonts, text metrics): one chart is built and
# rendered at a time, and a figure is never touched by two threads at once (the chart thread
# builds and renders it; once it has landed only the GUI thread reads it).
CHART_LOCK = threading.Lock()


class _Ticket:
    """The number of the newest request of one canvas, whether the window has painted since
    it was made, and the size and pixel ratio the space had then (laid out: a tab shown for
    the first time still moves its parts after it asked): read by the chart thread, which
    never touches the widget."""

    def __init__(self) -> None:
        self.latest = 0
        self.painted = threading.Event()
        self.size: tuple[int, int] = (0, 0)
        self.ratio = 1.0


class _Rendered:
    def __init__(self, figure: Figure, image: QImage) -> None:
        self.figure, self.image = figure, image


def fit_dpi(size: tuple[int, int], design: tuple[float, float], min_dpi: float) -> float:
    """Logical dots per inch that fit a design of ``design`` inches into ``size`` pixels."""
    return max(min_dpi, min(size[0] / design[0], size[1] / design[1]))


@contextmanager
def _handing_back_the_gil() -> Iterator[None]:
    """While a chart is drawn, a thread waiting for the GIL (the GUI thread, at each of its
    calls into Python) asks the chart thread for it after SWITCH_S rather than Python's 5 ms."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, SWITCH_S))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _render(build: Callable[[], Figure], min_dpi: float, design: tuple[float, float] | None,
            ticket: _Ticket, number: int) -> _Rendered | None:
    """On the chart thread: build the figure, fit its design into the space's logical pixels
    (text scales with it) and render it at the space's device pixels."""
    # Agg is loaded with the first chart shown, not with the window.
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415

    if threading.current_thread() is not threading.main_thread():  # (tests run it there)
        ticket.painted.wait(PAINT_WAIT_S)
    with CHART_LOCK, _handing_back_the_gil():
        if ticket.latest != number:  # asked again meanwhile: this one would never show
            return None
        size, ratio = ticket.size, ticket.ratio
        figure = build()
        dpi = fit_dpi(size, design or tuple(figure.get_size_inches()), min_dpi)
        figure.set_dpi(dpi * ratio)
        figure.set_size_inches(size[0] / dpi, size[1] / dpi)
        agg = FigureCanvasAgg(figure)
        agg.draw()
        pixels = agg.buffer_rgba()
        height, width = pixels.shape[:2]
        image = QImage(pixels, width, height, width * 4, QImage.Format.Format_RGBA8888)
        # (a copy that owns its pixels, in the format the raster engine paints fastest)
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        return _Rendered(figure, image)


class _Picture(QWidget):
    """Paints the last rendered image; scaled (proportions kept) while it was made for
    another size, faded while its successor is slow to come."""

    def __init__(self, parent: QWidget, painted: Callable[[], None]) -> None:
        super().__init__(parent)
        self.painted = painted
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image: QImage | None = None
        self.figure: Figure | None = None
        self.faded = False

    @property
    def device_pixel_ratio(self) -> float:
        return self.devicePixelRatioF()

    def sizeHint(self) -> QSize:
        return QSize(0, 0)  # the picture never sizes the layout: the space is the chart's

    def show_image(self, image: QImage | None, figure: Figure | None) -> None:
        self.image, self.figure, self.faded = image, figure, False
        self.update()

    def fade(self) -> None:
        if self.image is not None and not self.faded:
            self.faded = True
            self.update()

    def paintEvent(self, _event) -> None:
        self.painted()
        if self.image is None:
            return
        image = self.image
        w = image.width() / image.devicePixelRatio()
        h = image.height() / image.devicePixelRatio()
        painter = QPainter(self)
        if self.faded:
            painter.setOpacity(FADED)
        if abs(w - self.width()) < 1 and abs(h - self.height()) < 1:
            painter.drawImage(0, 0, image)
        else:  # resizing: the whole picture, scaled, until the new one lands
            scale = min(self.width() / w, self.height() / h)
            target = QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2,
                            w * scale, h * scale)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        painter.end()


class ChartCanvas(QWidget):
    resized = Signal()  # the size settled at something the current design no longer fits
    landed = Signal()  # a new picture shows (``figure`` is its figure)

    def __init__(self, accessible_name: str = "", parent: QWidget | None = None, *,
                 min_dpi: float = MIN_DPI, design: tuple[float, float] | None = None):
        """``design``: the inches every figure is designed at (fitted whole into the space);
        by default each figure's own size."""
        super().__init__(parent)
        self._min_dpi, self._design = min_dpi, design
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self._grey = QTimer(self, singleShot=True, interval=GREY_AFTER_MS)
        self._grey.timeout.connect(self._fade)
        self._asked_for: tuple[int, int] = (0, 0)  # the size the newest chart was designed for
        self._drawn_for: tuple[int, int] = (0, 0)  # ...and the size it is drawn at
        self._build: Callable[[], Figure] | None = None
        self._subject: Any = None  # what the newest request shows
        self._shown_subject: Any = None  # what the picture showing shows
        self._ticket = _Ticket()
        self._pending = False  # a picture is on its way
        if accessible_name:
            self.setAccessibleName(accessible_name)
        self.setMinimumSize(240, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.canvas: _Picture | None = None  # the picture, once a chart has been asked for
        self.design_inches: tuple[float, float] = design or (6.4, 6.4)

    @property
    def figure(self) -> Figure | None:
        """The figure of the picture showing (read it on the GUI thread only)."""
        return None if self.canvas is None else self.canvas.figure

    @property
    def drawing(self) -> bool:
        """A picture is on its way."""
        return self._pending

    def fitted_inches(self, minimum: tuple[float, float]) -> tuple[float, float]:
        """The widget's size in inches at the screen's logical resolution (so a 9 pt label
        shows at 9 pt), but never below ``minimum``: a smaller space scales the design down."""
        dpi = max(72.0, float(self.logicalDpiX()))
        return max(minimum[0], self.width() / dpi), max(minimum[1], self.height() / dpi)

    def show_chart(self, build: Callable[[], Figure], subject: Any = None) -> None:
        """Show the figure ``build`` makes (called on the chart thread: it must not touch a
        widget). ``subject`` (a participant id) tells a new person's chart from a redraw."""
        self._build, self._subject = build, subject
        self._request()

    def clear(self) -> None:
        self._build = None
        self._ticket.latest += 1  # nothing on its way may show now
        self._pending = False
        self._grey.stop()
        if self.canvas is not None:
            self.canvas.show_image(None, None)

    # -- the requests and what comes back ---------------------------------------------------
    def _request(self) -> None:
        if self.canvas is None:
            self.canvas = _Picture(self, self._painted)
            self._layout.addWidget(self.canvas)
            self.canvas.setGeometry(self.rect())  # the whole space now, not at the next layout
            self.canvas.show()
        ticket = self._ticket
        ticket.latest += 1
        number = ticket.latest
        ticket.painted.clear()
        ticket.size = self._asked_for = self._drawn_for = (self.width(), self.height())
        ticket.ratio = self.devicePixelRatioF()
        self.canvas.update()
        if self._subject != self._shown_subject:
            self.canvas.show_image(None, None)  # never the last person's chart meanwhile
        elif not self._grey.isActive():
            self._grey.start()
        self._pending = True
        build, min_dpi, design, subject = self._build, self._min_dpi, self._design, self._subject
        Op(self, lambda: _render(build, min_dpi, design, ticket, number), chart=True).success(
            lambda done: self._landed(number, subject, done)).failure(
            lambda error: self._failed(number, error)).run()

    def _painted(self) -> None:
        """The picture painted: the chart asked for may start once this paint has ended, at
        the size the space has now."""
        ticket = self._ticket
        if not ticket.painted.is_set():
            ticket.size = self._drawn_for = (self.width(), self.height())
            ticket.ratio = self.devicePixelRatioF()
            QTimer.singleShot(0, ticket.painted.set)

    def _out_of_date(self) -> bool:
        """The space is no longer the size the chart was drawn at, or designed for (a chart
        of a fixed ``design`` is only drawn again)."""
        size = (self.width(), self.height())
        return self._drawn_for != size or (self._design is None and self._asked_for != size)

    def _current(self, number: int) -> bool:
        return shiboken6.isValid(self) and number == self._ticket.latest

    def _landed(self, number: int, subject: Any, done: _Rendered | None) -> None:
        if done is None or not self._current(number):  # a newer one is on its way, or closed
            return
        self._pending = False
        self._grey.stop()
        self._shown_subject = subject
        self.design_inches = self._design or tuple(done.figure.get_size_inches())
        self.canvas.show_image(done.image, done.figure)
        self.landed.emit()
        if self._out_of_date() and self.isVisible():
            self._settle.start()  # resized while it was drawn

    def _failed(self, number: int, error: BaseException) -> None:
        if self._current(number):
            self._pending = False
            self._grey.stop()
            if self.isVisible():  # (not a chart behind the lock screen, its practice closed)
                show_exception(error, self)

    def _fade(self) -> None:
        if self.canvas is not None and self._pending:
            self.canvas.fade()

    # -- resizing ---------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._build is not None and self._out_of_date():
            self._settle.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._build is not None and self._out_of_date():
            self._settle.start()  # resized while hidden

    def _settled(self) -> None:
        if self._build is None or not self.isVisible() or not self._out_of_date():
            return
        number = self._ticket.latest
        self.resized.emit()  # the page designs afresh for the new size...
        if self._ticket.latest == number and self._build is not None:
            self._request()  # ...or, if it did not, the same chart is drawn at the new size
