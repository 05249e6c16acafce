"""Small and scaled screens: 1920x1080 at 150% is 1280x720 logical pixels, a 1366x768 laptop
has about 1366x728 once its panel is counted. Every dialog of the app (found by walking the UI
package) fits 1280x720 with its buttons showing, built from a demo practice's real data; the
main window and the resource directory fit the screen they open on."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from app_theme import app_theme_applied
from measure_files import write_template
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from qt_shadowing import dialog_classes

from recoverydesk.services.claims.types import ClaimLineRow
from recoverydesk.ui.screen_fit import fitted_geometry

SMALL = QSize(1280, 720)  # 1920x1080 at 150%
LAPTOP = QRect(0, 0, 1366, 728)  # a 1366x768 screen less a 40 px panel


def _dialog_classes() -> list[type]:
    return sorted(dialog_classes(), key=lambda c: c.__name__)


@pytest.fixture(scope="module", autouse=True)
def themed(qapp):
    """The app's own theme (its 10.5 pt type and padded fields), as the coach sees it."""
    with app_theme_applied(qapp):
        yield


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo practice (fictional people, a year of history), shared by this module's tests."""
    from recoverydesk.demo import generate_demo
    from recoverydesk.services.container import Services
    from recoverydesk.store.migrate import create_practice
    from recoverydesk.store.session import Store

    path = tmp_path_factory.mktemp("screens") / "demo.rdk"
    create_practice(path)
    store = Store(path)
    generate_demo(store, participants=6, years=1, today=dt.date(2026, 11, 2))
    yield Services(store)
    store.close()


def _busiest(services):
    """The participant with the most contacts: the fullest dialogs."""
    rows = services.participants.list()
    return max(rows, key=lambda p: len(services.network.contacts(p.id)))


def _measures(services) -> list:
    """The measure templates of the practice, a placeholder one (15 items) loaded if none."""
    if not services.chime.measures.templates():
        services.chime.measures.load_template(
            write_template(Path(tempfile.mkdtemp()), items=15))
    return services.chime.measures.templates()


def dialog_factories(services, window) -> dict[str, object]:
    """One way to open each dialog class, on real data."""
    from recoverydesk.services.claims.invoice_types import Invoice
    from recoverydesk.services.practice.backups import list_backups
    from recoverydesk.services.practice.types import TeamFields
    from recoverydesk.ui.claims.invoices import VoidInvoiceDialog
    from recoverydesk.ui.claims.line_dialogs import EditLineDialog, RejectLineDialog
    from recoverydesk.ui.dialogs import (
        agreement_dialog,
        claim_details,
        contact_dialog,
        funding_budget,
        funding_setup,
        goal_agree,
        goal_progress,
        goal_status,
        goal_step,
        hours_report,
        participant_dialog,
        passphrase,
        pdf_preview,
        practice_settings,
        reading_dialog,
        referral_dialog,
        resource_dialog,
        restore,
        review_draft,
        session_note,
        session_plan,
        strength_dialog,
        template_dialog,
        wrap_history,
        wrap_review,
    )
    from recoverydesk.ui.dialogs.agree_story import AgreeStoryDialog
    from recoverydesk.ui.dialogs.connect_team import ConnectTeamDialog
    from recoverydesk.ui.dialogs.edit_conflict import EditConflictDialog
    from recoverydesk.ui.dialogs.measure_reading import MeasureReadingDialog
    from recoverydesk.ui.dialogs.measures import MeasuresDialog
    from recoverydesk.ui.dialogs.offline_conflicts import OfflineConflictsDialog
    from recoverydesk.ui.dialogs.tag_moments import TagMomentsDialog
    from recoverydesk.ui.dialogs.take_offline import TakeOfflineDialog
    from recoverydesk.ui.dialogs.team_dialog import AddCoachDialog, TeamDialog
    from recoverydesk.ui.dialogs.turning_point import TurningPointDialog
    from recoverydesk.ui.help import ShortcutsDialog, UserGuideDialog
    from recoverydesk.ui.invoicing import InvoiceDialog
    from recoverydesk.ui.search import SearchDialog
    from recoverydesk.ui.together.pin_dialog import SetPinDialog

    p = _busiest(services)
    contact = services.network.contacts(p.id)[0]
    goal = services.goals.goals(p.id)[0]
    step = next(s for g in services.goals.goals(p.id) for s in g.steps)
    session = services.sessions.rows(services.sessions.session_ids(p.id))[0]
    template = services.star.template_for(p.id)
    readings = services.star.readings(p.id)
    resource = services.resources.list()[0]
    referral = next(r for q in services.participants.list() for r in services.referrals.of(q.id))
    page = QImage(595, 842, QImage.Format.Format_RGB32)
    page.fill(0xFFFFFF)
    noop = lambda *_a: None  # noqa: E731
    line = ClaimLineRow(1, p.id, p.display_name, "430000001", "ndia", None, "s1:direct",
                        dt.date(2026, 10, 5), "07_101_0106_6_3", "CANC", "NSDH", 150, 10543,
                        "rejected", "Ended early", "Participant details do not match", None)
    names = {"07_101_0106_6_3": "Psychosocial recovery coaching - weekday daytime"}
    invoice = Invoice(7, "INV-0007", p.id, p.display_name, "430000001", dt.date(2026, 11, 2),
                      dt.date(2026, 10, 1), dt.date(2026, 10, 31), "plan",
                      "Banksia Plan Managers", "", "", "", 31629, 0)
    return {
        "ContactDialog": lambda: contact_dialog.ContactDialog(services, p.id, contact),
        "GoalAgreeDialog": lambda: goal_agree.GoalAgreeDialog(services, p.id, p.display_name),
        "GoalProgressDialog": lambda: goal_progress.GoalProgressDialog(services, goal),
        "GoalStatusDialog": lambda: goal_status.GoalStatusDialog(services, goal),
        "GoalStepDialog": lambda: goal_step.GoalStepDialog(services, step.goal_id, step),
        "HoursReportDialog": lambda: hours_report.HoursReportDialog(window),
        "ParticipantDialog": lambda: participant_dialog.ParticipantDialog(
            services, services.participants.get(p.id)),
        "PassphraseDialog": lambda: passphrase.PassphraseDialog("new", "Demo practice"),
        "PdfPreviewDialog": lambda: pdf_preview.PdfPreviewDialog("Plan", [page, page]),
        "PracticeSettingsDialog": lambda: practice_settings.PracticeSettingsDialog(services),
        "ReadingDialog": lambda: reading_dialog.ReadingDialog(
            services, p.id, template, readings[0] if readings else None,
            readings[1] if len(readings) > 1 else None),
        "ReferralDialog": lambda: referral_dialog.ReferralDialog(services, p.id, resource.id),
        "ReferralStatusDialog": lambda: referral_dialog.ReferralStatusDialog(services, referral),
        "ResourceDialog": lambda: resource_dialog.ResourceDialog(services, resource),
        "RestoreDialog": lambda: restore.RestoreDialog(
            list_backups(services.practice.path)),
        "ReviewDraftDialog": lambda: review_draft.ReviewDraftDialog(
            services, services.reviews.start(p.id).value, p.display_name, noop, noop),
        "SessionNoteDialog": lambda: session_note.SessionNoteDialog(services, p.id, session),
        "PlanSessionsDialog": lambda: session_plan.PlanSessionsDialog(session),
        "MoveSessionDialog": lambda: session_plan.MoveSessionDialog(session),
        "FrequencyDialog": lambda: session_plan.FrequencyDialog(
            services.rhythm.frequency(p.id), services.rhythm.history(p.id)),
        "StrengthDialog": lambda: strength_dialog.StrengthDialog(),
        "TemplateDialog": lambda: template_dialog.TemplateDialog(services),
        "WrapHistoryDialog": lambda: wrap_history.WrapHistoryDialog(services.wrap.versions(p.id)),
        "WrapReviewDialog": lambda: wrap_review.WrapReviewDialog(p.display_name),
        "SearchDialog": lambda: SearchDialog(window),
        "SetPinDialog": lambda: SetPinDialog(services),
        "ShortcutsDialog": lambda: ShortcutsDialog(window),
        "UserGuideDialog": lambda: UserGuideDialog(),
        "EditLineDialog": lambda: EditLineDialog(services, line, names),
        "RejectLineDialog": lambda: RejectLineDialog(services, line, names[line.support_number]),
        "ClaimDetailsDialog": lambda: claim_details.ClaimDetailsDialog(services),
        "FundingSetupDialog": lambda: funding_setup.FundingSetupDialog(services, p.id),
        "AgreementDialog": lambda: agreement_dialog.AgreementDialog(services, p.id),
        "BudgetDialog": lambda: funding_budget.BudgetDialog(services, p.id),
        "TagMomentsDialog": lambda: TagMomentsDialog(
            p.display_name, services.chime.suggestions_for(p.id), noop),
        "TurningPointDialog": lambda: TurningPointDialog(services, p.id, []),
        "AgreeStoryDialog": lambda: AgreeStoryDialog(
            services, p.id, p.display_name, services.chime.story(p.id),
            services.chime.stories.latest(p.id)),
        "MeasuresDialog": lambda: MeasuresDialog(services, p.id),
        "MeasureReadingDialog": lambda: MeasureReadingDialog(services, p.id,
                                                             _measures(services)),
        "VoidInvoiceDialog": lambda: VoidInvoiceDialog(services, invoice),
        "ConnectTeamDialog": lambda: ConnectTeamDialog(noop, TeamFields(
            host="db.ourpractice.org.au", database="practice", coach="sam"),
            "The server at db.ourpractice.org.au/practice did not answer. Check the server's "
            "name and port, that this computer is online, and that the server is running."),
        "TeamDialog": lambda: TeamDialog(services),
        "AddCoachDialog": lambda: AddCoachDialog(services),
        "EditConflictDialog": lambda: EditConflictDialog(_stale_save(services, p.id)),
        "TakeOfflineDialog": lambda: TakeOfflineDialog(
            _candidates(services), noop, Path("/home/kim/.local/share/RecoveryDesk/offline/"
                                              "db.ourpractice.org.au_practice-kim.rdk")),
        "OfflineConflictsDialog": lambda: OfflineConflictsDialog(services),
        "InvoiceDialog": lambda: InvoiceDialog(
            services, p.id, p.display_name, services.claims.funding_setup(p.id),
            dt.date(2026, 10, 1), dt.date(2026, 10, 31)),
    }


def _candidates(services) -> list:
    """Everyone in the demo as a coach's candidates to take offline, one held elsewhere."""
    from recoverydesk.services.offline.types import Candidate, HoldInfo

    today = dt.date.today()
    found = []
    for n, row in enumerate(services.participants.list()):
        held = HoldInfo(row.id, "sam", "Sam Ortiz", "sam-laptop",
                        dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)) if n == 1 else None
        found.append(Candidate(row.id, row.display_name, today + dt.timedelta(days=n),
                               n < 3, held))
    return found


def _stale_save(services, pid: int):
    """The conflict a coach meets: a save from a version another save has since moved on."""
    import dataclasses

    from recoverydesk.services.conflicts.types import EditConflict

    mine = services.participants.get(pid).to_draft()
    other_phone = f"0400 {mine.base_version:03d} 999"  # differs at every call (module's demo)
    services.participants.update(pid, dataclasses.replace(mine, phone=other_phone))
    try:
        services.participants.update(pid, dataclasses.replace(mine, pronouns="they/them"))
    except EditConflict as conflict:
        return conflict
    raise AssertionError("a save from a stale version was not refused")


@pytest.fixture(scope="module")
def window(demo, tmp_path_factory, qapp):
    from recoverydesk.ui.main_window import MainWindow

    class Opener:
        def default_path(self):
            return tmp_path_factory.mktemp("unused") / "p.rdk"

    made = MainWindow(Opener(), demo)
    yield made
    made.deleteLater()


def test_every_dialog_class_has_a_way_to_open_it(demo, window):
    assert sorted(dialog_factories(demo, window)) == sorted(c.__name__ for c in _dialog_classes())


def fits(size: QSize, room: QSize = SMALL) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


@pytest.mark.parametrize("name", [c.__name__ for c in _dialog_classes()])
def test_every_dialog_fits_1280x720_with_its_buttons_showing(qtbot, demo, window, name):
    dialog = dialog_factories(demo, window)[name]()
    qtbot.addWidget(dialog)
    assert fits(dialog.minimumSizeHint()), f"{name} needs {dialog.minimumSizeHint()}"
    assert fits(dialog.minimumSize()), f"{name} insists on {dialog.minimumSize()}"
    assert fits(dialog.sizeHint()), f"{name} asks for {dialog.sizeHint()}"
    dialog.show()
    qtbot.waitExposed(dialog)
    assert fits(dialog.size()), f"{name} opened at {dialog.size()}"
    available = dialog.screen().availableGeometry()
    assert fits(dialog.frameGeometry().size(), available.size()), f"{name} runs off the screen"
    # Squeezed to 1280x720 (or opened there), its buttons are inside the dialog, not cut off.
    dialog.resize(dialog.size().boundedTo(SMALL))
    qtbot.wait(1)
    boxes = [b for b in dialog.findChildren(QDialogButtonBox) if b.isVisibleTo(dialog)]
    for box in boxes:
        top_left = box.mapTo(dialog, QPoint(0, 0))
        assert dialog.rect().contains(QRect(top_left, box.size())), (
            f"{name}: buttons at {QRect(top_left, box.size())}, dialog {dialog.rect()}")


def test_the_main_window_fits_1280x720(qtbot, demo, window):
    for page in ("overview", "star", "goals", "sessions", "wrap", "network"):
        window.open_participant(_busiest(demo).id, page)
        qtbot.wait(1)
        assert fits(window.minimumSizeHint()), (page, window.minimumSizeHint())
    assert fits(window.minimumSize()), window.minimumSize()
    # The test screen (800x800) is smaller than the window's 1280x800: it opens maximised.
    available = window.screen().availableGeometry()
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert available.contains(window.geometry())


def _overlaps(root: QWidget) -> list[str]:
    """Pairs of visible sibling widgets under ``root`` drawn over each other."""
    found = []
    for parent in [root, *root.findChildren(QWidget)]:
        if not parent.isVisible():
            continue
        kids = [k for k in parent.findChildren(QWidget, options=Qt.FindChildOption
                                               .FindDirectChildrenOnly)
                if k.isVisible() and not k.isWindow() and not k.geometry().isEmpty()]
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                if a.geometry().intersects(b.geometry()):
                    found.append(f"{type(parent).__name__}: {type(a).__name__} "
                                 f"{a.geometry()} x {type(b).__name__} {b.geometry()}")
    return found


@pytest.mark.parametrize("size", [QSize(1264, 680), QSize(1350, 728)])
def test_the_network_tab_does_not_overlap_itself(qtbot, demo, window, size):
    """1920x1080 at 150% and a 1366x768 laptop, less the title bar and a panel."""
    window.showNormal()
    window.resize(size)
    window.open_participant(_busiest(demo).id, "network")
    qtbot.wait(50)
    page = window.workspace.page("network")
    assert page.isVisible()
    assert _overlaps(page) == []


def test_the_resource_directory_fits_1280x720(qtbot, demo):
    from recoverydesk.ui.resources_window import ResourcesWindow

    directory = ResourcesWindow(demo)
    qtbot.addWidget(directory)
    assert fits(directory.minimumSizeHint()), directory.minimumSizeHint()
    # The test screen (800x800) is smaller than its 1200x760: it opens maximised.
    assert directory.windowState() & Qt.WindowState.WindowMaximized


@pytest.mark.parametrize(
    ("available", "maximised"),
    [(LAPTOP, True), (QRect(0, 0, 1280, 680), True), (QRect(0, 0, 960, 500), True),
     (QRect(0, 32, 1920, 1048), False), (QRect(1920, 0, 2560, 1400), False)],
)
def test_the_window_fits_the_screen_it_opens_on(available, maximised):
    rect, maximise = fitted_geometry(QSize(1280, 800), available)
    assert maximise == maximised
    assert available.contains(rect)
    if not maximise:
        assert rect.size() == QSize(1280, 800)
        assert rect.center().x() in range(available.center().x() - 1, available.center().x() + 2)


def test_a_window_from_a_bigger_screen_is_brought_back_into_view(qtbot):
    from recoverydesk.ui.screen_fit import fit_window

    widget = QWidget()
    qtbot.addWidget(widget)
    available = widget.screen().availableGeometry()
    widget.setGeometry(available.right() - 100, available.top() + 10, 3000, 2000)
    fit_window(widget, QSize(1280, 800), keep=True)
    assert available.contains(widget.geometry())


# 1920x1080 at 200% is 960x540 logical pixels: no dialog may insist on more than that, or its
# buttons run off the bottom of the screen however the coach resizes it.
AT_200 = QSize(960, 540)


@pytest.mark.parametrize("name", [c.__name__ for c in _dialog_classes()])
def test_no_dialog_insists_on_more_than_960x540(qtbot, demo, window, name):
    dialog = dialog_factories(demo, window)[name]()
    qtbot.addWidget(dialog)
    assert fits(dialog.minimumSizeHint(), AT_200), f"{name} needs {dialog.minimumSizeHint()}"
    assert fits(dialog.minimumSize(), AT_200), f"{name} insists on {dialog.minimumSize()}"


def test_the_main_window_fits_960x540(qtbot, demo, window):
    for page in ("overview", "star", "goals", "sessions", "wrap", "network"):
        window.open_participant(_busiest(demo).id, page)
        qtbot.wait(1)
        assert fits(window.minimumSizeHint(), AT_200), (page, window.minimumSizeHint())
