"""star-chart: PNG and SVG written from a demo practice; bad input exits 2 with one sentence."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image

from recoverydesk.cli import main


@pytest.fixture(scope="module")
def _demo_template(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.rdk"
    assert main(["demo", "--db", str(db), "--participants", "4", "--years", "2"]) == 0
    return db


@pytest.fixture
def demo(_demo_template, tmp_path):
    db = tmp_path / "demo.rdk"
    shutil.copyfile(_demo_template, db)
    return db


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
