"""What each diagram of the documentation shows: its boxes, arrows and words.

Every ``ivb-diagram`` of the docs is drawn as the Sphinx extension draws it; the SVG is
read back and its boxes (a group titled with the node id, with the label as text), its
arrows (a path titled ``source relation target`` running from the source's box to the
target's) and its labels are compared with the graph and with the source text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

import ivb
from ivb.governance import build_graph

pytest.importorskip("sphinx", reason="the docs extension needs Sphinx (the test extra)")

DOCS = Path(__file__).resolve().parents[2] / "docs"
if str(DOCS / "_ext") not in sys.path:
    sys.path.insert(0, str(DOCS / "_ext"))

from ivb_sphinx import flows  # noqa: E402
from ivb_sphinx.svg import Diagram, render_svg  # noqa: E402
from ivb_sphinx.timeline import Timeline, render_timeline  # noqa: E402

S = "{http://www.w3.org/2000/svg}"
_DIRECTIVE = re.compile(r"```\{ivb-diagram\} (\S+)\n((?::\w+: .*\n)*)```")


def _docs_diagrams() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for page in sorted(DOCS.rglob("*.md")):
        for m in _DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            options: dict[str, Any] = {}
            for key, value in re.findall(r":(\w+): (.*)", m[2]):
                if key in ("also", "themes"):
                    options[key] = value.split()
                elif key == "year":
                    options[key] = int(value)
                elif key != "name":
                    options[key] = value.strip()
            out.append((page.relative_to(DOCS).as_posix(), m[1], options))
    return out


DIAGRAMS = _docs_diagrams()


@pytest.fixture(scope="module")
def G() -> Any:
    return build_graph(ivb.load())


def _shown(svg: str) -> tuple[dict[str, list[str]], dict[tuple[str, str, str], list[float]], str]:
    """Boxes (id -> texts), arrows ((source, relation, target) -> path numbers), all text."""
    root = ElementTree.fromstring(svg)
    boxes = {}
    for g in root.iter(f"{S}g"):
        title = g.find(f"{S}title")
        if title is not None and g.find(f"{S}rect") is not None:
            boxes[title.text or ""] = [t.text or "" for t in g.iter(f"{S}text")]
    arrows = {}
    for path in root.iter(f"{S}path"):
        title = path.find(f"{S}title")
        if title is not None:
            u, relation, v = (title.text or "").split(" ")
            arrows[u, relation, v] = [
                float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))
            ]
    words = " ".join(" ".join(t.itertext()) for t in root.iter(f"{S}text"))
    return boxes, arrows, words


def _notes(svg: str) -> dict[str, list[str]]:
    """The note of each box (id -> its lines, set in italics)."""
    root = ElementTree.fromstring(svg)
    out = {}
    for g in root.iter(f"{S}g"):
        title = g.find(f"{S}title")
        if title is not None and g.find(f"{S}rect") is not None:
            out[title.text or ""] = [
                t.text or "" for t in g.iter(f"{S}text") if t.get("font-style") == "italic"
            ]
    return out


def _box(svg: str, id: str) -> tuple[float, float, float, float]:
    root = ElementTree.fromstring(svg)
    for g in root.iter(f"{S}g"):
        title = g.find(f"{S}title")
        rect = g.find(f"{S}rect")
        if title is not None and title.text == id and rect is not None:
            return tuple(float(rect.get(k, "0")) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]
    raise AssertionError(f"no box {id}")


def test_the_docs_have_their_diagrams() -> None:
    assert sorted(flow for _, flow, _ in DIAGRAMS) == [
        "authority",
        "escalation",
        "joint-themes",
        "meeting-cycle",
        "preparation",
        "preparation",
    ]


@pytest.mark.parametrize(("page", "flow", "options"), DIAGRAMS, ids=lambda x: str(x))
def test_each_diagram_shows_its_nodes_and_edges(
    G: Any, page: str, flow: str, options: dict[str, Any]
) -> None:
    drawing = flows.make(G, flow, **options)
    if isinstance(drawing, Timeline):
        root = ElementTree.fromstring(render_timeline(drawing))
        words = " ".join(" ".join(t.itertext()) for t in root.iter(f"{S}text"))
        for row in drawing.rows:
            assert row.label in words
        meetings = sum(len(r.dates) for r in drawing.rows)
        assert len(list(root.iter(f"{S}circle"))) == meetings + 1  # and the legend's dot
        return
    assert isinstance(drawing, Diagram)
    svg = render_svg(drawing)
    boxes, arrows, _ = _shown(svg)
    notes = _notes(svg)
    assert set(boxes) == {n.id for n in drawing.nodes}
    for node in drawing.nodes:
        # the label and the note (each perhaps wrapped over lines) are written in the box
        texts, note = boxes[node.id], notes[node.id]
        assert " ".join(note) == (node.note or "")
        assert texts[len(texts) - len(note) :] == note
        texts = texts[: len(texts) - len(note)]
        assert " ".join(texts) == node.label
        assert G.has_node(node.id)
    drawn = {(e.source, e.relation, e.target) for e in drawing.edges if e.source != e.target}
    assert set(arrows) == drawn
    for (u, relation, v), numbers in arrows.items():
        # each arrow is an edge of the graph, and runs from its source's box to its target's
        assert G.has_edge(u, v) and any(
            d.get("relation", k) == relation or k == relation for k, d in G[u][v].items()
        )
        ux, uy, uw, uh = _box(svg, u)
        vx, vy, vw, vh = _box(svg, v)
        (x0, y0), (x1, y1) = numbers[:2], numbers[-2:]
        # on a side of the source's box, and at a side of the target's (where the arrowhead is)
        assert (x0 in (ux, ux + uw) and uy <= y0 <= uy + uh) or (
            y0 in (uy, uy + uh) and ux <= x0 <= ux + uw
        ), (u, relation, v)
        assert vx - 12 <= x1 <= vx + vw + 12 and vy - 12 <= y1 <= vy + vh + 12, (u, relation, v)


def _svg(G: Any, flow: str, **options: Any) -> str:
    drawing = flows.make(G, flow, **options)
    assert isinstance(drawing, Diagram)
    return render_svg(drawing)


def test_the_police_authority_diagram(G: Any) -> None:
    svg = _svg(G, "authority", over="politie-midden-nederland")
    boxes, arrows, words = _shown(svg)
    # "De burgemeester heeft het gezag over de politie ... openbare orde"; the officier van
    # justitie for "strafrechtelijke handhaving"
    assert {(u, v) for u, r, v in arrows if r == "has-authority-over"} == {
        ("burgemeester", "politie-midden-nederland"),
        ("officier-van-justitie", "politie-midden-nederland"),
    }
    assert "strafrechtelijke handhaving" in words
    assert "Politiewet 2012" in words
    assert " ".join(boxes["politie-midden-nederland"]).startswith("Politie Midden-Nederland")


def test_the_preparation_diagram_of_the_veiligheidscollege(G: Any) -> None:
    svg = _svg(G, "preparation", body="districtelijk-veiligheidscollege-flevoland")
    boxes, arrows, _ = _shown(svg)
    college = "districtelijk-veiligheidscollege-flevoland"
    assert set(arrows) == {
        ("ambtelijk-vooroverleg", "prepares", college),
        ("burgemeester-dronten", "member-of", college),
        ("burgemeester-noordoostpolder", "member-of", college),
        ("burgemeester-urk", "member-of", college),
        ("openbaar-ministerie", "member-of", college),
        ("politie-midden-nederland", "member-of", college),
    }
    # both meet "vier keer per jaar"
    assert boxes["ambtelijk-vooroverleg"] == ["Ambtelijk Vooroverleg", "ambtelijk · 4× a year"]
    assert boxes[college][-1] == "bestuurlijk · 4× a year"
    assert boxes["openbaar-ministerie"] == ["Openbaar Ministerie", "OM"]


def test_the_pga_escalation_diagram(G: Any) -> None:
    svg = _svg(
        G,
        "escalation",
        start="zorg-en-veiligheidstafel-urk",
        also=["pga", "regionale-pga-werkgroep", "pga-coordinatoren"],
    )
    _, arrows, _ = _shown(svg)
    # "kan opgeschaald worden naar het Zorg- en Veiligheidshuis Flevoland"
    assert (
        "zorg-en-veiligheidstafel-urk",
        "escalates-to",
        "zorg-en-veiligheidshuis-flevoland",
    ) in arrows


def test_the_joint_themes_diagram(G: Any) -> None:
    _, arrows, _ = _shown(_svg(G, "joint-themes"))
    # "Gemeente Dronten thema ondermijning, Gemeente Noordoostpolder thema cybercrime en
    # digitale veiligheid, Gemeente Urk thema maatschappelijke onrust"
    assert {(u, v) for u, r, v in arrows if r == "owns"} == {
        ("dronten", "ondermijning"),
        ("noordoostpolder", "cybercrime"),
        ("urk", "maatschappelijke-onrust"),
    }
