"""The note of the session chosen on the Sessions tab, read-only, with what can be done to it
(open or write it up; move, cancel or remove a planned one)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from recoverydesk.services.sessions.types import FIELD_LABELS, SessionDTO
from recoverydesk.ui.icons import icon
from recoverydesk.ui.qtmodels.sessions import session_title


def note_html(s: SessionDTO, tr) -> str:
    esc = html.escape
    parts = [f"<h3 style='margin:0'>{esc(session_title(s))}</h3>"]
    facts = [tr(s.status_label), f"{s.duration_minutes} min",
             tr("face to face") if s.face_to_face else tr("not face to face")]
    if s.travel_km or s.travel_minutes:
        facts.append(tr("travel %1 km, %2 min").replace("%1", f"{s.travel_km:g}")
                     .replace("%2", str(s.travel_minutes)))
    parts.append(f"<p style='color:#5F6B72'>{esc(' · '.join(facts))}</p>")
    if s.status_reason:
        parts.append(f"<p><i>{esc(s.status_reason)}</i></p>")
    if s.goal_titles:
        parts.append(f"<p><b>{esc(tr('Goals'))}:</b> {esc(', '.join(s.goal_titles))}</p>")
    if s.tool_labels:
        parts.append(f"<p><b>{esc(tr('Tools'))}:</b> {esc(', '.join(s.tool_labels))}</p>")
    for key, text in (("talked_about", s.talked_about), ("went_well", s.went_well),
                      ("next_steps", s.next_steps)):
        if text:
            body = esc(text).replace("\n", "<br>")
            parts.append(f"<p><b>{esc(tr(FIELD_LABELS[key]))}</b><br>{body}</p>")
    if s.status == "planned" and not s.talked_about:
        hint = esc(tr("Planned. Write the note after you meet, with “Write up”."))
        parts.append(f"<p style='color:#5F6B72'>{hint}</p>")
    return "".join(parts)


class SessionNoteView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName(self.tr("Session note"))
        self.edit_button = QPushButton(icon("pencil-outline"), self.tr("Open note"))
        self.move_button = QPushButton(icon("calendar-arrow-right"), self.tr("Move…"))
        self.cancel_button = QPushButton(icon("calendar-remove-outline"), self.tr("Cancel…"))
        self.remove_button = QPushButton(icon("delete-outline"), self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove a planned session made by mistake"))
        actions = QHBoxLayout()
        for b in (self.edit_button, self.move_button, self.cancel_button, self.remove_button):
            actions.addWidget(b)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.detail, 1)
        layout.addLayout(actions)

    def show_session(self, s: SessionDTO | None) -> None:
        self.detail.setHtml(note_html(s, self.tr) if s else "")
        planned = s is not None and s.status == "planned"
        self.edit_button.setEnabled(s is not None)
        self.edit_button.setText(self.tr("Write up") if planned else self.tr("Open note"))
        for b in (self.move_button, self.cancel_button, self.remove_button):
            b.setEnabled(planned)
