"""Mermaid flowcharts of the graph, with the data in comments so that they read back."""

from __future__ import annotations

import itertools
import json
import re
from typing import TYPE_CHECKING, Any

from ivb.governance._codec import encode_edge, encode_node, from_records
from ivb.governance._errors import GraphFormatError

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = ["from_mermaid", "to_mermaid"]

_SHAPES = {
    "policy": ('(("', '"))'),
    "municipality": ('[["', '"]]'),
    "role": ('("', '")'),
    "partner": ('{{"', '"}}'),
    "body": ('["', '"]'),
    "theme": ('(["', '"])'),
    "speerpunt": ('(["', '"])'),
}
_STYLES = {
    "policy": "fill:#f2f2f2,stroke:#666",
    "municipality": "fill:#cfe2f3,stroke:#3d85c6",
    "role": "fill:#fff2cc,stroke:#bf9000",
    "partner": "fill:#d9ead3,stroke:#6aa84f",
    "body": "fill:#f4cccc,stroke:#cc0000",
    "theme": "fill:#d9d2e9,stroke:#674ea7",
    "speerpunt": "fill:#ead1dc,stroke:#a64d79",
}
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


def to_mermaid(G: GovernanceGraph, *, direction: str = "LR") -> str:
    """The graph as a Mermaid flowchart, with every attribute in comments.

    Nodes are drawn by kind (municipalities as subroutines, roles rounded,
    partners as hexagons, bodies as boxes, themes and speerpunten as
    stadiums) and labelled with their (shortened) name; edges with their
    relation. Each node and edge is also written as a ``%% ivb:`` comment
    line holding its data, so that :func:`from_mermaid` reads it back whole.
    For a readable diagram pass a small graph, e.g. :func:`governance_view`.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    direction:
        Flowchart direction: ``LR``, ``RL``, ``TB`` or ``BT``.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If *direction* is not one of the four.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph, governance_view
    >>> text = to_mermaid(governance_view(build_graph(ivb.load())))
    >>> text.splitlines()[0]
    'flowchart LR'
    """
    if direction not in ("LR", "RL", "TB", "BT"):
        raise ValueError(f"direction: expected LR, RL, TB or BT, got {direction!r}")
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
        lines.append(f'  {alias[u]} -->|"{relation}"| {alias[v]}')
    for kind, names in by_kind.items():
        lines.append(f"  classDef {kind} {_STYLES[kind]}")
        lines.append(f"  class {','.join(names)} {kind}")
    lines.append(_GRAPH + _dumps({k: v for k, v in G.graph.items()}))
    for n, d in G.nodes(data=True):
        lines.append(_NODE + _dumps({"id": n, "alias": alias[n], "data": encode_node(d)}))
    for u, v, k, d in G.edges(keys=True, data=True):
        lines.append(_EDGE + _dumps({"source": u, "target": v, "key": k, "data": encode_edge(d)}))
    return "\n".join(lines) + "\n"


_NODE_LINE = re.compile(r'^\s*(\w+)\s*[\[({]+"?(.*?)"?[\])}]+\s*$')


def _unescape(text: str) -> str:
    return (
        text.replace("#quot;", '"').replace("#lt;", "<").replace("#gt;", ">").replace("#35;", "#")
    )


def _payload(line: str, prefix: str, number: int) -> dict[str, Any]:
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


def from_mermaid(text: str) -> GovernanceGraph:
    """Read back a flowchart written by :func:`to_mermaid`, with every attribute.

    A flowchart without ``%% ivb:`` data lines (drawn by hand) reads too:
    its nodes get their label as ``name``, its edges their label as
    ``relation``.

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
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith(_GRAPH.strip() + " "):
            graph = _payload(stripped, _GRAPH, number)
            has_data = True
        elif stripped.startswith(_NODE.strip() + " "):
            data = _payload(stripped, _NODE, number)
            try:
                nodes.append((str(data["id"]), dict(data["data"])))
            except (KeyError, TypeError, ValueError):
                raise GraphFormatError(f"Mermaid line {number}: expected 'id' and 'data'") from None
            has_data = True
        elif stripped.startswith(_EDGE.strip() + " "):
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
    if has_data:
        return from_records(graph, nodes, edges)
    return _from_drawing(lines)


def _from_drawing(lines: list[str]) -> GovernanceGraph:
    found: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, Any, dict[str, Any]]] = []
    counts: dict[tuple[str, str], int] = {}
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("%%", "flowchart", "graph", "classDef", "class ", "style")):
            continue
        parts = re.split(r"\s*(-->\s*(?:\|[^|]*\|)?)\s*", line)
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
            edges.append((u, v, key, {"relation": _unescape(label.group(1))} if label else {}))
    return from_records({}, list(found.items()), edges)
