"""Printing a plan for someone whose support has ended asks before agreeing a new version
(before, it quietly agreed one for an archived or exited participant)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from recoverydesk.services.goals.types import GoalDraft
from recoverydesk.services.participants.types import ParticipantDraft

REAL_EXEC = QMessageBox.exec  # the suite's recorder answers boxes unseen: this one is shown


@pytest.fixture
def ended(services, main_window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", REAL_EXEC)
    p = services.participants.create(
        ParticipantDraft(given_name="Ro", family_name="Ellis",
                         plan_start=dt.date.today() - dt.timedelta(200))
    ).value
    services.goals.create(p.id, GoalDraft(title="Keep walking on Sundays"))
    draft = services.participants.get(p.id).to_draft()
    services.participants.update(p.id, dataclasses.replace(draft, status="exited"))
    main_window.list_panel.reload()
    main_window.open_participant(p.id)
    return p


def _answer(button_text: str, seen: list[str]) -> None:
    """Click ``button_text`` on the question once it is up (a real box, in the event loop)."""

    tries = [250]  # about five seconds, then it stops looking

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, click)


@pytest.fixture
def printer_to(monkeypatch, tmp_path):
    printed = tmp_path / "printer.pdf"

    def accept(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return printed


def test_print_only_prints_and_agrees_nothing(main_window, ended, services, printer_to):
    seen: list[str] = []
    _answer("Print only", seen)
    main_window.commands["print_plan"].trigger()
    assert seen and "Ro Ellis has exited support" in seen[0]
    assert printer_to.exists()
    assert services.plans.versions(ended.id) == []


def test_the_coach_may_still_agree_a_new_version(main_window, ended, services, printer_to):
    _answer("Agree a new version", [])
    main_window.commands["print_plan"].trigger()
    assert printer_to.exists()
    assert len(services.plans.versions(ended.id)) == 1


def test_cancel_prints_nothing(main_window, ended, services, printer_to):
    _answer("Cancel", [])
    main_window.commands["print_plan"].trigger()
    assert not printer_to.exists()
    assert services.plans.versions(ended.id) == []


def test_saving_from_the_preview_asks_too(main_window, ended, services, monkeypatch, tmp_path):
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    services.participants.archive(ended.id)
    main_window.commands["export_plan_pdf"].trigger()
    preview = main_window.parts.printing.preview
    seen: list[str] = []
    _answer("Print only", seen)
    preview.save_button.click()
    assert "Ro Ellis is archived" in seen[0]
    assert target.exists() and services.plans.versions(ended.id) == []
