"""The practice's calendar id is made once, even when two programs make their first calendar
export at the same moment (the window and ``recoverydesk schedule-ics``, say). Before, each read
"no id yet", made its own and saved it, the later one overwriting the earlier: the first file's
events then carried an id the practice no longer had, and the next export added every session to
the coach's calendar a second time. Real processes, released together."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.sessions.calendar import PRACTICE_UID_KEY

RACERS = 6

RACER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from recoverydesk.services.practice.opening import open_services
    db, go = Path(sys.argv[1]), Path(sys.argv[2])
    services = open_services(db)
    try:
        services.settings.get("warm-up")  # connected and read once before the start
        print("ready", flush=True)
        while not go.exists():
            time.sleep(0.001)
        print(services.calendar.practice_uid(), flush=True)
    finally:
        services.close()
""")


def test_first_exports_at_the_same_moment_agree_on_one_practice_id(tmp_path):
    db = tmp_path / "p.rdk"
    open_services(db, create=True).close()
    go = tmp_path / "go"
    for _ in range(2):  # two rounds: each one a fresh practice id to make
        go.unlink(missing_ok=True)
        services = open_services(db)
        try:
            services.settings.set(PRACTICE_UID_KEY, "")
        finally:
            services.close()
        racers = [subprocess.Popen([sys.executable, "-c", RACER, str(db), str(go)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                  for _ in range(RACERS)]
        for racer in racers:
            assert racer.stdout.readline().strip() == "ready", racer.stderr.read()
        time.sleep(0.05)
        go.touch()
        said = [racer.communicate(timeout=120) for racer in racers]
        assert all(r.returncode == 0 for r in racers), [err for _, err in said]
        services = open_services(db)
        try:
            kept = services.calendar.practice_uid()
        finally:
            services.close()
        assert {out.strip() for out, _ in said} == {kept}
