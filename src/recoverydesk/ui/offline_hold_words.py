"""The words of a hold on a team practice (issue 21): the lead's question before breaking one,
and a hold's label as a sentence (ui/offline_part.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("OfflinePart", text)


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def ask_break_hold(parent: QWidget, name: str, label: str) -> bool:
    """Does the lead break the hold ``label`` on ``name``, after the warning?"""
    answer = QMessageBox.warning(parent, _tr("Break the hold"), _tr(
        "%2.\n\nThe team practice will no longer wait for that device. Nothing done "
        "there is lost: when the coach brings the work back, every change made offline "
        "comes back as a conflict to choose, and nothing is written over what was saved "
        "here meanwhile.\n\nBreak the hold on %1?").replace("%1", name).replace(
        "%2", sentence(_tr(label))),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes
