"""build_graph: every entity a node, every relation a typed edge; a snapshot of the graph."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

import ivb
from ivb.governance import (
    GOVERNANCE_RELATIONS,
    RELATIONS,
    GraphError,
    PolicyInfo,
    build_graph,
    governance_view,
)
from ivb.governance._graph import _FIELDS, is_council
from ivb.model import KINDS, Policy, SourceRef
from ivb.model._base import field_refs
from tests.strategies import governance_policies, policies

_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Node counts per kind of the bundled policy.
NODES = {
    "action": 105,
    "agenda": 7,
    "agenda-theme": 11,
    "body": 9,
    "document": 2,
    "figure": 32,
    "instrument": 37,
    "milestone": 6,
    "municipality": 3,
    "partner": 72,
    "policy": 1,
    "reference": 6,
    "region": 1,
    "role": 16,
    "speerpunt": 11,
    "statement": 18,
    "table": 2,
    "target": 4,
    "term": 20,
    "themasessie": 6,
    "theme": 3,
    "trend": 22,
}

#: Edge counts per relation of the bundled policy.
EDGES = {
    "addresses": 34,
    "adopts": 1,
    "agreed": 18,
    "aligns-with": 10,
    "belongs-to": 28,
    "builds-on": 6,
    "concerns": 40,
    "controls": 3,
    "coordinates": 19,
    "covers": 35,
    "escalates-to": 1,
    "has-authority-over": 2,
    "has-milestone": 6,
    "has-subtarget": 3,
    "held": 6,
    "includes": 3,
    "informs": 3,
    "involves": 280,
    "measures": 4,
    "member-of": 13,
    "owns": 3,
    "prepares": 2,
    "prioritises": 22,
    "pursues": 105,
    "raised-in": 18,
    "runs": 27,
    "serves": 19,
    "sets": 4,
    "shares": 9,
    "took-part-in-themasessies": 53,
    "uses": 47,
}


def test_snapshot_of_node_kinds(G: nx.MultiDiGraph) -> None:
    assert dict(Counter(kind for _, kind in G.nodes(data="kind"))) == NODES
    assert G.number_of_nodes() == sum(NODES.values()) == 394


def test_snapshot_of_edge_relations(G: nx.MultiDiGraph) -> None:
    assert dict(Counter(r for *_, r in G.edges(data="relation"))) == EDGES
    assert G.number_of_edges() == sum(EDGES.values()) == 824


def test_every_entity_is_a_node_with_its_model_object(dnu: Policy, G: nx.MultiDiGraph) -> None:
    assert next(iter(G)) == dnu.id
    assert list(G)[1:] == list(dnu.ids())
    for ident in dnu.ids():
        data = G.nodes[ident]
        assert data["obj"] is dnu.get(ident)
        assert data["kind"] == dnu.kind_of(ident)
        assert isinstance(data["name"], str) and data["name"]
    assert G.nodes[dnu.id]["obj"] == PolicyInfo(
        id=dnu.id, title=dnu.title, period=dnu.period, summary=dnu.summary
    )
    assert G.graph == {
        "policy": "dnu-ivb-2024-2027",
        "title": "Integraal Veiligheidsbeleid 2024-2027",
    }


def test_every_edge_is_typed_with_a_documented_relation(G: nx.MultiDiGraph) -> None:
    for _u, _v, k, d in G.edges(keys=True, data=True):
        assert d["relation"] in RELATIONS
        assert k == d["relation"] or k.startswith(d["relation"] + "-")
        assert isinstance(d["field"], str)
        assert isinstance(d["source_ref"], SourceRef)


def test_every_reference_field_of_the_model_becomes_edges() -> None:
    """A new reference field in the model must be given a relation (or fail here)."""
    handled_elsewhere = {("Role", "authority"), ("Table", "rows"), ("Table", "stated_totals")}
    for cls in KINDS:
        for a in attrs.fields(cls):
            if field_refs(a) and a.name != "source":
                listed = {f for f, _, _ in _FIELDS.get(cls, ())}
                assert a.name in listed or (cls.__name__, a.name) in handled_elsewhere, (
                    f"{cls.__name__}.{a.name} has no relation"
                )


def test_key_relations_from_the_source_text(G: nx.MultiDiGraph) -> None:
    def has(u: str, relation: str, v: str) -> bool:
        return any(d["relation"] == relation for d in G.get_edge_data(u, v, default={}).values())

    # "De verdeling van de thema's": Dronten ondermijning, NOP cybercrime,
    # Urk maatschappelijke onrust
    assert has("dronten", "owns", "ondermijning")
    assert has("noordoostpolder", "owns", "cybercrime")
    assert has("urk", "owns", "maatschappelijke-onrust")
    # "Het ambtelijk vooroverleg bereidt het Districtelijk Veiligheidscollege Flevoland voor."
    assert has("ambtelijk-vooroverleg", "prepares", "districtelijk-veiligheidscollege-flevoland")
    # "De ambtelijke basisteamdriehoek bereidt de bestuurlijke basisteamdriehoek DNU voor."
    assert has("ambtelijke-basisteamdriehoek", "prepares", "basisteamdriehoek-dnu")
    # Politiewet: the burgemeester has authority over the police for public order
    assert has("burgemeester", "has-authority-over", "politie-midden-nederland")
    # "De Officier van Justitie heeft het gezag over de strafrechtelijke handhaving."
    assert has("officier-van-justitie", "has-authority-over", "politie-midden-nederland")
    # "De gemeenteraad stelt eens in de vier jaar het IVB ... vast" and "controlerende taak"
    assert has("gemeenteraad", "adopts", "dnu-ivb-2024-2027")
    assert has("gemeenteraad", "controls", "college-van-b-en-w")
    # Zorg- en Veiligheidstafel Urk: "opgeschaald ... naar het Zorg- en Veiligheidshuis Flevoland"
    assert has("zorg-en-veiligheidstafel-urk", "escalates-to", "zorg-en-veiligheidshuis-flevoland")
    # the appendix lists the Zorg- en Veiligheidshuis among the themasessie participants
    assert has(
        "zorg-en-veiligheidshuis-flevoland", "took-part-in-themasessies", "dnu-ivb-2024-2027"
    )
    assert has("burgemeester", "member-of", "districtelijk-veiligheidscollege-flevoland")
    assert has("ondermijning", "aligns-with", "landelijke-veiligheidsagenda-2023-2026.mensenhandel")


def test_authority_edges_carry_scope_and_legal_basis(G: nx.MultiDiGraph) -> None:
    d = G.edges["burgemeester", "politie-midden-nederland", "has-authority-over"]
    assert "openbare orde" in d["scope"]
    assert d["legal_basis"] == ("Politiewet 2012", "Gemeentewet, artikel 172")
    assert d["source_ref"].section == "[Rollen en overlegstructuren] > De burgemeester"
    ovj = G.edges["officier-van-justitie", "politie-midden-nederland", "has-authority-over"]
    assert ovj["scope"] == "strafrechtelijke handhaving"


def test_council_detection(dnu: Policy) -> None:
    councils = [r.id for r in dnu.roles if is_council(r)]
    assert councils == ["gemeenteraad"]


def test_graph_cannot_corrupt_the_cached_policy(dnu: Policy) -> None:
    before = ivb.dumps(dnu)
    G = build_graph(dnu)
    G.nodes["ondermijning"]["kind"] = "vandalised"
    G.nodes["ondermijning"]["name"] = "x"
    G.graph["policy"] = "x"
    G.remove_node("dronten")
    G.add_edge("urk", "cybercrime", relation="owns")
    next(iter(G.edges(data=True)))[2]["relation"] = "x"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        G.nodes["cybercrime"]["obj"].owner = "urk"  # type: ignore[misc]
    assert ivb.load() is dnu
    assert ivb.dumps(ivb.load()) == before
    fresh = build_graph(ivb.load())
    assert fresh.nodes["ondermijning"]["kind"] == "theme"
    assert "dronten" in fresh
    assert fresh.graph["policy"] == dnu.id


def test_two_builds_are_equal_and_independent(dnu: Policy) -> None:
    a, b = build_graph(dnu), build_graph(dnu)
    assert a is not b
    assert nx.utils.graphs_equal(a, b)
    a.nodes["urk"]["name"] = "changed"
    assert b.nodes["urk"]["name"] == "Urk"


def test_policy_id_may_not_be_an_entity_id(dnu: Policy) -> None:
    clash = attrs.evolve(dnu, id="dronten")
    with pytest.raises(GraphError, match="policy id 'dronten' is also the id of a municipality"):
        build_graph(clash)


def test_governance_view(G: nx.MultiDiGraph) -> None:
    V = governance_view(G)
    assert {k for _, k in V.nodes(data="kind")} == {"municipality", "role", "partner", "body"}
    assert {r for *_, r in V.edges(data="relation")} <= GOVERNANCE_RELATIONS
    assert V.has_edge("ambtelijk-vooroverleg", "districtelijk-veiligheidscollege-flevoland")
    V.nodes["urk"]["name"] = "changed"
    assert G.nodes["urk"]["name"] == "Urk"


def test_importing_ivb_imports_neither_networkx_nor_pandas() -> None:
    code = "import sys, ivb; print('networkx' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_importing_ivb_governance_does_not_import_pandas() -> None:
    code = (
        "import sys, ivb\n"
        "from ivb.governance import build_graph, owner_of\n"
        "G = build_graph(ivb.load())\n"
        "print(owner_of(G, 'ondermijning').id, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["dronten", "False"]


@_settings
@given(governance_policies())
def test_generated_policies_give_whole_graphs(policy: Policy) -> None:
    G = build_graph(policy)
    assert G.number_of_nodes() == len(policy.ids()) + 1
    relations = Counter(r for *_, r in G.edges(data="relation"))
    assert relations["prepares"] >= 1
    assert relations["escalates-to"] == 1
    assert relations["has-authority-over"] == 1
    assert relations["adopts"] == 1
    assert relations["took-part-in-themasessies"] >= 1
    assert relations["owns"] == len(policy.themes)
    assert relations["prioritises"] == len(policy.speerpunten) + 1  # + the agenda's theme
    for u, v, _k in G.edges(keys=True):
        assert u in G and v in G


@_settings
@given(policies())
def test_every_body_membership_is_an_edge(policy: Policy) -> None:
    G = build_graph(policy)
    for body in policy.bodies:
        members = [u for u, _, r in G.in_edges(body.id, data="relation") if r == "member-of"]
        assert sorted(members) == sorted(body.members)
