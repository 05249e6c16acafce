"""The Goal tab of the Goals page: the goal's status with its buttons (Note progress, Change
status), the editor with its SMART check, Save and "Undo my edits", and the banner that offers
back unsaved edits kept from earlier. It shows a goal and says what the coach asked for."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.goals.types import GoalDraft, GoalDTO
from recoverydesk.ui.icons import icon
from recoverydesk.ui.widgets.common import empty_state, label
from recoverydesk.ui.widgets.goal_editor import GoalEditor


class GoalPanel(QScrollArea):
    save_requested = Signal()
    discard_requested = Signal()  # drop the kept draft or the edits typed since
    status_requested = Signal()
    progress_requested = Signal()
    goal_link = Signal(int)  # the coach followed "Became ..." / "Grew out of ..."

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.new = False  # showing a goal not saved yet
        self.draft_banner = QFrame()
        self.draft_banner.setProperty("card", True)
        banner = QHBoxLayout(self.draft_banner)
        banner.setContentsMargins(12, 8, 12, 8)
        self.draft_text = label(self.tr("These are unsaved changes kept from earlier."), "")
        banner.addWidget(self.draft_text, 1)
        self.discard_button = QPushButton(self.tr("Discard kept changes"))
        self.discard_button.clicked.connect(self.discard_requested)
        banner.addWidget(self.discard_button)

        self.status_chip = QLabel()
        self.status_chip.setProperty("role", "chip")
        self.status_button = QPushButton(icon("swap-horizontal"), self.tr("Change s&tatus…"))
        self.status_button.setToolTip(self.tr("Pause, achieved, reframe or let go, with a reason"))
        self.status_button.clicked.connect(self.status_requested)
        self.progress_button = QPushButton(icon("chart-line"), self.tr("Note p&rogress…"))
        self.progress_button.clicked.connect(self.progress_requested)
        self.reframed_label = label("", "muted")
        self.reframed_label.setTextFormat(Qt.TextFormat.RichText)
        self.reframed_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.reframed_label.linkActivated.connect(
            lambda link: self.goal_link.emit(int(link[5:])) if link[5:].isdigit() else None
        )
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_chip)
        status_row.addWidget(self.reframed_label, 1)
        status_row.addWidget(self.progress_button)
        status_row.addWidget(self.status_button)

        self.editor = GoalEditor()
        self.editor.changed.connect(self.show_dirty)
        self.save_button = QPushButton(icon("content-save-outline", "white"), self.tr("Save goal"))
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button = QPushButton(self.tr("Undo my edits"))
        self.revert_button.clicked.connect(self.discard_requested)
        # The SMART check sits beside Save: advice next to the action, never in its way.
        save_row = QHBoxLayout()
        save_row.addWidget(self.editor.smart_label, 1)
        save_row.addWidget(self.revert_button, 0, Qt.AlignmentFlag.AlignTop)
        save_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)

        self.goal_empty = empty_state("")
        body = QWidget()
        col = QVBoxLayout(body)
        col.setContentsMargins(12, 12, 12, 12)
        col.setSpacing(12)
        col.addWidget(self.goal_empty)
        col.addWidget(self.draft_banner)
        col.addLayout(status_row)
        col.addWidget(self.editor)
        col.addLayout(save_row)
        col.addStretch(1)
        self.goal_parts = [
            self.editor,
            self.save_button,
            self.revert_button,
            self.status_chip,
            self.status_button,
            self.progress_button,
            self.reframed_label,
        ]
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def show_goal(self, goal: GoalDTO | None, *, new: bool, draft: GoalDraft | None,
                  kept: bool, has_goals: bool, became: GoalDTO | None = None,
                  grew: GoalDTO | None = None) -> None:
        """Show ``goal`` (or a new one with ``new``, or nothing) with ``draft`` typed over it;
        ``kept`` offers the draft back as edits kept from earlier."""
        self.new = new
        showing = new or goal is not None
        for w in self.goal_parts:
            w.setVisible(showing)
        self.goal_empty.setVisible(not showing)
        self.goal_empty.setText(
            self.tr("Pick a goal on the left, or choose “New goal” to set one together.")
            if has_goals
            else self.tr(
                "No goals yet. What would they like to be different? Choose “New goal” and write "
                "it in their own words; the SMART parts can come later."
            )
        )
        self.editor.load(goal, draft)
        self.draft_banner.setVisible(kept)
        if goal is not None:
            self.status_chip.setText(self.tr(goal.status_label))
            text = ""
            if became:
                text = self.tr("Became %1").replace("%1", _link(became))
            elif grew:
                text = self.tr("Grew out of %1").replace("%1", _link(grew))
            self.reframed_label.setText(text)
        else:
            self.status_chip.setText(self.tr("New goal"))
            self.reframed_label.setText("")
        existing = goal is not None
        for w in (self.status_button, self.progress_button):
            w.setVisible(existing)
        self.status_chip.setVisible(showing)
        self.save_button.setText(self.tr("Save goal") if existing else self.tr("Add goal"))
        self.show_dirty()

    def saved(self, goal: GoalDTO) -> None:
        self.new = False
        self.editor.mark_saved(goal)
        self.draft_banner.hide()
        self.show_dirty()

    def show_dirty(self) -> None:
        dirty = self.editor.is_dirty() or self.new
        self.revert_button.setVisible(dirty or not self.draft_banner.isHidden())
        self.save_button.setEnabled(dirty)
        if not self.new:
            self.save_button.setText(self.tr("Save goal") if dirty else self.tr("Saved"))
        self.save_button.setIcon(icon("content-save-outline", "white") if dirty else icon("check"))
        if bool(self.save_button.property("primary")) != dirty:
            self.save_button.setProperty("primary", dirty)
            self.save_button.style().unpolish(self.save_button)
            self.save_button.style().polish(self.save_button)


def _link(goal: GoalDTO) -> str:
    return f"<a href='goal:{goal.id}'>“{escape(goal.title)}”</a>"
