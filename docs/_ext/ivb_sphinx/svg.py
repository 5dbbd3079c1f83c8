"""A small pure-Python renderer of layered, left-to-right diagrams as SVG.

Meant for the governance flows of the documentation: a few to a few dozen
nodes. No Graphviz, no JavaScript, no fonts to fetch: the output is one
self-contained SVG text, the same for the same input.

Layout (after Sugiyama): break cycles, assign layers by longest path, put a
dummy node on every layer a long edge crosses, order each layer by the
barycentre of its neighbours (a few sweeps), stack the layers as columns (or
as rows, for a diagram too wide for the text column), and draw each edge as a
smooth curve through its dummies. Edges bend only between the layers of boxes
and run straight beside the boxes of a layer, so no edge crosses a box that is
not one of its ends.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from xml.sax.saxutils import escape

__all__ = [
    "DERIVED_DASH",
    "DIRECTIONS",
    "EDGE_STYLES",
    "MAX_WIDTH",
    "MODAL_DASH",
    "NARROWER",
    "NODE_STYLES",
    "Diagram",
    "Edge",
    "EdgeStyle",
    "Layout",
    "Node",
    "NodeStyle",
    "curves",
    "layout",
    "render_svg",
    "text_width",
    "wrap",
]

#: The width in pixels of the text column of the documentation in a window 1280 pixels
#: wide (furo: 46em of 16 px); a diagram at most this wide is shown at its own size.
MAX_WIDTH = 736.0
#: The directions a diagram can run: left to right, or top to bottom.
DIRECTIONS = ("LR", "TB")

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
FONT_SIZE = 14.0
SMALL_SIZE = 12.0
LINE_HEIGHT = 18.0
SMALL_LINE = 15.0
PAD_X = 10.0
PAD_Y = 7.0
LAYER_GAP = 96.0
LAYER_GAP_TB = 56.0
NODE_GAP = 18.0
NODE_GAP_TB = 22.0
MARGIN = 16.0
MAX_LABEL_CHARS = 22
#: Narrower wrappings (label characters, note characters) tried in turn when a diagram
#: does not fit :data:`MAX_WIDTH` either way with labels wrapped at
#: :data:`MAX_LABEL_CHARS` and notes on one line.
NARROWER = ((MAX_LABEL_CHARS, 22), (18, 22), (14, 18))
LABEL_CHARS = 30
DUMMY_HEIGHT = 6.0
DUMMY_GAP = 6.0


@dataclass(frozen=True)
class Node:
    """A box: its id, its label (wrapped as needed), a kind (its colour) and a note."""

    id: str
    label: str
    kind: str = "other"
    note: str | None = None


@dataclass(frozen=True)
class Edge:
    """An arrow from *source* to *target*, styled by its relation, with an optional label.

    *also* names further relations between the same two nodes that the arrow stands for.
    A *derived* edge is drawn dotted, an edge with a *modality* (something that can
    happen, or is planned) dashed; the legend says so.
    """

    source: str
    target: str
    relation: str
    label: str | None = None
    also: tuple[str, ...] = ()
    #: ivb's reading rather than a statement of the source: drawn dotted.
    derived: bool = False
    #: ``"possible"`` (the source says it can happen) or ``"planned"``: drawn dashed.
    modality: str | None = None


@dataclass(frozen=True)
class Diagram:
    """What to draw: nodes in order, edges, a title and a one-line description (alt text)."""

    name: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    description: str = ""
    legend: bool = True


@dataclass(frozen=True)
class NodeStyle:
    fill: str
    stroke: str
    caption: str


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    width: float = 1.4
    dash: str | None = None
    caption: str = ""


#: Colours by node kind (light fills, the Okabe-Ito colours as outlines).
NODE_STYLES: Mapping[str, NodeStyle] = {
    "municipality": NodeStyle("#e6f0fa", "#0072b2", "municipality"),
    "role": NodeStyle("#fff2db", "#b87d00", "role"),
    "partner": NodeStyle("#e3f4ee", "#009e73", "partner"),
    "body": NodeStyle("#f7e6f0", "#b0588f", "consultation body"),
    "theme": NodeStyle("#fbe6da", "#d55e00", "joint theme"),
    "speerpunt": NodeStyle("#fbefe7", "#d55e00", "speerpunt"),
    "instrument": NodeStyle("#eeeeee", "#666666", "instrument"),
    "policy": NodeStyle("#ffffff", "#222222", "the policy"),
    "other": NodeStyle("#ffffff", "#888888", "other"),
}

#: Dash patterns that override a relation's: ivb's reading, and what can or will happen.
DERIVED_DASH = "1.5 3.5"
MODAL_DASH = "8 5"

#: Line styles by relation.
EDGE_STYLES: Mapping[str, EdgeStyle] = {
    "owns": EdgeStyle("#d55e00", 2.6, None, "is thematrekker of"),
    "shares": EdgeStyle("#8a8a8a", 1.3, "5 4", "shares"),
    "coordinates": EdgeStyle("#0072b2", 1.8, None, "coordinates"),
    "member-of": EdgeStyle("#555555", 1.3, None, "sits on"),
    "prepares": EdgeStyle("#b0588f", 2.6, None, "prepares"),
    "informs": EdgeStyle("#009e73", 1.6, "6 3", "informs and advises"),
    "escalates-to": EdgeStyle("#d55e00", 2.6, None, "escalates to"),
    "has-authority-over": EdgeStyle("#222222", 2.4, None, "has authority over"),
    "belongs-to": EdgeStyle("#9a9a9a", 1.2, "2 3", "belongs to"),
    "serves": EdgeStyle("#9a9a9a", 1.2, "2 3", "serves"),
    "runs": EdgeStyle("#b87d00", 1.6, None, "runs"),
    "leads": EdgeStyle("#0072b2", 1.8, None, "leads"),
    "other": EdgeStyle("#777777", 1.2, None, "related"),
}

# Approximate advance widths (in em) of a sans-serif font, for box sizes.
_NARROW = set("iljtf.,:;'!|()[] ")
_WIDE = set("mwMW@")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated width in pixels of *text* set in the diagram font at *size*.

    >>> round(text_width("Urk"), 1)
    26.0
    """
    total = 0.0
    for ch in text:
        if ch in _NARROW:
            total += 0.32
        elif ch in _WIDE:
            total += 0.92
        elif ch.isupper() or ch.isdigit():
            total += 0.70
        else:
            total += 0.58
    return total * size


def wrap(text: str, width: int = MAX_LABEL_CHARS) -> list[str]:
    """Break *text* into lines of at most about *width* characters, at spaces.

    >>> wrap("Districtelijk Veiligheidscollege Flevoland")
    ['Districtelijk', 'Veiligheidscollege', 'Flevoland']
    >>> wrap("Urk")
    ['Urk']
    """
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    # balance: avoid a long line followed by one short word
    return lines or [""]


def _wrap_note(note: str, width: int) -> list[str]:
    """Break a box's note into lines of about *width* characters, first at its " · ".

    >>> _wrap_note("bestuurlijk · 4× a year", 18)
    ['bestuurlijk ·', '4× a year']
    >>> _wrap_note("role · office", 18)
    ['role · office']
    """
    parts = note.split(" · ")
    lines: list[str] = []
    for i, part in enumerate(parts):
        tail = " ·" if i + 1 < len(parts) else ""
        if lines and len(f"{lines[-1]} {part}{tail}") <= width:
            lines[-1] = f"{lines[-1]} {part}{tail}"
        else:
            pieces = wrap(part, width)
            pieces[-1] += tail
            lines += pieces
    return lines


@dataclass
class _Box:
    id: str
    layer: int
    lines: list[str] = field(default_factory=list)
    note: str | None = None
    note_lines: list[str] = field(default_factory=list)
    kind: str = "other"
    dummy: bool = False
    width: float = 0.0
    height: float = 0.0
    x: float = 0.0
    y: float = 0.0
    order: float = 0.0


Point = tuple[float, float]
Curve = tuple[Point, Point, Point, Point]


@dataclass
class Layout:
    """Positions of the boxes, the routes of the edges and where their labels go.

    *direction* is ``"LR"`` (layers as columns, arrows left to right) or ``"TB"``
    (layers as rows, arrows top to bottom). Each route is a list of points; the
    edge is drawn as the smooth curve through them (:func:`curves`).
    """

    boxes: dict[str, _Box]
    routes: list[tuple[Edge, list[Point]]]
    labels: list[tuple[float, float, float, float] | None]
    width: float
    height: float
    direction: str = "LR"


def curves(points: Sequence[Point], direction: str = "LR") -> list[Curve]:
    """The cubic Bézier segments of the smooth curve through *points*.

    At every point the curve runs along the layer axis (horizontally for ``"LR"``,
    vertically for ``"TB"``), so that a segment between two points at the same height
    (or the same x for ``"TB"``) is straight.

    >>> curves([(0, 0), (10, 4)])
    [((0, 0), (5.0, 0), (5.0, 4), (10, 4))]
    """
    out: list[Curve] = []
    for (xa, ya), (xb, yb) in pairwise(points):
        if direction == "LR":
            d = (xb - xa) / 2
            out.append(((xa, ya), (xa + d, ya), (xb - d, yb), (xb, yb)))
        else:
            d = (yb - ya) / 2
            out.append(((xa, ya), (xa, ya + d), (xb, yb - d), (xb, yb)))
    return out


def _label_size(label: str) -> tuple[float, float]:
    lines = wrap(label, LABEL_CHARS)
    return (
        math.ceil(max(text_width(line, SMALL_SIZE) for line in lines) + 12),
        SMALL_LINE * len(lines) + 6,
    )


def _break_cycles(ids: Sequence[str], edges: Sequence[Edge]) -> set[int]:
    """Indices of edges to reverse so that the rest is acyclic (DFS back edges)."""
    out: dict[str, list[tuple[str, int]]] = {i: [] for i in ids}
    for k, e in enumerate(edges):
        out[e.source].append((e.target, k))
    state: dict[str, int] = {}
    back: set[int] = set()
    for root in ids:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, i = stack[-1]
            if i < len(out[node]):
                stack[-1] = (node, i + 1)
                nxt, k = out[node][i]
                s = state.get(nxt)
                if s is None:
                    state[nxt] = 1
                    stack.append((nxt, 0))
                elif s == 1:
                    back.add(k)
            else:
                state[node] = 2
                stack.pop()
    return back


def _layers(ids: Sequence[str], pairs: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering of an acyclic graph; sources move next to their successors."""
    preds: dict[str, list[str]] = {i: [] for i in ids}
    succ: dict[str, list[str]] = {i: [] for i in ids}
    for u, v in pairs:
        preds[v].append(u)
        succ[u].append(v)
    layer: dict[str, int] = {}
    remaining = {i: len(preds[i]) for i in ids}
    ready = [i for i in ids if not remaining[i]]
    while ready:
        n = ready.pop(0)
        layer[n] = max((layer[p] + 1 for p in preds[n]), default=0)
        for s in succ[n]:
            remaining[s] -= 1
            if not remaining[s]:
                ready.append(s)
    for n in reversed(ids):
        if not preds[n] and succ[n]:
            layer[n] = max(layer[n], min(layer[s] for s in succ[n]) - 1)
    return layer


def layout(diagram: Diagram, direction: str | None = None) -> Layout:
    """Place the boxes of *diagram* in layers and route its edges.

    *direction* ``"LR"`` draws the layers as columns, ``"TB"`` as rows; by default
    the diagram runs left to right if it is at most :data:`MAX_WIDTH` wide, and
    otherwise top to bottom if that fits. If neither fits, the labels and notes of
    the boxes are wrapped narrower (:data:`NARROWER`), each direction tried again;
    failing all, the narrowest layout is taken. (A diagram no wider than the text
    column is not scaled down there, so its text keeps its size.)
    """
    if direction is None:
        tried: list[Layout] = []
        for label_chars, note_chars in ((MAX_LABEL_CHARS, None), *NARROWER):
            for way in DIRECTIONS:
                lay = _layout(diagram, way, label_chars, note_chars)
                if lay.width <= MAX_WIDTH:
                    return lay
                tried.append(lay)
        return min(tried, key=lambda lay: lay.width)
    if direction not in DIRECTIONS:
        raise ValueError(f"direction: expected one of {', '.join(DIRECTIONS)}, got {direction!r}")
    return _layout(diagram, direction)


def _layout(
    diagram: Diagram,
    direction: str,
    label_chars: int = MAX_LABEL_CHARS,
    note_chars: int | None = None,
) -> Layout:
    """The layout in one *direction*, labels wrapped at *label_chars*, notes at
    *note_chars* characters (``None``: a note stays on one line)."""
    horizontal = direction == "LR"
    ids = [n.id for n in diagram.nodes]
    known = set(ids)
    edges = [
        e for e in diagram.edges if e.source in known and e.target in known and e.source != e.target
    ]
    back = _break_cycles(ids, edges)
    pairs = [
        (e.target, e.source) if k in back else (e.source, e.target) for k, e in enumerate(edges)
    ]
    # every other layer is for the labels and bends of the edges: each edge gets a
    # dummy node there, and a labelled edge's label is one
    layer = {n: 2 * lay for n, lay in _layers(ids, pairs).items()}

    boxes: dict[str, _Box] = {}
    for n in diagram.nodes:
        lines = wrap(n.label, label_chars)
        notes = (
            [] if not n.note else [n.note] if note_chars is None else _wrap_note(n.note, note_chars)
        )
        width = max(text_width(line) for line in lines)
        width = max([width, *(text_width(line, SMALL_SIZE) for line in notes)])
        height = len(lines) * LINE_HEIGHT + len(notes) * SMALL_LINE
        boxes[n.id] = _Box(
            id=n.id,
            layer=layer[n.id],
            lines=lines,
            note=n.note,
            note_lines=notes,
            kind=n.kind,
            width=math.ceil(width + 2 * PAD_X),
            height=math.ceil(height + 2 * PAD_Y),
        )

    def main(b: _Box) -> float:
        return b.width if horizontal else b.height

    def cross(b: _Box) -> float:
        return b.height if horizontal else b.width

    def low_main(b: _Box) -> float:
        return b.x if horizontal else b.y

    def low_cross(b: _Box) -> float:
        return b.y if horizontal else b.x

    def mid_cross(b: _Box) -> float:
        return low_cross(b) + cross(b) / 2

    # chains of dummies for edges that span more than one layer; the middle dummy of a
    # labelled edge is as large as the label, which is drawn there
    chains: list[list[str]] = []
    label_at: dict[int, str] = {}
    for k, (u, v) in enumerate(pairs):
        chain = [u]
        span = list(range(layer[u] + 1, layer[v]))
        for lay in span:
            d = f"\0dummy{k}.{lay}"
            size = (0.0, DUMMY_HEIGHT) if horizontal else (DUMMY_HEIGHT, 0.0)
            boxes[d] = _Box(id=d, layer=lay, dummy=True, width=size[0], height=size[1])
            chain.append(d)
        if span and edges[k].label:
            odd = [d for d in chain[1:] if boxes[d].layer % 2]
            mid = odd[(len(odd) - 1) // 2]
            w, h = _label_size(str(edges[k].label))
            boxes[mid].width, boxes[mid].height = w, h
            label_at[k] = mid
        chain.append(v)
        chains.append(chain)

    n_layers = max((b.layer for b in boxes.values()), default=-1) + 1
    columns: list[list[str]] = [[] for _ in range(n_layers)]
    for b in boxes.values():
        columns[b.layer].append(b.id)
    for col in columns:
        for i, bid in enumerate(col):
            boxes[bid].order = float(i)

    up: dict[str, list[str]] = {b: [] for b in boxes}
    down: dict[str, list[str]] = {b: [] for b in boxes}
    for chain in chains:
        for a, b in pairwise(chain):
            down[a].append(b)
            up[b].append(a)

    def sweep(cols: Iterable[list[str]], nbrs: Mapping[str, list[str]]) -> None:
        for col in cols:
            keyed = []
            for i, bid in enumerate(col):
                near = nbrs[bid]
                bary = sum(boxes[x].order for x in near) / len(near) if near else boxes[bid].order
                keyed.append((bary, i, bid))
            keyed.sort()
            col[:] = [bid for _, _, bid in keyed]
            for i, bid in enumerate(col):
                boxes[bid].order = float(i)

    for _ in range(4):
        sweep(columns[1:], up)
        sweep(reversed(columns[:-1]), down)

    layer_gap = (LAYER_GAP if horizontal else LAYER_GAP_TB) / 2
    node_gap = NODE_GAP if horizontal else NODE_GAP_TB
    at = MARGIN
    col_at: list[float] = []
    col_size: list[float] = []
    for col in columns:
        size = max((main(boxes[b]) for b in col), default=0.0)
        col_at.append(at)
        col_size.append(size)
        at += size + layer_gap
    total_main = at - (layer_gap if columns else 0.0) + MARGIN

    def gap(a: _Box, b: _Box) -> float:
        return node_gap if not (a.dummy and b.dummy) else DUMMY_GAP

    extents = [
        sum(cross(boxes[b]) for b in col) + sum(gap(boxes[a], boxes[b]) for a, b in pairwise(col))
        for col in columns
    ]
    widest = max(extents, default=0.0)
    for c, col in enumerate(columns):
        pos = MARGIN + (widest - extents[c]) / 2
        for i, bid in enumerate(col):
            b = boxes[bid]
            m = col_at[c] + (col_size[c] - main(b)) / 2
            b.x, b.y = (m, pos) if horizontal else (pos, m)
            if i + 1 < len(col):
                pos += cross(b) + gap(b, boxes[col[i + 1]])
    total_cross = widest + 2 * MARGIN

    # where the edges leave and enter the boxes: spread along the side, in the order
    # of what is at their other end
    ends: dict[tuple[str, int], list[tuple[float, int]]] = {}
    for k, chain in enumerate(chains):
        ends.setdefault((chain[0], 1), []).append((mid_cross(boxes[chain[1]]), k))
        ends.setdefault((chain[-1], 0), []).append((mid_cross(boxes[chain[-2]]), k))
    end_at: dict[tuple[int, int], float] = {}
    for (box_id, side), group in ends.items():
        b = boxes[box_id]
        group.sort()
        for i, (_, k) in enumerate(group):
            share = 0.5 if len(group) < 2 else 0.2 + 0.6 * i / (len(group) - 1)
            end_at[k, side] = low_cross(b) + cross(b) * share

    # routes: along the layer axis through each node layer (beside the boxes there,
    # never through them), bending only between the layers and in the label layers
    routes: list[tuple[Edge, list[Point]]] = []
    for k, e in enumerate(edges):
        chain = chains[k]
        points: list[tuple[float, float]] = []
        for i, bid in enumerate(chain):
            b = boxes[bid]
            start, end = col_at[b.layer], col_at[b.layer] + col_size[b.layer]
            if not b.dummy and i == 0:
                c = end_at[k, 1]
                points.append((low_main(b) + main(b), c))
                if low_main(b) + main(b) < end - 0.5:
                    points.append((end, c))
            elif not b.dummy:
                c = end_at[k, 0]
                if low_main(b) > start + 0.5:
                    points.append((start, c))
                points.append((low_main(b), c))
            elif b.layer % 2 == 0:
                points += [(start, mid_cross(b)), (end, mid_cross(b))]
            else:
                points.append((low_main(b), mid_cross(b)))
                if main(b):
                    points.append((low_main(b) + main(b), mid_cross(b)))
        if not horizontal:
            points = [(c, m) for m, c in points]
        if k in back:
            points.reverse()
        routes.append((e, points))

    labels: list[tuple[float, float, float, float] | None] = []
    for k, (e, points) in enumerate(routes):
        if not e.label:
            labels.append(None)
            continue
        w, h = _label_size(e.label)
        if k in label_at:
            d = boxes[label_at[k]]
            labels.append((d.x + d.width / 2, d.y + d.height / 2, w, h))
        else:
            (xa, ya), (xb, yb) = points[0], points[1]
            labels.append(((xa + xb) / 2, (ya + yb) / 2, w, h))
    width, height = (total_main, total_cross) if horizontal else (total_cross, total_main)
    return Layout(
        boxes=boxes, routes=routes, labels=labels, width=width, height=height, direction=direction
    )


def _fmt(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path(points: Sequence[Point], direction: str = "LR") -> str:
    """The SVG path data of the smooth curve through *points* (see :func:`curves`)."""
    (x0, y0) = points[0]
    parts = [f"M{_fmt(x0)},{_fmt(y0)}"]
    for _, (xa, ya), (xb, yb), (x1, y1) in curves(points, direction):
        parts.append(f"C{_fmt(xa)},{_fmt(ya)} {_fmt(xb)},{_fmt(yb)} {_fmt(x1)},{_fmt(y1)}")
    return " ".join(parts)


def _spread_labels(
    placed: list[tuple[float, float, float, float] | None],
) -> list[tuple[float, float, float, float] | None]:
    """Labels moved apart vertically where they would overlap."""
    placed = list(placed)
    for _ in range(30):
        moved = False
        for i in range(len(placed)):
            for j in range(i + 1, len(placed)):
                a, b = placed[i], placed[j]
                if a is None or b is None:
                    continue
                if abs(a[0] - b[0]) * 2 < a[2] + b[2] and abs(a[1] - b[1]) * 2 < a[3] + b[3]:
                    shift = ((a[3] + b[3]) / 2 - abs(a[1] - b[1])) / 2 + 0.5
                    sign = -1.0 if a[1] <= b[1] else 1.0
                    placed[i] = (a[0], a[1] + sign * shift, a[2], a[3])
                    placed[j] = (b[0], b[1] - sign * shift, b[2], b[3])
                    moved = True
        if not moved:
            break
    return placed


def render_svg(diagram: Diagram, direction: str | None = None) -> str:
    """The diagram as a standalone SVG document (text); *direction* as for :func:`layout`.

    >>> d = Diagram("x", "Test", (Node("a", "A"), Node("b", "B")), (Edge("a", "b", "prepares"),))
    >>> svg = render_svg(d)
    >>> svg.startswith("<svg") and svg.count("<rect") >= 3
    True
    """
    lay = layout(diagram, direction)
    relations = list(dict.fromkeys(e.relation for e, _ in lay.routes))
    kinds = list(dict.fromkeys(n.kind for n in diagram.nodes))
    legend_h = 0.0
    legend_items: list[tuple[str, str, str]] = []
    if diagram.legend:
        legend_items = [
            ("edge", r, EDGE_STYLES.get(r, EDGE_STYLES["other"]).caption or r) for r in relations
        ]
        if any(e.modality for e, _ in lay.routes):
            legend_items.append(("dash", MODAL_DASH, "can happen, or planned"))
        if any(e.derived for e, _ in lay.routes):
            legend_items.append(("dash", DERIVED_DASH, "derived by ivb, not stated"))
        legend_items += [
            ("node", k, NODE_STYLES.get(k, NODE_STYLES["other"]).caption) for k in kinds
        ]
    # legend rows: flow the items left to right, wrapping at the diagram width
    legend_rows: list[list[tuple[str, str, str, float]]] = [[]]
    row_w = 0.0
    avail = max(lay.width - 2 * MARGIN, 360.0)
    for item in legend_items:
        w = 34 + text_width(item[2], SMALL_SIZE) + 18
        if legend_rows[-1] and row_w + w > avail:
            legend_rows.append([])
            row_w = 0.0
        legend_rows[-1].append((*item, w))
        row_w += w
    if legend_items:
        legend_h = len(legend_rows) * 20.0 + 10.0
    width = max(lay.width, avail + 2 * MARGIN) if legend_items else lay.width
    height = lay.height + legend_h
    slug = "".join(ch if ch.isalnum() else "-" for ch in diagram.name)

    out: list[str] = []
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" height="{_fmt(height)}" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" role="img" '
        f'aria-labelledby="{slug}-title {slug}-desc" font-family="{escape(FONT)}">'
    )
    out.append(f'<title id="{slug}-title">{escape(diagram.title)}</title>')
    out.append(f'<desc id="{slug}-desc">{escape(diagram.description or diagram.title)}</desc>')
    out.append("<defs>")
    colours = sorted({EDGE_STYLES.get(r, EDGE_STYLES["other"]).colour for r in relations})
    for colour in colours:
        out.append(
            f'<marker id="{slug}-arrow-{colour[1:]}" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" '
            'orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(
        f'<rect x="0" y="0" width="{_fmt(width)}" height="{_fmt(height)}" rx="8" fill="#ffffff"/>'
    )

    # edges under the boxes
    out.append('<g fill="none">')
    for edge, points in lay.routes:
        style = EDGE_STYLES.get(edge.relation, EDGE_STYLES["other"])
        pattern = DERIVED_DASH if edge.derived else MODAL_DASH if edge.modality else style.dash
        dash = f' stroke-dasharray="{pattern}"' if pattern else ""
        out.append(
            f'<path d="{_path(points, lay.direction)}" stroke="{style.colour}" '
            f'stroke-width="{_fmt(style.width)}"{dash} '
            f'marker-end="url(#{slug}-arrow-{style.colour[1:]})">'
            f"<title>{escape(edge.source)} {escape(edge.relation)} {escape(edge.target)}</title>"
            "</path>"
        )
    out.append("</g>")

    # boxes
    for n in diagram.nodes:
        b = lay.boxes[n.id]
        style = NODE_STYLES.get(b.kind, NODE_STYLES["other"])
        out.append(f"<g><title>{escape(n.id)}</title>")
        out.append(
            f'<rect x="{_fmt(b.x)}" y="{_fmt(b.y)}" width="{_fmt(b.width)}" '
            f'height="{_fmt(b.height)}" rx="6" fill="{style.fill}" stroke="{style.stroke}" '
            'stroke-width="1.4"/>'
        )
        cx = b.x + b.width / 2
        y = b.y + PAD_Y + LINE_HEIGHT - 4
        for line in b.lines:
            out.append(
                f'<text x="{_fmt(cx)}" y="{_fmt(y)}" font-size="{_fmt(FONT_SIZE)}" '
                f'text-anchor="middle" fill="#1a1a1a">{escape(line)}</text>'
            )
            y += LINE_HEIGHT
        y -= 2
        for line in b.note_lines:
            out.append(
                f'<text x="{_fmt(cx)}" y="{_fmt(y)}" font-size="{_fmt(SMALL_SIZE)}" '
                f'text-anchor="middle" fill="#555555" font-style="italic">{escape(line)}</text>'
            )
            y += SMALL_LINE
        out.append("</g>")

    # edge labels on top
    for (edge, _), pos in zip(lay.routes, _spread_labels(lay.labels), strict=True):
        if pos is None or not edge.label:
            continue
        cx, cy, w, h = pos
        lines = wrap(edge.label, LABEL_CHARS)
        style = EDGE_STYLES.get(edge.relation, EDGE_STYLES["other"])
        out.append(
            f'<rect x="{_fmt(cx - w / 2)}" y="{_fmt(cy - h / 2)}" width="{_fmt(w)}" '
            f'height="{_fmt(h)}" rx="3" fill="#ffffff" fill-opacity="0.92" '
            f'stroke="{style.colour}" stroke-width="0.6"/>'
        )
        y = cy - h / 2 + 2 + SMALL_LINE - 3
        for line in lines:
            out.append(
                f'<text x="{_fmt(cx)}" y="{_fmt(y)}" '
                f'font-size="{_fmt(SMALL_SIZE)}" text-anchor="middle" fill="#222222">'
                f"{escape(line)}</text>"
            )
            y += SMALL_LINE

    # legend
    if legend_items:
        y = lay.height + 6
        for row in legend_rows:
            x = MARGIN
            for what, key, caption, w in row:
                cy = y + 7
                if what == "edge":
                    style = EDGE_STYLES.get(key, EDGE_STYLES["other"])
                    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
                    out.append(
                        f'<path d="M{_fmt(x)},{_fmt(cy)} L{_fmt(x + 26)},{_fmt(cy)}" '
                        f'stroke="{style.colour}" stroke-width="{_fmt(style.width)}"{dash} '
                        f'marker-end="url(#{slug}-arrow-{style.colour[1:]})" fill="none"/>'
                    )
                elif what == "dash":
                    out.append(
                        f'<path d="M{_fmt(x)},{_fmt(cy)} L{_fmt(x + 26)},{_fmt(cy)}" '
                        f'stroke="#444444" stroke-width="1.6" stroke-dasharray="{key}" '
                        'fill="none"/>'
                    )
                else:
                    ns = NODE_STYLES.get(key, NODE_STYLES["other"])
                    out.append(
                        f'<rect x="{_fmt(x + 4)}" y="{_fmt(cy - 6)}" width="20" height="12" '
                        f'rx="3" fill="{ns.fill}" stroke="{ns.stroke}" stroke-width="1.2"/>'
                    )
                out.append(
                    f'<text x="{_fmt(x + 34)}" y="{_fmt(cy + 4)}" font-size="{_fmt(SMALL_SIZE)}" '
                    f'fill="#333333">{escape(caption)}</text>'
                )
                x += w
            y += 20
    out.append("</svg>")
    return "\n".join(out) + "\n"
