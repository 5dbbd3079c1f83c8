"""Graph queries at the edges the bundled policy does not reach on its own."""

from __future__ import annotations

import attrs

import ivb
from ivb.governance import build_graph, partners_of
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
