import dataclasses
import datetime as dt

from live_dialogs import click_save, drive
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from recoverydesk.dates import short_date
from recoverydesk.services.goals.types import GoalDraft, StepDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.ui.dialogs import goal_agree, goal_status, goal_step
from recoverydesk.ui.qtmodels.goals import HeaderRole, IdRole, StepTableModel
from recoverydesk.ui.widgets.two_line import SubtitleRole


def person(services, given="Kiri"):
    return services.participants.create(ParticipantDraft(given_name=given, family_name="Walker")).value


def open_page(window, pid):
    window.open_participant(pid, "goals")
    return window.workspace.page("goals")


def headings(page):
    m = page.model
    return [m.item(r).text() for r in range(m.rowCount()) if m.item(r).data(HeaderRole)]


def test_empty_tab_says_what_to_do(main_window, services):
    p = person(services)
    page = open_page(main_window, p.id)
    assert page.list_empty.isVisibleTo(page)
    assert "New goal" in page.list_empty.text()


def test_new_goal_saves_a_rough_draft_and_shows_the_smart_check(main_window, services, qtbot):
    p = person(services)
    page = open_page(main_window, p.id)
    page.new_goal()
    page.editor.title.setText("Get out of the house more")
    assert "No measure yet" in page.editor.smart_label.text()
    assert page.has_unsaved_changes()
    page.save_button.click()
    goals = services.goals.goals(p.id)
    assert [g.title for g in goals] == ["Get out of the house more"]
    assert not page.has_unsaved_changes()
    assert page.current_id == goals[0].id


def test_goals_are_grouped_by_life_domain_and_filtered_by_status(main_window, services):
    p = person(services)
    services.goals.create(p.id, GoalDraft(title="Join the choir", domains=("social_networks",)))
    walk = services.goals.create(p.id, GoalDraft(title="Walk daily", domains=("physical_health",))).value
    services.goals.change_status(walk.id, "achieved", "Walking every day now")
    page = open_page(main_window, p.id)
    assert headings(page) == ["Social networks"]
    page.filter.setCurrentIndex(page.filter.findText("All goals"))
    assert headings(page) == ["Physical health and self-care", "Social networks"]
    page.filter.setCurrentIndex(page.filter.findText("Achieved"))
    head = page.model.item(0)
    assert head.child(0).data(IdRole) == walk.id


def test_unsaved_edits_are_kept_when_switching_participant(main_window, services):
    a, b = person(services, "Ana"), person(services, "Ben")
    g = services.goals.create(a.id, GoalDraft(title="Cook twice a week")).value
    page = open_page(main_window, a.id)
    page.editor.measure.setText("Dinners cooked")
    assert page.has_unsaved_changes()
    main_window.open_participant(b.id, "goals")
    assert page.participant_id == b.id and not page.has_unsaved_changes()
    main_window.open_participant(a.id, "goals")
    page.focus_item(g.id)
    assert page.editor.measure.text() == "Dinners cooked"
    assert page.draft_banner.isVisibleTo(page)
    page.save_button.click()
    assert services.goals.get(g.id).measure == "Dinners cooked"
    assert not page.draft_banner.isVisibleTo(page)


def test_unsaved_edits_are_kept_when_switching_goal(main_window, services):
    p = person(services)
    one = services.goals.create(p.id, GoalDraft(title="One")).value
    two = services.goals.create(p.id, GoalDraft(title="Two")).value
    page = open_page(main_window, p.id)
    page.focus_item(one.id)
    page.editor.target.setText("3 a week")
    page.focus_item(two.id)
    assert page.editor.target.text() == ""
    page.focus_item(one.id)
    assert page.editor.target.text() == "3 a week"
    page.discard_draft()
    assert page.editor.target.text() == "" and not page.has_unsaved_changes()


def test_status_change_asks_for_a_reason_and_reframes(main_window, services, qtbot):
    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Return to work", domains=("work",))).value
    page = open_page(main_window, p.id)
    page.focus_item(g.id)

    def reframe(dialog):
        dialog.status.setCurrentIndex(dialog.status.findData("reframed"))
        dialog.new_title.setText("Build confidence and social connection first")
        click_save(dialog)
        assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)  # no reason yet: refused
        dialog.reason.setText("Confidence first")
        click_save(dialog)

    run = drive(qtbot, goal_status.GoalStatusDialog, page.change_status, reframe)
    assert run.problems == [] and run.codes == [QDialog.DialogCode.Accepted.value]
    old = services.goals.get(g.id)
    assert old.status == "reframed"
    assert services.goals.get(old.reframed_to_id).title.startswith("Build confidence")
    assert page.current_id == old.reframed_to_id
    page.views.setCurrentWidget(page.history)
    assert "Return to work" in page.history.toPlainText()
    assert "Return to work" in page.reframed_label.text()
    page.reframed_label.linkActivated.emit(f"goal:{g.id}")  # follow the link back
    assert page.current_id == g.id


def test_steps_add_tick_reorder_and_show_overdue(main_window, services, qtbot):
    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Walk daily")).value
    services.goals.add_step(g.id, StepDraft("Buy shoes", due_on=dt.date(2020, 1, 1)))
    page = open_page(main_window, p.id)
    page.focus_item(g.id)
    assert "1 overdue" in page.views.tabText(1)
    due = page.steps_model.index(0, StepTableModel.COL_DUE).data()
    assert "overdue" in due

    def fill(dialog):
        dialog.text.setText("Walk to the corner")
        dialog.who.setCurrentIndex(dialog.who.findData("supporter"))
        click_save(dialog)

    assert drive(qtbot, goal_step.GoalStepDialog, page.add_step, fill).problems == []
    assert [s.text for s in services.goals.get(g.id).steps] == ["Buy shoes", "Walk to the corner"]
    page.steps.selectRow(1)
    page.move_step(-1)
    assert [s.text for s in services.goals.get(g.id).steps][0] == "Walk to the corner"
    first = page.steps_model.index(1, StepTableModel.COL_DONE)
    page.steps_model.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert services.goals.get(g.id).steps[1].done_on == dt.date.today()
    assert "overdue" not in page.views.tabText(1)


def test_agree_plan_and_compare_versions(main_window, services, qtbot):
    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Cook twice a week")).value
    page = open_page(main_window, p.id)
    assert page.plans.empty.isVisibleTo(page.plans)
    assert drive(qtbot, goal_agree.GoalAgreeDialog, page.agree_plan, click_save).problems == []
    services.goals.change_status(g.id, "achieved", "Cooking most nights")
    assert drive(qtbot, goal_agree.GoalAgreeDialog, page.agree_plan, click_save).problems == []
    assert [v.number for v in services.plans.versions(p.id)] == [2, 1]
    page.show_plan_versions()
    page.plans.list.setCurrentRow(1)  # plan 1, compared with plan 2
    text = page.plans.changes.toPlainText()
    assert "Achieved: “Cook twice a week” (Cooking most nights)." in text
    assert "Plan 1" in page.plans.view.toPlainText()
    # Later versions in the order they were agreed, then today's plan; the next one first.
    chooser = page.plans.compare_with
    today = short_date(dt.date.today())
    assert [chooser.itemText(i) for i in range(chooser.count())] == [
        f"plan 2, agreed {today}",
        "the plan as it is today",
    ]
    assert text.startswith(f"What changed from plan 1 to plan 2, agreed {today}")


def test_unsaved_edits_survive_a_closed_page(main_window, services, qtbot):
    from recoverydesk.ui.pages.goals import GoalsPage

    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Cook twice a week")).value
    page = open_page(main_window, p.id)
    page.editor.why.setPlainText("Takeaway costs too much")
    main_window.workspace.save_drafts()  # what locking or closing the app does
    assert services.goals.kept_drafts(p.id)[g.id].why_it_matters == "Takeaway costs too much"
    fresh = GoalsPage(services)  # as after unlocking or restarting
    qtbot.addWidget(fresh)
    fresh.set_participant(p.id)
    fresh.focus_item(g.id)
    assert fresh.editor.why.toPlainText() == "Takeaway costs too much"
    assert "unsaved changes kept" in fresh.model.index_for_goal(g.id).data(SubtitleRole)
    fresh.discard_draft()
    assert services.goals.kept_drafts(p.id) == {}
    assert fresh.editor.why.toPlainText() == ""


def test_plan_version_shows_other_capabilities_parts(main_window, services, monkeypatch):
    from recoverydesk.services.plans import service as plans

    monkeypatch.setitem(
        plans.PLAN_SNAPSHOT_PARTS,
        "wrap",
        lambda s, pid: {"started_parts": 3, "total_parts": 20, "wellness_tools": ["Swim"]},
    )
    p = person(services)
    services.plans.agree(p.id, None)
    page = open_page(main_window, p.id)
    page.show_plan_versions()
    text = page.plans.view.toPlainText()
    assert "3 of 20 parts started" in text and "Swim" in text


def test_ticking_a_step_keeps_what_the_coach_is_typing(main_window, services):
    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Walk daily")).value
    step = services.goals.add_step(g.id, StepDraft("Buy shoes")).value
    page = open_page(main_window, p.id)
    page.focus_item(g.id)
    page.editor.why.setPlainText("I sleep better after a walk")
    page._toggle_done(step.id, True)
    assert services.goals.get(g.id).steps[0].done
    assert page.editor.why.toPlainText() == "I sleep better after a walk"
    assert page.has_unsaved_changes()


def test_domains_of_another_template_are_kept(main_window, services, monkeypatch):
    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Volunteer", domains=("work",))).value
    chime = [("connectedness", "Connectedness"), ("hope", "Hope and optimism")]
    tab = services.goals.tab  # the Goals tab reads its domains with the goals (GoalService.tab)
    monkeypatch.setattr(services.goals, "tab",
                        lambda pid: dataclasses.replace(tab(pid), domains=list(chime)))
    page = open_page(main_window, p.id)
    page.focus_item(g.id)
    assert not page.has_unsaved_changes()
    assert headings(page) == ["Work"]
    page.editor._domain_boxes["hope"].setChecked(True)
    page.save_button.click()
    assert services.goals.get(g.id).domains == ("work", "hope")


def test_unsaved_edits_stay_when_the_coach_visits_another_tab(main_window, services):
    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Cook twice a week")).value
    page = open_page(main_window, p.id)
    page.focus_item(g.id)
    page.editor.why.setPlainText("Takeaway costs too much")
    main_window.workspace.show_page("star")
    # Something changes the goals meanwhile (a step ticked from the Sessions tab, say).
    services.goals.add_step(g.id, StepDraft("Buy a slow cooker"))
    from recoverydesk.services.types import ChangeSet
    from recoverydesk.ui.bus import change_bus

    change_bus().publish(ChangeSet.of("action_step", participant_id=p.id))
    main_window.workspace.show_page("goals")
    assert page.current_id == g.id
    assert page.editor.why.toPlainText() == "Takeaway costs too much"
    assert page.has_unsaved_changes()
    assert page.views.tabText(1).startswith("Steps 0/1")


def test_history_tells_a_reframe_in_sentences(main_window, services):
    p = person(services)
    old = services.goals.create(p.id, GoalDraft(title="Return to work")).value
    services.goals.reframe(old.id, GoalDraft(title="Build confidence first"), "Too big for now")
    page = open_page(main_window, p.id)
    page.filter.setCurrentIndex(page.filter.findText("All goals"))
    page.focus_item(old.id)
    page.views.setCurrentWidget(page.history)  # written when the coach opens the tab
    text = page.history.toPlainText()
    assert "Too big for now. It became “Build confidence first”." in text


def test_plan_versions_are_read_when_their_tab_opens_and_the_header_says_the_latest(
        main_window, services, monkeypatch):
    p = person(services)
    services.plans.agree(p.id, None)
    services.plans.agree(p.id, dt.date.today() + dt.timedelta(days=90))
    read = []
    real = services.plans.versions
    monkeypatch.setattr(services.plans, "versions",
                        lambda pid, limit=None: read.append(limit) or real(pid, limit))
    page = open_page(main_window, p.id)
    assert read == []  # the newest one's dates come with the goals (GoalService.tab)
    assert page.plan_label.text().startswith("Plan 2 agreed")
    assert page.plans.list.count() == 0
    page.show_plan_versions()
    assert read == [None]
    assert page.plans.list.count() == 2


def test_step_keys_act_only_in_the_steps_table(main_window, services):
    from PySide6.QtGui import QShortcut

    page = open_page(main_window, person(services).id)
    contexts = {s.key().toString(): s.context() for s in page.steps.findChildren(QShortcut)}
    # Space, Return and Delete typed anywhere else (a note, the goal's words) stay typing.
    for key in ("Space", "Return", "Del", "Alt+Up", "Alt+Down"):
        assert contexts[key] == Qt.ShortcutContext.WidgetShortcut, key


def test_a_goal_without_words_is_noted_under_the_field_not_in_a_pop_up(
    main_window, services, message_boxes
):
    p = person(services)
    page = open_page(main_window, p.id)
    page.new_goal()
    page.editor.title.setText("   ")
    page.save_goal()
    assert message_boxes.shown == []
    assert not page.editor.title_error.isHidden()
    assert page.editor.title_error.text() == "Write the goal in their own words first."
    assert services.goals.goals(p.id) == []
    page.editor.title.setText("Walk to the beach")  # typing clears the note
    assert page.editor.title_error.isHidden()
    page.save_goal()
    assert [g.title for g in services.goals.goals(p.id)] == ["Walk to the beach"]


def test_each_write_reloads_the_page_once_from_the_bus(main_window, services, qtbot, monkeypatch):
    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Swim at the pool")).value
    page = open_page(main_window, p.id)
    page.focus_item(g.id)
    reads = []
    real = page.refresh
    monkeypatch.setattr(page, "refresh", lambda: (reads.append(1), real()))
    page.editor.measure.setText("Swims a week")
    page.save_goal()
    assert len(reads) == 1 and services.goals.get(g.id).measure == "Swims a week"

    def fill(dialog):
        dialog.text.setText("Buy goggles")
        click_save(dialog)

    reads.clear()
    assert drive(qtbot, goal_step.GoalStepDialog, page.add_step, fill).problems == []
    assert len(reads) == 1 and page.selected_step().text == "Buy goggles"
    reads.clear()
    page.toggle_selected_step()
    assert len(reads) == 1 and services.goals.get(g.id).steps[0].done
    reads.clear()
    assert drive(qtbot, goal_agree.GoalAgreeDialog, page.agree_plan, click_save).problems == []
    assert len(reads) == 1 and len(services.plans.versions(p.id)) == 1


def test_ticking_a_step_done_on_the_goals_tab_takes_it_off_today(main_window, services):
    from recoverydesk.ui.today import TodayCard

    p = person(services)
    g = services.goals.create(p.id, GoalDraft(title="Walk daily")).value
    services.goals.add_step(g.id, StepDraft("Buy shoes", due_on=dt.date.today()))
    today = next(c for c in main_window.home.cards if isinstance(c, TodayCard))
    today.refresh()
    assert "Buy shoes" in today.sections["steps"].text()
    page = open_page(main_window, p.id)
    page.focus_item(g.id)
    page.steps.selectRow(0)
    page.toggle_selected_step()  # the write names "action_step": Today listens for it
    main_window.show_home()  # (hidden behind the participant, Today reads once shown)
    assert "Buy shoes" not in today.sections["steps"].text()
