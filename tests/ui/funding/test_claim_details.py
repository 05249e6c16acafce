"""Practice details > NDIS claiming…: the claim details saved (the ABN's check refused in words),
which price list is in force, and loading a price list or public holidays from a file: a file
that is not one is refused in plain words, the same list twice changes nothing."""

from __future__ import annotations

from live_dialogs import click_save, drive
from PySide6.QtWidgets import QFileDialog, QLabel

from recoverydesk.paths import resource
from recoverydesk.ui.dialogs.claim_details import ClaimDetailsDialog
from recoverydesk.ui.dialogs.practice_settings import PracticeSettingsDialog


def _choose(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def _errors(dialog) -> str:
    return " ".join(w.text() for w in dialog.findChildren(QLabel)
                    if w.property("role") == "error" and w.isVisible())


def test_claim_details_open_from_practice_details_and_refuse_a_wrong_abn(qtbot, main_window,
                                                                          services):
    seen = {}

    def claiming(dialog: ClaimDetailsDialog) -> None:
        dialog.abn.setText("51 824 753 557")
        dialog.save()
        seen["words"] = _errors(dialog)
        dialog.abn.setText("51 824 753 556")
        dialog.registration_number.setText("4050012345")
        dialog.invoice_prefix.setText("HLC-")
        dialog.date_style.setCurrentIndex(dialog.date_style.findData("dash"))
        click_save(dialog)

    def practice(dialog: PracticeSettingsDialog) -> None:
        run = drive(qtbot, ClaimDetailsDialog, dialog.claiming_button.click, claiming)
        seen["problems"] = run.problems
        dialog.reject()

    drive(qtbot, PracticeSettingsDialog, main_window.commands["practice_details"].trigger,
          practice)
    assert not seen["problems"], seen["problems"]
    assert "That ABN is not 11 digits with a valid check." in seen["words"]
    d = services.claims.details()
    assert (d.abn, d.registration_number, d.invoice_prefix, d.date_style) == (
        "51824753556", "4050012345", "HLC-", "dash")


def test_loading_lists_from_files(qtbot, main_window, services, tmp_path, monkeypatch,
                                  message_boxes):
    services.claims.ensure_reference_data()
    dialog = ClaimDetailsDialog(services, main_window)
    qtbot.addWidget(dialog)
    assert "In force: NDIS price limits 2025-26" in dialog.price_list.text()
    assert "must be checked against the current NDIS Pricing Arrangements" \
        in dialog.price_list.text()
    bad = tmp_path / "prices.json"
    bad.write_text("price,item\n", encoding="utf-8")
    _choose(monkeypatch, bad)
    dialog.load_prices_button.click()
    assert message_boxes.shown == ["prices.json: this is not JSON (line 1)."]
    _choose(monkeypatch, resource("ndis", "price_list_2025-26.json"))
    dialog.load_prices_button.click()
    assert "already loaded; nothing changed" in dialog.price_list.text()
    _choose(monkeypatch, resource("ndis", "public_holidays_2025-26.json"))
    dialog.load_holidays_button.click()
    assert "Those public holidays were already loaded" in dialog.price_list.text()
    assert len(message_boxes.shown) == 1
