"""Agree the story… (the Recovery story tab, issue 23 item 4): with the participant, tick the
tagged moments they want in each of the five parts of their story (at most a few a part: a
short story), write what they want to say in their own words, and, if they like, their name
typed. Agreeing keeps this story as it is (services.chime.stories); agreeing again later keeps
both. The moments of their latest agreed story start ticked, their words filled in."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.chime.types import (
    FIELD_LABELS,
    PROCESSES,
    STORY_EXCERPTS_MAX,
    StoryDTO,
    excerpt,
    process_label,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.dialogs.goal_form import add_row
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.widgets.common import OptionalDateEdit, format_date, label
from recoverydesk.ui.widgets.scroll_body import scroll_body

if TYPE_CHECKING:
    from recoverydesk.services.chime.story_types import AgreedStoryDTO
    from recoverydesk.services.container import Services


WORDS_SHOWN = 64  # characters of a moment's words beside its tick


class AgreeStoryDialog(FormDialog):
    """``saved`` is the AgreedStoryDTO once agreed. ``boxes``: process -> its moments' ticks
    (each with ``tag_id`` set as a property)."""

    def __init__(self, services: Services, participant_id: int, name: str, story: StoryDTO,
                 latest: AgreedStoryDTO | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services, self.participant_id = services, participant_id
        self.setWindowTitle(self.tr("Agree %1's recovery story").replace("%1", name))
        fit_size(self, QSize(720, 760))
        intro = label(self.tr(
            "Go through the story with %1. Tick the moments they want in each part (at most "
            "%2 a part), and write what they want to say in their own words. Agreeing keeps "
            "this story as it is; a preview follows, to save or print.")
            .replace("%1", name).replace("%2", str(STORY_EXCERPTS_MAX)), "muted")
        ticked = latest.tag_ids if latest is not None else frozenset()
        self.boxes: dict[str, list[QCheckBox]] = {}
        groups = QWidget()
        column = QVBoxLayout(groups)
        column.setContentsMargins(0, 0, 0, 0)
        for key in PROCESSES:
            group = QGroupBox(process_label(key))
            inner = QVBoxLayout(group)
            boxes = []
            for m in reversed(story.lanes.get(key, ())):  # newest first, as on the lanes
                # short enough for the dialog's width; the whole passage in the tooltip
                words = excerpt(m.words, WORDS_SHOWN)
                box = QCheckBox(f"{format_date(m.day)} · {self.tr(m.kind_label)}: "
                                + (f"“{words}”" if m.quoted else words))
                box.setToolTip(m.words)
                box.setProperty("tag_id", m.tag_id)
                box.setChecked(m.tag_id in ticked)
                box.toggled.connect(lambda _on, k=key: self._limit(k))
                inner.addWidget(box)
                boxes.append(box)
            if not boxes:
                inner.addWidget(label(self.tr("Nothing tagged for this part yet."), "muted"))
            self.boxes[key] = boxes
            self._limit(key)
            column.addWidget(group)
        self.chosen_error = self.add_field("excerpts", groups)
        self.own_words = QPlainTextEdit(latest.own_words if latest else "")
        self.own_words.setPlaceholderText(self.tr(
            "What they want to say, in their words: write it as they say it."))
        self.own_words.setTabChangesFocus(True)
        self.own_words.setMinimumHeight(5 * self.own_words.fontMetrics().lineSpacing())
        self.typed_name = QLineEdit(latest.typed_name if latest else "")
        self.typed_name.setPlaceholderText(self.tr("If they like, they type their name here"))
        self.agreed_on = OptionalDateEdit()
        self.agreed_on.set_value(dt.date.today())
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        add_row(self, form, "own_words", self.own_words, FIELD_LABELS["own_words"], "W")
        add_row(self, form, "typed_name", self.typed_name, FIELD_LABELS["typed_name"], "n")
        add_row(self, form, "agreed_on", self.agreed_on, FIELD_LABELS["agreed_on"], "D")
        self.recheck_on("agreed_on", self.agreed_on.textChanged)
        chosen_head = QLabel(self.tr(FIELD_LABELS["excerpts"]))
        chosen_head.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll_body(chosen_head, groups, self.chosen_error, form), 1)
        layout.addWidget(self.save_cancel_buttons(self.tr("&Agree the story")))

    def _limit(self, key: str) -> None:
        """A part holds at most STORY_EXCERPTS_MAX moments: the rest grey out once it is full."""
        boxes = self.boxes.get(key, [])
        full = sum(b.isChecked() for b in boxes) >= STORY_EXCERPTS_MAX
        for b in boxes:
            b.setEnabled(b.isChecked() or not full)

    def chosen(self) -> list[int]:
        return [int(b.property("tag_id")) for boxes in self.boxes.values() for b in boxes
                if b.isChecked()]

    def problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.chosen() and not self.own_words.toPlainText().strip():
            errors["excerpts"] = self.tr("Tick at least one moment with them, or write what "
                                         "they want to say.")
        day = self.agreed_on.value()
        if day is None or day > dt.date.today():
            errors["agreed_on"] = self.tr("The day you agree it: today or a day before.")
        return errors

    def write(self):
        stories, pid = self.services.chime.stories, self.participant_id
        chosen, words = self.chosen(), self.own_words.toPlainText()
        name, day = self.typed_name.text(), self.agreed_on.value()
        return lambda: stories.agree(pid, chosen, words, name, day)
