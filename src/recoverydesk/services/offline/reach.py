"""Does a team practice's server answer (issue 21)? A TCP connect, or the socket file of a server
on this computer: no sign-in, no query, at most ``timeout`` seconds. The offline window's poll
asks it (``OfflineService.reachable``) on the worker before trying a bring-back."""

from __future__ import annotations

import socket

from recoverydesk.services.practice.types import team_fields

DEFAULT_PORT = 5432


def server_answers(address: str, timeout: float = 2.0) -> bool:
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
