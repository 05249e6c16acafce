"""What a passphrase costs: the safe-keeping operations on an encrypted demo practice, timed.

SQLCipher stretches a passphrase into a key with 256,000 rounds of PBKDF2 (about 0.2 s here) so
guessing is slow; this prints how long each operation a coach waits for takes in all.

    .venv/bin/python benchmarks/encryption.py [--repeat 3] [--backups 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from recoverydesk.demo.practice import create_demo
from recoverydesk.services.practice import backups
from recoverydesk.services.practice import passphrase as practice_passphrase
from recoverydesk.services.practice.opening import open_services

OLD, NEW = "harbour lights at dusk", "pelican over the bay"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def query(services) -> None:
    with services._store.read() as s:
        s.execute(text("SELECT count(*) FROM participants")).scalar()


def one_round(template: Path, folder: Path, n_backups: int) -> dict[str, float]:
    for old in folder.glob("*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    path = folder / "practice.rdk"
    shutil.copyfile(template, path)
    figures: dict[str, float] = {}
    base = dt.datetime(2026, 1, 1, 9, 0)
    services = open_services(path)
    for day in range(n_backups):  # plain backups, re-locked by the encryption below
        services.practice.backup_now(now=base + dt.timedelta(days=day))
    services.close()
    figures["encrypt in place (practice + backups)"] = timed(
        lambda: practice_passphrase.encrypt_practice(path, OLD)
    )
    holder = {}
    figures["open the encrypted practice"] = timed(
        lambda: holder.setdefault("s", open_services(path, passphrase=OLD))
    )
    services = holder["s"]
    figures["first query after opening"] = timed(lambda: query(services))

    def three_at_once():  # the pool opens more connections when several are in use
        with services._store.read() as a, services._store.read() as b, services._store.read() as c:
            for s in (a, b, c):
                s.execute(text("SELECT 1")).scalar()

    figures["three connections in use at once"] = timed(three_at_once)
    services.practice.lock()
    figures["unlock and first query"] = timed(
        lambda: (services.practice.unlock(OLD), query(services))
    )
    figures["back up now (verified)"] = timed(
        lambda: services.practice.backup_now(now=base + dt.timedelta(days=n_backups))
    )
    services.close()
    chosen = backups.list_backups(path)[-1].path

    def restore_and_reopen():
        backups.restore(path, chosen, OLD)
        open_services(path, passphrase=OLD).close()

    figures["restore a backup and reopen"] = timed(restore_and_reopen)
    count = len(backups.list_backups(path))
    figures[f"change the passphrase ({count} backups)"] = timed(
        lambda: practice_passphrase.change_passphrase(path, OLD, NEW)
    )
    figures["open after the change"] = timed(lambda: open_services(path, passphrase=NEW).close())
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backups", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        template = tmp / "template.rdk"
        create_demo(template).close()
        for side in tmp.glob("template.rdk-*"):
            side.unlink()
        (tmp / "work").mkdir()
        size = template.stat().st_size / 1e6
        rounds = [one_round(template, tmp / "work", args.backups) for _ in range(args.repeat)]
    print(f"demo practice {size:.1f} MB, {args.backups} backups; median of {args.repeat} runs")
    for name in rounds[0]:
        values = [r[name] for r in rounds]
        print(f"  {name:<42} {statistics.median(values) * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
