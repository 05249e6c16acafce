"""The goals capability. ``types``: DTOs, drafts, labels and the forms' rules (all the window
imports); ``service``: ``GoalService``, its use cases by job in ``steps``, ``history`` and
``drafts``; ``rows``: store rows to DTOs (``load_goals`` is the public read); ``glance``: the
Overview's lines; ``smart``: the SMART check; ``plan_link``: the NDIS plan goal a goal serves
(the plan goals themselves are the participant's: ``participants/ndis_goals.py``).
"""
