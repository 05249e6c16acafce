"""The plan-review report, drafted in the app: the period, the coach's own words (summary,
barriers and strategies, risks and whether they were assessed, recommendations for the next
plan, private notes) and the participant's (their view, where we see it differently), saved as
a draft in the practice file, previewed, then produced as the final PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.reviews.types import (
    FIELD_LABELS,
    RISKS_ASSESSED,
    ReviewDTO,
    ReviewInput,
    check_input,
)
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.screen_fit import fit_size
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import format_date, set_date_format
from recoverydesk.ui.widgets.scroll_body import scroll_body

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

PROMPTS = {
    "summary": "Overall progress in a few sentences, in plain words.",
    "barriers_strategies": "What got in the way, and what you tried together. Start a line "
    "with - for a list.",
    "participant_view": "How the plan period went for them, in their own words (ask, and "
    "write what they say).",
    "different_views": "Where you and they see an area of life differently, and how each of "
    "you sees it.",
    "risks": "Risks noticed in this period and how they are managed.",
    "recommendations": "What you recommend for the next plan (supports, hours, goals).",
    "coach_notes": "Private notes for yourself: never printed.",
}


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


def _four_lines(edit: QPlainTextEdit) -> int:
    margin = int(edit.document().documentMargin())
    return 4 * edit.fontMetrics().lineSpacing() + 2 * (edit.frameWidth() + margin) + 4


def _called(services: Services, review: ReviewDTO) -> str:
    p = services.participants.get(review.participant_id)
    return p.preferred_name.strip() or p.given_name.strip()


class ReviewDraftDialog(FormDialog):
    """``preview(review_id)`` and ``make_final(review_id)`` are supplied by ui/printing.py.

    Not a Save/Cancel form: the draft saves itself as the coach writes (and on Close), and
    Preview and Make final save first. Problems still show beside their field (FormDialog)."""

    def __init__(
        self,
        services: Services,
        review: ReviewDTO,
        participant_name: str,
        preview: Callable[[QWidget, int], None],
        make_final: Callable[[QWidget, int], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.services = services
        self.review = review
        self._preview = preview
        self._make_final = make_final
        self.setWindowTitle(self.tr("Plan review report for %1").replace("%1", participant_name))
        fit_size(self, QSize(720, 760))
        intro = QLabel(
            self.tr(
                "Sessions, goals, Recovery Star readings and referrals in the "
                "period are filled in for you. Add your own words below, "
                "preview, then make the final PDF."
            )
        )
        intro.setWordWrap(True)
        self.start = QDateEdit(_qdate(review.period_start))
        self.end = QDateEdit(_qdate(review.period_end))
        period_errors = []
        for w, key in ((self.start, "period_start"), (self.end, "period_end")):
            w.setCalendarPopup(True)
            set_date_format(w)
            w.setAccessibleName(self.tr(FIELD_LABELS[key]))
            period_errors.append(self._error_for(key, w))
            self.recheck_on(key, w.dateChanged)
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.end)
        period.addStretch(1)
        keys = ("summary", "participant_view", "different_views", "barriers_strategies", "risks",
                "recommendations", "coach_notes")
        labels = {key: self.tr(FIELD_LABELS[key]) for key in keys}
        # The name they go by, as the report's own heading has it ("In Ro's words").
        labels["participant_view"] = self.tr("In %1's words").replace(
            "%1", _called(services, review))
        # "No risks identified" and "not assessed" read differently to a planner.
        self.risks_assessed = QComboBox()
        self.risks_assessed.setAccessibleName(self.tr("Were risks assessed?"))
        risks_assessed_error = self._error_for("risks_assessed", self.risks_assessed)
        risk_words = {
            "not_assessed": self.tr("Not assessed in this period"),
            "none_identified": self.tr("Assessed: no risks identified"),
            "see_below": self.tr("Assessed: see below"),
        }
        for key in RISKS_ASSESSED:
            self.risks_assessed.addItem(risk_words.get(key, key), key)
        self.risks_assessed.setCurrentIndex(
            max(0, self.risks_assessed.findData(review.risks_assessed))
        )
        self.texts: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        # Labels above their boxes: the coach's paragraphs get the dialog's whole width.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Period"), period)
        for error in period_errors:
            form.addRow(error)
        for key, label in labels.items():
            edit = QPlainTextEdit(getattr(review, key))
            edit.setPlaceholderText(self.tr(PROMPTS[key]))
            edit.setAccessibleName(label)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(_four_lines(edit))  # a drafted paragraph shows whole
            self.texts[key] = edit
            error = self._error_for(key, edit)
            if key == "risks":
                form.addRow(self.tr("Risks &assessed"), self.risks_assessed)
                form.addRow(risks_assessed_error)
            form.addRow(label, edit)
            form.addRow(error)
        # Their latest agreed Recovery story (issue 23) can follow the report: never unasked.
        agreed = services.chime.stories.latest(review.participant_id)
        self.attach_story = QCheckBox(
            self.tr("Attach their Recovery story, as agreed on %1").replace(
                "%1", format_date(agreed.agreed_on)) if agreed is not None
            else self.tr("Attach their Recovery story (none agreed yet)"))
        self.attach_story.setEnabled(agreed is not None)
        self.status = QLabel()
        self.save_button = QPushButton(self.tr("Save &draft"))
        self.preview_button = QPushButton(self.tr("&Preview…"))
        self.final_button = QPushButton(self.tr("Make &final PDF…"))
        self.final_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for b in (self.save_button, self.preview_button, self.final_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.save())
        self.preview_button.clicked.connect(lambda: self.save(then=self._preview))
        self.final_button.clicked.connect(lambda: self.save(then=self._make_final))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll_body(form), 1)  # the buttons stay in view
        layout.addWidget(self.attach_story)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._autosave = QTimer(self, singleShot=True, interval=3000)
        self._autosave.timeout.connect(lambda: self.save(quiet=True))
        for edit in self.texts.values():
            edit.textChanged.connect(self._autosave.start)
        self.risks_assessed.currentIndexChanged.connect(self._autosave.start)

    def values(self) -> ReviewInput:
        return ReviewInput(
            _pydate(self.start.date()),
            _pydate(self.end.date()),
            **{k: e.toPlainText() for k, e in self.texts.items()},
            risks_assessed=self.risks_assessed.currentData(),
        )

    def _error_for(self, key: str, widget: QWidget) -> QLabel:
        error = self.add_field(key, widget)
        error.setProperty("role", "error")
        return error

    def problems(self) -> dict[str, str]:
        return check_input(self.values())

    def write(self):
        data, rid, svc = self.values(), self.review.id, self.services.reviews
        return lambda: svc.save(rid, data)

    def save(self, then: Callable[[QWidget, int], None] | None = None, quiet: bool = False) -> None:
        self._autosave.stop()
        errors = self.problems()
        self.show_errors(errors)
        if errors:
            if not quiet:
                self._focus_first(errors)
            return

        def done(saved: ReviewDTO) -> None:
            self.review = saved
            if not quiet:
                self.status.setText(self.tr("Draft saved."))
            if then is not None:
                then(self, saved.id)

        Op(self, self.write()).success(done).failure(self._failed).run()

    def reject(self) -> None:
        if not self.review.is_final:
            self.save(quiet=True)
        super().reject()
