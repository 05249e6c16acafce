"""The modules of the window's second half (the home view, the participant tabs and the
window's parts), imported one per turn of the event loop at start-up before they are built.

Importing them in the one turn that builds them (``ui/extensions.py`` pulls in every page and
part) held the window still 160 ms cold on a quiet machine and several times that under load:
the largest piece of the "open the practice" stall. One module per turn keeps every turn short
(the largest, the Sessions page with what it shares with others, ~35 ms quiet), and the caseload
stays live in between. Each step is a plain import in a function of its own (``STEPS``);
``tests/ui/test_window_modules.py`` checks that they import the module of every page in
``PARTICIPANT_PAGES`` and every part in ``WindowParts``, so the steps cannot drift. Two are
left to the turn that builds the window (~10 ms each): ``ui/extensions.py`` and the backup
part, ``ui/dialogs/backup_actions.py``, which import ``ui/practice_files.py``, the module that
runs these steps (an import circle otherwise).
"""

from __future__ import annotations

from collections.abc import Callable

from recoverydesk.ui.turns import in_a_turn_of_its_own

# Every import below is local on purpose: each is one turn of the event loop (see the top).


def _home() -> None:
    from recoverydesk.ui import home  # noqa: F401 - a turn of its own


def _workspace() -> None:
    from recoverydesk.ui import workspace  # noqa: F401 - a turn of its own


def _pages_overview() -> None:
    from recoverydesk.ui.pages import overview  # noqa: F401 - a turn of its own


def _pages_star() -> None:
    from recoverydesk.ui.pages import star  # noqa: F401 - a turn of its own


def _pages_goals() -> None:
    from recoverydesk.ui.pages import goals  # noqa: F401 - a turn of its own


def _pages_sessions() -> None:
    from recoverydesk.ui.pages import sessions  # noqa: F401 - a turn of its own


def _pages_wrap() -> None:
    from recoverydesk.ui.pages import wrap  # noqa: F401 - a turn of its own


def _pages_story() -> None:
    from recoverydesk.ui.pages import story  # noqa: F401 - a turn of its own


def _pages_network() -> None:
    from recoverydesk.ui.pages import network  # noqa: F401 - a turn of its own


def _pages_funding() -> None:
    from recoverydesk.ui.pages import funding  # noqa: F401 - a turn of its own


def _session_actions() -> None:
    from recoverydesk.ui import session_actions  # noqa: F401 - a turn of its own


def _search() -> None:
    from recoverydesk.ui import search  # noqa: F401 - a turn of its own


def _resources_window() -> None:
    from recoverydesk.ui import resources_window  # noqa: F401 - a turn of its own


def _claims_part() -> None:
    from recoverydesk.ui.claims import part  # noqa: F401 - a turn of its own


def _printing() -> None:
    from recoverydesk.ui import printing  # noqa: F401 - a turn of its own


def _invoicing() -> None:
    from recoverydesk.ui import invoicing  # noqa: F401 - a turn of its own


def _lock() -> None:
    from recoverydesk.ui import lock  # noqa: F401 - a turn of its own


def _help() -> None:
    from recoverydesk.ui import help  # noqa: F401 - a turn of its own


def _together_part() -> None:
    from recoverydesk.ui.together import part  # noqa: F401 - a turn of its own


def _team_part() -> None:
    from recoverydesk.ui import team_part  # noqa: F401 - a turn of its own


def _server_changes() -> None:
    from recoverydesk.ui import server_changes  # noqa: F401 - a turn of its own


def _offline_part() -> None:
    from recoverydesk.ui import offline_part  # noqa: F401 - a turn of its own


STEPS: tuple[Callable[[], None], ...] = (
    _home,
    _workspace,
    _pages_overview,
    _pages_star,
    _pages_goals,
    _pages_sessions,
    _pages_wrap,
    _pages_story,
    _pages_network,
    _pages_funding,
    _session_actions,
    _search,
    _resources_window,
    _claims_part,
    _printing,
    _invoicing,
    _lock,
    _help,
    _together_part,
    _team_part,
    _server_changes,
    _offline_part,
)


def import_in_turns(then: Callable[[], None],
                    steps: tuple[Callable[[], None], ...] = STEPS) -> None:
    """Run ``steps`` (each imports a module of the window, or builds a piece of it), one per
    turn of the event loop (``in_a_turn_of_its_own``), then call ``then`` in a later turn. A
    module imported already costs nothing; an import that fails raises there, as it would
    where the module is used."""
    left = list(steps)

    def step() -> None:
        if left:
            left.pop(0)()
            in_a_turn_of_its_own(step)
        else:
            then()

    in_a_turn_of_its_own(step)
