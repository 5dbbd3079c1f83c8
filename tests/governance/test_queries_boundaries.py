"""Graph queries at the edges the bundled policy does not reach on its own."""

from __future__ import annotations

import attrs
import pytest

import ivb
from ivb.governance import GraphFormatError, authority_over, build_graph, from_dot, partners_of
from ivb.model import Policy


def _with_coordinators(policy: Policy, id: str, *extra: str) -> Policy:
    """*policy* with *extra* added to the coordinators of theme or speerpunt *id*."""

    def add(x):  # type: ignore[no-untyped-def]
        return attrs.evolve(x, coordinators=(*x.coordinators, *extra)) if x.id == id else x

    return attrs.evolve(
        policy,
        themes=[add(t) for t in policy.themes],
        speerpunten=[add(s) for s in policy.speerpunten],
    )


def test_a_partner_that_coordinates_a_theme_is_one_of_its_partners() -> None:
    # The RIEC is a partner of the policy; made coordinator of ondermijning (which no
    # action of the theme names it in), it is listed after the partners of the actions.
    policy = _with_coordinators(ivb.load(), "ondermijning", "riec-midden-nederland")
    assert [p.id for p in partners_of(build_graph(policy), "ondermijning")] == [
        "veiligheidscoalitie-midden-nederland",
        "flevolandse-gemeenten",
        "provincie-flevoland",
        "riec-midden-nederland",
    ]


def test_a_coordinating_partner_of_a_speerpunt_without_partners() -> None:
    speerpunt = "noordoostpolder-veiligheidsbeleving"
    # coordinated by the municipality only: no partners
    assert partners_of(build_graph(ivb.load()), speerpunt) == ()
    policy = _with_coordinators(ivb.load(), speerpunt, "politie-midden-nederland")
    assert [p.id for p in partners_of(build_graph(policy), speerpunt)] == [
        "politie-midden-nederland"
    ]


def test_a_partner_both_involved_and_coordinating_is_listed_once() -> None:
    policy = _with_coordinators(ivb.load(), "cybercrime", "politie-midden-nederland")
    assert [p.id for p in partners_of(build_graph(policy), "cybercrime")] == [
        "politie-midden-nederland",
        "flevolandse-gemeenten",
    ]


def test_an_authority_edge_says_which_field_it_comes_from() -> None:
    G = build_graph(ivb.load())
    (data,) = G.get_edge_data("burgemeester", "politie-midden-nederland").values()
    # the burgemeester's gezag over de politie, from the Politiewet 2012
    assert data["relation"] == "has-authority-over"
    assert data["field"] == "authority"
    assert data["legal_basis"] == ("Politiewet 2012",)


def test_an_authority_edge_without_a_legal_basis_has_none() -> None:
    # a graph edited or read from elsewhere may carry no legal basis on an edge
    G = build_graph(ivb.load())
    for data in G.get_edge_data("burgemeester", "politie-midden-nederland").values():
        del data["legal_basis"]
    df = authority_over(G, "politie-midden-nederland")
    row = df[df.holder == "burgemeester"].iloc[0]
    assert tuple(row.legal_basis) == ()
    assert row.scope.startswith("Gezag over de politie")


def test_dot_errors_count_the_lines_of_multi_line_strings() -> None:
    text = 'digraph {\n  a [label="one\ntwo\nthree"];\n  b -> ;\n}'
    with pytest.raises(GraphFormatError, match=r"^DOT line 5: expected a name, got ';'$"):
        from_dot(text)
    with pytest.raises(GraphFormatError, match=r"^DOT line 4: expected a name, got ';'$"):
        from_dot("digraph {\n\n  a -> b;\n  c -> ;\n}")
