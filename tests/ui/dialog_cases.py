"""One case per dialog of the app: how the app opens it, valid input, and how to tell that its
save reached the services. Used by test_every_dialog_live.py, which fails when a dialog class of
``recoverydesk.ui`` has no case here.

Each ``open`` prepares a participant (or what the dialog needs) and returns a function that opens
the dialog the way the coach does: a page's button slot or a window command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from live_dialogs import ACCEPTED, REJECTED, click_cancel, click_save
from measure_files import write_template
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.types import ResourceDraft
from recoverydesk.services.sessions.types import SessionInput


@dataclass
class World:
    """The window under test and what a case prepared in it."""

    window: object
    qtbot: object
    tmp_path: Path
    monkeypatch: object
    message_boxes: object
    ids: dict = field(default_factory=dict)

    @property
    def services(self):
        return self.window.services  # a restore or a new passphrase reopens the practice

    def participant(self, page: str = "overview", given: str = "Kiri") -> int:
        p = self.services.participants.create(ParticipantDraft(given_name=given,
                                                               family_name="Walker")).value
        self.window.list_panel.reload()
        self.window.open_participant(p.id, page)
        self.ids["pid"] = p.id
        return p.id

    def page(self, key: str):
        return self.window.workspace.page(key)

    def save_files_to(self, name: str) -> Path:
        target = self.tmp_path / name
        self.monkeypatch.setattr(QFileDialog, "getSaveFileName",
                                 staticmethod(lambda *a, **k: (str(target), "")))
        return target


@pytest.fixture
def file_window(qtbot, tmp_practice, file_opener):
    """A window on a practice file of its own, opened as the app does (backups, passphrase).
    Test modules import it to use it."""
    from recoverydesk.ui.main_window import MainWindow

    services = file_opener.open(tmp_practice)
    window = MainWindow(file_opener, services)
    qtbot.addWidget(window)
    window.show()
    yield window
    if window.services is not None:
        window.services.close()


def world_for(request, case: Case) -> World:
    """The window a case needs (``main_window`` or ``file_window``), as a World."""
    window = request.getfixturevalue("file_window" if case.file_window else "main_window")
    return World(window, request.getfixturevalue("qtbot"), request.getfixturevalue("tmp_path"),
                 request.getfixturevalue("monkeypatch"),
                 request.getfixturevalue("message_boxes"))


@dataclass
class Case:
    open: Callable[[World], Callable[[], object]]
    fill: Callable[[QDialog], None] | None = None  # valid input, typed before Save (and Esc)
    save: Callable[[QDialog], None] | None = click_save
    saved: Callable[[World], bool] | None = None  # True once the save reached the services
    cancel: Callable[[QDialog], None] | None = click_cancel
    cancel_code: int = REJECTED
    save_code: int = ACCEPTED
    file_window: bool = False  # needs a practice file of its own (backups, passphrase)
    leave_answer: QMessageBox.StandardButton | None = None  # to "leave without saving?"
    untouched: bool = True  # Save with nothing typed is a fair test (not for composite saves)


def goal_world(w: World) -> int:
    pid = w.participant("goals")
    g = w.services.goals.create(pid, GoalDraft(title="Walk to the beach every day")).value
    w.ids["goal"] = g.id
    w.page("goals").refresh()
    w.page("goals").focus_item(g.id)
    return g.id


def _goal(w: World):
    return w.services.goals.get(w.ids["goal"])


def _planned_session(w: World) -> int:
    pid = w.participant("sessions")
    start = (dt.datetime.now().astimezone() + dt.timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0)
    [s] = w.services.sessions.plan_series(pid, SessionInput(starts_at=start, status="planned"),
                                          7, 1).value
    w.ids["session"], w.ids["start"] = s.id, s.starts_at
    page = w.page("sessions")
    page.refresh()
    page.focus_item(s.id)
    return s.id


def resource(w: World, name: str = "Harbour Choir") -> int:
    r = w.services.resources.create(ResourceDraft(name=name, category="recreation",
                                                  offers="A friendly community choir")).value
    w.ids["resource"] = r.id
    return r.id


def _referral_world(w: World) -> None:
    pid = w.participant("network")
    rid = resource(w)
    ref = w.services.referrals.refer(pid, rid, dt.date.today(), "Meet people", None,
                                     "suggested").value
    w.ids["referral"] = ref.id
    page = w.page("network")
    page.refresh()
    page.referrals.view.selectRow(0)


def command(w: World, key: str) -> Callable[[], object]:
    return w.window.commands[key].trigger


def typed(attr: str, text: str) -> Callable[[QDialog], None]:
    def fill(dialog: QDialog) -> None:
        widget = getattr(dialog, attr)
        if hasattr(widget, "setPlainText"):
            widget.setPlainText(text)
        else:
            widget.setText(text)

    return fill


def press(attr: str) -> Callable[[QDialog], None]:
    def click(dialog: QDialog) -> None:
        button = getattr(dialog, attr)
        assert button.isEnabled(), f"{attr} is greyed out"
        button.click()

    return click


def then_close(first: Callable[[QDialog], None],
                close: Callable[[QDialog], None] = click_cancel) -> Callable[[QDialog], None]:
    """For a dialog that stays open after saving: save, then its Close button."""

    def act(dialog: QDialog) -> None:
        first(dialog)
        close(dialog)

    return act


# -- the participant's pages ---------------------------------------------------------------

def _strength(w):
    w.participant("overview")
    return w.page("overview").add_strength


def _step(w):
    goal_world(w)
    return w.page("goals").add_step


def _status(w):
    goal_world(w)
    return w.page("goals").change_status


def _progress(w):
    goal_world(w)
    return w.page("goals").note_progress


def _agree(w):
    goal_world(w)
    return w.page("goals").agree_plan


def _contact(w):
    w.participant("network")
    return w.page("network").add_contact


def _refer(w):
    w.participant("network")
    resource(w)
    return w.page("network").refer


def _referral_status(w):
    _referral_world(w)
    return w.page("network").update_status


def _plan_sessions(w):
    w.participant("sessions")
    return w.page("sessions").plan_sessions


def _move(w):
    _planned_session(w)
    return w.page("sessions").move_selected


def _frequency(w):
    w.participant("sessions")
    return w.page("sessions").change_rhythm


def _note(w):
    w.participant("sessions")
    return command(w, "write_note")


def _reading(w):
    w.participant("star")
    return w.page("star").new_reading


def _templates(w):
    w.participant("star")
    return w.page("star").open_templates


def _wrap_review(w):
    w.participant("wrap")
    return w.page("wrap").mark_reviewed


def _wrap_history(w):
    pid = w.participant("wrap")
    w.services.wrap.mark_reviewed(pid, dt.date.today(), None, "Looked at it together")
    return w.page("wrap").show_history


def _funding(w):
    w.participant("funding")
    return w.page("funding").management.change


def _agreement(w):
    w.participant("funding")
    return w.page("funding").agreements.new_agreement


def _budget(w):
    w.participant("funding")
    return w.page("funding").budget.add_budget


def _story_moments(w):
    pid = w.participant("story")
    start = dt.datetime.now().astimezone() - dt.timedelta(days=2)
    w.services.sessions.create(pid, SessionInput(
        starts_at=start, talked_about="Kiri felt hopeful about the choir."))
    return w.page("story").find_moments


def _turning_point(w):
    w.participant("story")
    return w.page("story").mark_turning_point


def _measures(w):
    w.participant("story")
    return w.page("story").open_measures


def _measure_reading(w):
    from recoverydesk.ui.dialogs.measures import MeasuresDialog  # the screen it opens from

    pid = w.participant("story")
    w.services.chime.measures.load_template(write_template(w.tmp_path))
    screen = MeasuresDialog(w.services, pid, w.window)
    w.ids["measures"] = screen  # kept alive while the reading dialog is up
    return screen.record


def _answer_first(dialog) -> None:
    dialog.answers[0].setCurrentIndex(dialog.answers[0].findData(3))


def _agree_story(w):
    pid = w.participant("story")
    start = dt.datetime.now().astimezone() - dt.timedelta(days=2)
    sid = w.services.sessions.create(pid, SessionInput(
        starts_at=start, talked_about="Kiri felt hopeful about the choir.")).value.id
    for found in w.services.chime.suggest("session", sid):
        w.services.chime.accept(found.draft())
    return w.page("story").agreement.agree


def _tick_hope(dialog) -> None:
    dialog.boxes["hope"][0].setChecked(True)


def _tick_first_moment(dialog) -> None:
    dialog.moments.item(0).setCheckState(Qt.CheckState.Checked)


def _plan_manager(dialog) -> None:
    dialog.management.setCurrentIndex(dialog.management.findData("plan"))
    dialog.manager_name.setText("Harbour Plan Managers")


def _score_first_domain(dialog) -> None:
    key = dialog.template.definition.domains[0].key
    dialog.controls[key].set_value(7)


def _new_template(dialog) -> None:
    dialog.new_button.click()
    dialog.name.setText("Our harbour star")
    for i, text in enumerate(("Connection", "Hope", "Purpose")):
        if i:
            dialog.add_domain.click()
        dialog.domains.item(i, 0).setText(text)
    dialog.domains.setFocus()  # the cell editor Add opened commits and closes
    dialog.save_button.click()


def _move_a_day(dialog) -> None:
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(1))


def _other_rhythm(dialog) -> None:
    dialog.kind.setCurrentIndex((dialog.kind.currentIndex() + 1) % dialog.kind.count())


PAGES: dict[str, Case] = {
    "StrengthDialog": Case(
        _strength, typed("text", "Great with animals"),
        saved=lambda w: bool(w.services.participants.get(w.ids["pid"]).strengths)),
    "GoalStepDialog": Case(
        _step, typed("text", "Ring the surf club"),
        saved=lambda w: [s.text for s in _goal(w).steps] == ["Ring the surf club"]),
    "GoalStatusDialog": Case(
        _status, typed("reason", "Wants to rest after the move"),
        saved=lambda w: _goal(w).status != "active"),
    "GoalProgressDialog": Case(
        _progress, typed("text", "Two walks this week"),
        saved=lambda w: bool(_goal(w).progress_notes)),
    "GoalAgreeDialog": Case(
        _agree, typed("note", "Agreed at the library"),
        saved=lambda w: bool(w.services.plans.versions(w.ids["pid"]))),
    "ContactDialog": Case(
        _contact, typed("name", "Rose Walker"),
        saved=lambda w: [c.name for c in w.services.network.contacts(w.ids["pid"])]
        == ["Rose Walker"]),
    "ReferralDialog": Case(
        _refer, typed("purpose", "To sing with people again"),
        saved=lambda w: bool(w.services.referrals.of(w.ids["pid"]))),
    "ReferralStatusDialog": Case(
        _referral_status, typed("note", "Rang them together"),
        saved=lambda w: w.services.referrals.get(w.ids["referral"]).status != "suggested"),
    "PlanSessionsDialog": Case(
        _plan_sessions, None,
        saved=lambda w: len(w.services.sessions.sessions(w.ids["pid"])) == 8),
    "MoveSessionDialog": Case(
        _move, _move_a_day,
        saved=lambda w: w.services.sessions.get(w.ids["session"]).starts_at != w.ids["start"]),
    "FrequencyDialog": Case(
        _frequency, _other_rhythm,
        saved=lambda w: bool(w.services.rhythm.history(w.ids["pid"]))),
    "SessionNoteDialog": Case(
        _note, typed("talked_about", "Talked about the choir and the move."),
        save=press("save_button"), cancel=press("close_button"),
        saved=lambda w: bool(w.services.sessions.sessions(w.ids["pid"]))),
    "ReadingDialog": Case(
        _reading, _score_first_domain,
        saved=lambda w: bool(w.services.star.readings(w.ids["pid"])),
        leave_answer=QMessageBox.StandardButton.Discard),
    "TemplateDialog": Case(
        _templates, None, save=then_close(_new_template), save_code=REJECTED, untouched=False,
        saved=lambda w: "Our harbour star" in [t.name for t in w.services.star.templates()]),
    "WrapReviewDialog": Case(
        _wrap_review, typed("note", "Went through it at the café"),
        saved=lambda w: w.services.wrap.get(w.ids["pid"]).last_reviewed is not None),
    "WrapHistoryDialog": Case(_wrap_history, save=None),
    "FundingSetupDialog": Case(
        _funding, _plan_manager,
        saved=lambda w: w.services.claims.funding_setup(w.ids["pid"]) is not None),
    "AgreementDialog": Case(
        _agreement, typed("cancellation_terms", "2 clear business days' notice"),
        saved=lambda w: bool(w.services.claims.agreements(w.ids["pid"]))),
    "BudgetDialog": Case(
        _budget, typed("amount", "12000.00"), untouched=False,
        saved=lambda w: bool(w.services.claims.funding(w.ids["pid"]))),
    "TagMomentsDialog": Case(
        _story_moments, _tick_first_moment,
        saved=lambda w: bool(w.services.chime.tags_of(w.ids["pid"]))),
    "TurningPointDialog": Case(
        _turning_point, typed("title", "First day at TAFE"),
        saved=lambda w: bool(w.services.chime.turning_points(w.ids["pid"]))),
    "AgreeStoryDialog": Case(
        _agree_story, _tick_hope,
        saved=lambda w: bool(w.services.chime.stories.history(w.ids["pid"]))),
    "MeasuresDialog": Case(_measures, save=None),
    "MeasureReadingDialog": Case(
        _measure_reading, _answer_first,
        saved=lambda w: bool(w.services.chime.measures.readings(w.ids["pid"]))),
}


def names(w) -> list[str]:
    return [p.full_name for p in w.services.participants.list(include_archived=True)]
