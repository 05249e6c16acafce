import math

from matplotlib.figure import Figure

from recoverydesk.charts.ecomap import EcoMapData, EcoNode, ecomap_figure, ecomap_png, layout


def node(label, group="family", **kw):
    labels = {
        "family": "Family and carers",
        "friends": "Friends",
        "health": "Health",
        "supports": "Support services",
        "community": "Community",
    }
    return EcoNode(label=label, group=group, group_label=labels.get(group, "Other"), **kw)


DATA = EcoMapData(
    "Zoë",
    (
        node("Aunty Rose", detail="Aunt", closeness=3, emergency=True),
        node("Dad", detail="Father", strained=True, closeness=1),
        node("Jess", "friends", detail="Swim buddy"),
        node("Dr Sharma", "health", detail="GP", formal=True, consent_expired=True),
        node("Seaview Peer Café", "community", formal=True),
    ),
    title="Zoë's support network",
)


def node_texts(fig):
    ax = fig.axes[0]
    return {t.get_gid(): t.get_text() for t in ax.texts if t.get_gid()}


def test_every_person_and_the_participant_get_one_labelled_box():
    fig = ecomap_figure(DATA)
    assert isinstance(fig, Figure)
    texts = node_texts(fig)
    assert texts["centre"] == "Zoë"
    boxes = {k: v for k, v in texts.items() if k.startswith("node:")}
    assert len(boxes) == 5
    assert "Aunt" in boxes["node:Aunty Rose"] and "Emergency contact" in boxes["node:Aunty Rose"]
    assert "Consent expired" in boxes["node:Dr Sharma"]


def test_group_names_and_legend_are_shown():
    fig = ecomap_figure(DATA)
    ax = fig.axes[0]
    words = {t.get_text() for t in ax.texts}
    assert {"FAMILY AND CARERS", "FRIENDS", "HEALTH", "COMMUNITY"} <= words
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:4] == ["Very close", "Supportive", "Distant", "Strained"]


def test_line_weight_follows_closeness_and_strain_is_marked():
    fig = ecomap_figure(DATA, show_legend=False)
    lines = fig.axes[0].lines
    spokes = [ln for ln in lines if (ln.get_gid() or "").startswith("tie:")]
    assert len(spokes) == 5
    widths = sorted({ln.get_linewidth() for ln in spokes})
    assert widths[0] < widths[-1]
    assert len(lines) > len(spokes)  # the cross-marks on the strained tie


def test_layout_keeps_groups_together_clockwise_from_the_top():
    placed, sectors = layout(DATA)
    assert [p.node.group for p in placed] == ["family", "family", "friends", "health", "community"]
    angles = [p.angle for p in placed]
    assert angles == sorted(angles, reverse=True)  # clockwise
    assert angles[0] < math.pi / 2 and angles[-1] > math.pi / 2 - 2 * math.pi
    assert [s[0] for s in sectors] == ["family", "friends", "health", "community"]


def test_an_empty_network_still_draws_the_participant():
    fig = ecomap_figure(EcoMapData("Sam"))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "Sam" in texts and any("No one added" in t for t in texts)


def test_png_bytes_for_reports():
    data = ecomap_png(DATA, dpi=60)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_a_crowded_network_keeps_every_box_apart():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    groups = [("family", 4), ("friends", 3), ("health", 2), ("supports", 3), ("community", 3)]
    nodes = tuple(
        node(f"Someone With A Long Name {g}{k}", g, detail="Support coordinator", formal=k % 2 == 0)
        for g, n in groups
        for k in range(n)
    )
    fig = ecomap_figure(EcoMapData("Alex", nodes))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [
        p.get_window_extent(renderer)
        for p in fig.axes[0].patches
        if (p.get_gid() or "").startswith("box:")
    ]
    assert len(boxes) == 15
    overlaps = [(i, j) for i in range(15) for j in range(i + 1, 15) if boxes[i].overlaps(boxes[j])]
    assert overlaps == []
