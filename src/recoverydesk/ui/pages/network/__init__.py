"""The Network & resources tab, in panels of one job each: the people around the participant
(``people.py``, with the consent banner of ``consent.py``), the eco-map (``ecomap.py``) and
their referrals (``referrals.py``); ``page.py`` puts them together and loads them."""

from recoverydesk.ui.pages.network.page import NetworkPage

__all__ = ["NetworkPage"]
