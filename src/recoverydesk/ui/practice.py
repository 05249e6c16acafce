"""What the window needs from the composition root to open practice files (no store import)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from recoverydesk.services import Services


class PracticeOpener(Protocol):
    def open(self, path: Path, *, create: bool = False) -> Services:
        """Open (or create) the practice at ``path``; raise ServiceError with plain words."""

    def create_demo(self, path: Path) -> Services:
        """Write a fictional demo practice to ``path`` and open it."""

    def default_path(self) -> Path: ...

    def demo_path(self) -> Path: ...
