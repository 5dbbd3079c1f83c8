"""Edges of ownership and of the readers: no lead stated, graphs without model objects."""

from __future__ import annotations

import pytest

import ivb
from ivb.governance import (
    GraphFormatError,
    build_graph,
    from_graphml,
    ownerships,
    to_graphml,
    to_mermaid,
)
from ivb.governance._core import _index

GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="kind" attr.type="string"/>
  <key id="d1" for="node" attr.name="flag" attr.type="boolean"/>
  <graph edgedefault="directed">
    <node id="a"><data key="d0">partner</data><data key="d1">0</data></node>
    <node id="b"><data key="d0">partner</data><data key="d1">1</data></node>
  </graph>
</graphml>
"""


def test_a_speerpunt_with_no_lead_stated_has_no_owner(mini_text: str) -> None:
    text = mini_text.replace(
        "    municipalities: [voorbeeld]\n    number: 1\n",
        "    municipalities: [voorbeeld]\n    no_lead: true\n    number: 1\n",
        1,
    )
    assert text != mini_text
    G = build_graph(ivb.loads(text))
    found = {o.id: o for o in ownerships(G)}
    assert (found["voorbeeld-jeugd"].no_lead, found["voorbeeld-jeugd"].owner) == (True, None)
    plain = {o.id: o for o in ownerships(build_graph(ivb.loads(mini_text)))}
    assert plain["voorbeeld-jeugd"].owner == "voorbeeld"


def test_ownerships_of_a_graph_without_model_objects() -> None:
    G = build_graph(ivb.load())
    bare = G.copy()
    for n in bare.nodes:
        bare.nodes[n].pop("obj", None)
    assert [(o.id, o.leads, o.owner, o.no_lead) for o in ownerships(bare)] == [
        (o.id, o.leads, o.owner, o.no_lead) for o in ownerships(G)
    ]


def test_the_index_of_an_unchanged_graph_is_made_once() -> None:
    G = build_graph(ivb.load())
    first = _index(G)
    assert _index(G) is first
    G.add_node("nieuw", kind="partner", name="Nieuw")
    assert _index(G) is not first


def test_graphml_booleans_may_be_written_as_digits() -> None:
    G = from_graphml(GRAPHML)
    assert (G.nodes["a"]["flag"], G.nodes["b"]["flag"]) == (False, True)


def test_graphml_with_a_reference_beyond_unicode_is_refused(mini_text: str) -> None:
    text = to_graphml(build_graph(ivb.loads(mini_text)))
    bad = text.replace("Jeugd en veiligheid</data>", "Jeugd &#x110000;</data>", 1)
    assert bad != text
    with pytest.raises(GraphFormatError, match="not well-formed XML"):
        from_graphml(bad)


def test_mermaid_data_lines_keep_non_ascii_text_readable(mini_text: str) -> None:
    text = to_mermaid(build_graph(ivb.loads(mini_text)), data=True)
    assert "één gemeente" in text
    assert "\\u00e9" not in text
