"""Go through what a participant's words suggest and tag the moments that matter (issue 23).

Each suggestion shows the day, the item, the recovery process, the cue word that suggested it
(so the coach sees why) and the passage, in the participant's words. Nothing is ticked to
begin with: a tag exists only when the coach ticks it and saves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from recoverydesk.services.chime.types import (
    FIELD_LABELS,
    MomentSuggestion,
    TagDraft,
    process_label,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.widgets.common import format_date


class TagMomentsDialog(FormDialog):
    def __init__(self, name: str, found: list[MomentSuggestion],
                 accept: Callable[[list[TagDraft]], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self._accept_tags = accept
        self.setWindowTitle(self.tr("Recovery moments to tag"))
        self.resize(720, 520)
        intro = QLabel(self.tr(
            "These passages of %1's notes, goals and plans use words that often go with a "
            "recovery process. Tick the ones that truly are a moment of it; the rest stay "
            "untagged.").replace("%1", name))
        intro.setWordWrap(True)
        self.moments = QListWidget()
        self.moments.setWordWrap(True)
        self.moments.setSpacing(4)
        self.moments.setAccessibleName(self.tr(FIELD_LABELS["moments"]))
        for m in found:
            g = m.suggestion
            head = " · ".join(x for x in (format_date(m.day) if m.day else "", self.tr(m.item),
                                          process_label(g.process)) if x)
            item = QListWidgetItem(
                f"{head}\n“{g.quote}”\n" + self.tr("suggested by “%1”").replace("%1", g.cue))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, g.draft())
            self.moments.addItem(item)
        error = self.add_field("moments", self.moments)
        self.recheck_on("moments", self.moments.itemChanged)
        if not found:
            intro.setText(self.tr("Nothing new to suggest for %1: every moment the cue words "
                                  "find is tagged already.").replace("%1", name))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.moments, 1)
        layout.addWidget(error)
        layout.addWidget(self.save_cancel_buttons(self.tr("Tag the ticked moments")))

    def ticked(self) -> list[TagDraft]:
        return [self.moments.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.moments.count())
                if self.moments.item(i).checkState() == Qt.CheckState.Checked]

    def problems(self) -> dict[str, str]:
        if not self.ticked():
            return {"moments": "Tick the moments to tag, or choose Cancel."}
        return {}

    def write(self) -> Callable[[], Any]:
        drafts = self.ticked()
        return lambda: self._accept_tags(drafts)
