"""The worst GUI-thread stall during each of the coach's long operations, in a real app process.

Run by ``benchmarks/run.py``, one process per run, so that opening the practice is a cold start
every time:

    .venv/bin/python benchmarks/stalls.py --db PLAIN.rdk --encrypted LOCKED.rdk \\
        --passphrase PASS --export EXPORT.json --json OUT.json

The app is started the way ``recoverydesk --db`` starts it (``app.run_gui``, offscreen); each
operation is triggered the way the coach triggers it (the window's command, its dialogs
answered in their own event loop the way tests drive them, the file dialogs answered with a
path) while ``stall_meter.StallMeter`` watches the GUI thread, and it counts as done when the
command has returned, no ``Op`` is still running and the page has had time to refresh. The
practices are copied into a temporary folder first (their backups go there too), so the
files given are never changed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402

from benchmarks.stall_meter import StallMeter, answer_when_shown, settle, wait_until  # noqa: E402

OPEN_ON_ANY_TAB = "open the busiest participant, any tab showing"
OPERATIONS = ("open the practice", "open the busiest participant", "save a session note",
              "run a backup", "print a plan pack", "import a JSON export",
              "change the passphrase", OPEN_ON_ANY_TAB)
SETTLE_MS = 300  # after an operation: the bus's page refreshes land in this time
TIMEOUT_S = 600
NEW_PASSPHRASE = "copper-kettle-morning-tide-58"
NOTE = "We talked about the beach walk on Sunday and what helped with confidence this week."


def busiest_participant(practice: Path) -> int:
    """The participant with the most rows across every table that has a participant_id (the
    rule of ``inprocess.busiest_participant``), read from a plain practice file."""
    totals: dict[int, int] = {}
    with sqlite3.connect(f"file:{practice}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = {r[1] for r in db.execute(f'PRAGMA table_info("{table}")')}
            if "participant_id" not in columns:
                continue
            for pid, n in db.execute(f'SELECT participant_id, count(*) FROM "{table}" '
                                     "WHERE participant_id IS NOT NULL GROUP BY participant_id"):
                totals[pid] = totals.get(pid, 0) + n
    return max(totals, key=totals.get)


class Scenario:
    """The operations in order, each measured; runs inside the app's own event loop."""

    def __init__(self, args, folder: Path, pid: int) -> None:
        self.args, self.folder, self.pid = args, folder, pid
        self.practice = folder / "practice.rdk"
        self.locked = folder / "locked.rdk"
        self.meter = StallMeter(sample=True)
        self.stalls: dict[str, float | None] = {}
        self.seconds: dict[str, float | None] = {}
        self.where: dict[str, list] = {}
        self.stall_at: dict[str, float] = {}  # when the worst stall ended, s after the start
        self.problems: list[str] = []
        self.window = None
        self.by_tab: dict[str, float | None] = {}  # OPEN_ON_ANY_TAB's stall, tab by tab
        self._answers: list = []  # ways to stop answering dialogs that never showed
        self.parent = os.getppid()

    # -- plumbing ------------------------------------------------------------------------
    def _busy(self) -> bool:
        from recoverydesk.ui import tasks

        return bool(getattr(tasks, "_running", ()))

    def _measure(self, name: str, trigger, done=lambda: True, *, started: bool = False) -> None:
        """Start the meter, fire ``trigger`` from the event loop, wait until it has returned,
        ``done()`` holds and no Op is running, let the page refresh, stop the meter."""
        returned = [trigger is None]

        def fire() -> None:
            try:
                trigger()
            finally:
                returned[0] = True

        if not started:
            self.meter.start()
        problems = len(self.problems)
        t0 = time.perf_counter()
        if trigger is not None:
            QTimer.singleShot(0, fire)
        ok = wait_until(lambda: (returned[0] and done() and not self._busy())
                        or len(self.problems) > problems, TIMEOUT_S)  # an error box: give up
        seconds = time.perf_counter() - t0
        while self._answers:
            self._answers.pop()()
        ok = ok and len(self.problems) == problems
        settle(SETTLE_MS)
        stall = self.meter.stop()
        self.where[name] = self.meter.hotspots()
        self.stall_at[name] = round(self.meter.worst_at, 2)
        if not ok and len(self.problems) == problems:
            self.problems.append(f"{name}: not finished after {TIMEOUT_S} s")
        if ok:
            self.stalls[name], self.seconds[name] = stall, seconds
        else:  # something went wrong: no figure rather than a wrong one
            self.stalls[name] = self.seconds[name] = None

    def _quiet(self) -> None:
        """Between operations: the background loading of printing (started a moment after the
        caseload shows) is finished, so it is not counted against the next operation."""
        wait_until(lambda: not any(t.name == "prepare-printing" for t in threading.enumerate())
                   and not self._busy(), 60)
        settle(100)

    def _answer(self, class_name: str, act) -> None:
        """Answer the dialog when it shows; an operation whose dialog never showed is a
        problem (it would otherwise be timed as doing nothing)."""
        shown = [False]

        def answer(dialog) -> None:
            shown[0] = True
            act(dialog)

        stop = answer_when_shown(class_name, answer)

        def check() -> None:
            stop()
            if not shown[0]:
                self.problems.append(f"no {class_name} showed")

        self._answers.append(check)

    @staticmethod
    def _answer_files(open_path: Path | None = None, save_path: Path | None = None) -> None:
        """The file dialogs answer with these paths (as the tests answer them)."""
        if open_path is not None:
            QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(open_path), ""))
        if save_path is not None:
            QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(save_path), ""))

    def _dismiss_boxes(self) -> None:
        """A message box (an error, a question) would wait for a click for ever: it is noted
        as a problem and closed. When the benchmark that started this process is gone (killed
        on a timeout), this process ends too instead of running on alone."""
        if os.getppid() != self.parent:
            os._exit(3)
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.isVisible():
                self.problems.append(f"message box: {w.text()[:200]} {w.detailedText()[-800:]}")
                w.done(0)

    # -- the operations ------------------------------------------------------------------
    def _wanted(self, name: str) -> bool:
        return not self.args.only or name in self.args.only

    def run(self) -> None:
        self.meter.start()  # the first turn of the app's event loop: the window is not painted
        from recoverydesk.ui.main_window import MainWindow

        boxes = QTimer()
        boxes.timeout.connect(self._dismiss_boxes)
        boxes.start(100)
        self.window = w = next(x for x in QApplication.topLevelWidgets()
                               if isinstance(x, MainWindow))
        try:
            self._measure("open the practice", None,
                          lambda: w.workspace is not None and w.commands.get("backup_now")
                          is not None, started=True)
            self._operations(w)
        except Exception as exc:  # noqa: BLE001 - reported; the window must still close
            self.problems.append(f"{type(exc).__name__}: {exc}")
        boxes.stop()
        w.close()

    def _operations(self, w) -> None:
        pid = self.pid
        settle(1600)  # app.py starts loading printing 1.5 s after the caseload: let it start
        self._quiet()
        if self._wanted("open the busiest participant"):
            self._measure("open the busiest participant", lambda: w.open_participant(pid),
                          lambda: w.current_participant_id() == pid)
            self._quiet()
        if self._wanted("save a session note"):
            self._note(w)
        if self._wanted("run a backup"):
            self._measure("run a backup", w.commands["backup_now"].trigger)
            self._quiet()
        if self._wanted("print a plan pack"):
            self._print(w)
        if self._wanted("import a JSON export"):
            self._import(w)
        if self._wanted("change the passphrase"):
            self._open_locked(w)
            self._quiet()
            self._passphrase(w)
            self._quiet()
        if self._wanted(OPEN_ON_ANY_TAB):
            self._open_on_each_tab(w)

    def _note(self, w) -> None:
        written = []

        def write(dialog) -> None:
            written.append(dialog)
            dialog.talked_about.setPlainText(NOTE)
            dialog.save_button.click()

        self._answer("SessionNoteDialog", write)
        # (the editor shows a few turns after the command: read on a reader, built in parts)
        self._measure("save a session note", w.commands["write_note"].trigger,
                      lambda: bool(written) and not _showing("SessionNoteDialog"))
        self._quiet()

    def _print(self, w) -> None:
        pdf = self.folder / "plan.pdf"
        self._answer_files(save_path=pdf)
        self._answer("PdfPreviewDialog", lambda d: d.save_button.click())
        self._measure("print a plan pack", w.commands["export_plan_pdf"].trigger,
                      lambda: pdf.exists() and not _showing("PdfPreviewDialog"))
        self._quiet()

    def _import(self, w) -> None:
        imported = self.folder / "imported.rdk"
        self._answer_files(open_path=self.args.export, save_path=imported)

        def leave_plain(dialog) -> None:
            dialog.decline.setChecked(True)
            dialog.ok_button.click()

        self._answer("PassphraseDialog", leave_plain)
        self._measure("import a JSON export", w.commands["import_all"].trigger,
                      lambda: _path_of(w) == imported)
        self._quiet()

    def _open_on_each_tab(self, w) -> None:
        """Open the busiest participant from another one with each tab showing in turn. The
        app reads and draws only the tab showing (the Star tab's chart, the Network tab's
        eco-map): "open the busiest participant" above, on the Overview, is not the worst
        case, the worst of these is. Measured last, so that the operations before it find
        the tabs as a coach's day starts (not built yet)."""
        pid = self.pid
        other = next(r.id for r in w.services.participants.list() if r.id != pid)
        by_tab: dict[str, float | None] = {}
        took: dict[str, float | None] = {}
        for key in [page.key for page in w.workspace.pages]:
            w.open_participant(other, key)
            self._quiet()
            one = f"{OPEN_ON_ANY_TAB}: {key}"
            self._measure(one, lambda: w.open_participant(pid),
                          lambda: w.current_participant_id() == pid)
            by_tab[key] = self.stalls.pop(one)
            took[key] = self.seconds.pop(one)  # (where and stall_at keep each tab's)
        self.by_tab = by_tab
        got = {k: v for k, v in by_tab.items() if v is not None}
        worst = max(got, key=got.get) if got else None
        complete = worst is not None and len(got) == len(by_tab)
        self.stalls[OPEN_ON_ANY_TAB] = got[worst] if complete else None
        self.seconds[OPEN_ON_ANY_TAB] = took[worst] if complete else None
        if worst is not None:
            self.where[OPEN_ON_ANY_TAB] = self.where[f"{OPEN_ON_ANY_TAB}: {worst}"]
            self.stall_at[OPEN_ON_ANY_TAB] = self.stall_at[f"{OPEN_ON_ANY_TAB}: {worst}"]

    def _passphrase(self, w) -> None:
        def change(dialog) -> None:
            dialog.current_edit.setText(self.args.passphrase)
            dialog.new_edit.setText(NEW_PASSPHRASE)
            dialog.confirm_edit.setText(NEW_PASSPHRASE)
            dialog.ok_button.click()

        self._answer("PassphraseDialog", change)
        self._measure("change the passphrase", w.commands["passphrase"].trigger,
                      lambda: _path_of(w) == self.locked and w.services.practice.is_open)

    def _open_locked(self, w) -> None:
        """File > Open the encrypted copy, its passphrase typed (not measured)."""
        self._answer_files(open_path=self.locked)

        def unlock(dialog) -> None:
            dialog.new_edit.setText(self.args.passphrase)
            dialog.ok_button.click()

        self._answer("PassphraseDialog", unlock)
        QTimer.singleShot(0, w.commands["open_practice"].trigger)
        opened = wait_until(lambda: _path_of(w) == self.locked and not self._busy(), TIMEOUT_S)
        while self._answers:
            self._answers.pop()()
        if not opened:
            raise RuntimeError("the encrypted copy did not open")


def _showing(class_name: str) -> bool:
    return any(type(x).__name__ == class_name and x.isVisible()
               for x in QApplication.topLevelWidgets())


def _path_of(window) -> Path | None:
    return None if window.services is None else Path(window.services.practice.path)


def measure(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="rdstall-") as tmp:
        folder = Path(tmp)
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(folder / var.lower())
        os.environ.pop("RECOVERYDESK_PASSPHRASE", None)
        shutil.copyfile(args.db, folder / "practice.rdk")
        shutil.copyfile(args.encrypted, folder / "locked.rdk")
        scenario = Scenario(args, folder, busiest_participant(args.db))
        app = QApplication.instance() or QApplication([sys.argv[0]])
        QTimer.singleShot(0, scenario.run)
        from recoverydesk.app import run_gui

        run_gui(folder / "practice.rdk")
        app.processEvents()
        return {"stall_ms": scenario.stalls, "seconds": scenario.seconds,
                "where": scenario.where, "stall_at_s": scenario.stall_at,
                "problems": scenario.problems, "open_by_tab_ms": scenario.by_tab,
                "busiest": scenario.pid}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True, help="a plain practice")
    ap.add_argument("--encrypted", type=Path, required=True, help="an encrypted practice")
    ap.add_argument("--passphrase", required=True, help="the encrypted practice's passphrase")
    ap.add_argument("--export", type=Path, required=True, help="a JSON export to import")
    ap.add_argument("--json", type=Path, required=True)
    ap.add_argument("--only", action="append", choices=OPERATIONS[1:], metavar="OPERATION",
                    help="measure only this operation (again for more; opening the practice "
                         f"is always measured): one of {', '.join(OPERATIONS[1:])}")
    args = ap.parse_args(argv)
    args.json.write_text(json.dumps(measure(args), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
