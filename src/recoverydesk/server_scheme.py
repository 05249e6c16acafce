"""Telling a team practice's address from a practice file's path, in one place for the store,
the command line and the window (which may not import the store). No imports: start-up asks
before anything else is loaded."""

from __future__ import annotations

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_server_address(text: object) -> bool:
    """True for text naming a PostgreSQL server (``postgresql://`` or ``postgres://``), so a
    caller can tell a team practice from a practice file before parsing it."""
    if not isinstance(text, str):
        return False
    scheme, sep, _ = text.strip().partition("://")
    return bool(sep) and scheme.lower() in SCHEMES
