"""The Funding tab (issue 19), coach-only content (never shown in what the participant sees): how the plan is managed (``panels.py``), the service agreements with their history
(``panels.py``), the plan budget by funding period with its chart (``budget.py``); the words they
show are plain functions in ``words.py``; ``page.py`` puts them together and loads them."""

from recoverydesk.ui.pages.funding.page import FundingPage

__all__ = ["FundingPage"]
