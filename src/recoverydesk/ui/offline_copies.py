"""Which offline copy belongs to which team practice on this computer (issue 21); whether its
server answers is the service's to say (``OfflineService.reachable``). Small and light:
start-up asks it when the team practice cannot be reached (ui/practice_files.py), before any
window part is built.

The window remembers the copy it took (its path, by the team practice's address without any
password) in the settings; the copy itself knows the rest (``OfflineService.state``).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

from recoverydesk.services.practice.types import without_password

_KEY = "offline/copies"


def _copies() -> dict[str, str]:
    try:
        found = json.loads(str(QSettings().value(_KEY) or "{}"))
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def remember_copy(address: str, path: Path) -> None:
    copies = _copies()
    copies[without_password(address)] = str(path)
    QSettings().setValue(_KEY, json.dumps(copies))


def forget_copy(path: Path) -> None:
    copies = {a: p for a, p in _copies().items() if Path(p) != Path(path)}
    QSettings().setValue(_KEY, json.dumps(copies))


def remembered_copy(address: str) -> Path | None:
    """The offline copy taken from the team practice at ``address``, if it is still here."""
    found = _copies().get(without_password(address))
    return Path(found) if found and Path(found).is_file() else None


def any_copy() -> Path | None:
    """The copy taken last that is still here (File > Open offline copy… starts there)."""
    for found in reversed(list(_copies().values())):
        if Path(found).is_file():
            return Path(found)
    return None
