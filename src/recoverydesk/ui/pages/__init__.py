"""The participant tabs, one module per capability.

The contract every tab follows is ``pages/base.py`` (``ParticipantPage``); the tabs the
workspace shows are listed, in one place with the window's other parts, as
``PARTICIPANT_PAGES`` in ``ui/extensions.py``.
"""
