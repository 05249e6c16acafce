import datetime as dt

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput, local_midnight
from recoverydesk.ui.dialogs import hours_report
from recoverydesk.ui.dialogs.hours_report import HoursReportDialog, month_bounds, recent_months


def person(services, given):
    return services.participants.create(ParticipantDraft(given_name=given, family_name="Tester")).value


def session(services, pid, day, minutes=60, kind="cafe", km=0.0):
    services.sessions.create(pid, SessionInput(
        starts_at=local_midnight(day) + dt.timedelta(hours=10), duration_minutes=minutes,
        location_kind=kind, travel_km=km, travel_minutes=2 * int(km)))


def test_months_are_whole_and_newest_first():
    assert month_bounds(dt.date(2024, 2, 1)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert month_bounds(dt.date(2026, 12, 1)) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    months = recent_months(dt.date(2026, 1, 15), 3)
    assert months == [dt.date(2026, 1, 1), dt.date(2025, 12, 1), dt.date(2025, 11, 1)]


def test_the_month_lists_each_person_with_a_total(main_window, services, qtbot, tmp_path,
                                                  monkeypatch):
    ada, bea = person(services, "Ada"), person(services, "Bea")
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    session(services, ada.id, last_month, 60, km=12.5)
    session(services, ada.id, last_month + dt.timedelta(days=7), 90, kind="phone")
    session(services, bea.id, last_month + dt.timedelta(days=2), 45)
    session(services, bea.id, dt.date.today() - dt.timedelta(days=40 + 31), 60)  # not this one
    dialog = HoursReportDialog(main_window)
    qtbot.addWidget(dialog)
    dialog.select_month(last_month)
    assert dialog.current_month() == last_month
    rows = dialog.table.as_rows()
    assert rows[0] == ["Participant", "Sessions", "Hours", "Face to face", "Phone or video",
                       "Travel km", "Travel min"]
    assert rows[1] == ["Ada Tester", "2", "2.5", "1.0", "1.5", "12.5", "24"]
    assert rows[2] == ["Bea Tester", "1", "0.8", "0.8", "0.0", "0", "0"]
    assert rows[3] == ["Total", "3", "3.2", "1.8", "1.5", "12.5", "24"]
    assert "2 people · 3 sessions" in dialog.summary.text()
    target = tmp_path / "hours"
    monkeypatch.setattr(hours_report.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    dialog.save_csv()
    saved = (tmp_path / "hours.csv").read_text(encoding="utf-8").splitlines()
    assert saved[1] == "Ada Tester,2,2.5,1.0,1.5,12.5,24" and saved[-1].startswith("Total,3,")
    dialog.table.cellDoubleClicked.emit(2, 0)  # the total row opens nobody
    assert main_window.current_participant_id() is None
    dialog.table.cellDoubleClicked.emit(1, 0)
    assert main_window.current_participant_id() == bea.id
    assert main_window.workspace.tabs.currentWidget().key == "sessions"


def test_an_empty_month_says_so(main_window, services, qtbot):
    dialog = HoursReportDialog(main_window)
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog) and not dialog.table.isVisibleTo(dialog)
    assert not dialog.save_button.isEnabled()


def test_hours_delivered_is_in_the_view_menu(main_window):
    assert main_window.commands.get("hours_report") in main_window.view_menu.actions()
