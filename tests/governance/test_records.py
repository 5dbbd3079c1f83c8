"""Public result records: typed, pandas-free, one DataFrame the same way from each; lookups in
the graph; one row per fact."""

from __future__ import annotations

import pickle

import attrs
import pytest

import ivb
from ivb import AmbiguousNameError
from ivb.governance import (
    WORKS_WITH,
    AuthorityLink,
    ChainLink,
    GovernanceGraph,
    Ownership,
    Record,
    Records,
    Responsibility,
    UnknownNodeError,
    WrongKindError,
    alignment,
    alignment_links,
    authority_links,
    authority_over,
    build_graph,
    chain_links,
    escalation_path,
    members,
    ownerships,
    preparation_chain,
    resolve,
    responsibilities,
    responsibility_links,
    who_owns,
)
from ivb.indicators import ClaimCheck, TargetResult, evaluate_targets, verify_claims
from ivb.model import Action


@pytest.fixture(scope="module")
def G() -> GovernanceGraph:
    return build_graph(ivb.load())


def test_record_queries_give_records_and_their_frame_is_the_frame_query(
    G: GovernanceGraph,
) -> None:
    pairs = [
        (ownerships(G), who_owns(G), Ownership),
        (
            responsibility_links(G, "burgemeester"),
            responsibilities(G, "burgemeester"),
            Responsibility,
        ),
        (
            chain_links(G, "basisteamdriehoek-dnu"),
            preparation_chain(G, "basisteamdriehoek-dnu"),
            ChainLink,
        ),
        (
            authority_links(G, "politie-midden-nederland"),
            authority_over(G, "politie-midden-nederland"),
            AuthorityLink,
        ),
        (alignment_links(G, "ondermijning"), alignment(G, "ondermijning"), None),
    ]
    for records, frame, cls in pairs:
        assert isinstance(records, Records) and isinstance(records, tuple)
        assert records and all(isinstance(r, Record) for r in records)
        if cls is not None:
            assert records.of is cls
        assert records.to_frame().equals(frame)
        assert frame.columns.tolist() == [a.name for a in attrs.fields(records.of)]


def test_an_empty_result_keeps_its_columns(G: GovernanceGraph) -> None:
    empty = chain_links(G, "districtelijk-veiligheidscollege-flevoland")[:0]
    assert empty == ()
    records = Records((), of=ChainLink)
    assert records.to_frame().columns.tolist() == [
        "depth",
        "id",
        "kind",
        "name",
        "relation",
        "feeds",
        "basis",
    ]
    assert len(records.to_frame()) == 0


def test_one_record_as_a_frame_and_as_plain_data(G: GovernanceGraph) -> None:
    row = ownerships(G, ["ondermijning"])[0]
    frame = row.to_frame()
    assert frame.shape == (1, len(attrs.fields(Ownership)))
    assert frame.loc[0, "owner"] == "dronten"
    data = row.to_dict()
    assert data["leads"] == ("dronten",) and data["owner_name"] == "Dronten"


def test_indicator_results_are_records_too() -> None:
    policy = ivb.load()
    checks = verify_claims(policy)
    assert isinstance(checks, Records) and checks.of is ClaimCheck
    assert checks.to_frame().shape == (len(checks), len(attrs.fields(ClaimCheck)))
    assert checks[0].to_frame()["verdict"].tolist() == [checks[0].verdict]
    assert checks.to_dicts()[0]["verdict"] == checks[0].verdict.value
    results = evaluate_targets(policy)
    assert isinstance(results, Records) and results.of is TargetResult
    assert results.to_frame()["status"].tolist() == [r.status for r in results]


def test_records_pickle(G: GovernanceGraph) -> None:
    records = responsibility_links(G, "burgemeester")
    again = pickle.loads(pickle.dumps(records))
    assert again == records and again.of is Responsibility


def test_one_row_per_fact(G: GovernanceGraph) -> None:
    policy = ivb.load()
    actor = "politie-midden-nederland"
    links = responsibility_links(G, actor)
    pairs = [(r.relation, r.id) for r in links]
    assert len(pairs) == len(set(pairs))
    naming = [a.id for a in policy.actions if actor in a.actors or actor in a.partners]
    involved = [r for r in links if r.relation == "involved-in"]
    assert [r.id for r in involved] == naming
    assert len(responsibilities(G, actor)) == len(links)
    # the graph has one relation per action and actor (who carries an action out does not
    # also work with it); where a graph has two, the action is still one row naming both
    action = "urk-vuurwerk.controles-en-onderzoeken"
    assert actor in policy.get(action, Action).actors
    assert [r.detail for r in involved if r.id == action] == ["actors"]
    H = G.copy()
    H.add_edge(action, actor, key=WORKS_WITH, relation=WORKS_WITH, field="partners")
    twice = responsibility_links(H, actor)
    assert [(r.relation, r.id) for r in twice] == pairs
    assert [r.detail for r in twice if r.id == action] == ["actors, partners"]


def test_members_and_escalation_are_typed_model_objects(G: GovernanceGraph) -> None:
    seated = members(G, "districtelijk-veiligheidscollege-flevoland")
    assert [m.name for m in seated] == [
        "Burgemeester van Dronten",
        "Burgemeester van Noordoostpolder",
        "Burgemeester van Urk",
        "Openbaar Ministerie",
        "Politie Midden-Nederland",
    ]
    steps = escalation_path(G, "zorg-en-veiligheidstafel-urk")
    assert [(type(s).__name__, s.id) for s in steps] == [
        ("ConsultationBody", "zorg-en-veiligheidstafel-urk"),
        ("Partner", "zorg-en-veiligheidshuis-flevoland"),
    ]


def test_resolve_names_in_the_graph(G: GovernanceGraph) -> None:
    assert resolve(G, "Ondermijning") == "ondermijning"
    assert resolve(G, "Maatschappelijke onrust") == "maatschappelijke-onrust"
    assert resolve(G, "Evenementen", ("session",)) == "themasessie-evenementen"
    with pytest.raises(AmbiguousNameError, match=r"^name 'Polarisatie' is ambiguous: trend"):
        resolve(G, "Polarisatie")
    with pytest.raises(WrongKindError):
        resolve(G, "urk", ("theme", "speerpunt"))
    with pytest.raises(UnknownNodeError) as info:
        resolve(G, "politi")
    assert "politie-midden-nederland" in info.value.suggestions
