"""Icons from qtawesome (Material Design Icons), loaded on first use and cached."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from recoverydesk.paths import resource


@cache
def icon(name: str, color: str | None = None) -> QIcon:
    import qtawesome as qta

    from recoverydesk.ui.theme import accent

    return qta.icon(f"mdi6.{name}", color=color or accent().name())


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "recoverydesk.svg")))
