"""The review draft dialog shows a drafted paragraph whole: each text box is at least four lines
tall and gets the dialog's whole width (its label above it), so the coach reads the draft without
scrolling inside each box. Before, 70-pixel boxes beside a wide label column cut the drafted
summary mid-line behind a scroll bar of its own. Opened through the window's command, in the
app's theme."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout

from recoverydesk.services.participants.types import ParticipantDraft
from recoverydesk.services.reviews.types import ReviewInput

SUMMARY = (
    "Zoë has moved from rarely leaving home to joining a weekly walking group and meeting a "
    "friend for coffee most weeks. Zoë says feeling less alone has made the biggest difference."
)
BARRIERS = (
    "- Anxiety in new groups: we practised arriving early and meeting one person first.\n"
    "- Low energy on bad weeks: Zoë now keeps a short list of small things that still count."
)


def test_drafted_paragraphs_show_whole_under_their_labels(main_window, services, app_theme, qtbot):
    p = services.participants.create(ParticipantDraft(given_name="Zoë", family_name="Hartley")).value
    review = services.reviews.start(p.id).value
    services.reviews.save(review.id, ReviewInput(
        review.period_start, review.period_end, summary=SUMMARY, barriers_strategies=BARRIERS,
        recommendations=BARRIERS, risks=SUMMARY))
    main_window.open_participant(p.id, "overview")
    main_window.commands["review_report"].trigger()
    dialog = main_window.parts.printing.review_dialog
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    form = dialog.findChild(QFormLayout)
    try:
        for key, edit in dialog.texts.items():
            lines = edit.height() / edit.fontMetrics().lineSpacing()
            assert lines >= 4, (key, edit.height())
            assert edit.verticalScrollBar().maximum() == 0, f"{key} scrolls inside its box"
            form_label = form.labelForField(edit)
            assert form_label.geometry().bottom() <= edit.geometry().top(), f"{key}: label above"
    finally:
        dialog.close()
