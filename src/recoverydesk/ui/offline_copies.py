"""Which offline copy belongs to which team practice on this computer, and whether a team
practice's server answers (issue 21). Small and light: start-up asks it when the team practice
cannot be reached (ui/practice_files.py), before any window part is built.

The window remembers the copy it took (its path, by the team practice's address without any
password) in the settings; the copy itself knows the rest (``OfflineService.state``).
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

from PySide6.QtCore import QSettings

from recoverydesk.services.practice.types import team_fields, without_password

_KEY = "offline/copies"
DEFAULT_PORT = 5432


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


def server_answers(address: str, timeout: float = 2.0) -> bool:
    """Does something listen where ``address`` points (a TCP connect, or the socket file of a
    server on this computer)? Cheap, no sign-in: the offline window's poll asks it on the
    worker before trying a bring-back."""
    fields = team_fields(address)
    port = int(fields.port) if fields.port.isdigit() else DEFAULT_PORT
    host = fields.host or "localhost"
    try:
        if host.startswith("/"):
            if not hasattr(socket, "AF_UNIX"):
                return False
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix:
                unix.settimeout(timeout)
                unix.connect(f"{host}/.s.PGSQL.{port}")
            return True
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
