"""Every error that reaches the coach goes through here: plain words, and "Copy details".

Unexpected exceptions (sys.excepthook) land here too, and in a log file that records the kind of
error and where it happened, never its message (a message could hold a name or a note).
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from recoverydesk.private_files import private_dir, private_file
from recoverydesk.services.practice.types import (
    DiskFailingError,
    DiskFullError,
    PracticeBusyError,
    PracticeDamagedError,
    PracticeLockedError,
    file_problem,
    os_trouble,
)
from recoverydesk.services.types import ServiceError

log = logging.getLogger("recoverydesk")


def tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


# While the view for sitting with a participant is up, an error box from work the coach's
# window started (which may name someone else) waits until the coach has left the view.
_held: list[tuple[str, str, str | None]] | None = None


def hold_error_boxes() -> None:
    global _held
    if _held is None:
        _held = []


def release_error_boxes() -> None:
    """Show the error boxes held back while the private view was up, oldest first."""
    global _held
    held, _held = _held or [], None
    for message, details, title in held:
        show_error(message, details, title=title)


def show_error(message: str, details: str = "", parent: QWidget | None = None,
               title: str | None = None) -> None:
    if _held is not None:
        _held.append((message, details, title))
        return
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or tr("RecoveryDesk"))
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if details:
        copy = box.addButton(tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
        box.setDetailedText(details)
        copy.clicked.disconnect()  # keep the box open after copying
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()


def show_exception(exc: BaseException, parent: QWidget | None = None) -> None:
    """A ServiceError is the coach's to fix: show its sentence. Anything else is ours.

    The practice's troubles arrive as ServiceErrors of ``practice/types.py`` (the service layer
    translates the store's exceptions), so only types are checked here."""
    exc = os_trouble(exc) or exc  # a full or failing disk met writing a file the coach chose
    if isinstance(exc, PracticeLockedError):
        return  # something ran while the window was locked; it is redone after unlocking
    if isinstance(exc, PracticeBusyError):  # another program held the practice past the wait
        show_error(tr("Couldn't save just now: the practice is busy. Your text is still here; "
                      "try again in a moment."), parent=parent)
        return
    if isinstance(exc, DiskFullError):
        show_error(tr("The disk is full, so the last change could not be saved. Everything "
                      "saved before it is safe. Free some space and try again."), parent=parent)
        return
    if isinstance(exc, DiskFailingError):  # SQLite's "disk I/O error": a full disk stops the
        # -shm growing, or a memory stick was pulled out
        show_error(tr("The disk reported a problem, so the last change could not be saved. "
                      "Everything saved before it is safe. Check that the disk has free space "
                      "(and a memory stick is still connected), then try again."), parent=parent)
        return
    if isinstance(exc, PracticeDamagedError):
        log_exception(exc)
        show_error(tr("Part of your practice file could not be read: it seems to be damaged. "
                      "Close RecoveryDesk and open it again: it will check the file and offer "
                      "your newest good backup. Your backups are kept safe."), parent=parent)
        return
    if isinstance(exc, ServiceError):
        show_error(str(exc), parent=parent)
        return
    if isinstance(exc, OSError) and exc.filename:  # a file it may not write (on Windows: a
        # PDF still open in a reader), a folder where a file should go: the coach's to fix
        show_error(file_problem(exc), parent=parent)
        return
    details = copyable_details(exc)
    log_exception(exc)
    show_error(
        tr("Something went wrong that RecoveryDesk did not expect. Your saved work is safe. "
           "If it keeps happening, use “Copy details” and send them to support."),
        details,
        parent,
    )


# SQLAlchemy appends the statement and its values (names, notes) to its messages.
_SQL_TAIL = re.compile(r"\s*(\[SQL:|\[parameters:|\[generated in |\(Background on this error)")


def message_without_sql(exc: BaseException) -> str:
    """The error's message up to SQLAlchemy's "[SQL: ...]" and "[parameters: ...]" parts."""
    text = str(exc)
    cut = _SQL_TAIL.search(text)
    return (text[: cut.start()] if cut else text).strip()


def copyable_details(exc: BaseException) -> str:
    """What "Copy details" gives support: each error's type and message (never a statement or
    its values) and where it happened (file, line, function: no source text), causes too."""
    parts, seen = [], set()
    while exc is not None and id(exc) not in seen and len(parts) < 5:
        seen.add(id(exc))
        kind = f"{type(exc).__module__}.{type(exc).__qualname__}".removeprefix("builtins.")
        message = message_without_sql(exc)
        frames = traceback.extract_tb(exc.__traceback__)
        lines = [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
        parts.append("\n".join([f"{kind}: {message}" if message else kind, *lines]))
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return "\n\nwhich led to:\n".join(reversed(parts))  # the first cause first, as Python


def scrubbed_traceback(exc: BaseException) -> str:
    """Where it happened (files, lines, function names) and the error's type, no message."""
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return f"{type(exc).__name__}\n  " + "\n  ".join(lines)


def log_exception(exc: BaseException) -> None:
    log.error("unexpected error: %s", scrubbed_traceback(exc))


def configure_logging(log_dir: Path | None) -> None:
    if log_dir is None or log.handlers:
        return
    try:
        private_dir(log_dir)
        handler = logging.FileHandler(log_dir / "recoverydesk.log", encoding="utf-8")
        private_file(log_dir / "recoverydesk.log")  # also one an older version left readable
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def install_excepthook() -> None:
    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        show_exception(exc)

    sys.excepthook = hook
