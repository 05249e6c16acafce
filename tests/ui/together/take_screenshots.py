"""Retake docs/together-*.png: every part of the view for sitting together, on a demo practice.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/together/take_screenshots.py 1366x768
    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 \\
        .venv/bin/python tests/ui/together/take_screenshots.py 1280x800 200pct
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/together/take_screenshots.py \\
        1366x768 --passphrase

The size is in logical pixels (a 13-inch 2x screen is 1280x800 at 200%); the name's tail is the
size unless given. ``--passphrase``: an encrypted practice, the way out by its passphrase after
one wrong try (docs/together-way-out-passphrase.png). Not a test: a tool for looking.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

DOCS = Path(__file__).resolve().parents[3] / "docs"
PASSPHRASE = "quiet morning walk"
PIN = "2580"


def _settle(app: QApplication, rounds: int = 30) -> None:
    import time

    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def main(argv: list[str]) -> None:
    from recoverydesk.app import Opener
    from recoverydesk.demo.practice import create_demo
    from recoverydesk.services.goals.types import OPEN_STATUSES
    from recoverydesk.services.practice.opening import open_services
    from recoverydesk.store import crypto
    from recoverydesk.ui import tasks
    from recoverydesk.ui.main_window import MainWindow
    from recoverydesk.ui.style import apply_theme

    encrypted = "--passphrase" in argv
    args = [a for a in argv if not a.startswith("--")]
    width, height = (int(n) for n in args[0].split("x"))
    tail = args[1] if len(args) > 1 else args[0]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("RecoveryDeskScreenshots")
    apply_theme(app)
    tasks.use_synchronous_runner()
    folder = Path(tempfile.mkdtemp())
    path = folder / "demo.rdk"
    create_demo(path, participants=8, years=1).close()
    if encrypted:
        crypto.encrypt_in_place(path, PASSPHRASE)
    services = open_services(path, passphrase=PASSPHRASE if encrypted else None)
    services.together.set_pin(PIN, PIN)

    def weight(pid: int) -> int:
        goals = services.goals.goals(pid, OPEN_STATUSES)
        return sum(len(g.steps) for g in goals) + len(services.star.readings(pid))

    pid = max((p.id for p in services.participants.list()), key=weight)
    window = MainWindow(Opener(interactive=False), services)
    window.show()
    window.open_participant(pid, "overview")
    window.commands["with_participant"].trigger()
    view = window.parts.together.view
    window.setWindowState(window.windowState() & ~window.windowState().WindowFullScreen)
    window.setGeometry(0, 0, width, height)
    _settle(app)

    def shot(name: str) -> None:
        _settle(app)
        out = DOCS / f"together-{name}.png"
        window.grab().save(str(out))
        print(out)

    if encrypted:
        view.ask_to_leave()
        gate = view.gate
        gate.use_passphrase.click()
        gate.passphrase.setText("not the one")
        gate.leave_button.click()
        gate.passphrase.setText("")
        shot("way-out-passphrase" + (f"-{args[1]}" if len(args) > 1 else ""))
    else:
        star = view.section("star")
        view.show_section(0)
        _settle(app)
        for key, score in zip([d.key for d in star.template.definition.domains][:5],
                              (6, 7, 5, 8, 6), strict=False):
            star.choose(key, score)
        star.draw()
        shot(f"star-{tail}")
        for i, name in ((1, "goals"), (2, "wrap"), (3, "plan")):
            view.show_section(i)
            if name == "wrap":
                wrap = view.section("wrap")
                wrap.go(min(5, len(wrap.sections) - 1))  # the crisis plan: the fullest
            shot(f"{name}-{tail}")
        notes = view.section("notes")
        view.show_section(4)
        notes.talked_about.setPlainText(
            "Going to the men's shed on Tuesday, and how the first visit went.")
        notes.next_steps.setPlainText("Ring the shed about the woodwork class.")
        shot(f"notes-{tail}")
        view.ask_to_leave()
        shot(f"leave-{tail}")
    window.parts.together.leave()
    services.close()


if __name__ == "__main__":
    main(sys.argv[1:])
