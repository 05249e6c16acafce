"""Today's notes in the participant's words: "what we talked about" and "next steps". Kept as
the session note's draft (the same one Participant > Write a note opens, for the coach to finish
with the details only they fill in), every few seconds as they type and when leaving."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit

from recoverydesk.services.sessions.types import SessionInput
from recoverydesk.ui.together.base import Section
from recoverydesk.ui.together.kit import text_label

AUTOSAVE_MS = 3000


class NotesSection(Section):
    key = "notes"
    rail_text = "Today's notes"
    icon_name = "note-edit-outline"

    def __init__(self, services, participant_id, name):
        super().__init__(services, participant_id, name)
        self.add_heading(self.tr("Today, in your words"))
        self.talked_about = self._box(self.tr("What we talked about"))
        self.next_steps = self._box(self.tr("Next steps"))
        self.outer.addWidget(text_label(self.tr(
            "Your coach finishes the note afterwards; these words stay as you wrote them."),
            "muted"))
        self.session_id: int | None = None
        self.base: SessionInput | None = None
        self._kept = ("", "")
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)

    def _box(self, title: str) -> QPlainTextEdit:
        self.outer.addWidget(text_label(title))
        box = QPlainTextEdit()
        box.setAccessibleName(title)
        box.setMinimumHeight(120)
        box.textChanged.connect(lambda: self._timer.start())
        self.outer.addWidget(box, 1)
        return box

    def load(self) -> None:
        if self.base is not None:
            return
        sessions, pid = self.services.sessions, self.participant_id
        prefill = sessions.prefill(pid)
        planned = prefill.planned
        self.session_id = planned.id if planned is not None else None
        draft = sessions.draft(pid, self.session_id)
        if draft is not None:
            self.base = draft.input
        elif planned is not None:
            self.base = planned.to_input()
        else:
            self.base = prefill.input
        self._kept = (self.base.talked_about, self.base.next_steps)
        for box, text in ((self.talked_about, self.base.talked_about),
                          (self.next_steps, self.base.next_steps)):
            box.blockSignals(True)
            box.setPlainText(text)
            box.blockSignals(False)

    def flush(self) -> None:
        self._timer.stop()
        if self.base is None:
            return
        typed = (self.talked_about.toPlainText(), self.next_steps.toPlainText())
        if typed == self._kept:
            return
        self._kept = typed
        self.base = replace(self.base, talked_about=typed[0], next_steps=typed[1])
        sessions, pid, sid, data = (self.services.sessions, self.participant_id,
                                    self.session_id, self.base)

        def not_kept(_error: BaseException) -> None:
            self._kept = None  # the next flush tries again

        self.save(lambda: sessions.save_draft(pid, sid, data), on_failure=not_kept)
