"""Chart type is readable on paper (issue 17 item 5): in the plan pack (normal and large
print) and the review report, every text in the radar, the trend charts and the eco-map is
at least 8 points as printed (12 in large print). Measured end to end: the figures the
reports drew, and the size the PDF draws each picture at (read from the PDF itself)."""

from __future__ import annotations

import io

import pytest
from matplotlib.text import Text
from pypdf import PdfReader

from recoverydesk.charts import star as charts
from recoverydesk.reports.data import DomainChange, StarSummary


@pytest.fixture
def drawn(monkeypatch):
    """Every figure the reports turn into a picture, as (figure, dots per inch)."""
    figures = []
    real = charts.figure_to_png

    def keep(fig, dpi=150):
        figures.append((fig, dpi))
        return real(fig, dpi)

    monkeypatch.setattr(charts, "figure_to_png", keep)
    return figures


def placed_pictures(pdf: bytes) -> dict[tuple[int, int], float]:
    """Each picture's size in dots -> the width it is drawn at on the page, in points."""
    out: dict[tuple[int, int], float] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        objects = page["/Resources"].get("/XObject", {})

        def visit(op, args, cm, _tm, objects=objects):
            if op == b"Do" and args and args[0] in objects:
                image = objects[args[0]].get_object()
                size = (int(image["/Width"]), int(image["/Height"]))
                out[size] = min(out.get(size, 1e9), abs(cm[0]))

        page.extract_text(visitor_operand_before=visit)
    return out


def smallest_printed(figures, pdf: bytes) -> list[tuple[float, str]]:
    """(printed size in points, text) of the smallest text in each drawn figure."""
    placed = placed_pictures(pdf)
    sizes = []
    for fig, dpi in figures:
        w, h = fig.get_size_inches()
        key = (round(w * dpi), round(h * dpi))
        assert key in placed, f"a {key} picture was drawn but not printed: {sorted(placed)}"
        scale = placed[key] / (w * 72)
        texts = [
            t
            for t in fig.findobj(Text)
            if t.get_visible()
            and t.get_text().strip()
            and (t.axes is None or t.axes.get_visible())
        ]
        assert texts
        smallest = min(texts, key=lambda t: t.get_fontsize())
        sizes.append((smallest.get_fontsize() * scale, smallest.get_text()))
    return sizes


def radar_at_its_smallest(figures, smallest_height: float) -> float:
    """The radar's smallest text as printed when the page leaves it the least room."""
    (fig,) = [f for f, _ in figures if any(t.get_gid() == "domain-label" for t in f.texts)
              or any(t.get_gid() == "domain-label" for a in f.axes for t in a.texts)]
    scale = smallest_height / (fig.get_size_inches()[1] * 72)
    texts = [t for a in fig.axes for t in a.texts if t.get_text().strip()]
    return min(t.get_fontsize() for t in texts) * scale


def busiest(demo) -> int:
    """The participant with the most Star readings and people: every chart, at its fullest."""
    people = demo.participants.list()
    return max(
        people,
        key=lambda p: (len(demo.star.readings(p.id)), len(demo.network.ecomap_data(p.id).nodes)),
    ).id


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-print"])
def test_plan_pack_chart_type_is_at_least_8_points_printed(demo, drawn, large):
    pid = busiest(demo)
    pdf = demo.printing.plan_pack_pdf(pid, large_print=large).pdf
    sizes = smallest_printed(drawn, pdf)
    assert len(sizes) == 2  # the radar and the eco-map
    floor = 12 if large else 8
    assert all(points >= floor for points, _ in sizes), sizes
    if not large:  # the radar shrinks to RADAR_MIN on a part-used page: still 8 points
        from recoverydesk.reports.plan_pack import RADAR_MIN

        assert radar_at_its_smallest(drawn, RADAR_MIN) >= 8


def test_review_chart_type_is_at_least_8_points_printed(demo, drawn):
    pid = busiest(demo)
    pdf = demo.printing.review_report(pid, final=False).value.pdf
    sizes = smallest_printed(drawn, pdf)
    assert len(sizes) == 3  # the radar, the trend charts and the eco-map
    assert all(points >= 8 for points, _ in sizes), sizes
    assert radar_at_its_smallest(drawn, 80 * 72 / 25.4) >= 8  # reports/review.py's least


def test_the_plan_packs_star_table_names_the_stage_of_each_area():
    from pypdf import PdfReader as Reader

    from recoverydesk.reports.plan_star import star_table  # the table, as the pack draws it
    from recoverydesk.reports.styles import plan_styles

    star = StarSummary(
        "Recovery Star",
        None,
        None,
        2,
        (DomainChange("Work", 4, 6, "Accepting help", "Believing"),),
    )
    flowables = star_table(star, plan_styles(), 400, large=False)
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    SimpleDocTemplate(buf).build(flowables)
    text = " ".join(Reader(buf).pages[0].extract_text().split())
    assert "Stage now" in text and "Believing" in text


@pytest.mark.parametrize(
    ("people", "review", "large"),
    [(22, False, False), (22, True, False), (12, False, True)],
    ids=["plan", "review", "large-print"],
)
def test_a_crowded_eco_map_fits_its_page_without_smaller_type(people, review, large):
    from ecomap_checks import problems
    from test_ecomap_layout import dense

    from recoverydesk.charts.ecomap import EcoMapData
    from recoverydesk.services.printing import charts as print_charts

    data = dense()
    figs = print_charts.ecomap(EcoMapData(data.centre_label, data.nodes[:people]), review, large)
    for fig in figs:
        assert fig.get_size_inches()[1] * 72 <= print_charts.ecomap_room(review, large)
        assert min(t.get_fontsize() for t in fig.axes[0].texts) >= (12 if large else 8)
        assert problems(fig) == []


def ecomap_texts_printed(figures, pdf: bytes) -> tuple[list[tuple[float, str]], list[str]]:
    """(printed size, text) of every text artist of every eco-map picture the report drew,
    and the people named on them."""
    placed = placed_pictures(pdf)
    sizes, named = [], []
    for fig, dpi in figures:
        ax = fig.axes[0]
        if not any(t.get_gid() == "centre" for t in ax.texts):
            continue  # the radar
        w, h = fig.get_size_inches()
        keys = [k for k in placed if abs(k[0] - w * dpi) <= 1 and abs(k[1] - h * dpi) <= 1]
        assert keys, f"an eco-map picture was drawn but not printed: {sorted(placed)}"
        from ecomap_checks import problems

        assert problems(fig) == []
        scale = placed[keys[0]] / (w * 72)
        for t in fig.findobj(Text):
            if t.get_visible() and t.get_text().strip():
                sizes.append((t.get_fontsize() * scale, t.get_text()))
        named += [t.get_gid()[5:] for t in ax.texts if (t.get_gid() or "").startswith("node:")]
    return sizes, named


@pytest.mark.parametrize("people", [16, 22, 30])
@pytest.mark.parametrize(
    ("report", "large"),
    [("plan", False), ("plan", True), ("review", False)],
    ids=["plan", "plan-large-print", "review"],
)
def test_a_crowded_network_prints_every_name_at_full_size(
    demo, drawn, monkeypatch, people, report, large
):
    """16, 22 and 30 people with long names in every group: every text of every eco-map
    picture is at least 8 points printed (12 in large print), nobody left out, nothing
    overlapping. Past what one page holds the map is drawn in parts, never shrunk."""
    from test_ecomap_layout import dense

    from recoverydesk.charts.ecomap import EcoMapData

    crowd = dense(people)
    crowd = EcoMapData(crowd.centre_label, crowd.nodes[:people])
    monkeypatch.setattr(demo.network, "ecomap_data", lambda *_a, **_k: crowd)
    pid = busiest(demo)
    if report == "plan":
        pdf = demo.printing.plan_pack_pdf(pid, large_print=large).pdf
    else:
        pdf = demo.printing.review_report(pid, final=False).value.pdf
    sizes, named = ecomap_texts_printed(drawn, pdf)
    floor = 12 if large else 8
    assert sizes and min(sizes)[0] >= floor - 0.01, min(sizes)
    assert sorted(named) == sorted(n.label for n in crowd.nodes)  # everyone, once


def test_a_map_too_big_for_a_page_is_drawn_as_people_and_services_each_around_the_person():
    from test_ecomap_layout import dense

    from recoverydesk.services.printing import charts as print_charts

    crowd = dense(22)
    figs = print_charts.ecomap(crowd, review=False, large_print=True)
    assert len(figs) == 2  # 22 people at 12 pt: two pages, not shrunk
    titles = [next(t.get_text() for t in f.axes[0].texts if t.get_gid() == "title") for f in figs]
    assert titles == ["Family and carers, Friends, Community, Other", "Health, Support services"]
    people = [sum((t.get_gid() or "").startswith("node:") for t in f.axes[0].texts) for f in figs]
    assert people == [15, 7]  # everyone, each once
    for fig in figs:
        assert any(t.get_gid() == "centre" for t in fig.axes[0].texts)
