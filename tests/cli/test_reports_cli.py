"""print-plan and review-report: PDFs written, exit codes, one plain sentence on error."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from recoverydesk.cli import main


@pytest.fixture
def demo(demo_copy):
    return demo_copy(3, 1)


def _text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_print_plan_writes_a_plan_pack(demo, tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    assert main(["print-plan", "1", "--db", str(demo), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "plan pack" in said and str(out) in said
    text = _text(out)
    assert "My recovery plan" in text and "My goals" in text


def test_print_plan_large_print_has_more_pages(demo, tmp_path):
    normal, large = tmp_path / "n.pdf", tmp_path / "l.pdf"
    assert main(["print-plan", "1", "--db", str(demo), "--out", str(normal)]) == 0
    assert main(["print-plan", "1", "--db", str(demo), "--out", str(large), "--large-print"]) == 0
    assert len(PdfReader(large).pages) > len(PdfReader(normal).pages)


def test_review_report_over_a_period(demo, tmp_path, capsys):
    out = tmp_path / "review.pdf"
    assert (
        main(
            [
                "review-report",
                "1",
                "--db",
                str(demo),
                "--out",
                str(out),
                "--from",
                "2025-01-01",
                "--to",
                "2025-12-31",
            ]
        )
        == 0
    )
    assert "plan review report" in capsys.readouterr().out
    text = _text(out)
    assert "1 January 2025 to 31 December 2025" in text
    assert "1. Supports provided" in text


def _run(args: list[str]) -> int:
    try:
        return main(args)
    except SystemExit as done:  # argparse's own usage errors
        return int(done.code)


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["review-report", "1", "--from", "2026-05-01", "--to", "2026-01-01"],
            "--to is before --from.",
        ),
        (["review-report", "Nobody-at-all"], "No participant matches"),
        (["print-plan", "999"], "no participant with id 999"),
        (["print-plan", "1", "--bogus"], "unrecognized arguments"),
        (["review-report", "1", "--from", "2026-13-01"], "is not a date like"),
    ],
)
def test_bad_input_exits_2_with_one_sentence(demo, tmp_path, capsys, args, message):
    out = tmp_path / "x.pdf"
    assert _run(args + ["--db", str(demo), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert message in err
    assert not out.exists()


def test_an_out_file_that_is_not_a_pdf_is_refused(demo, tmp_path, capsys):
    assert main(["print-plan", "1", "--db", str(demo), "--out", str(tmp_path / "x.txt")]) == 2
    assert ".pdf" in capsys.readouterr().err


def test_a_missing_practice_file_is_bad_input(tmp_path, capsys):
    code = main(
        ["print-plan", "1", "--db", str(tmp_path / "none.rdk"), "--out", str(tmp_path / "x.pdf")]
    )
    assert code == 2
    assert "no practice file" in capsys.readouterr().err


def test_a_file_that_cannot_be_written_is_a_failure(demo, tmp_path, capsys):
    blocker = tmp_path / "taken.pdf"
    blocker.mkdir()
    code = main(["review-report", "1", "--db", str(demo), "--out", str(blocker)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("recoverydesk: ") and "Traceback" not in err


def _plan_versions(db, pid: int) -> int:
    from recoverydesk.services.practice.opening import open_services

    services = open_services(db)
    try:
        return len(services.plans.versions(pid))
    finally:
        services.close()


def _change(db, pid: int, *, archive: bool = False, exit_support: bool = False) -> None:
    import dataclasses

    from recoverydesk.services.goals.types import GoalDraft
    from recoverydesk.services.practice.opening import open_services

    services = open_services(db)
    try:
        # A plan changed since it was last agreed: printing it would agree a new version.
        services.goals.create(pid, GoalDraft(title="Cook a meal for my sister each week"))
        if exit_support:
            draft = services.participants.get(pid).to_draft()
            services.participants.update(pid, dataclasses.replace(draft, status="exited"))
        if archive:
            services.participants.archive(pid)
    finally:
        services.close()


def test_printing_a_changed_plan_for_someone_supported_agrees_a_new_version(demo, tmp_path):
    _change(demo, 1)
    before = _plan_versions(demo, 1)
    assert main(["print-plan", "1", "--db", str(demo), "--out", str(tmp_path / "p.pdf")]) == 0
    assert _plan_versions(demo, 1) == before + 1


@pytest.mark.parametrize("how", ["archive", "exit_support"])
def test_printing_for_someone_whose_support_ended_agrees_no_new_plan(demo, tmp_path, capsys, how):
    """Before, the command quietly agreed a new plan version for them."""
    out = tmp_path / "plan.pdf"
    _change(demo, 1, **{how: True})
    before = _plan_versions(demo, 1)
    assert main(["print-plan", "1", "--db", str(demo), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert out.exists()
    assert _plan_versions(demo, 1) == before
    assert "No new plan version was agreed" in said
    assert ("is archived" if how == "archive" else "has exited support") in said


def test_page_counts_are_said_in_good_english(demo, tmp_path, capsys, monkeypatch):
    import dataclasses

    from recoverydesk.services.printing.service import PrintingService

    real = PrintingService.print_plan

    def one_page(self, *args, **kwargs):  # a one-page pack: count as the PDF says
        result = real(self, *args, **kwargs)
        return dataclasses.replace(result, value=dataclasses.replace(result.value, pages=1))

    monkeypatch.setattr(PrintingService, "print_plan", one_page)
    assert main(["print-plan", "1", "--db", str(demo), "--out", str(tmp_path / "p.pdf")]) == 0
    said = capsys.readouterr().out
    assert ", 1 page, " in said and "1 pages" not in said
