"""The kill harness of issue 21 item 5: two coaches and a server through random interleavings
(seeded) of taking offline, edits on both sides, a bring-back killed at random points, and
retries; then what the server holds is checked against everything anyone wrote.

Each interleaving, on one team (tests/offline_world.py):

1. coach A takes some of their participants offline (the lead may take... nobody else: one
   device at a time); coach B works on their own participant throughout (never taken);
2. offline, A writes progress notes, STAR readings and new goals (each with a unique text),
   edits and removes strengths; on the server, the lead writes notes and edits and removes
   strengths of the same participants; sometimes the lead breaks a hold;
3. the bring-back runs in a child process, killed: by itself after its N-th database statement
   (``RECOVERYDESK_OFFLINE_KILL_AFTER``, N random: a laptop closed at that exact moment), or
   by SIGKILL after a random time, or its connection cut by ``pg_terminate_backend`` (a lost
   network); then run again, until it finishes (the last attempt without faults);
4. checked: every note, reading and new goal (with its history entry) written on either side
   is on the server exactly once (lost: missing; duplicates: more than once); every strength
   changed on both sides (or changed on one and removed on the other, or changed offline under a
   broken hold) is an open offline conflict holding the offline text; no live hold is left.

``run_many(world, ids, seeds)`` returns the figures; tests/unit/services/offline/
test_kill_harness.py runs a few, benchmarks/offline_harness.py hundreds.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from offline_world import PASSPHRASE, World, a_goal, a_note
from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.offline.bring_back import KILL_AFTER
from recoverydesk.services.star.types import ReadingDraft

HERE = Path(__file__).resolve().parent
DAY = dt.date(2026, 12, 1)


@dataclass
class Figures:
    interleavings: int = 0
    attempts: int = 0
    kills: int = 0  # children killed (SIGKILL by itself or from outside)
    cuts: int = 0  # connections cut (pg_terminate_backend)
    faults: dict[str, int] = field(default_factory=dict)  # faults tried, by kind
    notes_written: int = 0
    notes_lost: int = 0
    duplicates: int = 0
    conflicts_expected: int = 0
    conflicts_missing: int = 0
    holds_left: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"interleavings run: {self.interleavings}, bring-back attempts: {self.attempts}, "
                f"kills: {self.kills}, connections cut: {self.cuts}, records written: "
                f"{self.notes_written}, notes lost: {self.notes_lost}, duplicates: "
                f"{self.duplicates}, conflicts expected: {self.conflicts_expected}, not "
                f"surfaced: {self.conflicts_missing}, holds left: {self.holds_left}; faults "
                f"tried: {dict(sorted(self.faults.items()))}")


def child_bring_back(path: str) -> None:
    """The child process: open the copy, bring it back (exit 0), or exit 3 on a refusal."""
    from recoverydesk.services.practice.opening import open_services

    services = open_services(Path(path), passphrase=PASSPHRASE)
    try:
        services.offline.bring_back()
    except Exception as err:  # noqa: BLE001 (the parent only needs to know it did not finish)
        print(f"not brought back: {err}", file=sys.stderr)
        sys.exit(3)
    finally:
        services.close()


def _spawn(path: Path, kill_after: int | None) -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), *[p for p in sys.path if p]])
    env.pop(KILL_AFTER, None)
    if kill_after is not None:
        env[KILL_AFTER] = str(kill_after)
    code = "import sys; from offline_harness import child_bring_back; child_bring_back(sys.argv[1])"
    return subprocess.Popen([sys.executable, "-c", code, str(path)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def bring_back_with_faults(world: World, path: Path, rng: random.Random, figures: Figures,
                           max_faults: int = 3) -> None:
    for attempt in range(max_faults + 1):
        figures.attempts += 1
        fault = "none" if attempt == max_faults else rng.choice(
            ["statement", "statement", "time", "cut", "none"])
        figures.faults[fault] = figures.faults.get(fault, 0) + 1
        ours = _backends(world)  # this process's own connections as the coach: never cut
        child = _spawn(path, rng.randint(1, 90) if fault == "statement" else None)
        timer = None
        if fault == "time":
            timer = threading.Timer(rng.uniform(0.3, 2.5), _kill, (child,))
        elif fault == "cut":
            timer = threading.Timer(0, _cut, (world, figures, ours, child, rng.uniform(0, 0.4)))
        if timer is not None:
            timer.start()
        _, err = child.communicate(timeout=120)
        if timer is not None:
            timer.cancel()
            timer.join()
        if child.returncode == -signal.SIGKILL:
            figures.kills += 1
        elif child.returncode == 0:
            return
        elif attempt == max_faults:
            raise AssertionError(f"the last bring-back failed: {err.decode()[-2000:]}")
    raise AssertionError("never brought back")


def _kill(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)


def _backends(world: World) -> set[int]:
    return {pid for (pid,) in world.sql(
        "SELECT pid FROM pg_stat_activity WHERE usename = %s AND datname = %s",
        (world.a, world.database))}


def _cut(world: World, figures: Figures, ours: set[int], child: subprocess.Popen,
         delay: float) -> None:
    """The network lost under the child's bring-back: once it has connected to the server,
    after ``delay`` more seconds, its connection is terminated."""
    deadline = time.monotonic() + 20
    while child.poll() is None and time.monotonic() < deadline:
        theirs = _backends(world) - ours
        if theirs:
            time.sleep(delay)
            for pid in theirs:
                if world.sql("SELECT pg_terminate_backend(%s)", (pid,))[0][0]:
                    figures.cuts += 1
            return
        time.sleep(0.02)


def one_interleaving(world: World, ids: dict, seed: int, figures: Figures) -> None:
    rng = random.Random(seed)
    coach, lead = world.as_(world.a), world.as_(world.lead)
    other = world.as_(world.b)
    tag = f"s{seed}"
    people = rng.sample(ids["a"], rng.randint(1, len(ids["a"])))
    goals = {pid: a_goal(coach, pid, f"{tag} goal of {pid}") for pid in people}
    strengths = {pid: [coach.participants.add_strength(pid, "skills", f"{tag} skill {pid}.{n}")
                       .value.id for n in range(3)] for pid in people}
    path = world.take(world.a, people, name=f"laptop {tag}")
    local = world.copy(path)
    written: list[tuple[str, str]] = []  # (table, unique text)
    offline_edit: dict[int, str] = {}
    offline_removed: set[int] = set()
    for pid in people:
        for n in range(rng.randint(0, 3)):
            text = f"{tag} offline note {pid}.{n}"
            a_note(local, goals[pid], text)
            written.append(("progress_notes", text))
        if rng.random() < 0.5:
            text = f"{tag} offline reading {pid}"
            local.star.add_reading(pid, ReadingDraft(DAY, {}, note=text), today=DAY)
            written.append(("star_readings", text))
        if rng.random() < 0.5:
            title = f"{tag} offline goal {pid}"
            new = local.goals.create(pid, GoalDraft(title=title), on=DAY).value.id
            written.append(("goals", title))
            text = f"{tag} note on new goal {pid}"
            a_note(local, new, text)
            written.append(("progress_notes", text))
        for sid in strengths[pid]:
            roll = rng.random()
            if roll < 0.4:
                offline_edit[sid] = f"{tag} offline edit {sid}"
                local.participants.update_strength(sid, "skills", offline_edit[sid])
            elif roll < 0.55:
                offline_removed.add(sid)
                local.participants.remove_strength(sid)
    local.close()
    server_edit: dict[int, str] = {}
    server_removed: set[int] = set()
    for pid in people:
        for n in range(rng.randint(0, 2)):
            text = f"{tag} server note {pid}.{n}"
            a_note(lead, goals[pid], text)
            written.append(("progress_notes", text))
        for sid in strengths[pid]:
            roll = rng.random()
            if roll < 0.35:
                server_edit[sid] = f"{tag} server edit {sid}"
                lead.participants.update_strength(sid, "skills", server_edit[sid])
            elif roll < 0.45:
                server_removed.add(sid)
                lead.participants.remove_strength(sid)
    text = f"{tag} coach B's own note"
    a_note(other, a_goal(other, ids["b"][0], f"{tag} B's goal"), text)
    written.append(("progress_notes", text))
    broken = {pid for pid in people if rng.random() < 0.15}
    for pid in broken:
        lead.offline.break_hold(pid)
    bring_back_with_faults(world, path, rng, figures)
    _check(world, figures, written, strengths, broken, offline_edit, offline_removed,
           server_edit, server_removed)
    figures.interleavings += 1


def _check(world: World, figures: Figures, written, strengths, broken, offline_edit,
           offline_removed, server_edit, server_removed) -> None:
    column = {"progress_notes": "text", "star_readings": "note", "goals": "title"}
    for table, text in written:
        figures.notes_written += 1
        found = world.sql(f"SELECT count(*) FROM {table} WHERE {column[table]} = %s", (text,))
        n = found[0][0]
        if n == 0:
            figures.notes_lost += 1
            figures.problems.append(f"lost: {table} {text!r}")
        elif n > 1:
            figures.duplicates += 1
            figures.problems.append(f"duplicated x{n}: {table} {text!r}")
        if table == "goals" and n == 1:
            history = world.sql("SELECT count(*) FROM goal_status_changes c JOIN goals g ON "
                                "g.id = c.goal_id WHERE g.title = %s", (text,))[0][0]
            if history != 1:
                figures.duplicates += history > 1
                figures.notes_lost += history == 0
                figures.problems.append(f"history x{history}: {text!r}")
    owner = {sid: pid for pid, sids in strengths.items() for sid in sids}
    for sid, text in offline_edit.items():
        expected = (owner[sid] in broken or sid in server_edit or sid in server_removed)
        if not expected:
            continue
        figures.conflicts_expected += 1
        rows = world.sql("SELECT mine FROM offline_conflicts WHERE table_name = 'strengths' "
                         "AND record_id = %s AND resolved_at IS NULL", (sid,))
        if not any(text in (m or "") for (m,) in rows):
            figures.conflicts_missing += 1
            figures.problems.append(f"conflict not surfaced: strength {sid}")
    for sid in offline_removed:
        if (sid in server_edit or owner[sid] in broken) and sid not in server_removed:
            figures.conflicts_expected += 1
            rows = world.sql("SELECT count(*) FROM offline_conflicts WHERE table_name = "
                             "'strengths' AND record_id = %s", (sid,))
            if rows[0][0] == 0:
                figures.conflicts_missing += 1
                figures.problems.append(f"removal conflict not surfaced: strength {sid}")
    left = world.sql("SELECT count(*) FROM offline_holds WHERE released_at IS NULL")[0][0]
    figures.holds_left += left
    if left:
        figures.problems.append(f"{left} holds left")


def run_many(world: World, ids: dict, seeds, figures: Figures | None = None) -> Figures:
    figures = figures or Figures()
    for seed in seeds:
        one_interleaving(world, ids, seed, figures)
        figures.problems = figures.problems[-50:]
        world.close()
    return figures
