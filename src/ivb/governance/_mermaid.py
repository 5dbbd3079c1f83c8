"""Mermaid flowcharts of the graph, optionally with the data in comments so that they read back."""

from __future__ import annotations

import itertools
import json
import re
from typing import TYPE_CHECKING, Any

from ivb.governance._codec import encode_edge, encode_node, from_records, without_gc
from ivb.governance._errors import GraphFormatError
from ivb.governance._relations import NODE_COLOURS

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = ["MERMAID_MAX_EDGES", "MERMAID_MAX_TEXT_SIZE", "from_mermaid", "to_mermaid"]

_SHAPES = {
    "policy": ('(("', '"))'),
    "municipality": ('[["', '"]]'),
    "role": ('("', '")'),
    "partner": ('{{"', '"}}'),
    "body": ('["', '"]'),
    "theme": ('(["', '"])'),
    "speerpunt": ('(["', '"])'),
}
_STYLES = {kind: f"fill:{fill},stroke:{line}" for kind, (fill, line) in NODE_COLOURS.items()}
_GRAPH = "%% ivb:graph "
_NODE = "%% ivb:node "
_EDGE = "%% ivb:edge "


def _escape(text: str) -> str:
    return (
        text.replace("#", "#35;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("\n", " ")
    )


def _label(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _dumps(data: Any) -> str:
    # one line: json escapes newlines; '%%' inside the data is harmless on a comment line
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


#: Mermaid's default ``maxEdges``: a flowchart with this many edges or more is not drawn.
MERMAID_MAX_EDGES = 500
#: Mermaid's default ``maxTextSize``: a diagram text longer than this is not drawn.
MERMAID_MAX_TEXT_SIZE = 50_000


def to_mermaid(
    G: GovernanceGraph, *, direction: str = "LR", data: bool = False, check_limits: bool = True
) -> str:
    """The graph as a Mermaid flowchart, within Mermaid's default limits.

    Nodes are drawn by kind (municipalities as subroutines, roles rounded,
    partners as hexagons, bodies as boxes, themes and speerpunten as
    stadiums) and labelled with their (shortened) name; edges with their
    relation. By default the text is a plain diagram, which
    :func:`from_mermaid` reads back as names and relations only. With
    *data* each node and edge is also written as a ``%% ivb:`` comment line
    holding its attributes, so that :func:`from_mermaid` reads the graph back
    whole. For a readable diagram pass a small graph, e.g. :func:`governance_view`.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    direction:
        Flowchart direction: ``LR``, ``RL``, ``TB`` or ``BT``.
    data:
        Add the ``%% ivb:`` data lines for reading back.
    check_limits:
        Refuse a text that Mermaid would not draw with its default settings:
        :data:`MERMAID_MAX_EDGES` edges or more, or more than
        :data:`MERMAID_MAX_TEXT_SIZE` characters. Pass ``False`` for a text
        that is only to be read back.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If *direction* is not one of the four.
    GraphFormatError
        If *check_limits* and the diagram is past one of Mermaid's limits.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph, governance_view
    >>> G = build_graph(ivb.load())
    >>> text = to_mermaid(governance_view(G))
    >>> text.splitlines()[0], "%% ivb:" in text
    ('flowchart LR', False)
    >>> to_mermaid(G)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ivb.governance.GraphFormatError: Mermaid: 826 edges, but Mermaid draws fewer than 500 ...
    """
    if direction not in ("LR", "RL", "TB", "BT"):
        raise ValueError(f"direction: expected LR, RL, TB or BT, got {direction!r}")
    edges = G.number_of_edges()
    if check_limits and edges >= MERMAID_MAX_EDGES:
        raise GraphFormatError(
            f"Mermaid: {edges} edges, but Mermaid draws fewer than {MERMAID_MAX_EDGES} by "
            "default (maxEdges); export governance_view(G) or a smaller graph"
        )
    alias = {n: f"n{i}" for i, n in enumerate(G.nodes)}
    lines = [f"flowchart {direction}"]
    by_kind: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        kind = str(d.get("kind", ""))
        left, right = _SHAPES.get(kind, ('["', '"]'))
        lines.append(f"  {alias[n]}{left}{_escape(_label(str(d.get('name', n))))}{right}")
        if kind in _STYLES:
            by_kind.setdefault(kind, []).append(alias[n])
    for u, v, k, d in G.edges(keys=True, data=True):
        relation = _escape(str(d.get("relation", k)))
        modality = d.get("modality")
        if modality:
            # a possible or planned relation: a dotted arrow, its modality in the label
            relation += f" ({_escape(str(modality))})"
            lines.append(f'  {alias[u]} -.->|"{relation}"| {alias[v]}')
        else:
            lines.append(f'  {alias[u]} -->|"{relation}"| {alias[v]}')
    for kind, names in by_kind.items():
        lines.append(f"  classDef {kind} {_STYLES[kind]}")
        lines.append(f"  class {','.join(names)} {kind}")
    if data:
        lines.append(_GRAPH + _dumps({k: v for k, v in G.graph.items()}))
        for n, d in G.nodes(data=True):
            lines.append(_NODE + _dumps({"id": n, "alias": alias[n], "data": encode_node(d)}))
        for u, v, k, d in G.edges(keys=True, data=True):
            lines.append(
                _EDGE + _dumps({"source": u, "target": v, "key": k, "data": encode_edge(d)})
            )
    text = "\n".join(lines) + "\n"
    if check_limits and len(text) > MERMAID_MAX_TEXT_SIZE:
        hint = "leave out the data lines or " if data else ""
        raise GraphFormatError(
            f"Mermaid: {len(text):,} characters, but Mermaid draws at most "
            f"{MERMAID_MAX_TEXT_SIZE:,} by default (maxTextSize); {hint}export a smaller graph"
        )
    return text


_CLASS_LINE = re.compile(r"^class\s+([\w,]+)\s+(\w+);?$")
_NODE_LINE = re.compile(r'^\s*(\w+)\s*[\[({]+"?(.*?)"?[\])}]+\s*$')


def _unescape(text: str) -> str:
    return (
        text.replace("#quot;", '"').replace("#lt;", "<").replace("#gt;", ">").replace("#35;", "#")
    )


#: json's scanner of one value at an index (what json.loads runs, without its wrapping).
_SCAN: Any = getattr(json.JSONDecoder(), "scan_once")  # noqa: B009  (not in the stubs)


def _payload(line: str, prefix: str, number: int) -> dict[str, Any]:
    try:
        data, end = _SCAN(line, len(prefix))
    except (StopIteration, ValueError):
        end = -1
    if end != len(line):  # not one JSON value alone: json.loads reads it, or names the problem
        try:
            data = json.loads(line[len(prefix) :])
        except json.JSONDecodeError as exc:
            raise GraphFormatError(
                f"Mermaid line {number}: expected JSON after {prefix.strip()!r}, got {exc.msg}"
            ) from None
    if not isinstance(data, dict):
        raise GraphFormatError(
            f"Mermaid line {number}: expected a JSON object, got {type(data).__name__}"
        )
    return data


@without_gc
def from_mermaid(text: str) -> GovernanceGraph:
    """Read back a flowchart written by :func:`to_mermaid`.

    With its ``%% ivb:`` data lines (``to_mermaid(G, data=True)``) the graph
    comes back with every attribute. A flowchart without them (the plain
    default, or drawn by hand) reads too: its nodes, keyed by their Mermaid
    ids, get their label as ``name`` (and their ``class``, if it is a kind,
    as ``kind``), its edges their label as ``relation``.

    Parameters
    ----------
    text:
        Mermaid text.

    Returns
    -------
    GovernanceGraph

    Raises
    ------
    GraphFormatError
        If the text is no flowchart, or a data line is broken; names the line.

    Examples
    --------
    >>> G = from_mermaid('flowchart LR\\n  a["Ambtelijk"] -->|prepares| b\\n  b["Bestuurlijk"]')
    >>> list(G.edges(data="relation"))
    [('a', 'b', 'prepares')]
    """
    lines = text.splitlines()
    if not any(line.strip().startswith(("flowchart", "graph")) for line in lines):
        raise GraphFormatError("Mermaid: expected a 'flowchart' line, got none")
    graph: dict[str, Any] = {}
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, Any, dict[str, Any]]] = []
    has_data = False
    marker = _NODE[: _NODE.index(":") + 1]  # what every data line holds
    graph_head, node_head, edge_head = (p.strip() + " " for p in (_GRAPH, _NODE, _EDGE))
    for number, line in enumerate(lines, start=1):
        if marker not in line:
            continue
        stripped = line.strip()
        if stripped.startswith(edge_head):
            data = _payload(stripped, _EDGE, number)
            try:
                edges.append(
                    (str(data["source"]), str(data["target"]), data["key"], dict(data["data"]))
                )
            except (KeyError, TypeError, ValueError):
                raise GraphFormatError(
                    f"Mermaid line {number}: expected 'source', 'target', 'key' and 'data'"
                ) from None
            has_data = True
        elif stripped.startswith(graph_head):
            graph = _payload(stripped, _GRAPH, number)
            has_data = True
        elif stripped.startswith(node_head):
            data = _payload(stripped, _NODE, number)
            try:
                nodes.append((str(data["id"]), dict(data["data"])))
            except (KeyError, TypeError, ValueError):
                raise GraphFormatError(f"Mermaid line {number}: expected 'id' and 'data'") from None
            has_data = True
    if has_data:
        return from_records(graph, nodes, edges)
    return _from_drawing(lines)


def _from_drawing(lines: list[str]) -> GovernanceGraph:
    found: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, Any, dict[str, Any]]] = []
    counts: dict[tuple[str, str], int] = {}
    for raw in lines:
        line = raw.strip()
        kinds = _CLASS_LINE.match(line)
        if kinds and kinds.group(2) in _SHAPES:
            # 'class n1,n2 body': the kind that to_mermaid styles these nodes as
            for alias in kinds.group(1).split(","):
                if alias in found:
                    found[alias]["kind"] = kinds.group(2)
            continue
        if not line or line.startswith(("%%", "flowchart", "graph", "classDef", "class ", "style")):
            continue
        parts = re.split(r"\s*((?:-->|-\.->)\s*(?:\|[^|]*\|)?)\s*", line)
        if len(parts) == 1:
            m = _NODE_LINE.match(line)
            if m:
                found.setdefault(m.group(1), {})["name"] = _unescape(m.group(2))
            continue
        ends = parts[0::2]
        arrows = parts[1::2]
        names = []
        for end in ends:
            m = _NODE_LINE.match(end)
            name = m.group(1) if m else end.strip()
            if m:
                found.setdefault(name, {})["name"] = _unescape(m.group(2))
            else:
                found.setdefault(name, {})
            names.append(name)
        for (u, v), arrow in zip(itertools.pairwise(names), arrows, strict=True):
            label = re.search(r'\|"?(.*?)"?\|', arrow)
            key = counts.get((u, v), 0)
            counts[(u, v)] = key + 1
            data: dict[str, Any] = {}
            if label:
                relation, _, modality = _unescape(label.group(1)).partition(" (")
                data["relation"] = relation
                if modality.endswith(")") and arrow.startswith("-.->"):
                    data["modality"] = modality[:-1]
            edges.append((u, v, key, data))
    return from_records({}, list(found.items()), edges)
