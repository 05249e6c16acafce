"""Planning sessions in the past (eight in January 2020, say) is never accepted without a word:
the dialog says so as soon as the date is past, and Plan then asks to be pressed again as
"Plan anyway". Driven through the real dialog from the Sessions tab."""

from __future__ import annotations

import datetime as dt

from live_dialogs import when_modal
from PySide6.QtCore import QDate

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.dialogs.session_plan import PlanSessionsDialog


def test_eight_sessions_in_january_2020_are_warned_about_and_asked(main_window, services):
    p = services.participants.create(ParticipantDraft(given_name="Ana", family_name="Lee")).value
    main_window.open_participant(p.id, "sessions")
    page = main_window.workspace.page("sessions")
    seen_state = {}

    def plan_in_2020(dialog: PlanSessionsDialog) -> None:
        dialog.date_edit.setDate(QDate(2020, 1, 6))
        dialog.repeat.setCurrentIndex(1)  # every week
        dialog.count.setValue(8)
        seen_state["warned"] = (not dialog.error.isHidden(), dialog.error.text())
        dialog.plan_button.click()
        seen_state["after_first_press"] = (dialog.isVisible(), dialog.plan_button.text())
        dialog.plan_button.click()

    seen = when_modal(PlanSessionsDialog, plan_in_2020)
    page.plan_sessions()
    assert seen
    shown, text = seen_state["warned"]
    assert shown and text.startswith("All 8 sessions are in the past.")
    assert seen_state["after_first_press"] == (True, "Plan anyway")
    assert len(services.sessions.sessions(p.id)) == 8


def test_changing_to_a_future_date_clears_the_warning_and_the_question(qtbot):
    planned = []
    dialog = PlanSessionsDialog(plan=lambda *args: planned.append(args))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.error.isHidden()  # a week ahead by default: nothing to say
    dialog.date_edit.setDate(QDate(2020, 1, 6))
    dialog.plan_button.click()
    assert dialog.isVisible() and dialog.plan_button.text() == "Plan anyway"
    ahead = dt.date.today() + dt.timedelta(days=3)
    dialog.date_edit.setDate(QDate(ahead.year, ahead.month, ahead.day))
    assert dialog.error.isHidden() and dialog.plan_button.text() == "Plan"
    dialog.plan_button.click()
    assert dialog.result() == PlanSessionsDialog.DialogCode.Accepted
    assert len(planned) == 1 and planned[0][0].starts_at.date() == ahead
