"""Shared by the team-practice UI tests (a plain module, not a conftest): a fresh team practice
on the throwaway PostgreSQL server, its address as a coach types it, and closing what the
window opened on it."""

from __future__ import annotations


def team_address(pg_cluster, database: str, user: str = "postgres") -> str:
    """The address of ``database`` over the cluster's socket (trusted: no password asked)."""
    return f"postgresql://{user}@/{database}?host={pg_cluster.folder}&port={pg_cluster.port}"


def tcp_address(pg_cluster, database: str, user: str) -> str:
    """Over TCP to 127.0.0.1, where ``pg_password_role``'s roles must give their password."""
    return f"postgresql://{user}@127.0.0.1:{pg_cluster.port}/{database}"


def new_team_practice(request) -> tuple[object, str]:
    """(pg_cluster, the name of a fresh migrated team practice database) for a test."""
    pg_cluster = request.getfixturevalue("pg_cluster")
    name = pg_cluster.new_database(template=request.getfixturevalue("pg_template"))
    return pg_cluster, name


def close_team_practice(window) -> None:
    """Close a team practice the window still shows (its change feed and connections)."""
    services = getattr(window, "services", None)
    if services is not None and services.practice.info().is_team:
        services.close()


def wait_until_connected(qtbot, window, timeout: int = 10_000) -> None:
    """A team practice connected to shows its caseload first and gets its services once that is
    painted (app.py ``start_team_on_worker``): wait for them."""
    qtbot.waitUntil(lambda: window.services is not None, timeout=timeout)
