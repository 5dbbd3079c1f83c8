"""build_graph: every entity a node, every relation a typed edge; a snapshot of the graph."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

import ivb
from ivb.governance import (
    GOVERNANCE_RELATIONS,
    RELATIONS,
    PolicyInfo,
    build_graph,
    governance_view,
)
from ivb.governance._graph import _FIELDS
from ivb.model import KINDS, Policy, RoleKind, SourceRef
from ivb.model._base import field_refs
from tests.governance.helpers import assert_same_graph
from tests.strategies import governance_policies, policies

_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Node counts per kind of the bundled policy.
NODES = {
    "action": 105,
    "agenda": 8,
    "agenda-theme": 11,
    "body": 9,
    "document": 2,
    "figure": 32,
    "indicator": 30,
    "instrument": 37,
    "milestone": 6,
    "municipality": 3,
    "outside-region": 3,
    "partner": 73,
    "policy": 1,
    "principle-set": 1,
    "reference": 6,
    "region": 1,
    "role": 25,
    "session": 6,
    "speerpunt": 11,
    "statement": 18,
    "table": 2,
    "target": 4,
    "term": 20,
    "theme": 3,
    "tier": 2,
    "trend": 22,
    "trend-claim": 5,
}

#: Edge counts per relation of the bundled policy (counted from the data file's
#: reference fields: e.g. 53 participants of the process, the 53 of the appendix, who took
#: part in the themasessies; three councils with adopts_policy and controls_policy).
EDGES = {
    "about": 43,
    "addresses": 34,
    "adopts": 3,
    "agreed": 12,
    "aligns-with": 10,
    "applies": 54,
    "belongs-to": 28,
    "builds-on": 2,
    "carried-out-by": 170,
    "committed-to": 5,
    "concerns": 7,
    "controls": 3,
    "coordinates": 3,
    "counts-for": 9,
    "describes": 35,
    "drew-up": 4,
    "escalates-to": 1,
    "follows": 4,
    "has-authority-over": 2,
    "has-milestone": 6,
    "has-principle-set": 1,
    "has-subtarget": 3,
    "has-theme": 11,
    "held": 6,
    "holds-office": 9,
    "in-tier": 14,
    "includes": 3,
    "informs": 3,
    "involves": 3,
    "leads": 1,
    "measures": 4,
    "member-of": 14,
    "owns": 3,
    "prepares": 2,
    "prioritises": 11,
    "pursues": 105,
    "raised-in": 18,
    "runs": 20,
    "serves": 19,
    "sets": 4,
    "shares": 9,
    "through-body": 6,
    "took-part": 53,
    "uses": 29,
    "works-with": 40,
}


def test_snapshot_of_node_kinds(G: nx.MultiDiGraph) -> None:
    assert dict(Counter(kind for _, kind in G.nodes(data="kind"))) == NODES
    assert G.number_of_nodes() == sum(NODES.values()) == 446


def test_snapshot_of_edge_relations(G: nx.MultiDiGraph) -> None:
    assert dict(Counter(r for *_, r in G.edges(data="relation"))) == EDGES
    assert G.number_of_edges() == sum(EDGES.values()) == 826


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
        # every edge comes from a model field; none is inferred from names
        assert isinstance(d["field"], str) and d["field"]
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
    # "De drie gemeenteraden stellen ieder afzonderlijk dit IVB ... vast" and "De gemeenteraad
    # heeft tevens een controlerende taak": each council adopts the policy and controls its
    # execution; the text names no other object of the control (not the college, not the
    # burgemeester)
    for raad in ("gemeenteraad-dronten", "gemeenteraad-noordoostpolder", "gemeenteraad-urk"):
        assert has(raad, "adopts", "dnu-ivb-2024-2027")
        assert has(raad, "controls", "dnu-ivb-2024-2027")
        assert has(raad, "holds-office", "gemeenteraad")
    assert not has("gemeenteraad", "adopts", "dnu-ivb-2024-2027")
    assert not has("gemeenteraad-urk", "controls", "college-urk")
    assert not has("gemeenteraad-urk", "controls", "burgemeester-urk")
    # Zorg- en Veiligheidstafel Urk: "kan opgeschaald worden naar het Zorg- en
    # Veiligheidshuis Flevoland": a possible escalation
    assert has("zorg-en-veiligheidstafel-urk", "escalates-to", "zorg-en-veiligheidshuis-flevoland")
    edge = G.edges[
        "zorg-en-veiligheidstafel-urk", "zorg-en-veiligheidshuis-flevoland", "escalates-to"
    ]
    assert edge["modality"] == "possible"
    # the appendix lists the Zorg- en Veiligheidshuis among the themasessie participants
    assert has("zorg-en-veiligheidshuis-flevoland", "took-part", "themasessies")
    # "de zes Flevolandse burgemeesters": the three of the DNU, each its own role
    assert has("burgemeester-urk", "member-of", "districtelijk-veiligheidscollege-flevoland")
    assert not has("burgemeester", "member-of", "districtelijk-veiligheidscollege-flevoland")
    assert has("ondermijning", "aligns-with", "landelijke-veiligheidsagenda-2023-2026.mensenhandel")


def test_authority_edges_carry_scope_and_legal_basis(G: nx.MultiDiGraph) -> None:
    d = G.edges["burgemeester", "politie-midden-nederland", "has-authority-over"]
    assert "openbare orde" in d["scope"]
    # the Politiewet gives the gezag over the police; artikel 172 Gemeentewet the
    # responsibility for public order, which is the role's legal basis, not the authority's
    assert d["legal_basis"] == ("Politiewet 2012",)
    assert d["source_ref"].section == "[Rollen en overlegstructuren] > De burgemeester"
    ovj = G.edges["officier-van-justitie", "politie-midden-nederland", "has-authority-over"]
    assert ovj["scope"] == "strafrechtelijke handhaving"


def test_adopting_and_controlling_come_from_the_role_fields(
    dnu: Policy, G: nx.MultiDiGraph
) -> None:
    councils = ["gemeenteraad-dronten", "gemeenteraad-noordoostpolder", "gemeenteraad-urk"]
    assert [r.id for r in dnu.roles if r.adopts_policy] == councils
    assert [r.id for r in dnu.roles if r.controls_policy] == councils
    raad = dnu.get("gemeenteraad-urk")
    for relation, field in (("adopts", "adopts_policy"), ("controls", "controls_policy")):
        assert [(u, v) for u, v, r in G.edges(data="relation") if r == relation] == [
            (c, dnu.id) for c in councils
        ]
        d = G.edges["gemeenteraad-urk", dnu.id, relation]
        assert d["field"] == field
    # adopting cites the council's own source; controlling its own passage
    assert G.edges["gemeenteraad-urk", dnu.id, "adopts"]["source_ref"] == raad.source
    controls = G.edges["gemeenteraad-urk", dnu.id, "controls"]["source_ref"]
    assert controls.quote == "De gemeenteraad heeft tevens een controlerende taak."
    # the edges follow the council's other edges, in the order of the fields
    assert [k for _, _, k in G.out_edges("gemeenteraad-urk", keys=True)] == [
        "belongs-to",
        "holds-office",
        "adopts",
        "controls",
    ]


def test_names_do_not_make_a_gemeenteraad(dnu: Policy) -> None:
    """Only adopts_policy and controls_policy give the edges, whatever a role is called."""
    roles = []
    for role in dnu.roles:
        if role.adopts_policy or role.controls_policy:
            role = attrs.evolve(role, adopts_policy=False, controls_policy=False)
        elif role.id == "college-van-b-en-w":
            role = attrs.evolve(role, controls_policy=True)
        roles.append(role)
    raad = attrs.evolve(
        dnu.roles[0], id="de-raad", name="De raad", kind=RoleKind.COUNCIL, authority=()
    )
    # the citations of the councils' control go with it
    citations = tuple(c for c in dnu.citations if c.field != "controls_policy")
    G = build_graph(attrs.evolve(dnu, roles=(*roles, raad), citations=citations))
    edges = [(u, v, r) for u, v, r in G.edges(data="relation") if r in ("adopts", "controls")]
    assert edges == [("college-van-b-en-w", dnu.id, "controls")]
    assert G.edges["college-van-b-en-w", dnu.id, "controls"]["field"] == "controls_policy"


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
        G.nodes["cybercrime"]["obj"].leads = ("urk",)  # type: ignore[misc]
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
    # the model refuses such a policy, so no graph can be asked of it
    with pytest.raises(
        ivb.PolicyValidationError,
        match=r"id: expected a policy id that no entity uses, got 'dronten', which is also the "
        r"id at municipalities\[0\]\.id",
    ):
        attrs.evolve(dnu, id="dronten")


def test_governance_view(G: nx.MultiDiGraph) -> None:
    V = governance_view(G)
    kinds = Counter(k for _, k in V.nodes(data="kind"))
    assert kinds == {
        "municipality": 3,
        "role": 25,
        "partner": 73,
        "body": 9,
        "policy": 1,
        "theme": 3,
    }
    relations = Counter(r for *_, r in V.edges(data="relation"))
    assert set(relations) <= GOVERNANCE_RELATIONS
    # every governance relation among the actors, the joint themes and the policy of the
    # bundled graph; 'coordinates' the policy as a whole (ambtelijk and bestuurlijk)
    assert relations == {
        "shares": 9,
        "owns": 3,
        "member-of": 14,
        "has-authority-over": 2,
        "belongs-to": 28,
        "holds-office": 9,
        "adopts": 3,
        "controls": 3,
        "coordinates": 2,
        "informs": 3,
        "serves": 19,
        "prepares": 2,
        "escalates-to": 1,
    }
    assert V.number_of_nodes() == 114
    assert V.number_of_edges() == 98
    assert next(iter(V)) == "dnu-ivb-2024-2027"
    assert V.has_edge("gemeenteraad-urk", "dnu-ivb-2024-2027", "adopts")
    assert V.has_edge("gemeenteraad-urk", "dnu-ivb-2024-2027", "controls")
    assert not V.has_edge("belastingdienst", "dnu-ivb-2024-2027")  # took part: not governance
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


def test_governance_graph_alias_needs_no_networkx_at_run_time() -> None:
    code = (
        "import sys\n"
        "from ivb.governance import GovernanceGraph\n"
        "print(GovernanceGraph, 'networkx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["nx.MultiDiGraph[str]", "False"]


def test_governance_graph_alias_types_user_code(tmp_path: Path) -> None:
    """With types-networkx, the alias is a MultiDiGraph keyed by str for mypy."""
    snippet = tmp_path / "user.py"
    snippet.write_text(
        "from __future__ import annotations\n"
        "import ivb\n"
        "from ivb.governance import GovernanceGraph, build_graph, governance_view\n"
        "def view(G: GovernanceGraph) -> GovernanceGraph:\n"
        "    return governance_view(G)\n"
        "reveal_type(view(build_graph(ivb.load())))\n"
        "build_graph(ivb.load()).add_node(3)\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(snippet)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )
    lines = result.stdout.splitlines()
    # older mypy releases spell str as builtins.str
    assert any(
        'Revealed type is "networkx.classes.multidigraph.MultiDiGraph[str, ' in line
        or 'Revealed type is "networkx.classes.multidigraph.MultiDiGraph[builtins.str, ' in line
        for line in lines
    ), result.stdout + result.stderr
    # nodes are ids: an int node is a type error
    assert any(":7: error:" in line and "add_node" in line for line in lines), result.stdout
    assert len(lines) == 2, result.stdout


@_settings
@given(governance_policies())
def test_generated_policies_give_whole_graphs(policy: Policy) -> None:
    G = build_graph(policy)
    assert G.number_of_nodes() == len(policy.ids()) + 1
    relations = Counter(r for *_, r in G.edges(data="relation"))
    assert relations["prepares"] >= 1
    assert relations["escalates-to"] == 1
    assert relations["has-authority-over"] == 1
    assert relations["adopts"] == sum(r.adopts_policy for r in policy.roles) >= 1
    assert relations["controls"] == sum(r.controls_policy for r in policy.roles) >= 1
    flags = {"adopts": "adopts_policy", "controls": "controls_policy"}
    for u, v, d in G.edges(data=True):
        if d["relation"] in flags:
            assert v == policy.id
            assert d["field"] == flags[d["relation"]]
            assert getattr(policy.get(u), d["field"]) is True
    assert relations["took-part"] >= 1
    # one owns edge per lead, none for a priority without a lead
    leads = [(lead, p.id) for p in (*policy.themes, *policy.speerpunten) for lead in p.leads]
    assert relations["owns"] == len(leads)
    assert sorted((u, v) for u, v, r in G.edges(data="relation") if r == "owns") == sorted(leads)
    assert relations["prioritises"] == sum(len(s.municipalities) for s in policy.speerpunten)
    assert relations["has-theme"] == 1
    for u, v, _k in G.edges(keys=True):
        assert u in G and v in G


@_settings
@given(policies())
def test_every_body_membership_is_an_edge(policy: Policy) -> None:
    G = build_graph(policy)
    for body in policy.bodies:
        members = [u for u, _, r in G.in_edges(body.id, data="relation") if r == "member-of"]
        assert sorted(members) == sorted(body.members)


def _synthetic(n: int) -> Policy:
    from tests.scripts import load_script

    policy: Policy = load_script("benchmarks/bench_governance.py").synthetic_policy(n)
    return policy


@pytest.mark.parametrize("which", ["bundled", "mini", "national"])
def test_bulk_build_equals_the_edge_by_edge_build(which: str, dnu: Policy) -> None:
    from tests.governance.reference import reference_graph

    if which == "bundled":
        policy = dnu
    elif which == "mini":
        policy = ivb.load(Path(__file__).resolve().parents[1] / "fixtures" / "mini-ivb.yaml")
    else:
        policy = _synthetic(342)
    G = build_graph(policy)
    assert_same_graph(G, reference_graph(policy))
    assert G.number_of_edges() == reference_graph(policy).number_of_edges()
    if which == "national":
        assert (G.number_of_nodes(), G.number_of_edges()) == (11574, 40035)


def test_assemble_copies_and_merges() -> None:
    from ivb.governance._graph import assemble

    data = {"relation": "owns"}
    G = assemble([("a", {"kind": "x"}), ("a", {"name": "A"})], [("a", "b", "k", data)], {"t": 1})
    assert list(G.nodes(data=True)) == [("a", {"kind": "x", "name": "A"}), ("b", {})]
    assert G.graph == {"t": 1}
    G.edges["a", "b", "k"]["relation"] = "other"
    assert data == {"relation": "owns"}
    assert list(G.pred["b"]) == ["a"]
    with pytest.raises(ValueError, match="None cannot be a node"):
        assemble([(None, {})], [], {})  # type: ignore[list-item]
