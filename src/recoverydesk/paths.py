"""Where things live: bundled resources, migrations, and the coach's default practice file.

An installed wheel carries ``migrations/`` and ``resources/`` inside the package (as
``_migrations`` and ``_resources``); a source checkout has them at the repository root.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

APP_DIR_NAME = "RecoveryDesk"
PRACTICE_SUFFIX = ".rdk"


def _bundled(name: str) -> Path:
    packaged = Path(str(resources.files("recoverydesk"))) / f"_{name}"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name


@cache
def migrations_dir() -> Path:
    return _bundled("migrations")


@cache
def resources_dir() -> Path:
    return _bundled("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_DIR_NAME, appauthor=False)


def user_log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_DIR_NAME, appauthor=False)


def private_folder(folder: Path) -> Path:
    """Make ``folder`` (and any missing parents) readable by its owner only, and return it.

    Folders that already exist are left as they are (they may be the coach's own, such as
    Documents). On Windows the mode is ignored; the user's profile folders are already private.
    """
    folder = Path(folder)
    missing = []
    for level in (folder, *folder.parents):
        if level.exists():
            break
        missing.append(level)
    for level in reversed(missing):
        level.mkdir(mode=0o700, exist_ok=True)
        if os.name != "nt":
            os.chmod(level, 0o700)  # mkdir's mode is narrowed by the umask, never widened
    return folder


def default_practice_path() -> Path:
    """The practice file the app opens when no --db is given (RECOVERYDESK_DB overrides)."""
    override = os.environ.get("RECOVERYDESK_DB")
    if override:
        return Path(override).expanduser()
    return user_data_dir() / f"practice{PRACTICE_SUFFIX}"


def backups_dir_for(practice: Path) -> Path:
    """Automatic backups sit next to the practice file, in a folder named after it."""
    return practice.parent / f"{practice.stem}-backups"
