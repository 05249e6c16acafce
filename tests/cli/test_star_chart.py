"""star-chart: PNG and SVG written from a demo practice; bad input exits 2 with one sentence."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from recoverydesk.cli import main


@pytest.fixture
def demo(demo_copy):
    return demo_copy(4, 2)


def test_star_chart_writes_a_png_of_first_and_latest(demo, tmp_path, capsys):
    out = tmp_path / "star.png"
    assert main(["star-chart", "1", "--db", str(demo), "--out", str(out), "--dpi", "100"]) == 0
    assert "chart (2 readings)" in capsys.readouterr().out
    width, height = Image.open(io.BytesIO(out.read_bytes())).size
    assert width == 640 and 480 < height < 640  # as tall as the star, its title and legend


def test_star_chart_writes_svg_and_trends(demo, tmp_path):
    svg, trends = tmp_path / "star.svg", tmp_path / "trends.png"
    assert main(["star-chart", "1", "--db", str(demo), "--out", str(svg)]) == 0
    assert main(["star-chart", "1", "--db", str(demo), "--out", str(trends), "--trends"]) == 0
    assert svg.read_bytes().lstrip().startswith(b"<?xml") and trends.stat().st_size > 10_000


def test_star_chart_bad_input_exits_2_with_one_sentence(demo, tmp_path, capsys):
    assert main(["star-chart", "1", "--db", str(demo), "--out", str(tmp_path / "x.pdf")]) == 2
    assert "should end in .png or .svg" in capsys.readouterr().err
    code = main(
        [
            "star-chart",
            "1",
            "--db",
            str(demo),
            "--out",
            str(tmp_path / "x.png"),
            "--readings",
            "1999-01-01",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "no reading on 1999-01-01" in err and "Traceback" not in err


def test_star_chart_that_cannot_be_written_says_so_on_stderr(demo, tmp_path, capsys):
    folder = tmp_path / "star.png"
    folder.mkdir()  # a folder where the file should go: the write fails
    assert main(["star-chart", "1", "--db", str(demo), "--out", str(folder)]) == 1
    captured = capsys.readouterr()
    assert "star.png is a folder" in captured.err and "Traceback" not in captured.err


def test_the_chart_librarys_words_come_out_in_ours(capsys):
    """Before, matplotlib's own lines ("findfont: ...", "UserWarning: Glyph ... missing")
    reached the coach's terminal without the 'recoverydesk:' every line of ours has."""
    import logging

    from matplotlib.figure import Figure

    from recoverydesk.commands.chart_notes import chart_notes

    def draw():
        fig = Figure(figsize=(2, 1))
        fig.text(0.1, 0.5, "Zoë \ue000\ue001", fontweight="bold")  # letters no font has
        fig.savefig(io.BytesIO(), format="png")
        logging.getLogger("matplotlib.font_manager").warning("findfont: Failed to find font")

    with chart_notes():
        draw()
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [
        "recoverydesk: some letters have no font on this computer that can draw them, "
        "so they show as empty boxes in the chart."
    ]


def test_a_star_chart_run_says_nothing_in_anyone_elses_voice(demo, tmp_path, capsys):
    out = tmp_path / "star.png"
    assert main(["star-chart", "1", "--db", str(demo), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert all(line.startswith("recoverydesk: ") for line in err.splitlines() if line.strip())
