"""The dialogs the main window's own commands open (File, Edit, View, Participant menus), and
the safe-keeping ones that need a practice file of their own. See dialog_cases.py."""

from __future__ import annotations

import datetime as dt

from dialog_cases import (
    Case,
    command,
    names,
    press,
    then_close,
    typed,
)
from dialog_cases_claims import CLAIMS
from dialog_cases_coaches import COACHES
from dialog_cases_conflict import CONFLICT
from dialog_cases_invoice import INVOICES
from dialog_cases_offline import OFFLINE
from dialog_cases_team import TEAM
from live_dialogs import ACCEPTED, child
from PySide6.QtWidgets import QDialog, QPushButton

from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput


def _close_button(dialog: QDialog) -> None:
    child(dialog, QPushButton, "Close").click()


# -- the window's commands -----------------------------------------------------------------

def _new_participant(w):
    w.window.show_home()
    return command(w, "new_participant")


def _given(dialog) -> None:
    dialog.given_name.setText("Mere")
    dialog.family_name.setText("Tawhiri")


def _settings(w):
    return command(w, "practice_details")


def _claiming(w):
    """Practice details > NDIS claiming…, as that button opens it."""
    from recoverydesk.ui.dialogs.claim_details import ClaimDetailsDialog

    return lambda: ClaimDetailsDialog(w.services, w.window).exec()


def _resources(w):
    w.participant("network")
    w.window.commands["resource_directory"].trigger()
    directory = w.window.parts.resources.directory
    w.ids["directory"] = directory
    return directory.new_resource


def _resource_fields(dialog) -> None:
    dialog.name.setText("Seaside Men's Shed")
    dialog.offers.setPlainText("Woodwork and a cuppa on Tuesdays")


def _hours(w):
    pid = w.participant("sessions")
    now = dt.datetime.now().astimezone()
    start = max(now.replace(day=1, hour=0, minute=1, second=0, microsecond=0),
                now - dt.timedelta(hours=2))  # this month, in the past
    w.services.sessions.create(pid, SessionInput(starts_at=start, duration_minutes=30,
                                                 talked_about="A walk on the pier"))
    w.ids["csv"] = w.save_files_to("hours.csv")
    return command(w, "hours_report")


def _search(w):
    pid = w.participant("overview", given="Tamsin")
    w.ids["pid"] = pid
    w.window.show_home()
    return command(w, "search")


def _search_and_open(dialog) -> None:
    dialog.edit.setText("Tamsin")
    dialog.run_search()
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    dialog.open_current()


def _pdf_preview(w):
    pid = w.participant("goals")
    g = w.services.goals.create(pid, GoalDraft(title="Swim at the pool")).value
    w.services.goals.add_step(g.id, StepDraft(text="Buy a swim pass"))
    w.ids["pdf"] = w.save_files_to("plan.pdf")
    return command(w, "export_plan_pdf")


def _review(w):
    w.participant("goals")
    w.ids["pdf"] = w.save_files_to("review.pdf")
    return command(w, "review_report")


def _review_final(w) -> bool:
    review = w.services.reviews.current(w.ids["pid"])
    return review is None and w.ids["pdf"].exists()


def _restore(w):
    w.participant("network", given="Aroha")
    w.window.commands["backup_now"].trigger()
    w.services.participants.create(ParticipantDraft(given_name="Later", family_name="Added"))
    return command(w, "restore")


def _passphrase(w):
    w.participant("network", given="Aroha")
    return command(w, "passphrase")


def _type_passphrase(dialog) -> None:
    dialog.new_edit.setText("seagull on the jetty at dawn")
    dialog.confirm_edit.setText("seagull on the jetty at dawn")


def _encrypted(w) -> bool:
    from recoverydesk.store import crypto

    return crypto.is_encrypted(w.services.practice.path)


def _together_pin(w):
    w.participant("overview")
    return command(w, "together_pin")


def _type_pin(dialog) -> None:
    dialog.pin.setText("2580")
    dialog.again.setText("2580")


WINDOW: dict[str, Case] = {
    "ParticipantDialog": Case(
        _new_participant, _given,
        saved=lambda w: "Mere Tawhiri" in [p.full_name for p in w.services.participants.list()]),
    "ClaimDetailsDialog": Case(
        _claiming, typed("business_name", "Harbour Lights Coaching"),
        saved=lambda w: w.services.claims.details().business_name == "Harbour Lights Coaching"),
    "PracticeSettingsDialog": Case(
        _settings, typed("practice_name", "Harbour Lights Coaching"),
        saved=lambda w: w.services.settings.details().practice_name == "Harbour Lights Coaching"),
    "ResourceDialog": Case(
        _resources, _resource_fields,
        saved=lambda w: "Seaside Men's Shed" in [r.name for r in w.services.resources.list()]),
    "HoursReportDialog": Case(
        _hours, None, save=then_close(press("save_button"), _close_button),
        cancel=_close_button, cancel_code=ACCEPTED, saved=lambda w: w.ids["csv"].exists(),
        untouched=False),
    "SearchDialog": Case(
        _search, None, save=_search_and_open, cancel=None, untouched=False,
        saved=lambda w: w.window.current_participant_id() == w.ids["pid"]),
    "PdfPreviewDialog": Case(
        _pdf_preview, None, save=press("save_button"), untouched=False,
        saved=lambda w: w.ids["pdf"].exists() and bool(w.services.plans.versions(w.ids["pid"]))),
    "ReviewDraftDialog": Case(
        _review, lambda d: d.texts["recommendations"].setPlainText("Keep meeting weekly."),
        save=press("final_button"), saved=_review_final, untouched=False),
    "RestoreDialog": Case(
        _restore, None, file_window=True, saved=lambda w: "Later Added" not in names(w),
        untouched=False),
    "PassphraseDialog": Case(
        _passphrase, _type_passphrase, file_window=True, saved=_encrypted),
    # Help: nothing to save; Close ends them.
    "UserGuideDialog": Case(
        lambda w: command(w, "user_guide"), None, save=None, cancel=_close_button),
    "SetPinDialog": Case(
        _together_pin, _type_pin, saved=lambda w: w.services.together.has_pin()),
    "ShortcutsDialog": Case(
        lambda w: command(w, "keyboard_shortcuts"), typed("search", "lock"), save=None,
        cancel=_close_button),
    **CLAIMS,  # View > Claims: Edit line…, Reject…
    **INVOICES,  # Participant > Invoice…
    **TEAM,  # File > Connect to a team practice…
    **CONFLICT,  # Save in a form after another coach saved the same record
    **OFFLINE,  # a team practice: Take participants offline…, Conflicts from offline…
    **COACHES,  # Practice > Team… (a team practice, as its lead)
}

