"""The geometry of the drawn diagrams: arrows around boxes, text large enough to read.

Read back from the SVG text (not from the layout code): every box (a group titled with
its node id) and every arrow (a path titled ``source relation target``, made of cubic
Bézier segments). An arrow may touch only its own two boxes; every other box it must
miss. Text must be at least 12 px as shown in the documentation's text column at a
window width of 1280 px (the column is 736 px wide; a wider drawing is scaled down).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ivb
from ivb.governance import build_graph
from tests.strategies import digraphs

pytest.importorskip("sphinx", reason="the docs extension needs Sphinx (the test extra)")

DOCS = Path(__file__).resolve().parents[2] / "docs"
if str(DOCS / "_ext") not in sys.path:
    sys.path.insert(0, str(DOCS / "_ext"))

from ivb_sphinx import flows  # noqa: E402
from ivb_sphinx.svg import Diagram, Edge, Node, layout, render_svg, text_width  # noqa: E402
from ivb_sphinx.timeline import Timeline, render_timeline  # noqa: E402

from tests.docs.test_diagram_contents import DIAGRAMS  # noqa: E402

S = "{http://www.w3.org/2000/svg}"
#: The text column of the documentation at a window width of 1280 px (measured: furo).
COLUMN = 736.0
#: The smallest text size, in px as shown, that the diagrams may use.
SMALLEST = 12.0

Rect = tuple[float, float, float, float]
Point = tuple[float, float]


def boxes_and_arrows(svg: str) -> tuple[dict[str, Rect], dict[tuple[str, str], list[Point]]]:
    """Node boxes (id -> x, y, w, h) and arrows ((source, target) -> points along the curve)."""
    root = ElementTree.fromstring(svg)
    boxes: dict[str, Rect] = {}
    for g in root.iter(f"{S}g"):
        title, rect = g.find(f"{S}title"), g.find(f"{S}rect")
        if title is not None and rect is not None:
            x, y, w, h = (float(rect.get(k, "0")) for k in ("x", "y", "width", "height"))
            boxes[title.text or ""] = (x, y, w, h)
    arrows: dict[tuple[str, str], list[Point]] = {}
    for path in root.iter(f"{S}path"):
        title = path.find(f"{S}title")
        if title is None:
            continue
        u, _, v = (title.text or "").split(" ")
        arrows[u, v] = sample(path.get("d", ""))
    return boxes, arrows


def sample(d: str, steps: int = 40) -> list[Point]:
    """Points along an SVG path made of ``M`` and ``C`` commands."""
    tokens = re.findall(r"[MC]|-?\d+(?:\.\d+)?", d)
    points: list[Point] = []
    current: Point = (0.0, 0.0)
    i = 0
    while i < len(tokens):
        command = tokens[i]
        if command == "M":
            current = (float(tokens[i + 1]), float(tokens[i + 2]))
            points.append(current)
            i += 3
        elif command == "C":
            c = [float(t) for t in tokens[i + 1 : i + 7]]
            p0, p1, p2, p3 = current, (c[0], c[1]), (c[2], c[3]), (c[4], c[5])
            for s in range(1, steps + 1):
                t = s / steps
                a, b, e, f = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
                points.append(
                    (
                        a * p0[0] + b * p1[0] + e * p2[0] + f * p3[0],
                        a * p0[1] + b * p1[1] + e * p2[1] + f * p3[1],
                    )
                )
            current = p3
            i += 7
        else:  # pragma: no cover - the renderer writes only M and C
            raise AssertionError(f"unexpected path command {command!r} in {d!r}")
    return points


def inside(p: Point, rect: Rect, inset: float = 1.0) -> bool:
    x, y, w, h = rect
    return x + inset < p[0] < x + w - inset and y + inset < p[1] < y + h - inset


def crossings(svg: str) -> list[str]:
    """Every arrow that passes through a box that is not one of its ends."""
    boxes, arrows = boxes_and_arrows(svg)
    found = []
    for (u, v), points in arrows.items():
        for n, rect in boxes.items():
            if n not in (u, v) and any(inside(p, rect) for p in points):
                found.append(f"{u} -> {v} passes through {n}")
    return found


def effective_sizes(svg: str) -> list[float]:
    """The size of every text of *svg* as shown in the documentation's column."""
    root = ElementTree.fromstring(svg)
    width = float(root.get("width", "0"))
    scale = min(1.0, COLUMN / width)
    return [float(t.get("font-size", "0")) * scale for t in root.iter(f"{S}text")]


def overflowing(svg: str) -> list[str]:
    """Every text that runs past the left or right edge of *svg* (by its estimated width)."""
    root = ElementTree.fromstring(svg)
    width = float(root.get("width", "0"))
    out = []
    for t in root.iter(f"{S}text"):
        text = "".join(t.itertext())
        w = text_width(text, float(t.get("font-size", "0")))
        x = float(t.get("x", "0"))
        start = {"middle": x - w / 2, "end": x - w}.get(t.get("text-anchor", "start"), x)
        if start < 0 or start + w > width + 1:
            out.append(text)
    return out


@pytest.fixture(scope="module")
def G() -> Any:
    return build_graph(ivb.load())


def _render(G: Any, flow: str, options: dict[str, Any]) -> str:
    drawing = flows.make(G, flow, **options)
    if isinstance(drawing, Timeline):
        return render_timeline(drawing)
    assert isinstance(drawing, Diagram)
    return render_svg(drawing)


@pytest.mark.parametrize(("page", "flow", "options"), DIAGRAMS, ids=lambda x: str(x))
def test_no_arrow_of_a_docs_diagram_passes_through_another_box(
    G: Any, page: str, flow: str, options: dict[str, Any]
) -> None:
    svg = _render(G, flow, options)
    assert crossings(svg) == []


@pytest.mark.parametrize(("page", "flow", "options"), DIAGRAMS, ids=lambda x: str(x))
def test_the_text_of_a_docs_diagram_is_readable_at_1280_px(
    G: Any, page: str, flow: str, options: dict[str, Any]
) -> None:
    sizes = effective_sizes(_render(G, flow, options))
    assert sizes and min(sizes) >= SMALLEST, (page, flow, min(sizes))


@pytest.mark.parametrize(("page", "flow", "options"), DIAGRAMS, ids=lambda x: str(x))
def test_the_text_of_a_docs_diagram_stays_inside_it(
    G: Any, page: str, flow: str, options: dict[str, Any]
) -> None:
    assert overflowing(_render(G, flow, options)) == []


def test_the_prepares_arrow_of_the_basisteam_misses_the_portefeuillehouders(G: Any) -> None:
    boxes, arrows = boxes_and_arrows(_render(G, "preparation", {"body": "basisteamdriehoek-dnu"}))
    points = arrows["ambtelijke-basisteamdriehoek", "basisteamdriehoek-dnu"]
    assert not any(inside(p, boxes["portefeuillehouders-oov"], inset=0.0) for p in points)


def test_a_diagram_too_wide_either_way_wraps_its_boxes_narrower() -> None:
    """Four wide boxes side by side: neither direction fits at the usual wrapping."""
    note = "ambtelijk · frequency not stated"
    middle = tuple(
        Node(f"t{i}", f"Ambtelijke basisteamdriehoek {i}", "body", note) for i in range(4)
    )
    d = Diagram(
        "d",
        "D",
        (Node("s", "Afdelingen / teams Veiligheid", "role", "role · team"), *middle,
         Node("z", "Basisteamdriehoek Dronten, Noordoostpolder en Urk", "body", "bestuurlijk")),
        tuple(Edge("s", n.id, "informs") for n in middle)
        + tuple(Edge(n.id, "z", "prepares") for n in middle),
    )  # fmt: skip
    assert min(layout(d, "LR").width, layout(d, "TB").width) > COLUMN
    assert layout(d).width <= COLUMN
    svg = render_svg(d)
    assert min(effective_sizes(svg)) >= SMALLEST
    assert crossings(svg) == [] and overflowing(svg) == []
    # the note is broken at its separator, and each line is written in the box
    assert "<title>t0</title>" in svg and ">ambtelijk ·</text>" in svg
    assert ">frequency not stated</text>" in svg


def test_the_checks_find_a_crossing_and_small_text() -> None:
    """The geometry checks themselves: a path drawn straight through a box is caught."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1472" height="100">'
        '<g><title>a</title><rect x="0" y="0" width="10" height="10"/></g>'
        '<g><title>b</title><rect x="40" y="0" width="20" height="20"/></g>'
        '<g><title>c</title><rect x="90" y="0" width="10" height="10"/></g>'
        '<path d="M10,5 C40,5 60,5 90,5"><title>a prepares c</title></path>'
        '<text font-size="14">x</text></svg>'
    )
    assert crossings(svg) == ["a -> c passes through b"]
    assert effective_sizes(svg) == [7.0]


def _diagram(ids: list[str], edges: list[tuple[str, str]], labels: bool) -> Diagram:
    return Diagram(
        name="test",
        title="Test",
        nodes=tuple(
            Node(i, f"Node {i}" + " with a longer label" * (k % 3), "body", "a note" * (k % 2))
            for k, i in enumerate(ids)
        ),
        edges=tuple(
            Edge(u, v, "prepares", f"label {k}" if labels and k % 2 else None)
            for k, (u, v) in enumerate(edges)
        ),
    )


@settings(max_examples=60, deadline=None)
@given(digraphs(), st.booleans(), st.sampled_from([None, "LR", "TB"]))
def test_no_arrow_of_any_diagram_passes_through_another_box(
    graph: tuple[list[str], list[tuple[str, str]]], labels: bool, direction: str | None
) -> None:
    ids, edges = graph
    svg = render_svg(_diagram(ids, edges, labels), direction=direction)
    assert crossings(svg) == []


def test_derived_and_possible_edges_are_drawn_apart_and_said_in_words() -> None:
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("tafel", name="Tafel", kind="body")
    G.add_node("huis", name="Huis", kind="partner")
    edge = Edge("tafel", "huis", "escalates-to", "can", derived=True, modality="possible")
    assert flows.statements(G, [edge]) == [
        "Tafel can escalate a case to Huis (derived by ivb, not stated in the source)"
    ]
    plain = Edge("tafel", "huis", "escalates-to", modality="possible")
    svg = render_svg(Diagram("d", "D", (Node("tafel", "Tafel"), Node("huis", "Huis")), (plain,)))
    assert 'stroke-dasharray="8 5"' in svg and "can happen, or planned" in svg
    assert "derived by ivb" not in svg
    assert flows.basis({"basis": "derived"}) == "derived"
    assert flows.basis({"relation": "owns"}) == "stated"
