"""One way to run work off the GUI thread.

    Op(parent, lambda: services.goals.revise(...)).success(self._show).run()

Writes run on a single worker thread, one after another, so SQLite never reports "database is
locked"; reads (``write=False``) use a small separate pool; charts (``chart=True``) a thread
of their own (ui/widgets/chart_canvas.py), so drawing never holds up a read. Results come
back on the GUI thread through a queued signal. When the function returns a ``Changed``, Op
publishes its ``changes`` on the bus and hands ``changed.value`` to the success callbacks
(``emits(...)`` is for functions that return a plain value). Tests call
``use_synchronous_runner()`` so an Op finishes before ``run()`` returns.

Progress for long work
----------------------
``with_progress(label)`` shows a window-modal progress dialog (busy bar, no Cancel) if the work
is still running after 400 ms, so quick work never flashes a dialog. Two options make it say
more; with either of them the function is called with one argument, a ``Progress``
(``recoverydesk.services.types``), which the use case takes as its ``progress`` parameter:

    Op(window, lambda progress: services.practice.backup(to, progress=progress))
        .with_progress(tr("Backing up…"), counted=True, cancel=True)
        .cancelled(lambda: window.statusBar().showMessage(tr("Backup stopped.")))
        .run()

- ``counted=True``: ``progress.step(done, total, text)`` on the worker moves the bar (a
  determinate bar from ``0`` to ``total``; ``text``, when given, replaces the label). Reports
  reach the GUI thread through a queued signal and are coalesced: a tight loop reporting
  thousands of steps costs the window one update per turn of its event loop.
- ``cancel=True``: the dialog has a Cancel button (Esc and closing the dialog press it too).
  Pressing it sets a thread-safe flag and the label says "Stopping…"; the work stops at its next
  ``progress.step``, which raises ``Cancelled``. Ask for it only when the use case calls
  ``step`` solely where stopping leaves nothing half-written. Work not yet started when Cancel
  is pressed does not start.
- ``cancelled(callback)``: called on the GUI thread (no argument) when the work raised
  ``Cancelled``. Without one, a cancelled Op ends quietly: no error box, no success callback,
  nothing published.

Two coaches, one record
-----------------------
A write refused because another coach saved the same record since this one was opened raises
``EditConflict`` (services/conflicts). Op answers it in one place, for every form and editor:
the conflict window (ui/dialogs/edit_conflict.py) shows both versions, and the coach's answer is
saved through ``conflict.save_again`` with this Op's success and failure callbacks (another
conflict meanwhile comes back to the window). Closing it saves nothing; the failure callback,
if any, is then given the conflict (so what counts saves in flight can settle), and no error box
is shown: the coach was told, and chose to go back.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QProgressBar, QProgressDialog, QPushButton, QWidget

from recoverydesk.services.conflicts.types import EditConflict
from recoverydesk.services.types import Cancelled, Changed, ChangeSet, Progress
from recoverydesk.ui.bus import change_bus
from recoverydesk.ui.errors import show_exception

SHOW_AFTER_MS = 400  # quick work never flashes a dialog


class _ThreadRunner:
    def __init__(self) -> None:
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self.readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="reader")
        self.charts = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart")

    def submit(self, op: Op) -> None:
        pool = self.charts if op.chart else self.writer if op.write else self.readers
        _submitted[id(op)] = op  # the GUI thread's reference until the result is delivered
        pool.submit(_execute_submitted, id(op), _delivery_channel())

    def shutdown(self) -> None:
        self.writer.shutdown(wait=True)
        self.readers.shutdown(wait=True)
        self.charts.shutdown(wait=True)


class _SyncRunner:
    def submit(self, op: Op) -> None:
        op._execute()

    def shutdown(self) -> None:
        pass


_runner: _ThreadRunner | _SyncRunner | None = None
_running: set[Op] = set()  # keeps each Op alive until it has reported back


class _Delivery(QObject):
    """Carries a worker's result to the GUI thread. An Op is a QObject of the GUI thread, so it
    must also be freed there: had the worker emitted the Op's own signal, the worker's reference
    (its work item, a traceback's frame) could be the last one once the GUI thread had delivered,
    and the Op would be destroyed on the worker while Qt still dispatched its event: a crash
    seen under load (tests/ui/test_passphrase_rating.py, 1 run in 8 beside two busy cores)."""

    finished = Signal(object, object, object)  # the Op's key, result, error or None


_submitted: dict[int, Op] = {}  # Ops on a worker, by key: only the GUI thread drops them
_delivery: _Delivery | None = None


def _delivery_channel() -> _Delivery:
    """Made on the GUI thread (the first Op runs there), so its slot runs there."""
    global _delivery
    if _delivery is None:
        _delivery = _Delivery()
        _delivery.finished.connect(_deliver_submitted, Qt.ConnectionType.QueuedConnection)
    return _delivery


def _execute_submitted(key: int, channel: _Delivery) -> None:
    """The worker's side: run the Op, let go of it, then send its outcome by key."""
    op = _submitted[key]
    result, error = op._call()
    del op
    if error is not None and error.__traceback__ is not None:
        traceback.clear_frames(error.__traceback__)  # its frames hold the Op (``self``)
    channel.finished.emit(key, result, error)


def _deliver_submitted(key: int, result: Any, error: BaseException | None) -> None:
    op = _submitted.pop(key, None)
    if op is not None:
        op._deliver(result, error)


def _get_runner():
    global _runner
    if _runner is None:
        _runner = _ThreadRunner()
    return _runner


def use_synchronous_runner() -> None:
    global _runner
    _runner = _SyncRunner()


def runs_at_once() -> bool:
    """True while Ops run on the calling thread (``use_synchronous_runner``: tests and the
    in-process benchmark)."""
    return isinstance(_get_runner(), _SyncRunner)


def use_thread_runner() -> None:
    global _runner
    _runner = _ThreadRunner()


def shutdown() -> None:
    """Wait for queued writes to finish (called when the app closes)."""
    if _runner is not None:
        _runner.shutdown()


def wait_idle() -> None:
    """Block until every write queued so far has finished (before locking or closing)."""
    runner = _get_runner()
    if isinstance(runner, _ThreadRunner):
        runner.writer.submit(lambda: None).result()


def _tr(text: str) -> str:
    return QCoreApplication.translate("Op", text)


class _ProgressWindow(QObject):
    """The progress dialog of one Op, driven only from the GUI thread.

    Its own bar (``setBar``) is moved directly: ``QProgressDialog.setValue`` on a modal dialog
    runs a nested event loop, in which the Op could finish and delete the dialog mid-call.
    Esc and the window's close button never hide the dialog while the work runs: they press
    Cancel when there is one and do nothing otherwise; the dialog goes when the work ends."""

    def __init__(self, parent: QWidget | None, label: str, on_cancel: Callable[[], None] | None):
        super().__init__(None)
        self._on_cancel = on_cancel
        # The Cancel button is made by the constructor or not at all: setCancelButton() on a
        # dialog that has one leaves its Esc shortcut behind, and two make Esc ambiguous.
        cancel_text = _tr("Cancel") if on_cancel is not None else None
        dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumWidth(360)  # room for "Copying 12 of 240 backups…" without jumping
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.bar = QProgressBar(dialog)
        self.bar.setRange(0, 0)  # busy until the work counts
        dialog.setBar(self.bar)
        dialog.canceled.disconnect(dialog.cancel)  # Cancel must not hide it: see above
        self.cancel_button = dialog.findChild(QPushButton)
        if on_cancel is not None:
            dialog.canceled.connect(on_cancel)
        dialog.installEventFilter(self)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        escape = (event.type() == QEvent.Type.KeyPress
                  and event.key() == Qt.Key.Key_Escape)  # type: ignore[attr-defined]
        if escape or event.type() == QEvent.Type.Close:
            event.ignore()
            if self._on_cancel is not None:
                self._on_cancel()
            return True
        return False

    def move(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(max(0, min(done, total)))
        if text:
            self.dialog.setLabelText(text)

    def stopping(self) -> None:
        self.dialog.setLabelText(_tr("Stopping…"))
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)

    def close(self) -> None:
        self.dialog.removeEventFilter(self)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()


class Op(QObject):
    _reported = Signal()  # the worker has a new progress report waiting in _pending

    def __init__(self, parent: QWidget | None, fn: Callable[..., Any], *, write: bool = True,
                 chart: bool = False):
        super().__init__(None)
        self._parent_widget = parent
        self._fn = fn
        self.write, self.chart = write and not chart, chart
        self._on_success: list[Callable[[Any], None]] = []
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancelled: list[Callable[[], None]] = []
        self._changes: ChangeSet | Callable[[Any], ChangeSet] | None = None
        self._progress_label: str | None = None
        self._counted = False
        self._cancellable = False
        self._cancel_requested = threading.Event()
        self._pending_lock = threading.Lock()
        self._pending: tuple[int, int, str] | None = None
        self._window: _ProgressWindow | None = None
        self._reported.connect(self._show_report, Qt.ConnectionType.QueuedConnection)

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> Op:
        """Called on the GUI thread when the work stopped because Cancel was pressed."""
        self._on_cancelled.append(callback)
        return self

    def emits(self, changes: ChangeSet | Callable[[Any], ChangeSet]) -> Op:
        """The ChangeSet to publish on the bus after success (or a function of the result)."""
        self._changes = changes
        return self

    def with_progress(self, label: str, *, counted: bool = False, cancel: bool = False) -> Op:
        """Show a progress dialog if the work lasts; see the module docstring for the options.

        With ``counted`` or ``cancel`` the function is called with a ``Progress``."""
        self._progress_label = label
        self._counted = counted
        self._cancellable = cancel
        return self

    @property
    def takes_progress(self) -> bool:
        return self._progress_label is not None and (self._counted or self._cancellable)

    def request_cancel(self) -> None:
        """What Cancel does: the work stops at its next ``progress.step`` (GUI thread)."""
        if not self._cancellable or self._cancel_requested.is_set():
            return
        self._cancel_requested.set()
        if self._window is not None:
            self._window.stopping()

    def run(self) -> None:
        _running.add(self)
        if self._progress_label:
            on_cancel = self.request_cancel if self._cancellable else None
            self._window = _ProgressWindow(self._parent_widget, self._progress_label, on_cancel)
            QTimer.singleShot(SHOW_AFTER_MS, self._show_progress)
        runner = _get_runner()
        if isinstance(runner, _SyncRunner):
            self._deliver(*self._call())
        else:
            runner.submit(self)

    def _show_progress(self) -> None:
        if self._window is not None and self in _running:
            self._window.dialog.show()

    # --- the worker's side ---

    def _progress(self) -> Progress:
        report = self._report if self._counted else None
        return Progress(report, self._cancel_requested.is_set)

    def _report(self, done: int, total: int, text: str) -> None:
        with self._pending_lock:
            nothing_waiting = self._pending is None
            self._pending = (done, total, text)
        if nothing_waiting:  # one queued signal per batch of reports
            self._reported.emit()

    def _call(self) -> tuple[Any, BaseException | None]:
        try:
            if self._cancel_requested.is_set():  # cancelled while waiting its turn
                raise Cancelled
            result = self._fn(self._progress()) if self.takes_progress else self._fn()
            return result, None
        except BaseException as exc:  # delivered to the GUI thread, never lost
            return None, exc

    # --- the GUI thread's side ---

    def _show_report(self) -> None:
        with self._pending_lock:
            report, self._pending = self._pending, None
        if report is not None and self._window is not None:
            self._window.move(*report)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        _running.discard(self)
        if self._window is not None:
            self._window.close()
            self._window = None
        if isinstance(error, Cancelled):
            for cancelled in self._on_cancelled:
                try:
                    cancelled()
                except Exception:
                    sys.excepthook(*sys.exc_info())
            return
        if isinstance(error, EditConflict) and error.save_again is not None:
            self._answer_conflict(error)
            return
        if error is not None:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                show_exception(error, self._parent_widget)
            return
        if isinstance(result, Changed):  # the service said what it changed: publish exactly that
            change_bus().publish(result.changes)
            result = result.value
        elif self._changes is not None:
            changes = self._changes(result) if callable(self._changes) else self._changes
            change_bus().publish(changes)
        for callback in self._on_success:
            try:
                callback(result)
            except Exception:
                sys.excepthook(*sys.exc_info())

    def _answer_conflict(self, conflict: EditConflict) -> None:
        """Show both versions; save the coach's answer with this Op's callbacks."""
        # Loaded only when two coaches' saves meet, never at start-up.
        from recoverydesk.ui.dialogs.edit_conflict import EditConflictDialog

        dialog = EditConflictDialog(conflict, self._parent_widget)
        answered = dialog.exec() == QDialog.DialogCode.Accepted and dialog.resolution
        dialog.deleteLater()
        if not answered:
            if self._on_failure is not None:
                self._on_failure(conflict)
            return
        how, draft = dialog.resolution
        again = Op(self._parent_widget, lambda: conflict.save_again(draft, how))
        again._on_success, again._on_failure = list(self._on_success), self._on_failure
        again.run()
