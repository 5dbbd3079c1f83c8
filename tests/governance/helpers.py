"""Comparing graphs exactly: node order, attributes, edge keys and order."""

from __future__ import annotations

from typing import Any

import networkx as nx


def snapshot(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Everything of a graph, in order, as comparable data."""
    return {
        "graph": dict(G.graph),
        "nodes": [(n, dict(d)) for n, d in G.nodes(data=True)],
        "edges": [(u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)],
        "pred": {n: list(G.pred[n]) for n in G},
    }


def assert_same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    """*a* and *b* are equal in every attribute and every order."""
    sa, sb = snapshot(a), snapshot(b)
    assert sa["graph"] == sb["graph"]
    assert [n for n, _ in sa["nodes"]] == [n for n, _ in sb["nodes"]]
    for (n, da), (_, db) in zip(sa["nodes"], sb["nodes"], strict=True):
        assert da == db, n
    assert [e[:3] for e in sa["edges"]] == [e[:3] for e in sb["edges"]]
    assert sa["edges"] == sb["edges"]
    assert sa["pred"] == sb["pred"]
