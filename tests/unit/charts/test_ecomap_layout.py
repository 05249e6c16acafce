"""The eco-map's layout: no box overlaps another, a group name, the key or a strained tie;
every text stays inside the figure; long names wrap onto two lines; the participant's name
fits its circle. Checked on a dense network and on every demo network, on screen and at the
printed sizes (issue 17 item 4)."""

from __future__ import annotations

import pytest
from ecomap_checks import problems

from recoverydesk.charts import theme
from recoverydesk.charts.ecomap import GROUP_ORDER, EcoMapData, EcoNode, ecomap_figure, group_colour

LABELS = {
    "family": "Family and carers",
    "friends": "Friends",
    "health": "Health",
    "supports": "Support services",
    "community": "Community",
    "other": "Other",
}
NAMES = [
    "Friend from church",
    "Bartholomew Fitzgerald-Smythe",
    "Aunty Rose",
    "Seaview Community Legal Centre",
    "Dr Nadia Mensah",
    "Coastal Financial Counselling Service",
    "Maximilian Oyelaran-Whitcombe",
]
SIZES = {
    "default": {},
    "screen": {
        "width": 4.4, "height": 2.7,  # ui/pages/network/ecomap.py's design size
        "show_legend": False, "show_title": False, "show_group_labels": False,
    },
    "print": {"width": 6.53, "height": 3.74, "min_font": 8, "show_title": False},
    "review": {"width": 5.68, "height": 3.74, "min_font": 8, "show_title": False},
}


def dense(people: int = 22) -> EcoMapData:
    """22 people (or ``people``) in every group, long names, two strained ties, every kind of
    box."""
    counts = {"family": 5, "friends": 4, "health": 4, "supports": 3, "community": 3, "other": 3}
    for extra in range(people - 22):  # more people: one more in each group in turn
        key = list(counts)[extra % len(counts)]
        counts[key] += 1
    nodes = []
    for g, n in counts.items():
        for k in range(n):
            nodes.append(
                EcoNode(
                    f"{NAMES[(len(nodes) * 3) % len(NAMES)]} {k}",
                    g,
                    LABELS[g],
                    detail="Support coordinator" if k % 2 else "Neighbour",
                    closeness=1 + (len(nodes) % 3),
                    strained=len(nodes) in (1, 12),
                    formal=g in ("health", "supports"),
                    emergency=k == 2,
                    consent_expired=k == 3,
                )
            )
    return EcoMapData("Alexandria Konstantinopoulou", tuple(nodes), title="Alexandria's people")


@pytest.mark.parametrize("size", sorted(SIZES))
def test_a_dense_network_has_no_collisions(size):
    fig = ecomap_figure(dense(), **SIZES[size])
    assert problems(fig) == []


def test_large_print_keeps_a_busy_network_clean():
    data = dense()
    data = EcoMapData(data.centre_label, data.nodes[::2])  # 11 people, every group
    fig = ecomap_figure(data, width=6.53, height=4.92, min_font=12, show_title=False)
    assert problems(fig) == []
    sizes = [t.get_fontsize() for t in fig.axes[0].texts]
    assert min(sizes) >= 12


def test_every_demo_network_is_clean_on_screen_and_in_print(demo):
    for p in demo.participants.list():
        data = demo.network.ecomap_data(p.id)
        for size in ("default", "screen", "print", "review"):
            fig = ecomap_figure(data, **SIZES[size])
            assert problems(fig) == [], (p.id, size)
        large = ecomap_figure(data, width=6.53, height=4.92, min_font=12, show_title=False)
        assert problems(large) == [], (p.id, "large")


def test_long_names_wrap_onto_two_lines_and_are_never_cut():
    fig = ecomap_figure(dense(), **SIZES["print"])
    texts = {t.get_gid(): t.get_text() for t in fig.axes[0].texts if t.get_gid()}
    name = "Coastal Financial Counselling Service 0"
    (key,) = [k for k in texts if k == f"node:{name}"] or [None]
    shown = texts[key] if key else next(v for k, v in texts.items() if "Coastal" in k)
    first_lines = shown.split("\n")
    assert " ".join(first_lines[:2]).startswith("Coastal Financial Counselling Service")
    assert "Bartholomew" in next(v for k, v in texts.items() if "Bartholomew" in k)


def test_the_participants_long_name_fits_its_circle():
    fig = ecomap_figure(EcoMapData("Alexandria Konstantinopoulou-Whitcombe", dense().nodes[:3]))
    assert problems(fig) == []


def test_group_colours_are_never_the_attention_amber():
    colours = [group_colour(g) for g in GROUP_ORDER]
    assert len(set(colours)) == len(colours)
    for colour in colours:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        ar, ag, ab = (int(theme.ATTENTION[i : i + 2], 16) for i in (1, 3, 5))
        assert abs(r - ar) + abs(g - ag) + abs(b - ab) > 150, colour
        assert not (r > 180 and g > 100 and b < 80), f"{colour} reads as orange"
    assert group_colour("other") == group_colour("anything else")
