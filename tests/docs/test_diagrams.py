"""The pieces of the documentation's Sphinx extension (docs/_ext/ivb_sphinx).

The SVG renderer and its layout, the governance flows drawn from the graph, the
generated format and command-line references, and the check that every public
name is documented.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ivb
from ivb.governance import build_graph
from tests.strategies import digraphs, governance_policies

pytest.importorskip("sphinx", reason="the docs extension needs Sphinx (the test extra)")

EXT = Path(__file__).resolve().parents[2] / "docs" / "_ext"
if str(EXT) not in sys.path:
    sys.path.insert(0, str(EXT))

from ivb_sphinx import apiref, clihelp, flows, formatref  # noqa: E402
from ivb_sphinx.svg import Diagram, Edge, Node, layout, render_svg  # noqa: E402
from ivb_sphinx.timeline import Timeline, render_timeline  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def G() -> Any:
    return build_graph(ivb.load())


def diagram(ids: list[str], edges: list[tuple[str, str]]) -> Diagram:
    return Diagram(
        name="test",
        title="Test <&>",
        nodes=tuple(Node(i, f"Node {i} with a somewhat longer label", "body") for i in ids),
        edges=tuple(Edge(u, v, "prepares", "label" if k % 2 else None)
                    for k, (u, v) in enumerate(edges)),
    )  # fmt: skip


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@settings(max_examples=60, deadline=None)
@given(digraphs())
def test_any_graph_lays_out_without_overlapping_boxes(
    graph: tuple[list[str], list[tuple[str, str]]],
) -> None:
    ids, edges = graph
    lay = layout(diagram(ids, edges))
    boxes = [(b.x, b.y, b.width, b.height) for b in lay.boxes.values() if not b.dummy]
    assert len(boxes) == len(ids)
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[1] >= 0
        assert a[0] + a[2] <= lay.width and a[1] + a[3] <= lay.height
        for b in boxes[i + 1 :]:
            assert not overlaps(a, b)
    # every edge but self-loops is routed, from its source's side to its target's
    assert len(lay.routes) == sum(1 for u, v in edges if u != v)
    for edge, points in lay.routes:
        src, dst = lay.boxes[edge.source], lay.boxes[edge.target]
        assert on_side(points[0], src) and on_side(points[-1], dst)


def on_side(p: tuple[float, float], b: Any) -> bool:
    """Whether *p* is on the boundary of box *b*."""
    x, y = p
    within_x, within_y = b.x <= x <= b.x + b.width, b.y <= y <= b.y + b.height
    return (x in (b.x, b.x + b.width) and within_y) or (y in (b.y, b.y + b.height) and within_x)


@settings(max_examples=40, deadline=None)
@given(digraphs())
def test_the_svg_is_well_formed_and_names_every_node(
    graph: tuple[list[str], list[tuple[str, str]]],
) -> None:
    ids, edges = graph
    svg = render_svg(diagram(ids, edges))
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "Test <&>"
    titles = {t.text for t in root.iter(f"{SVG}title")}
    assert set(ids) <= titles


def test_rendering_is_deterministic(G: Any) -> None:
    first = render_svg(flows.make(G, "preparation", body="basisteamdriehoek-dnu"))
    again = render_svg(
        flows.make(build_graph(ivb.load()), "preparation", body="basisteamdriehoek-dnu")
    )
    assert first == again


def test_a_long_edge_runs_through_a_bend_and_carries_its_label_there() -> None:
    d = Diagram(
        "d", "D",
        (Node("a", "A"), Node("b", "B"), Node("c", "C")),
        (Edge("a", "b", "prepares"), Edge("b", "c", "prepares"),
         Edge("a", "c", "informs", "a label that is long enough to wrap")),
    )  # fmt: skip
    lay = layout(d)
    (_, direct), (_, _), (_, long) = lay.routes
    assert len(long) > len(direct)
    label = lay.labels[2]
    assert label is not None
    a, c = lay.boxes["a"], lay.boxes["c"]
    assert a.x + a.width < label[0] < c.x


def test_the_preparation_flow(G: Any) -> None:
    d = flows.make(G, "preparation", body="districtelijk-veiligheidscollege-flevoland")
    assert isinstance(d, Diagram)
    assert flows.statements(G, d.edges) == [
        "Ambtelijk Vooroverleg prepares Districtelijk Veiligheidscollege Flevoland",
        # each municipality's own mayor; the words of the source say there are six
        "Burgemeester van Dronten sits on Districtelijk Veiligheidscollege Flevoland"
        " (the source names the members: “de zes Flevolandse burgemeesters, het OM en de politie”)",
        "Burgemeester van Noordoostpolder sits on Districtelijk Veiligheidscollege Flevoland",
        "Burgemeester van Urk sits on Districtelijk Veiligheidscollege Flevoland",
        "Openbaar Ministerie sits on Districtelijk Veiligheidscollege Flevoland",
        "Politie Midden-Nederland sits on Districtelijk Veiligheidscollege Flevoland",
    ]
    d = flows.make(G, "preparation", body="basisteamdriehoek-dnu")
    derived = " (derived by ivb, not stated in the source)"
    team, driehoek = (
        "Afdelingen / teams Veiligheid",
        "Basisteamdriehoek Dronten, Noordoostpolder en Urk",
    )
    # the teams, not the ambtelijke basisteamdriehoek, inform and advise the three; that the
    # teams sit on that body, and who sits on the driehoek, is ivb's reading
    assert flows.statements(G, d.edges) == [
        f"Ambtelijke basisteamdriehoek prepares {driehoek}",
        f"{team} informs and advises Portefeuillehouders Openbare orde en veiligheid",
        f"{team} informs and advises Basisteamchef",
        f"{team} informs and advises Officier van Justitie",
        f"{team} sits on Ambtelijke basisteamdriehoek{derived}",
        f"Officier van Justitie sits on {driehoek}{derived}",
        f"Portefeuillehouders Openbare orde en veiligheid sits on {driehoek}{derived}",
        f"Basisteamchef sits on {driehoek}{derived}",
    ]


def test_the_joint_theme_flow(G: Any) -> None:
    d = flows.make(G, "joint-themes", themes=["ondermijning"])
    assert isinstance(d, Diagram)
    assert {(e.source, e.relation) for e in d.edges} == {
        ("dronten", "owns"),
        ("noordoostpolder", "shares"),
        ("urk", "shares"),
    }
    # the teams Veiligheid coordinate the IVB as a whole, not the theme
    owner = next(e for e in d.edges if e.relation == "owns")
    assert set(owner.also) == {"shares"}


def test_the_escalation_and_authority_flows(G: Any) -> None:
    d = flows.make(G, "escalation", start="zorg-en-veiligheidstafel-urk")
    assert isinstance(d, Diagram)
    assert ("zorg-en-veiligheidstafel-urk", "zorg-en-veiligheidshuis-flevoland") in {
        (e.source, e.target) for e in d.edges if e.relation == "escalates-to"
    }
    d = flows.make(G, "authority", over="politie-midden-nederland")
    assert isinstance(d, Diagram)
    scopes = {e.source: e.label for e in d.edges if e.relation == "has-authority-over"}
    assert scopes["officier-van-justitie"] == "strafrechtelijke handhaving"
    assert scopes["burgemeester"] is not None and "Politiewet 2012" in scopes["burgemeester"]


def test_the_meeting_cycle_puts_each_preparer_above_what_it_prepares(G: Any) -> None:
    tl = flows.make(G, "meeting-cycle", year=2025)
    assert isinstance(tl, Timeline)
    order = [r.id for r in tl.rows]
    assert order.index("ambtelijk-vooroverleg") + 1 == order.index(
        "districtelijk-veiligheidscollege-flevoland"
    )
    assert order.index("ambtelijke-basisteamdriehoek") + 1 == order.index("basisteamdriehoek-dnu")
    root = ElementTree.fromstring(render_timeline(tl))
    assert len(list(root.iter(f"{SVG}circle"))) == 12 + 1  # meetings, and the legend's dot


@settings(max_examples=15, deadline=None)
@given(governance_policies(), st.integers(2000, 2100))
def test_every_flow_draws_any_policy(policy: ivb.Policy, year: int) -> None:
    G = build_graph(policy)
    drawings = [
        flows.make(G, "joint-themes"),
        flows.make(G, "preparation", body="gov-bestuurlijk"),
        flows.make(G, "escalation", start="gov-bestuurlijk"),
        flows.make(G, "authority", over="gov-politie"),
    ]
    for d in drawings:
        assert isinstance(d, Diagram)
        ElementTree.fromstring(render_svg(d))
    tl = flows.make(G, "meeting-cycle", year=year)
    assert isinstance(tl, Timeline)
    ElementTree.fromstring(render_timeline(tl))


def test_unknown_flows_and_ids_are_refused(G: Any) -> None:
    with pytest.raises(ValueError, match="unknown flow 'nope'"):
        flows.make(G, "nope")
    with pytest.raises(ValueError, match="no node 'nobody'"):
        flows.make(G, "authority", over="nobody")
    with pytest.raises(ValueError, match="is a theme"):
        flows.make(G, "authority", over="ondermijning")


def test_the_undocumented_check_names_each_missing_name() -> None:
    problems = apiref.undocumented("ivb.governance", documented=())
    assert (
        "ivb.governance.build_graph is in ivb.governance.__all__ but not in the API reference"
        in problems
    )
    assert len(problems) == len(__import__("ivb.governance").governance.__all__)
    everything = {f"ivb.model.{n}" for n in ivb.model.__all__}
    assert apiref.undocumented("ivb.model", everything) == []


def test_every_constant_has_its_comment() -> None:
    for package in ("ivb", "ivb.model", "ivb.governance", "ivb.indicators"):
        module = __import__(package, fromlist=["__all__"])
        for name in module.__all__:
            if apiref.kind_of(getattr(module, name)) == "data":
                assert apiref.data_doc(module, name), f"{package}.{name}"


def test_the_generated_references() -> None:
    text = formatref.markdown()
    assert "(format-theme)=" in text and "| `tier` | id of a tier | yes |" in text
    assert "| `leads` | list of ids, each of a municipality, role or body, no repeats |" in text
    assert "list of ids, each of a municipality, role, partner or body, no repeats" in text
    cli = clihelp.markdown()
    assert "## `ivb who-owns`" in cli and "usage: ivb who-owns" in cli
    assert "## `ivb migrate`" in cli and "--in-place" in cli
    pages = apiref.pages(["ivb"])
    assert ".. ivb-alias:: ivb.Policy" in pages["ivb.rst"]
