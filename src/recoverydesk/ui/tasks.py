"""One way to run work off the GUI thread.

    Op(parent, lambda: services.goals.revise(...)).emits(ChangeSet.of("goal", participant_id=7))
        .success(self._show).with_progress(tr("Saving…")).run()

Writes run on a single worker thread, one after another, so SQLite never reports "database is
locked"; reads (``write=False``) use a small separate pool. Results come back on the GUI thread
through a queued signal. Tests call ``use_synchronous_runner()`` so an Op finishes before
``run()`` returns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from recoverydesk.services.types import Changed, ChangeSet
from recoverydesk.ui.bus import change_bus


class _ThreadRunner:
    def __init__(self) -> None:
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self.readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="reader")

    def submit(self, op: Op) -> None:
        pool = self.writer if op.write else self.readers
        pool.submit(op._execute)

    def shutdown(self) -> None:
        self.writer.shutdown(wait=True)
        self.readers.shutdown(wait=True)


class _SyncRunner:
    def submit(self, op: Op) -> None:
        op._execute()

    def shutdown(self) -> None:
        pass


_runner: _ThreadRunner | _SyncRunner | None = None
_running: set[Op] = set()  # keeps each Op alive until it has reported back


def _get_runner():
    global _runner
    if _runner is None:
        _runner = _ThreadRunner()
    return _runner


def use_synchronous_runner() -> None:
    global _runner
    _runner = _SyncRunner()


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


class Op(QObject):
    _finished = Signal(object, object)  # result, exc_info or None

    def __init__(self, parent: QWidget | None, fn: Callable[[], Any], *, write: bool = True):
        super().__init__(None)
        self._parent_widget = parent
        self._fn = fn
        self.write = write
        self._on_success: list[Callable[[Any], None]] = []
        self._on_failure: Callable[[BaseException], None] | None = None
        self._changes: ChangeSet | Callable[[Any], ChangeSet] | None = None
        self._progress_label: str | None = None
        self._progress: QProgressDialog | None = None
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._on_failure = callback
        return self

    def emits(self, changes: ChangeSet | Callable[[Any], ChangeSet]) -> Op:
        """The ChangeSet to publish on the bus after success (or a function of the result)."""
        self._changes = changes
        return self

    def with_progress(self, label: str) -> Op:
        self._progress_label = label
        return self

    def run(self) -> None:
        _running.add(self)
        if self._progress_label:
            dialog = QProgressDialog(self._progress_label, None, 0, 0, self._parent_widget)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(400)  # quick work never flashes a dialog
            dialog.setAutoClose(True)
            self._progress = dialog
            QTimer.singleShot(400, self._show_progress)
        runner = _get_runner()
        if isinstance(runner, _SyncRunner):
            self._execute_sync()
        else:
            runner.submit(self)

    def _show_progress(self) -> None:
        if self._progress is not None and self in _running:
            self._progress.show()

    def _execute(self) -> None:
        try:
            result, error = self._fn(), None
        except BaseException as exc:  # delivered to the GUI thread, never lost
            result, error = None, exc
        self._finished.emit(result, error)

    def _execute_sync(self) -> None:
        try:
            result, error = self._fn(), None
        except BaseException as exc:
            result, error = None, exc
        self._deliver(result, error)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        _running.discard(self)
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        if error is not None:
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                from recoverydesk.ui.errors import show_exception

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
