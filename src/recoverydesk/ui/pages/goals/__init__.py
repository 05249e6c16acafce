"""The Goals & plan tab, as panels of one job each: ``list_panel`` (the goals by life domain),
``goal_panel`` (the editor and the goal's status), ``steps_panel`` (its action steps),
``plans_tab`` (agreed plan versions and what changed), put together by ``page.GoalsPage``. The
goal's story is ``ui/widgets/goal_history.py``."""

from recoverydesk.ui.pages.goals.page import NEW, GoalsPage

__all__ = ["NEW", "GoalsPage"]
