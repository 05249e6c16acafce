"""The printing capability's contract with the window: what a print gives back.

Standard library only: this is the one printing module ``ui/`` may import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PrintResult:
    pages: int
    pdf: bytes
    version_number: int | None = None
    path: Path | None = None
    # For the coach before handing it over (a plan pack's print_checks); never printed.
    notes: tuple[str, ...] = ()
