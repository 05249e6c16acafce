"""The one way a capability plugs into the window (ui/extensions.py): each window part is built
once, typed, kept in ``window.parts``, and adds nothing to the window but its commands."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from recoverydesk.ui import extensions
from recoverydesk.ui.extensions import PARTICIPANT_PAGES, WindowParts
from recoverydesk.ui.pages.base import ParticipantPage


def part_types() -> dict[str, type]:
    hints = typing.get_type_hints(WindowParts, vars(extensions))
    return {field.name: hints[field.name] for field in dataclasses.fields(WindowParts)}


def test_every_part_is_built_once_with_its_declared_type(main_window):
    parts = main_window.parts
    for name, kind in part_types().items():
        part = getattr(parts, name)
        assert type(part) is kind, name
        assert part.window is main_window, name
    built = [id(getattr(parts, name)) for name in part_types()]
    assert len(set(built)) == len(built)


def test_building_the_parts_adds_no_attribute_to_the_window(qtbot, services, opener):
    from recoverydesk.ui.main_window import MainWindow

    window = MainWindow(opener, services, staged=True)  # parts come once the caseload shows
    qtbot.addWidget(window)
    with pytest.raises(RuntimeError):
        window.parts  # noqa: B018 (not built yet: said, not None)
    before = set(vars(window))
    assert "commands" in before and "_parts" in before  # the instance attributes, read
    window._install_extensions()
    assert set(vars(window)) - before == set()
    assert isinstance(window.parts, WindowParts)
    parts = window.parts
    window._install_extensions()  # a second call builds nothing again
    assert window.parts is parts


def test_the_parts_commands_are_in_the_window(main_window):
    for key in ("write_note", "search", "resource_directory", "print_plan", "lock",
                "backup_now", "user_guide"):
        assert main_window.commands.get(key) is not None, key


def test_the_workspace_shows_the_listed_tabs_in_order(main_window):
    pages = main_window.workspace.pages
    assert [type(p) for p in pages] == sorted(PARTICIPANT_PAGES, key=lambda c: c.order)
    assert all(issubclass(c, ParticipantPage) for c in PARTICIPANT_PAGES)
    keys = [p.key for p in pages]
    assert len(set(keys)) == len(keys)
