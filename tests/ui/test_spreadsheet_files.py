"""Files a coach opens in Excel: the hours CSV carries a byte-order mark (so "Zoë" is not shown
as "ZoÃ«" on Windows); the Resources window takes an Excel workbook and says how it read a
legacy file (issue 15, item 11)."""

from __future__ import annotations

import datetime as dt
import io

from PySide6.QtWidgets import QFileDialog

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.sessions.types import SessionInput, local_midnight
from recoverydesk.ui.dialogs import hours_report
from recoverydesk.ui.dialogs.hours_report import HoursReportDialog


def test_the_hours_csv_opens_in_excel_with_accents_intact(main_window, services, qtbot,
                                                          tmp_path, monkeypatch):
    zoe = services.participants.create(ParticipantDraft(given_name="Zoë", family_name="Ngata")).value
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    services.sessions.create(zoe.id, SessionInput(
        starts_at=local_midnight(last_month) + dt.timedelta(hours=10), duration_minutes=60,
        location_kind="cafe"))
    dialog = HoursReportDialog(main_window)
    qtbot.addWidget(dialog)
    dialog.select_month(last_month)
    target = tmp_path / "hours.csv"
    monkeypatch.setattr(hours_report.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    dialog.save_csv()
    qtbot.waitUntil(target.exists)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the mark
    assert data[3:].decode("utf-8").splitlines()[1].startswith("Zoë Ngata,1,")


def test_the_resources_window_imports_an_excel_workbook(qtbot, main_window, services,
                                                        tmp_path, monkeypatch, message_boxes):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Name", "Category", "Last checked"])
    book.active.append(["Zoë's Place", "Housing", dt.datetime(2026, 9, 6)])
    book.create_sheet("Old list")
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "directory.xlsx"
    path.write_bytes(out.getvalue())
    main_window.commands["resource_directory"].trigger()
    window = main_window.parts.resources.directory
    qtbot.addWidget(window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))
    window.import_button.click()
    qtbot.waitUntil(lambda: any("1 added" in t for t in message_boxes.shown))
    assert any("Only the first sheet" in t for t in message_boxes.shown)
    [added] = services.resources.list()
    assert (added.name, added.last_checked) == ("Zoë's Place", dt.date(2026, 9, 6))
