"""Other ways into the same dialogs: editing what is already there (the dialog loads a record,
which its "new" case never does), reframing a goal, and referring from the resource directory.
Keyed by (dialog class name, how it was opened); driven like the cases in dialog_cases.py."""

from __future__ import annotations

import datetime as dt

from dialog_cases import Case, World, command, goal_world, resource, typed
from live_dialogs import click_save, drive
from PySide6.QtWidgets import QDialog, QMessageBox

from recoverydesk.services.goals.types import StepDraft
from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.services.star.types import ReadingDraft


def _edit_strength(w: World):
    pid = w.participant("overview")
    w.services.participants.add_strength(pid, "skills", "Fixes bikes")
    page = w.page("overview")
    page.refresh()
    page.strength_list.setCurrentRow(0)
    return page.edit_strength


def _edit_step(w: World):
    gid = goal_world(w)
    w.services.goals.add_step(gid, StepDraft(text="Ring the surf club"))
    page = w.page("goals")
    page.refresh()
    page.focus_item(gid)
    page.steps.selectRow(0)
    return page.edit_step


def _reframe(dialog: QDialog) -> None:
    dialog.status.setCurrentIndex(dialog.status.findData("reframed"))
    dialog.new_title.setText("Swim twice a week")
    dialog.reason.setText("The beach is too far since the move")


def _reframe_opener(w: World):
    goal_world(w)
    return w.page("goals").change_status


def _edit_contact(w: World):
    pid = w.participant("network")
    c = w.services.network.add(pid, ContactDraft(name="Rose Walker", kind="family")).value
    page = w.page("network")
    page.refresh()
    page.focus_item(c.id)
    return page.edit_contact


def _edit_reading(w: World):
    pid = w.participant("star")
    template = w.services.star.template_for(pid)
    first = template.definition.domains[0].key
    r = w.services.star.add_reading(pid, ReadingDraft(dt.date.today(), {first: 4}),
                                    template.version_id).value
    w.ids["reading"] = r.id
    page = w.page("star")
    page.refresh()
    page.focus_item(r.id)
    return page.edit_reading


def _rescore(dialog: QDialog) -> None:
    key = dialog.template.definition.domains[1].key
    dialog.controls[key].set_value(8)


def _edit_participant(w: World):
    w.participant("overview")
    return command(w, "edit_participant")


def _directory(w: World):
    w.participant("network")
    resource(w)
    w.window.commands["resource_directory"].trigger()
    directory = w.window.parts.resources.directory
    directory.refresh()
    directory.view.selectRow(0)
    return directory


def _edit_resource(w: World):
    return _directory(w).edit_resource


def _refer_from_directory(w: World):
    return _directory(w).refer


def _open_session(w: World):
    pid = w.participant("sessions")
    start = dt.datetime.now().astimezone() - dt.timedelta(days=2)
    s = w.services.sessions.create(pid, SessionInput(starts_at=start,
                                                     talked_about="Walked the pier")).value
    w.ids["session"] = s.id
    page = w.page("sessions")
    page.focus_item(s.id)
    return page.open_selected


OLD, NEW = "seagull on the jetty at dawn", "pelican over the bay at noon"


def _change_passphrase(w: World):
    """Protect the practice first (through the same dialog), then open it to change."""
    from recoverydesk.ui.dialogs.passphrase import PassphraseDialog

    w.participant("network", given="Aroha")

    def protect(dialog):
        _type_passphrase(dialog)
        click_save(dialog)

    run = drive(w.qtbot, PassphraseDialog, command(w, "passphrase"), protect)
    assert run.problems == [] and w.services._store.encrypted
    return command(w, "passphrase")


def _type_passphrase(dialog) -> None:
    dialog.new_edit.setText(OLD)
    dialog.confirm_edit.setText(OLD)


def _type_change(dialog) -> None:
    dialog.current_edit.setText(OLD)
    dialog.new_edit.setText(NEW)
    dialog.confirm_edit.setText(NEW)


def _changed(w: World) -> bool:
    from recoverydesk.store.backup import verify_file

    return verify_file(w.services.practice.path, NEW) == []


def _review_preview(w: World):
    w.participant("goals")
    w.ids["pdf"] = w.save_files_to("review.pdf")
    w.window.commands["review_report"].trigger()
    return w.window.parts.printing.review_dialog.preview_button.click


def _final_review(w: World) -> bool:
    return w.services.reviews.current(w.ids["pid"]) is None and w.ids["pdf"].exists()


def _app_opener(w: World, path, create: bool):
    """The app's own opener (as at start-up), asking with the passphrase dialog."""
    from PySide6.QtWidgets import QApplication

    from recoverydesk import app
    from recoverydesk.services.practice.types import PracticeOpenError

    def open_it() -> None:
        # The dialog's parent is the active window: this test's, not one a test before closed.
        w.window.activateWindow()
        w.qtbot.waitUntil(lambda: QApplication.activeWindow() is w.window, timeout=3000)
        try:
            w.ids["opened"] = app.Opener().open(path, create=create)
        except PracticeOpenError:  # Esc or Cancel: the practice is not opened
            w.ids["refused"] = w.ids.get("refused", 0) + 1

    return open_it


def _unlock_at_start(w: World):
    from recoverydesk.store import crypto
    from recoverydesk.store.migrate import create_practice

    path = w.tmp_path / "locked.rdk"
    create_practice(path)
    crypto.encrypt_in_place(path, OLD)
    return _app_opener(w, path, create=False)


def _new_practice(w: World):
    return _app_opener(w, w.tmp_path / "new.rdk", create=True)


def _opened(w: World) -> bool:
    """True once the opener returned the practice (closed here again)."""
    services = w.ids.pop("opened", None)
    if services is not None:
        services.close()
        w.ids["was_opened"] = True
    return w.ids.get("was_opened", False)


def _type_old(dialog) -> None:
    dialog.new_edit.setText(OLD)


VARIANTS: dict[tuple[str, str], Case] = {
    ("StrengthDialog", "edit"): Case(
        _edit_strength, typed("text", "Fixes bikes for the neighbourhood kids"),
        saved=lambda w: w.services.participants.get(w.ids["pid"]).strengths[0].text
        == "Fixes bikes for the neighbourhood kids"),
    ("GoalStepDialog", "edit"): Case(
        _edit_step, typed("text", "Ring the surf club on Monday"),
        saved=lambda w: [s.text for s in w.services.goals.get(w.ids["goal"]).steps]
        == ["Ring the surf club on Monday"]),
    ("GoalStatusDialog", "reframe"): Case(
        _reframe_opener, _reframe,
        saved=lambda w: "Swim twice a week" in [
            g.title for g in w.services.goals.goals(w.ids["pid"])]),
    ("ContactDialog", "edit"): Case(
        _edit_contact, typed("phone", "0400 000 111"),
        saved=lambda w: w.services.network.contacts(w.ids["pid"])[0].phone == "0400 000 111"),
    ("ReadingDialog", "edit"): Case(
        _edit_reading, _rescore, leave_answer=QMessageBox.StandardButton.Discard,
        saved=lambda w: len([v for v in w.services.star.reading(w.ids["reading"]).scores.values()
                             if v is not None]) == 2),
    ("ParticipantDialog", "edit"): Case(
        _edit_participant, typed("preferred_name", "Kiki"),
        saved=lambda w: w.services.participants.get(w.ids["pid"]).preferred_name == "Kiki"),
    ("ResourceDialog", "edit"): Case(
        _edit_resource, typed("opening_hours", "Thursdays 7 pm"),
        saved=lambda w: w.services.resources.get(w.ids["resource"]).opening_hours
        == "Thursdays 7 pm"),
    ("ReferralDialog", "from the directory"): Case(
        _refer_from_directory, typed("purpose", "To sing again"),
        saved=lambda w: bool(w.services.referrals.of(w.ids["pid"]))),
    ("SessionNoteDialog", "open a past session"): Case(
        _open_session, typed("went_well", "Laughed a lot"),
        save=lambda d: d.save_button.click(), cancel=lambda d: d.close_button.click(),
        saved=lambda w: w.services.sessions.get(w.ids["session"]).went_well == "Laughed a lot"),
    ("PassphraseDialog", "change"): Case(
        _change_passphrase, _type_change, file_window=True, saved=_changed),
    ("PdfPreviewDialog", "review draft preview"): Case(
        _review_preview, None, save=lambda d: d.save_button.click(), saved=_final_review,
        untouched=False),
    ("PassphraseDialog", "unlock at start"): Case(
        _unlock_at_start, _type_old, saved=_opened),
    ("PassphraseDialog", "new practice at start"): Case(
        _new_practice, _type_passphrase, saved=_opened),
}
