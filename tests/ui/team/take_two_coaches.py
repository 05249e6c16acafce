"""Retake docs/team-two-coaches.png: two app windows, as two coaches on one team practice (a
throwaway PostgreSQL server), each its own process. The practice lead changes a participant's
preferred name in hers; it appears in the coach's window without a restart (LISTEN/NOTIFY).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/team/take_two_coaches.py

Not a test: a tool for looking. Each window runs in a child process of this script
(``window`` mode), so nothing but the server carries the change from one to the other.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
SIZE = (1100, 660)
LEAD, COACH = ("lena", "Lena Ward"), ("sam", "Sam Tupou")
PASSWORDS = {"lena": "harbour-lights-7", "sam": "seaside-walk-4"}


def _settle(app, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def window(role: str, address: str, out: str, mode: str, flag: str) -> None:
    """One coach's window: connect, open the shared participant, then (``edit``) change their
    preferred name or (``watch``) wait until the change shows; save the window as ``out``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from recoverydesk.app import Opener
    from recoverydesk.ui import tasks
    from recoverydesk.ui.main_window import MainWindow
    from recoverydesk.ui.style import apply_theme

    app = QApplication(sys.argv[:1])
    app.setOrganizationName(f"RecoveryDeskShots-{role}")
    app.setApplicationName("RecoveryDesk")
    apply_theme(app)
    tasks.use_synchronous_runner()
    win = MainWindow(Opener())
    win.setWindowState(Qt.WindowState.WindowNoState)  # (offscreen's screen is 800x600)
    win.setGeometry(0, 0, *SIZE)
    win.show()
    win.practice_files.connect_team(address)
    end = time.monotonic() + 30  # (the caseload shows first; the services once it is painted)
    while win.services is None and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    services = win.services
    person = next(p for p in services.participants.list() if p.display_name.startswith("Aroha"))
    win.open_participant(person.id, "overview")
    _settle(app, 1.5)
    if mode == "watch":
        Path(flag).write_text("ready")
        end = time.monotonic() + 30
        while time.monotonic() < end and not _shows_ro(win):
            app.processEvents()
            time.sleep(0.05)
        _settle(app, 1.0)
    else:
        end = time.monotonic() + 30
        while not Path(flag).exists() and time.monotonic() < end:
            time.sleep(0.1)
        draft = services.participants.get(person.id).to_draft()
        draft = type(draft)(**{**draft.__dict__, "preferred_name": "Ro"})
        tasks.Op(win, lambda: services.participants.update(person.id, draft)).run()
        _settle(app, 1.0)
    win.grab().save(out)
    Path(f"{out}.title").write_text(win.windowTitle(), encoding="utf-8")
    services.close()


def _shows_ro(win) -> bool:
    model = win.list_panel.model
    return any(str(model.index(r, 0).data() or "").startswith("Ro ")
               for r in range(model.rowCount()))


def main() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_cluster import ThrowawayCluster
    from recoverydesk.services.participants.types import ParticipantDraft
    from recoverydesk.services.practice.team_opening import open_team_services
    from recoverydesk.services.settings.types import PracticeDetails
    from recoverydesk.services.team.types import NewCoach

    with ThrowawayCluster() as pg, tempfile.TemporaryDirectory() as tmp:
        database = "harbour"
        pg.execute(f"CREATE DATABASE {database}")
        owner = f"postgresql://postgres@/{database}?host={pg.folder}&port={pg.port}"
        services = open_team_services(owner)
        services.settings.save_details(PracticeDetails(practice_name="Harbour Lights Coaching",
                                                       coach_name="Lena Ward"))
        for role, name in (LEAD, COACH):
            services.team.add_coach(NewCoach(role, name, lead=role == LEAD[0]), PASSWORDS[role])
        for given, family, coach in (("Aroha", "Ngata", "sam"), ("Mere", "Tawhiri", "sam"),
                                     ("Tom", "Baker", "sam"), ("Priya", "Nair", "lena"),
                                     ("Joe", "Rangi", "lena")):
            p = services.participants.create(ParticipantDraft(given_name=given,
                                                              family_name=family)).value
            services.team.assign(p.id, coach)
        services.close()

        flag = Path(tmp) / "watching"
        shots = {role: Path(tmp) / f"{role}.png" for role in PASSWORDS}
        children = []
        for role, mode in (("sam", "watch"), ("lena", "edit")):
            env = {**os.environ, "PGPASSWORD": PASSWORDS[role], "QT_QPA_PLATFORM": "offscreen",
                   "XDG_CONFIG_HOME": str(Path(tmp) / role)}
            address = f"postgresql://{role}@127.0.0.1:{pg.port}/{database}"
            children.append(subprocess.Popen(
                [sys.executable, __file__, "window", role, address, str(shots[role]), mode,
                 str(flag)], env=env))
        for child in children:
            child.wait(timeout=120)
        _compose(shots["lena"], shots["sam"], DOCS / "team-two-coaches.png")
    print(DOCS / "team-two-coaches.png")


def _compose(left: Path, right: Path, out: Path) -> None:
    """The two windows side by side, each under its title bar, with a line saying who did
    what."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (fonts)
    a, b = QImage(str(left)), QImage(str(right))
    caption, bar, gap = 52, 30, 24
    image = QImage(a.width() + b.width() + gap * 3,
                   max(a.height(), b.height()) + caption + bar + gap, QImage.Format.Format_RGB32)
    image.fill(QColor("#e9eef1"))
    painter = QPainter(image)
    font = QFont()
    font.setPointSize(13)
    small = QFont()
    small.setPointSize(10)
    for x, shot, path, text in (
            (gap, a, left, "Lena (practice lead) changes Aroha's preferred name to “Ro” and "
             "saves…"),
            (gap * 2 + a.width(), b, right,
             "…and Sam's window shows it at once, without a restart (LISTEN/NOTIFY)")):
        painter.setFont(font)
        painter.setPen(QColor("#1d2b33"))
        painter.drawText(QRect(x, 6, shot.width(), caption - 10),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.fillRect(QRect(x, caption, shot.width(), bar), QColor("#2b3a42"))
        painter.setFont(small)
        painter.setPen(QColor("#ffffff"))
        title = Path(f"{path}.title").read_text(encoding="utf-8")
        painter.drawText(QRect(x, caption, shot.width(), bar), Qt.AlignmentFlag.AlignCenter,
                         title)
        painter.drawImage(x, caption + bar, shot)
    painter.end()
    image.save(str(out))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "window":
        window(*sys.argv[2:7])
    else:
        main()
