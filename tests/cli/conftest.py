"""Command-line fixtures: a demo practice made once per size and copied for each test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from recoverydesk.cli import main


@pytest.fixture(scope="session")
def demo_of(tmp_path_factory) -> Callable[[int, int], Path]:
    """``demo_of(participants, years)``: a demo practice of that size, made once per session
    (tests change a copy: ``demo_copy``)."""
    made: dict[tuple[int, int], Path] = {}

    def make(participants: int, years: int) -> Path:
        if (participants, years) not in made:
            db = tmp_path_factory.mktemp("demo") / "demo.rdk"
            args = ["demo", "--db", str(db), "--participants", str(participants)]
            assert main([*args, "--years", str(years)]) == 0
            made[participants, years] = db
        return made[participants, years]

    return make


@pytest.fixture
def demo_copy(demo_of, tmp_path) -> Callable[[int, int], Path]:
    """``demo_copy(participants, years)``: this test's own copy of a demo practice."""

    def copy(participants: int, years: int) -> Path:
        db = tmp_path / "demo.rdk"
        shutil.copyfile(demo_of(participants, years), db)
        return db

    return copy
