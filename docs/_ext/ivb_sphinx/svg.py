"""A small pure-Python renderer of layered, left-to-right diagrams as SVG.

Meant for the governance flows of the documentation: a few to a few dozen
nodes. No Graphviz, no JavaScript, no fonts to fetch: the output is one
self-contained SVG text, the same for the same input.

Layout (after Sugiyama): break cycles, assign layers by longest path, put a
dummy node on every layer a long edge crosses, order each layer by the
barycentre of its neighbours (a few sweeps), stack the layers as columns,
and draw each edge as a smooth curve through its dummies.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from xml.sax.saxutils import escape

__all__ = [
    "EDGE_STYLES",
    "NODE_STYLES",
    "Diagram",
    "Edge",
    "EdgeStyle",
    "Node",
    "NodeStyle",
    "layout",
    "render_svg",
    "text_width",
    "wrap",
]

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
FONT_SIZE = 13.0
SMALL_SIZE = 10.5
LINE_HEIGHT = 16.0
SMALL_LINE = 13.0
PAD_X = 10.0
PAD_Y = 7.0
LAYER_GAP = 96.0
NODE_GAP = 18.0
MARGIN = 16.0
MAX_LABEL_CHARS = 26
LABEL_CHARS = 34
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
    """

    source: str
    target: str
    relation: str
    label: str | None = None
    also: tuple[str, ...] = ()


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
    "other": EdgeStyle("#777777", 1.2, None, "related"),
}

# Approximate advance widths (in em) of a sans-serif font, for box sizes.
_NARROW = set("iljtf.,:;'!|()[] ")
_WIDE = set("mwMW@")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated width in pixels of *text* set in the diagram font at *size*.

    >>> round(text_width("Urk"), 1)
    24.2
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


@dataclass
class _Box:
    id: str
    layer: int
    lines: list[str] = field(default_factory=list)
    note: str | None = None
    kind: str = "other"
    dummy: bool = False
    width: float = 0.0
    height: float = 0.0
    x: float = 0.0
    y: float = 0.0
    order: float = 0.0


@dataclass
class Layout:
    """Positions of the boxes, the routes of the edges and where their labels go."""

    boxes: dict[str, _Box]
    routes: list[tuple[Edge, list[tuple[float, float]]]]
    labels: list[tuple[float, float, float, float] | None]
    width: float
    height: float


def _label_size(label: str) -> tuple[float, float]:
    lines = wrap(label, LABEL_CHARS)
    return (
        math.ceil(max(text_width(line, SMALL_SIZE) for line in lines) + 10),
        SMALL_LINE * len(lines) + 4,
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


def layout(diagram: Diagram) -> Layout:
    """Place the boxes of *diagram* in columns and route its edges."""
    ids = [n.id for n in diagram.nodes]
    known = set(ids)
    edges = [
        e for e in diagram.edges if e.source in known and e.target in known and e.source != e.target
    ]
    back = _break_cycles(ids, edges)
    pairs = [
        (e.target, e.source) if k in back else (e.source, e.target) for k, e in enumerate(edges)
    ]
    # every other column is for the labels and bends of the edges: each edge gets a
    # dummy node there, and a labelled edge's label is one
    layer = {n: 2 * lay for n, lay in _layers(ids, pairs).items()}

    boxes: dict[str, _Box] = {}
    for n in diagram.nodes:
        lines = wrap(n.label)
        width = max(text_width(line) for line in lines)
        if n.note:
            width = max(width, text_width(n.note, SMALL_SIZE))
        height = len(lines) * LINE_HEIGHT + (SMALL_LINE if n.note else 0.0)
        boxes[n.id] = _Box(
            id=n.id,
            layer=layer[n.id],
            lines=lines,
            note=n.note,
            kind=n.kind,
            width=math.ceil(width + 2 * PAD_X),
            height=math.ceil(height + 2 * PAD_Y),
        )

    # chains of dummies for edges that span more than one layer; the middle dummy of a
    # labelled edge is as large as the label, which is drawn there
    chains: list[list[str]] = []
    label_at: dict[int, str] = {}
    for k, (u, v) in enumerate(pairs):
        chain = [u]
        span = list(range(layer[u] + 1, layer[v]))
        for lay in span:
            d = f"\0dummy{k}.{lay}"
            boxes[d] = _Box(id=d, layer=lay, dummy=True, width=0.0, height=DUMMY_HEIGHT)
            chain.append(d)
        if span and edges[k].label:
            mid = chain[1 + (len(span) - 1) // 2]
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

    gaps = [LAYER_GAP / 2] * n_layers
    x = MARGIN
    col_x: list[float] = []
    col_w: list[float] = []
    for c, col in enumerate(columns):
        width = max((boxes[b].width for b in col), default=0.0)
        col_x.append(x)
        col_w.append(width)
        x += width + gaps[c]
    total_w = x - (gaps[-1] if gaps else 0.0) + MARGIN

    def gap(a: _Box, b: _Box) -> float:
        return NODE_GAP if not (a.dummy and b.dummy) else DUMMY_GAP

    heights = [
        sum(boxes[b].height for b in col) + sum(gap(boxes[a], boxes[b]) for a, b in pairwise(col))
        for col in columns
    ]
    tallest = max(heights, default=0.0)
    for c, col in enumerate(columns):
        y = MARGIN + (tallest - heights[c]) / 2
        for i, bid in enumerate(col):
            b = boxes[bid]
            b.x = col_x[c] + (col_w[c] - b.width) / 2
            b.y = y
            if i + 1 < len(col):
                y += b.height + gap(b, boxes[col[i + 1]])
    total_h = tallest + 2 * MARGIN

    # routes: through the dummies, from the right side of a box to the left side of the next
    routes: list[tuple[Edge, list[tuple[float, float]]]] = []
    for k, e in enumerate(edges):
        chain = chains[k]
        points: list[tuple[float, float]] = []
        for i, bid in enumerate(chain):
            b = boxes[bid]
            cy = b.y + b.height / 2
            if b.dummy:
                points.append((b.x, cy))
                if b.width:
                    points.append((b.x + b.width, cy))
            elif i == 0:
                points.append((b.x + b.width, cy))
            else:
                points.append((b.x, cy))
        if k in back:
            points.reverse()
        routes.append((e, points))

    # spread the ends of the edges that meet on one side of a box
    ends: dict[tuple[str, int], list[tuple[float, int, int]]] = {}
    for k, (e, points) in enumerate(routes):
        first, last = (e.source, e.target)
        for which, box_id, nbr in ((0, first, points[1]), (-1, last, points[-2])):
            b = boxes[box_id]
            side = 0 if abs(points[which][0] - b.x) < 0.5 else 1
            ends.setdefault((box_id, side), []).append((nbr[1], k, which))
    for (box_id, _), group in ends.items():
        if len(group) < 2:
            continue
        b = boxes[box_id]
        group.sort()
        for i, (_, k, which) in enumerate(group):
            y = b.y + b.height * (0.2 + 0.6 * i / (len(group) - 1))
            points = routes[k][1]
            points[which] = (points[which][0], y)

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
    return Layout(boxes=boxes, routes=routes, labels=labels, width=total_w, height=total_h)


def _fmt(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path(points: Sequence[tuple[float, float]]) -> str:
    """A smooth path through *points* (horizontal tangents at each point)."""
    (x0, y0) = points[0]
    parts = [f"M{_fmt(x0)},{_fmt(y0)}"]
    for (xa, ya), (xb, yb) in pairwise(points):
        dx = (xb - xa) / 2
        parts.append(
            f"C{_fmt(xa + dx)},{_fmt(ya)} {_fmt(xb - dx)},{_fmt(yb)} {_fmt(xb)},{_fmt(yb)}"
        )
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


def render_svg(diagram: Diagram) -> str:
    """The diagram as a standalone SVG document (text).

    >>> d = Diagram("x", "Test", (Node("a", "A"), Node("b", "B")), (Edge("a", "b", "prepares"),))
    >>> svg = render_svg(d)
    >>> svg.startswith("<svg") and svg.count("<rect") >= 3
    True
    """
    lay = layout(diagram)
    relations = list(dict.fromkeys(e.relation for e, _ in lay.routes))
    kinds = list(dict.fromkeys(n.kind for n in diagram.nodes))
    legend_h = 0.0
    legend_items: list[tuple[str, str, str]] = []
    if diagram.legend:
        legend_items = [
            ("edge", r, EDGE_STYLES.get(r, EDGE_STYLES["other"]).caption or r) for r in relations
        ]
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
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        out.append(
            f'<path d="{_path(points)}" stroke="{style.colour}" '
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
        if b.note:
            out.append(
                f'<text x="{_fmt(cx)}" y="{_fmt(y - 2)}" font-size="{_fmt(SMALL_SIZE)}" '
                f'text-anchor="middle" fill="#555555" font-style="italic">{escape(b.note)}</text>'
            )
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
