"""A note being typed survives the app being killed: a process keeps saving a growing draft (as
the editor's autosave does) and is killed with SIGKILL at a random moment; what it had kept is
there, whole, when the practice opens again."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.practice.opening import open_services

TYPIST = r"""
import sys
from pathlib import Path
from recoverydesk.services.practice.opening import open_services
from recoverydesk.services.sessions.types import SessionInput
services = open_services(Path(sys.argv[1]))
pid = int(sys.argv[2])
print("ready", flush=True)
words = 0
while True:
    words += 1
    services.sessions.save_draft(pid, None, SessionInput(talked_about=" ".join(
        f"word{n}" for n in range(words))))
    print(words, flush=True)  # only after the draft was kept
"""


def test_a_draft_kept_before_a_kill_is_offered_back_whole(tmp_practice):
    services = open_services(tmp_practice)
    pid = services.participants.create(ParticipantDraft(given_name="Kai", family_name="Typist")).value.id
    services.close()
    rng = random.Random(20261201)
    for _round in range(4):
        proc = subprocess.Popen([sys.executable, "-c", TYPIST, str(tmp_practice), str(pid)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        first = proc.stdout.readline().strip()  # one draft kept: a loaded machine is slow
        assert first == "1", first
        time.sleep(rng.uniform(0.1, 0.5))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        kept = max([1] + [int(x) for x in out.split() if x.isdigit()])
        reopened = open_services(tmp_practice)
        try:
            drafts = reopened.sessions.drafts(pid)
        finally:
            reopened.close()
        assert len(drafts) == 1
        words = drafts[0].input.talked_about.split()
        # Everything confirmed is there (perhaps one more save that landed before the kill),
        # and the text is whole: word0 ... wordN with nothing torn off in the middle.
        assert len(words) in (kept, kept + 1)
        assert words == [f"word{n}" for n in range(len(words))]
