"""Dialog and message box buttons carry no stock tick or cross icons, even on a desktop whose
theme asks for them: only the app's own line icons are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QProxyStyle, QStyle

from recoverydesk.ui.style import AppStyle, apply_theme
from recoverydesk.ui.theme import stylesheet


class DesktopWithButtonIcons(QProxyStyle):
    """Stands in for a desktop theme (KDE, the generic X11 one) that puts icons on buttons."""

    def styleHint(self, hint, option=None, widget=None, returnData=None) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


def test_the_app_style_turns_stock_button_icons_off_over_any_desktop(qtbot):
    def buttons(style, sheet=""):
        box = QDialogButtonBox()
        qtbot.addWidget(box)
        box.setStyle(style)  # before the buttons are made: they take their icons then
        box.setStyleSheet(sheet)
        box.setStandardButtons(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
        kept.append(box)
        return box.buttons()

    kept = []

    desktop = DesktopWithButtonIcons("Fusion")
    assert not any(b.icon().isNull() for b in buttons(desktop))  # what the coach saw
    # The app's style with its style sheet (as apply_theme puts them on the application):
    # the sheet's dialogbuttonbox-buttons-have-icons turns them off, in C++ (ui/style.py).
    for button in buttons(AppStyle(DesktopWithButtonIcons("Fusion")), stylesheet(False)):
        assert button.icon().isNull(), button.text()


def test_the_app_style_answers_no_style_hint_from_python():
    """Qt asks for style hints thousands of times while it lays out and paints; an answer from
    Python waits for the interpreter behind any busy thread (a GUI-thread stall)."""
    assert "styleHint" not in AppStyle.__dict__


def test_the_app_uses_that_style(qapp, qtbot):
    before = qapp.style().name()
    apply_theme(qapp)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "RecoveryDesk", "Keep it?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        assert all(b.icon().isNull() for b in box.buttons())
    finally:
        qapp.setStyle(before)
        qapp.setStyleSheet("")
