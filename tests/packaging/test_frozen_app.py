"""The frozen app (PyInstaller, dist/RecoveryDesk) runs on its own: its commands and its window.

scripts/package (and CI, after building) makes the bundle; without one these tests are skipped
with the reason. They start the real programs in fresh processes, with a fresh home for
settings and logs, the way a coach's computer would.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from recoverydesk import __version__
from recoverydesk.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("RECOVERYDESK_BUNDLE", ROOT / "dist" / "RecoveryDesk"))
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
CONSOLE = BUNDLE / f"recoverydesk{EXE_SUFFIX}"
WINDOW = BUNDLE / f"recoverydesk-gui{EXE_SUFFIX}"



def _stale_reason() -> str | None:
    """Why the build cannot be judged against this working tree, if it cannot."""
    if not CONSOLE.is_file():
        return f"no frozen build in {BUNDLE} (scripts/package builds it; CI builds it first)"
    stamp_file = BUNDLE.with_name(BUNDLE.name + ".stamp")
    if not stamp_file.is_file():  # built straight with PyInstaller, as CI does: it is current
        return None
    spec = importlib.util.spec_from_file_location(
        "source_stamp", ROOT / "packaging" / "source_stamp.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if stamp_file.read_text().strip() != module.source_stamp(ROOT):
        return (f"{BUNDLE} was built from other sources than these; "
                "run scripts/package again to test the app as it is now")
    return None


STALE = _stale_reason()
pytestmark = pytest.mark.skipif(STALE is not None, reason=STALE or "")


@pytest.fixture
def env(tmp_path):
    """A fresh home: settings, logs and the default practice go under tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("RECOVERYDESK_", "XDG_", "PYTHON"))}
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData"),
               LOCALAPPDATA=str(home / "LocalAppData"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_STATE_HOME=str(home / ".state"),
               XDG_CACHE_HOME=str(home / ".cache"))
    return env


def run(argv, env, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([str(CONSOLE), *argv], env=env, cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=300)


@pytest.fixture
def demo(tmp_path, env):
    db = tmp_path / "demo.rdk"
    out = run(["demo", "--db", str(db), "--participants", "6", "--years", "1"], env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "6 fictional participants" in out.stdout
    return db


def test_version(env, tmp_path):
    out = run(["--version"], env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"RecoveryDesk {__version__}"


def test_every_command_made_it_into_the_bundle(env, tmp_path):
    out = run(["--help"], env, tmp_path)
    assert out.returncode == 0, out.stderr
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"    {name}" not in out.stdout]
    assert not missing, f"commands missing from the frozen build: {missing}"


def test_demo_check_and_print_plan(demo, env, tmp_path):
    out = run(["check", "--db", str(demo)], env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Integrity: ok" in out.stdout  # migrations ran from the bundled .py files
    pdf = tmp_path / "plan.pdf"
    out = run(["print-plan", "1", "--db", str(demo), "--out", str(pdf)], env, tmp_path)
    assert out.returncode == 0, out.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000


def test_export_and_import(demo, env, tmp_path):
    exported = tmp_path / "everything.json"
    out = run(["export", "--db", str(demo), "--out", str(exported)], env, tmp_path)
    assert out.returncode == 0, out.stderr
    out = run(["import", str(exported), "--db", str(tmp_path / "copy.rdk")], env, tmp_path)
    assert out.returncode == 0, out.stderr
    out = run(["check", "--db", str(tmp_path / "copy.rdk")], env, tmp_path)
    assert out.returncode == 0 and "Integrity: ok" in out.stdout, out.stderr


def test_a_mistake_is_one_plain_sentence(env, tmp_path):
    out = run(["check", "--db", str(tmp_path / "nowhere.rdk")], env, tmp_path)
    assert out.returncode == 2
    assert "There is no practice file" in out.stderr and "Traceback" not in out.stderr


@contextmanager
def screen():
    """A virtual X screen (Xvfb) when there is one, else Qt's offscreen platform."""
    xvfb = shutil.which("Xvfb")
    if not sys.platform.startswith("linux") or not xvfb:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        display = fh.readline().strip()
    try:
        yield {"DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
"""


def grab_screen(screen_env: dict[str, str], path: Path) -> None:
    """Save what the X screen shows (run by this Python, which has Qt, as a separate client)."""
    subprocess.run([sys.executable, "-c", GRAB, str(path)], env={**os.environ, **screen_env},
                   check=True, timeout=60)


def wait_for(probe: Path, moment: str, proc: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if probe.exists() and any(line.startswith(f"{moment} ")
                                  for line in probe.read_text().splitlines()):
            return
        if proc.poll() is not None:
            pytest.fail(f"the window closed by itself (exit {proc.returncode}) before '{moment}'"
                        f": {proc.stderr.read()[-2000:]}")
        time.sleep(0.1)
    pytest.fail(f"no '{moment}' within {seconds:.0f} s")


def test_the_window_opens_on_the_caseload(demo, env, tmp_path):
    probe = tmp_path / "probe.txt"
    shot = tmp_path / "frozen-window.png"
    with screen() as screen_env:
        proc = subprocess.Popen([str(WINDOW), str(demo)],  # as a double-clicked practice file
                                env={**env, **screen_env, "RECOVERYDESK_PROBE": str(probe)},
                                cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)
        try:
            wait_for(probe, "window", proc, 60)
            wait_for(probe, "caseload", proc, 60)  # the participant list is painted
            if screen_env["QT_QPA_PLATFORM"] == "xcb":
                # The home page follows the caseload; the screen must show it (a build whose
                # window stopped repainting after its first frame showed an empty right side).
                deadline = time.monotonic() + 30
                while True:
                    grab_screen(screen_env, shot)
                    if colours(shot, left=0.3) > 20 or time.monotonic() > deadline:
                        break
                    time.sleep(1.0)
            assert proc.poll() is None, "the window closed by itself"
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    if shot.exists():
        keep = os.environ.get("RECOVERYDESK_SHOT_DIR")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, Path(keep) / shot.name)
        assert colours(shot, left=0.0) > 50, "the screen is blank"
        assert colours(shot, left=0.3) > 20, "the home page beside the caseload never showed"


def colours(png: Path, left: float) -> int:
    """How many colours the picture has right of ``left`` (a fraction of its width), between
    the toolbar and the status line (where the home page is, beside the caseload)."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    w, h = image.width(), image.height()
    return len({image.pixel(x, y) for x in range(int(w * left), w, 5)
                for y in range(int(h * 0.15), int(h * 0.85), 5)})
