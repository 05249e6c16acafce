"""An exited participant's Overview tab shows nothing in the attention colour and no prompt to
start something: support has ended, and one line says so."""

from __future__ import annotations

import datetime as dt

from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.participants.types import ParticipantDraft


def test_exited_overview_has_no_orange_lines(main_window, services):
    p = services.participants.create(ParticipantDraft(given_name="Tama", family_name="Rewi",
                                                      status="exited")).value
    g = services.goals.create(p.id, GoalDraft(title="Join the surf club")).value
    services.goals.add_step(g.id, StepDraft(text="Ring the club",
                                            due_on=dt.date.today() - dt.timedelta(days=30)))
    main_window.list_panel.reload()
    main_window.open_participant(p.id)
    page = main_window.workspace.page("overview")
    lines = [w for w in page._glance_lines if not w.isHidden()]
    assert lines and not [w for w in lines if w.attention]
    assert not [w for w in lines if w.body.property("role") == "attention"]
    shown = [w.accessibleName() for w in lines]
    assert any("Support has ended" in t for t in shown)
    assert not any("Plan the first one" in t or "overdue" in t for t in shown)
