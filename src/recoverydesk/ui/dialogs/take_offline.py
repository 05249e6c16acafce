"""Practice > Take offline… (issue 21 item 1): choose the participants to take onto this laptop,
protect the laptop's copy with a passphrase, and take them on the worker with progress.

The list is every participant the coach can see (``OfflineService.candidates``, read before the
dialog opens); those with a planned session within the days chosen (7 by default) are ticked.
Someone another device holds already cannot be ticked: their row says by whom, on which device
and since when. The passphrase is asked twice and weighed as the new-practice passphrase is
(``ui/passphrase_strength.py``: only Good or Strong will do, the laptop may be lost).

``saved`` holds the ``TakenCopy`` once taken; the window part tells the coach what is now on
the laptop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.charts import theme as palette
from recoverydesk.dates import plural
from recoverydesk.services.offline.types import (
    DEFAULT_DAYS,
    FIELD_LABELS,
    Candidate,
    TakeRequest,
    take_problems,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.passphrase_strength import passphrase_strength
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op

if TYPE_CHECKING:
    from recoverydesk.services.offline.types import TakenCopy

# The strength bar's colour for scores 0-4, as the new-practice passphrase shows it.
_LEVEL_COLOURS = [palette.ATTENTION, palette.ATTENTION, "#C9A227", palette.ACCENT,
                  palette.SUCCESS]
_ID = Qt.ItemDataRole.UserRole + 1


def suggested(candidate: Candidate, days: int, today: dt.date) -> bool:
    """Ticked by default: a planned session within ``days`` days (and nobody holds them)."""
    return (candidate.held is None and candidate.next_session is not None
            and today <= candidate.next_session <= today + dt.timedelta(days=days))


class TakeOfflineDialog(FormDialog):
    """``take``: the service's ``take(request, progress)``; ``where``: the copy's default place
    (shown, so the coach knows where their participants go)."""

    def __init__(self, candidates: Sequence[Candidate], take: Callable[..., Any],
                 where: Path | None = None, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.candidates = list(candidates)
        self._take = take
        self._today = today or dt.date.today()
        self.saved: TakenCopy | None = None
        self.setWindowTitle(self.tr("Take participants offline"))

        intro = QLabel(self.tr(
            "Take the participants you will see onto this laptop to work without a connection. "
            "Until the work comes back they show as taken by you; the other coaches can still "
            "read them."))
        intro.setWordWrap(True)

        self.days = QSpinBox()
        self.days.setRange(1, 90)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr(FIELD_LABELS["days"]))
        self.days.valueChanged.connect(self._tick_suggested)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr(FIELD_LABELS["participants"]))
        self.list.setMinimumHeight(90)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for candidate in self.candidates:
            self.list.addItem(self._item(candidate))
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        self.all_button = QPushButton(self.tr("Tick &all"))
        self.none_button = QPushButton(self.tr("Tick &none"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        participants_error = self.add_field("participants", self.list)
        self.list.itemChanged.connect(self._ticks_changed)

        self.passphrase = _secret()
        self.passphrase.setAccessibleName(self.tr(FIELD_LABELS["passphrase"]))
        self.confirm = _secret()
        self.confirm.setAccessibleName(self.tr("Passphrase again"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 5)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        # Two lines kept for it: a squeezed form (a small screen) cut wrapped words in half.
        self.hint.setMinimumHeight(self.hint.fontMetrics().lineSpacing() * 2 + 4)
        self.show_typed = QCheckBox(self.tr("Show what I type"))
        self.show_typed.toggled.connect(self._show_typed)
        passphrase_error = self.add_field("passphrase", self.passphrase)
        confirm_error = self.add_field("confirm", self.confirm)
        for key, edit in (("passphrase", self.passphrase), ("confirm", self.confirm)):
            edit.textChanged.connect(self._weigh)
            self.recheck_on(key, edit.textChanged)
        self.device = QLineEdit()
        self.device.setPlaceholderText(self.tr("this computer's name"))
        self.device.setAccessibleName(self.tr(FIELD_LABELS["device_name"]))
        device_error = self.add_field("device_name", self.device)
        self.where = QLineEdit()  # one line, scrolls, copyable
        self.where.setReadOnly(True)
        self.where.setFrame(False)
        self.where.setAccessibleName(self.tr(FIELD_LABELS["path"]))
        self.chosen_path: Path | None = None  # None: the service's default place (``where``)
        self._show_place(where)
        self.place_button = QPushButton(self.tr("C&hange…"))
        self.place_button.setToolTip(self.tr(
            "Keep the copy somewhere else: an encrypted folder, or a disk with more room"))
        self.place_button.clicked.connect(self.choose_place)
        path_error = self.add_field("path", self.where)
        place = QHBoxLayout()
        place.addWidget(self.where, 1)
        place.addWidget(self.place_button)

        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Tick those with a session within")))
        chooser.addWidget(self.days)
        chooser.addStretch(1)
        chooser.addWidget(self.all_button)
        chooser.addWidget(self.none_button)
        form = QFormLayout()
        form.addRow(self.tr(FIELD_LABELS["passphrase"]), self.passphrase)
        form.addRow("", passphrase_error)
        form.addRow(self.tr("Passphrase again"), self.confirm)
        form.addRow("", confirm_error)
        meter_row = QHBoxLayout()
        meter_row.addWidget(self.meter, 1)
        meter_row.addWidget(self.show_typed)
        form.addRow("", meter_row)
        form.addRow("", self.hint)
        form.addRow(self.tr(FIELD_LABELS["device_name"]), self.device)
        form.addRow("", device_error)
        form.addRow(self.tr(FIELD_LABELS["path"]), place)
        form.addRow("", path_error)
        self.buttons = self.save_cancel_buttons(self.tr("&Take offline"))
        self.choosing = QWidget()  # what the coach fills in; then what was taken
        choosing = QVBoxLayout(self.choosing)
        choosing.setContentsMargins(0, 0, 0, 0)
        choosing.setSpacing(10)
        choosing.addWidget(intro)
        choosing.addLayout(chooser)
        choosing.addWidget(self.list, 1)
        choosing.addWidget(self.count)
        choosing.addWidget(participants_error)
        choosing.addLayout(form)
        self.done_text = QLabel()
        self.done_text.setObjectName("takenText")
        self.done_text.setWordWrap(True)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.done_text.hide()
        self.done_buttons = QDialogButtonBox()
        self.work_button = self.done_buttons.addButton(
            self.tr("&Work on the copy now"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.done_buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("&Stay on the team practice"))
        self.work_button.clicked.connect(self._work_now)
        self.close_button.clicked.connect(self.accept)
        self.done_buttons.hide()
        self.work_now = False  # the coach chose to open the copy at once
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.choosing, 1)
        layout.addWidget(self.done_text, 1)
        layout.addWidget(self.buttons)
        layout.addWidget(self.done_buttons)
        self._tick_suggested()
        self._weigh()
        self.list.setFocus()
        fit_size(self, QSize(640, 680))

    # --- the list ---------------------------------------------------------------------------
    def _item(self, candidate: Candidate) -> QListWidgetItem:
        text = candidate.label
        if candidate.held is not None:  # on a line of its own: it is long
            text += "\n    " + self.tr(candidate.held.label)
        item = QListWidgetItem(text)
        item.setData(_ID, candidate.participant_id)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
        if candidate.held is not None:  # someone has them: not to be taken twice
            flags = Qt.ItemFlag.NoItemFlags
            item.setToolTip(self.tr("Already taken offline: the practice lead can break the "
                                    "hold (Practice > Break the hold…)"))
        item.setFlags(flags)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _items(self) -> list[tuple[QListWidgetItem, Candidate]]:
        return [(self.list.item(i), c) for i, c in enumerate(self.candidates)]

    def _tick_suggested(self) -> None:
        days = self.days.value()
        blocked = self.list.blockSignals(True)
        for item, candidate in self._items():
            ticked = suggested(candidate, days, self._today)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.blockSignals(blocked)
        self._ticks_changed()

    def _tick_all(self, ticked: bool) -> None:
        blocked = self.list.blockSignals(True)
        for item, candidate in self._items():
            if candidate.held is None:
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.blockSignals(blocked)
        self._ticks_changed()
        self._touch("participants")

    def _ticks_changed(self, *_args) -> None:
        chosen = len(self.chosen())
        held = sum(1 for c in self.candidates if c.held is not None)
        text = self.tr("%1 to take").replace("%1", plural(chosen, "participant"))
        if held:
            text += " · " + self.tr("%1 taken offline already").replace("%1", str(held))
        self.count.setText(text)

    def chosen(self) -> tuple[int, ...]:
        return tuple(c.participant_id for item, c in self._items()
                     if item.checkState() == Qt.CheckState.Checked and c.held is None)

    # --- the passphrase ---------------------------------------------------------------------
    def _show_typed(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def _weigh(self) -> None:
        text = self.passphrase.text()
        strength = passphrase_strength(text, ())
        self.meter.setValue(strength.score + 1 if text else 0)
        self.meter.setStyleSheet(
            f"QProgressBar::chunk {{ background: {_LEVEL_COLOURS[strength.score]}; }}")
        self.hint.setText(" ".join(filter(None, (self.tr(strength.hint), strength.advice)))
                          if text else self.tr("It protects the copy on this laptop: you type "
                                               "it to open the copy when offline."))

    # --- where the copy goes -----------------------------------------------------------------
    def _show_place(self, path: Path | None) -> None:
        self.where.setText(str(path) if path else "")
        self.where.setToolTip(str(path) if path else "")
        self.where.setCursorPosition(0)

    def choose_place(self) -> None:
        """Ask where to keep the copy (a practice file, ``.rdk``); a file that is there already
        is refused when taking (the service says so beside the field)."""
        start = self.chosen_path or Path(self.where.text() or "offline.rdk")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Where to keep the offline copy"), str(start),
            self.tr("RecoveryDesk practice (*.rdk)"))
        if not path:
            return
        chosen = Path(path)
        if chosen.suffix.lower() != ".rdk":
            chosen = chosen.with_name(chosen.name + ".rdk")
        self.chosen_path = chosen
        self._show_place(chosen)

    # --- checking and taking ----------------------------------------------------------------
    def request(self) -> TakeRequest:
        return TakeRequest(self.chosen(), self.passphrase.text(), self.device.text().strip(),
                           self.chosen_path)

    def problems(self) -> dict[str, str]:
        problems = take_problems(self.request())
        text = self.passphrase.text()
        if "passphrase" not in problems and not passphrase_strength(text, ()).acceptable:
            problems["passphrase"] = ("Easy to guess: the laptop may be lost. Three or four "
                                      "unrelated words are strong and easy to remember.")
        if text != self.confirm.text():
            problems["confirm"] = "The two passphrases are not the same."
        return problems

    def write(self) -> Callable[..., Any]:
        request = self.request()
        return lambda progress: self._take(request, progress)

    def save(self) -> None:
        """As FormDialog's, with the progress of taking (places the holds, writes the copy)."""
        errors = self.problems()
        if errors:
            self._touched.update(errors)
            self.show_errors(errors)
            self._focus_first(errors)
            return
        Op(self, self.write()).success(self._saved).failure(self._failed).with_progress(
            self.tr("Taking %1 offline…").replace("%1", plural(len(self.chosen()),
                                                                "participant")),
            counted=True).run()

    def _saved(self, value: Any) -> None:
        """Taken: the dialog says what is on the laptop now (and offers to open it)."""
        self.saved = value
        self.choosing.hide()
        self.buttons.hide()
        self.done_text.setText(self.tr(taken_words(value)))
        self.done_text.show()
        self.done_buttons.show()
        self.setWindowTitle(self.tr("Taken offline"))
        self.work_button.setFocus()
        layout = self.layout()  # as tall as the words need at this width
        self.resize(self.width(), layout.totalHeightForWidth(self.width())
                    if layout.hasHeightForWidth() else layout.totalSizeHint().height())

    def _work_now(self) -> None:
        self.work_now = True
        self.accept()


def taken_words(copy: TakenCopy) -> str:
    """What is now on the laptop, and what the coach can do with it."""
    return (f"Taken offline: {plural(copy.participants, 'participant')} "
            f"({plural(copy.records, 'record')}) are on this laptop now, in a copy locked with "
            f"the passphrase you chose:\n{copy.path}\n\n"
            "You can work with them without a connection: when the team practice cannot be "
            "reached, RecoveryDesk opens this copy at start (or File > Open offline copy…). "
            f"The team practice ({copy.where}) shows them as taken by you until the work "
            "comes back, and the work goes back by itself once the server answers again "
            "(or File > Bring back offline work).")


def _secret() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(300)
    return edit
