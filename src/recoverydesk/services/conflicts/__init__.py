"""Two coaches editing one record: the EditConflict and the rules to compare and merge.

``types`` is what the window imports (the conflict, the pure compare/merge rules); ``service``
is what the capabilities' services call (the version check before a write, a refused stale
write turned into the same conflict, the audit of the coach's answer). The window answers a
conflict in one place, ``ui/tasks.py``'s ``Op``, with ``ui/dialogs/edit_conflict.py``.

Records that carry a version (``models/versioned.py``) and refuse a stale save:
participants, strengths, support-network contacts, goals, action steps, WRAP items, resources
(the shared directory) and referrals (their words; their statuses are a history).

Left without one, and why:
- append-only records never conflict, since nobody edits them: goal history, progress notes,
  Recovery Star and measure readings, referral status changes, agreed plan and WRAP versions,
  agreed CHIME stories, the audit trail;
- sessions: the issue keeps session notes append-only; until the note editor becomes
  append-only (note revisions), a session edited by two coaches is the last save's;
- drafts (goal, session, review): one coach's unsaved work, never shared;
- the rest of a WRAP (its review dates, its supporters), NDIS plan goals, funding and claims,
  practice settings and templates: edited by the lead or as whole lists; the version column
  and the same three calls are all each needs when two coaches start to edit them at once.

A move, a tick or a status change by the other coach moves the version too. When the fields
of the form then agree with what is stored, the save goes through with no question; when they
differ, the coach is asked, with both versions shown (the form does not know which side changed
a field, so a move and an edit of the same record look alike there).
"""
