"""Edges of the readers of exported graphs: DOT ports and quoted punctuation, bare GraphML."""

from __future__ import annotations

import pytest

from ivb.governance import GraphFormatError, from_dot, from_graphml


def test_dot_with_a_port_is_refused_naming_the_line() -> None:
    with pytest.raises(GraphFormatError) as info:
        from_dot("digraph {\n  a:p1 -> b\n}")
    assert str(info.value) == "DOT line 2: ports (node:port) are not supported"


def test_a_quoted_equals_sign_is_a_name_not_the_punctuation() -> None:
    assert dict(from_dot('digraph { a [scope = "="] }').nodes["a"]) == {"scope": "="}
    with pytest.raises(GraphFormatError) as info:
        from_dot('digraph { a [scope "=" x] }')
    assert str(info.value) == "DOT line 1: expected '=', got '='"


GRAPHML = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    '<key id="d0" for="node" attr.type="string"/>'
    '<graph edgedefault="{default}">'
    '<node id="a"><data key="d0">Ambtelijk</data></node><node id="b"/>'
    '<edge source="a" target="b"/>'
    "</graph></graphml>"
)


def test_graphml_names_an_attribute_by_its_key_where_the_key_has_no_name() -> None:
    G = from_graphml(GRAPHML.format(default="directed"))
    assert dict(G.nodes["a"]) == {"d0": "Ambtelijk"}
    assert list(G.edges(keys=True)) == [("a", "b", 0)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GRAPHML.format(default="undirected"),
            "GraphML: expected edgedefault 'directed', got 'undirected'",
        ),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0"/></graphml>',
            "GraphML: expected a <graph> element, got none",
        ),
    ],
)
def test_graphml_that_is_no_directed_graph_is_refused(text: str, message: str) -> None:
    with pytest.raises(GraphFormatError) as info:
        from_graphml(text)
    assert str(info.value) == message
