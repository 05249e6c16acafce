"""Retake docs/offline-*.png (issue 21): going offline with a team practice, as the coach meets
it, on a throwaway PostgreSQL server.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/team/take_offline_screenshots.py 1366x768
    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 \\
        .venv/bin/python tests/ui/team/take_offline_screenshots.py 960x540 200pct

The size is the window's, in logical pixels (1920x1080 at 200% leaves 960x540); the name's tail
is the size unless given. Four pictures: the Take offline dialog over Sam's window (one
participant already taken on his old laptop), the lead's window on a participant Sam holds, the
offline copy's banner with a note written at the cafe, and a conflict from offline (the list,
and the conflict window it opens). Not a test: a tool for looking.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
PASSPHRASE = "gull over the quiet jetty"
PEOPLE = (("Aroha", "Ngata", 1), ("Mere", "Tawhiri", 3), ("Tom", "Baker", 5),
          ("Priya", "Nair", 12), ("Joe", "Rangi", None), ("Ana", "Fifita", 2))


def _settle(app, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _over(window, dialog, out: Path) -> None:
    """The window with ``dialog`` (under a title bar, framed) drawn over its middle, as the
    coach sees them (offscreen windows have no frames of their own)."""
    from PySide6.QtCore import QRect, QSize, Qt
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QApplication

    room = QSize(window.width(), window.height() - 30)  # a screen the window's size
    if room.expandedTo(dialog.size()) != room:
        dialog.resize(dialog.size().boundedTo(room))
        _settle(QApplication.instance())
    image = window.grab().toImage()
    shot = dialog.grab().toImage()
    ratio = image.devicePixelRatio()
    w, h = shot.width() / ratio, shot.height() / ratio
    bar = 26
    x = max(0, int((image.width() / ratio - w) / 2))
    y = max(0, int((image.height() / ratio - h - bar) / 2))
    painter = QPainter(image)
    painter.fillRect(QRect(x - 1, y - 1, int(w) + 2, int(h) + bar + 2), QColor("#55636b"))
    painter.fillRect(QRect(x, y, int(w), bar), QColor("#2b3a42"))
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRect(x, y, int(w), bar), Qt.AlignmentFlag.AlignCenter,
                     dialog.windowTitle())
    painter.drawImage(x, y + bar, shot)
    painter.end()
    image.save(str(out))
    print(out)


def _when_modal(app, cls, act) -> None:
    from PySide6.QtCore import QTimer

    def poke() -> None:
        dialog = app.activeModalWidget()
        if not isinstance(dialog, cls):
            QTimer.singleShot(30, poke)
            return
        act(dialog)

    QTimer.singleShot(0, poke)


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    width, height = (int(n) for n in argv[0].split("x"))
    tail = argv[1] if len(argv) > 1 else argv[0]
    folder = Path(tempfile.mkdtemp(prefix="offline-shots-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtWidgets import QApplication

    from pg_cluster import ThrowawayCluster
    from recoverydesk.app import Opener
    from recoverydesk.services.offline.types import TakeRequest
    from recoverydesk.services.participants.types import ParticipantDraft
    from recoverydesk.services.practice.opening import open_services
    from recoverydesk.services.practice.team_opening import open_team_services
    from recoverydesk.services.sessions.types import SessionInput
    from recoverydesk.services.settings.types import PracticeDetails
    from recoverydesk.services.team.types import NewCoach
    from recoverydesk.ui import tasks
    from recoverydesk.ui.dialogs.edit_conflict import EditConflictDialog
    from recoverydesk.ui.dialogs.offline_conflicts import OfflineConflictsDialog
    from recoverydesk.ui.dialogs.take_offline import TakeOfflineDialog
    from recoverydesk.ui.main_window import MainWindow
    from recoverydesk.ui.style import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("RecoveryDeskOfflineShots")
    apply_theme(app)
    tasks.use_synchronous_runner()
    with ThrowawayCluster() as pg:
        database = "harbour"
        pg.execute(f"CREATE DATABASE {database}")

        def address(role: str) -> str:
            return f"postgresql://{role}@/{database}?host={pg.folder}&port={pg.port}"

        owner = open_team_services(address("postgres"))
        owner.settings.save_details(PracticeDetails(practice_name="Harbour Lights Coaching",
                                                    coach_name="Lena Ward"))
        owner.team.add_coach(NewCoach("lena", "Lena Ward", lead=True), "harbour-lights-7")
        owner.team.add_coach(NewCoach("sam", "Sam Tupou"), "seaside-walk-4")
        ids = {}
        today = dt.datetime.now().astimezone().replace(hour=10, minute=0, second=0,
                                                       microsecond=0)
        for given, family, days in PEOPLE:
            p = owner.participants.create(ParticipantDraft(given_name=given,
                                                           family_name=family)).value
            owner.team.assign(p.id, "sam")
            ids[given] = p.id
            if days is not None:
                owner.sessions.plan_series(p.id, SessionInput(
                    starts_at=today + dt.timedelta(days=days), status="planned"))
        strength = owner.participants.add_strength(ids["Aroha"], "personal",
                                                   "Patient with her nephews").value
        owner.close()
        sam = open_team_services(address("sam"))
        sam.offline.take(TakeRequest((ids["Ana"],), PASSPHRASE + " old", "sam-old-laptop",
                                     folder / "old-laptop.rdk"))

        window = MainWindow(Opener())
        window.setWindowState(Qt.WindowState.WindowNoState)
        window.setGeometry(0, 0, width, height)
        window.show()
        window.set_services(sam)
        _settle(app)
        window.open_participant(ids["Aroha"], "overview")
        _settle(app)

        # 1. Take offline: those seen this week ticked; Ana already on the old laptop
        def take_shot(dialog: TakeOfflineDialog) -> None:
            dialog.passphrase.setText(PASSPHRASE)
            dialog.confirm.setText(PASSPHRASE)
            dialog.device.setText("sam-laptop")
            _settle(app)
            _over(window, dialog, DOCS / f"offline-take-{tail}.png")
            dialog.save()
            _settle(app)
            _over(window, dialog, DOCS / f"offline-taken-{tail}.png")
            dialog.close_button.click()

        _when_modal(app, TakeOfflineDialog, take_shot)
        window.commands["take_offline"].trigger()
        _settle(app)

        # 2. The lead sees who has Aroha, and may break the hold
        lena = open_team_services(address("lena"))
        window.set_services(lena)
        _settle(app)
        window.open_participant(ids["Aroha"], "overview")
        _settle(app, 0.8)
        window.grab().save(str(DOCS / f"offline-held-lead-{tail}.png"))
        print(DOCS / f"offline-held-lead-{tail}.png")

        # 3. Offline: the copy, with a note written at the cafe
        copy_path = next((folder / "data").rglob("*.rdk"))
        copy = open_services(copy_path, passphrase=PASSPHRASE)
        copy.participants.update_strength(strength.id, "personal",
                                          "Patient and funny with her nephews")
        window.set_services(copy)
        window.parts.offline.poll.stop()
        _settle(app)
        window.open_participant(ids["Aroha"], "overview")
        _settle(app, 0.8)
        window.grab().save(str(DOCS / f"offline-banner-{tail}.png"))
        print(DOCS / f"offline-banner-{tail}.png")

        # 4. Meanwhile Lena changed the same strength: a conflict from offline
        lena.participants.update_strength(strength.id, "personal", "Very patient")
        copy.offline.bring_back()
        window.set_services(sam)
        _settle(app)

        def conflict_shot(dialog: EditConflictDialog) -> None:
            _settle(app)
            _over(window, dialog, DOCS / f"offline-conflict-{tail}.png")
            dialog.reject()

        def list_shot(dialog: OfflineConflictsDialog) -> None:
            # As fit_size sizes it on a real screen of the window's size (the offscreen
            # platform's own screen is smaller, which squeezed it): what the coach gets
            dialog.resize(QSize(900, 440).boundedTo(QSize(width - 40, height - 70)))
            _settle(app)
            _over(window, dialog, DOCS / f"offline-conflicts-{tail}.png")
            _when_modal(app, EditConflictDialog, conflict_shot)
            dialog.resolve_current()
            dialog.reject()

        _when_modal(app, OfflineConflictsDialog, list_shot)
        window.commands["offline_conflicts"].trigger()
        _settle(app)
        for services in (sam, lena, copy):
            try:
                services.close()
            except Exception:  # noqa: BLE001 (closed already)
                pass


if __name__ == "__main__":
    main(sys.argv[1:] or ["1366x768"])
