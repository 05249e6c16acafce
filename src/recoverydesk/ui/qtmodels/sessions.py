"""A participant's session timeline: holds every matching id, shows rows in pages of 100 as the
coach scrolls (``canFetchMore``/``fetchMore``), and loads each row's details on first sight."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from recoverydesk import dates
from recoverydesk.services.sessions.types import SessionDTO
from recoverydesk.ui.widgets.two_line import SubtitleRole

IdRole = Qt.ItemDataRole.UserRole + 1
SessionRole = Qt.ItemDataRole.UserRole + 4
StatusRole = Qt.ItemDataRole.UserRole + 5
PAGE = 100
CHUNK = 50


def session_title(s: SessionDTO) -> str:
    local = s.starts_at.astimezone()
    when = f"{dates.weekday_date(local.date())} · {dates.clock_time(local)}"
    return f"{when} · {s.location_label}"


def session_subtitle(s: SessionDTO) -> str:
    if s.status in ("cancelled", "no_show"):
        reason = f": {s.status_reason}" if s.status_reason else ""
        return f"{s.status_label}{reason}"
    if s.status == "planned":
        return f"Planned · {s.duration_minutes} min"
    text = " ".join(s.talked_about.split())
    if not text:
        text = "No note written"
    tools = ", ".join(s.tool_labels)
    return f"{s.duration_minutes} min · {text}" + (f" · {tools}" if tools else "")


class SessionListModel(QAbstractListModel):
    def __init__(self, fetch_rows: Callable[[list[int]], list[SessionDTO]], parent=None):
        super().__init__(parent)
        self._fetch_rows = fetch_rows
        self._ids: list[int] = []
        self._shown = 0
        self._cache: dict[int, SessionDTO] = {}
        self._text: dict[int, tuple[str, str]] = {}  # title and subtitle, formatted once

    def set_ids(self, ids: list[int], known: Iterable[SessionDTO] = ()) -> None:
        """The timeline's ids, in order; ``known``: rows already read with them (the rest are
        read as they come into sight)."""
        self.beginResetModel()
        self._ids = list(ids)
        self._shown = min(PAGE, len(self._ids))
        self._cache = {dto.id: dto for dto in known}
        self._text.clear()
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self._ids)

    def row_for_id(self, session_id: int) -> int:
        try:
            row = self._ids.index(session_id)
        except ValueError:
            return -1
        while row >= self._shown and self.canFetchMore():
            self.fetchMore()
        return row

    def session_at(self, row: int) -> SessionDTO | None:
        if not 0 <= row < self._shown:
            return None
        sid = self._ids[row]
        if sid not in self._cache:
            chunk = self._ids[row:row + CHUNK]
            for dto in self._fetch_rows([i for i in chunk if i not in self._cache]):
                self._cache[dto.id] = dto
        return self._cache.get(sid)

    # -- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid():
            return
        more = min(PAGE, len(self._ids) - self._shown)
        if more <= 0:
            return
        # One query for the whole new page, so painting it never waits on the database.
        new_ids = [i for i in self._ids[self._shown:self._shown + more] if i not in self._cache]
        for dto in self._fetch_rows(new_ids):
            self._cache[dto.id] = dto
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == IdRole:
            return self._ids[index.row()]
        s = self.session_at(index.row())
        if s is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, SubtitleRole):
            texts = self._text.get(s.id)
            if texts is None:
                texts = self._text[s.id] = (session_title(s), session_subtitle(s)[:240])
            return texts[0] if role == Qt.ItemDataRole.DisplayRole else texts[1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.talked_about[:400] or s.status_label
        if role == SessionRole:
            return s
        if role == StatusRole:
            return s.status
        return None
