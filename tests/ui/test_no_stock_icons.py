"""Dialog and message box buttons carry no stock tick or cross icons, even on a desktop whose
theme asks for them: only the app's own line icons are shown."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QProxyStyle, QStyle

from recoverydesk.ui.style import AppStyle, apply_theme


class DesktopWithButtonIcons(QProxyStyle):
    """Stands in for a desktop theme (KDE, the generic X11 one) that puts icons on buttons."""

    def styleHint(self, hint, option=None, widget=None, returnData=None) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returnData)


def test_the_app_style_turns_stock_button_icons_off_over_any_desktop(qtbot):
    def buttons(style):
        box = QDialogButtonBox()
        qtbot.addWidget(box)
        box.setStyle(style)  # before the buttons are made: they take their icons then
        box.setStandardButtons(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
        kept.append(box)
        return box.buttons()

    kept = []

    desktop = DesktopWithButtonIcons("Fusion")
    assert not any(b.icon().isNull() for b in buttons(desktop))  # what the coach saw
    for button in buttons(AppStyle(DesktopWithButtonIcons("Fusion"))):
        assert button.icon().isNull(), button.text()


def test_the_app_uses_that_style(qapp, qtbot):
    before = qapp.style().name()
    apply_theme(qapp)
    try:
        assert qapp.style().styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons) == 0
        box = QMessageBox(QMessageBox.Icon.Question, "RecoveryDesk", "Keep it?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        assert all(b.icon().isNull() for b in box.buttons())
    finally:
        qapp.setStyle(before)
        qapp.setStyleSheet("")
