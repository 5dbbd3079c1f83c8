"""Exporting the governance graph for Gephi (or yEd, Cytoscape, networkx) as GraphML.

Every entity of the bundled policy is a node with a ``kind`` (theme, body,
role, ...) and every relation an edge with a ``relation`` (owns, prepares,
member-of, ...). This example writes the whole graph as GraphML, reads the
file back with ivb (``from_graphml``, which restores the model objects) and
with plain networkx (as any GraphML tool reads it), and prints the number of
nodes per kind and edges per relation, so that you know what to filter on in
Gephi (Appearance: colour nodes by ``kind``; Filters: edges by ``relation``).
Gephi labels the nodes with their name and the edges with their relation (the
``label`` key).

The same from the command line::

    ivb export --format graphml -o dnu-ivb-2024-2027.graphml

Usage::

    python examples/export_for_gephi.py [OUTPUT.graphml]

Without an argument the file goes to a temporary folder that is removed
afterwards.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import networkx as nx

import ivb
from ivb.governance import RELATIONS, build_graph, from_graphml, governance_view, to_graphml


def export(path: Path) -> None:
    """Write the graph of the bundled policy to *path* and report what it holds."""
    policy = ivb.load()
    G = build_graph(policy)
    path.write_text(to_graphml(G), encoding="utf-8")
    print(f"Wrote {path.name}: the governance graph of {policy.title}")
    print()

    H = from_graphml(path.read_text(encoding="utf-8"))
    same = (
        list(H.nodes) == list(G.nodes)
        and list(H.edges(keys=True)) == list(G.edges(keys=True))
        and all(H.nodes[n]["obj"] == G.nodes[n]["obj"] for n in G)
    )
    print(f"Read back with ivb.governance.from_graphml: same nodes, edges and objects: {same}")
    plain = nx.read_graphml(path)
    print(
        f"Read back with networkx.read_graphml: {plain.number_of_nodes()} nodes, "
        f"{plain.number_of_edges()} edges; node attributes: "
        f"{', '.join(sorted({a for _, d in plain.nodes(data=True) for a in d}))}"
    )
    print()

    kinds = Counter(str(H.nodes[node]["kind"]) for node in H)
    print(f"Nodes per kind ({H.number_of_nodes()} in all):")
    for kind, n in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {kind:<14} {n:>4}")
    print()

    relations = Counter(str(H.edges[edge]["relation"]) for edge in H.edges(keys=True))
    print(f"Edges per relation ({H.number_of_edges()} in all):")
    for relation, n in sorted(relations.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {relation:<26} {n:>4}  {RELATIONS[relation]}")
    print()

    V = governance_view(G)
    print(
        f"The governance view alone (actors and their relations, for a smaller picture): "
        f"{V.number_of_nodes()} nodes, {V.number_of_edges()} edges"
    )


def main() -> None:
    if len(sys.argv) > 1:
        export(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory(prefix="ivb-gephi-") as tmp:
        export(Path(tmp) / "dnu-ivb-2024-2027.graphml")


if __name__ == "__main__":
    main()
