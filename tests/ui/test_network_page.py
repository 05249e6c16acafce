"""The Network & resources tab as a coach uses it: the network with consent, the eco-map,
referrals and their history."""

from __future__ import annotations

import datetime as dt

import pytest
from live_dialogs import click_save, drive
from PySide6.QtCore import Qt

from recoverydesk.services.network.types import ContactDraft
from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.resources.types import ResourceDraft
from recoverydesk.ui.dialogs.contact_dialog import ContactDialog
from recoverydesk.ui.dialogs.referral_dialog import ReferralDialog, ReferralStatusDialog
from recoverydesk.ui.pages.network import NetworkPage
from recoverydesk.ui.qtmodels.network import ContactTableModel

TODAY = dt.date.today()


@pytest.fixture
def pid(services):
    return services.participants.create(
        ParticipantDraft(given_name="Zoë", family_name="Hartley")
    ).value.id


def add_contact(services, pid, **kw):
    base = {"name": "Aunty Rose", "kind": "family", "relationship_text": "Aunt", "closeness": 3}
    base.update(kw)
    return services.network.add(pid, ContactDraft(**base)).value


def expired(**kw):
    return {
        "consent_to_share": True,
        "consent_given_on": TODAY - dt.timedelta(days=400),
        "consent_expires": TODAY - dt.timedelta(days=3),
        **kw,
    }


def open_tab(main_window, pid) -> NetworkPage:
    main_window.list_panel.reload()
    main_window.open_participant(pid, "network")
    page = main_window.workspace.page("network")
    assert main_window.workspace.tabs.currentWidget() is page
    return page


def test_tab_lists_the_network_and_flags_expired_consent(qtbot, main_window, services, pid):
    add_contact(services, pid, emergency_contact=True)
    add_contact(
        services,
        pid,
        name="Dr Sharma",
        kind="gp",
        formal=True,
        **expired(consent_scope="Medication"),
    )
    page = open_tab(main_window, pid)
    model = page.people.model
    assert model.rowCount() == 2
    names = [model.index(r, ContactTableModel.COL_NAME).data() for r in range(2)]
    assert names == ["Aunty Rose", "Dr Sharma"]
    consent = model.index(1, ContactTableModel.COL_CONSENT).data()
    assert consent.startswith("Expired")
    assert page.people.consent_banner.isVisible() and "Dr Sharma" in page.people.consent_banner.text()
    # The eco-map shows both people around Zoë.
    assert page.ecomap.data.centre_label == "Zoë"
    assert [n.label for n in page.ecomap.data.nodes] == ["Aunty Rose", "Dr Sharma"]
    assert page.ecomap.canvas is not None
    # Who is the emergency contact, and how close each tie is, without a column for it.
    rose = model.index(0, ContactTableModel.COL_NAME)
    assert "emergency contact" in rose.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Tie: Very close" in rose.data(Qt.ItemDataRole.ToolTipRole)
    assert "Emergency contact" in rose.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, ContactTableModel.COL_ROLE).data() == "Aunt"


def test_empty_network_says_what_to_do(qtbot, main_window, pid):
    page = open_tab(main_window, pid)
    assert page.people.empty.isVisible() and "Add" in page.people.empty.text()
    assert page.referrals.empty.isVisible() and not page.people.consent_banner.isVisible()


def test_add_contact_through_dialog_refreshes_tab(qtbot, main_window, services, pid, monkeypatch):
    page = open_tab(main_window, pid)

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Dr Anita Sharma")
        dialog.kind.setCurrentIndex(dialog.kind.findData("gp"))
        assert dialog.formal.isChecked()  # a GP is suggested as a formal support
        dialog.consent_to_share.setChecked(True)
        qtbot.keyClicks(dialog.consent_scope, "Appointments")
        dialog.year_button.click()
        click_save(dialog)

    assert drive(qtbot, ContactDialog, page.people.add_button.click, fill).problems == []
    contacts = services.network.contacts(pid)
    assert len(contacts) == 1 and contacts[0].consent_to_share and contacts[0].formal
    assert contacts[0].consent_given_on == TODAY and contacts[0].consent_expires > TODAY
    assert page.people.model.rowCount() == 1


def test_contact_dialog_explains_expired_consent_and_blocks_bad_email(qtbot, services, pid):
    contact = add_contact(services, pid, **expired())
    dialog = ContactDialog(services, pid, contact)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "expired" in dialog.consent_state.text()
    qtbot.keyClicks(dialog.email, "rose@")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog._errors["email"].isVisible()
    assert services.network.get(contact.id).email == ""


def test_archive_contact_and_undo(qtbot, main_window, services, pid):
    add_contact(services, pid)
    page = open_tab(main_window, pid)
    page.people.view.selectRow(0)
    page.people.archive_button.click()
    assert services.network.contacts(pid) == []
    assert page.people.model.rowCount() == 0
    main_window.undo_last()
    assert len(services.network.contacts(pid)) == 1
    assert page.people.model.rowCount() == 1


def test_refer_and_move_on_keeps_the_history(qtbot, main_window, services, pid, monkeypatch):
    services.resources.create(
        ResourceDraft(name="Seaview Community Choir", category="recreation", offers="Singing")
    )
    services.resources.create(
        ResourceDraft(name="Harbour Peer Café", category="peer_support", offers="Drop-in")
    )
    page = open_tab(main_window, pid)

    def refer(dialog):
        qtbot.keyClicks(dialog.search, "choir")
        assert dialog.resources.count() == 1
        qtbot.keyClicks(dialog.purpose, "Something to look forward to")
        click_save(dialog)

    assert drive(qtbot, ReferralDialog, page.referrals.refer_button.click, refer).problems == []
    assert page.referrals.model.rowCount() == 1
    page.referrals.view.selectRow(0)

    def move_on(dialog):
        assert dialog.status.currentData() == "contacted"  # the usual next step
        qtbot.keyClicks(dialog.note, "Rang together")
        click_save(dialog)

    assert drive(qtbot, ReferralStatusDialog, page.referrals.status_button.click, move_on).problems == []
    referral = services.referrals.of(pid)[0]
    assert [h.status for h in referral.history] == ["suggested", "contacted"]
    assert referral.history[-1].note == "Rang together"
    page.referrals.view.selectRow(0)
    assert "Suggested" in page.referrals.history_label.text() and "Contacted" in page.referrals.history_label.text()


def test_save_ecomap_image(qtbot, main_window, services, pid, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    add_contact(services, pid)
    page = open_tab(main_window, pid)
    target = tmp_path / "map.png"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    page.ecomap_panel.save_button.click()
    assert target.read_bytes()[:4] == b"\x89PNG"


def test_referral_can_serve_a_goal(qtbot, main_window, services, pid, monkeypatch):
    from recoverydesk.services.goals.types import GoalDraft
    from recoverydesk.ui.qtmodels.network import ReferralTableModel

    goal = services.goals.create(pid, GoalDraft(title="Sing with other people again")).value
    services.resources.create(ResourceDraft(name="Seaview Community Choir", category="recreation"))
    page = open_tab(main_window, pid)

    def refer(dialog):
        assert dialog.goal.isEnabled()
        dialog.goal.setCurrentIndex(dialog.goal.findData(goal.id))
        click_save(dialog)

    assert drive(qtbot, ReferralDialog, page.referrals.refer_button.click, refer).problems == []
    assert services.referrals.of(pid)[0].goal_id == goal.id
    text = page.referrals.model.index(0, ReferralTableModel.COL_PURPOSE).data()
    assert "Sing with other people again" in text


def test_the_eco_map_is_drawn_when_the_tab_is_seen_not_when_loaded_behind(
        qtbot, main_window, services, pid):
    add_contact(services, pid)
    main_window.list_panel.reload()
    main_window.open_participant(pid)  # on the Overview
    page = main_window.workspace.page("network")
    page.set_participant(pid)  # loaded behind another tab, as a participant switch may
    assert page.ecomap.data.nodes[0].label == "Aunty Rose"
    assert page.ecomap.canvas is None
    main_window.workspace.show_page("network")
    assert page.ecomap.canvas is not None


def test_goal_titles_for_referrals_follow_the_coach_s_order(services, pid):
    from recoverydesk.services.goals.types import GoalDraft

    first = services.goals.create(pid, GoalDraft(title="Find a quiet place to live")).value
    second = services.goals.create(pid, GoalDraft(title="Join the walking group")).value
    services.goals.change_status(first.id, "paused", "Waiting on the housing list")
    assert services.goals.titles(pid) == [(first.id, "Find a quiet place to live"),
                                          (second.id, "Join the walking group")]
    assert services.goals.titles(pid, ("active",)) == [(second.id, "Join the walking group")]


def test_each_write_reloads_the_tab_once(qtbot, main_window, services, pid, monkeypatch):
    """The bus reloads the tab after a write; nothing reloads it a second time (issue 16)."""
    add_contact(services, pid)
    page = open_tab(main_window, pid)
    reloads = []
    real = page.refresh
    monkeypatch.setattr(page, "refresh", lambda: reloads.append(1) or real())
    page.people.view.selectRow(0)
    page.people.archive_button.click()
    assert reloads == [1] and page.people.model.rowCount() == 0

    def fill(dialog):
        qtbot.keyClicks(dialog.name, "Dr Anita Sharma")
        click_save(dialog)

    reloads.clear()
    assert drive(qtbot, ContactDialog, page.people.add_button.click, fill).problems == []
    assert reloads == [1] and page.people.model.rowCount() == 1
    assert page.people.selected().name == "Dr Anita Sharma"
