"""Stated or derived: each edge has its basis and its own passage; queries keep to the text."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ivb
from ivb.governance import (
    EDGE_BASIS,
    EDGE_MODALITY,
    EDGE_QUOTE,
    EDGE_REASON,
    EDGE_SOURCE_REF,
    RELATIONS,
    alignment,
    authority_over,
    build_graph,
    escalation_path,
    escalation_steps,
    governance_view,
    members,
    partners_of,
    preparation_chain,
    responsibilities,
    to_dot,
    to_mermaid,
)
from ivb.governance._core import is_stated
from ivb.governance._typing import GovernanceGraph
from ivb.model import Basis, Citation, Policy, SourceRef


@pytest.fixture(scope="module")
def policy() -> Policy:
    return ivb.load()


@pytest.fixture(scope="module")
def G(policy: Policy) -> GovernanceGraph:
    return build_graph(policy)


def _edges(G: GovernanceGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    yield from G.edges(data=True)


# -- the basis on every edge --------------------------------------------------


def test_every_edge_has_a_basis_and_a_place(G: GovernanceGraph) -> None:
    missing = [(u, d["relation"], v) for u, v, d in _edges(G) if EDGE_BASIS not in d]
    assert missing == []
    placeless = [
        (u, d["relation"], v)
        for u, v, d in _edges(G)
        if not isinstance(d.get(EDGE_SOURCE_REF), SourceRef) or not d[EDGE_SOURCE_REF].section
    ]
    assert placeless == []


def test_stated_only_keeps_no_fact_without_a_place(G: GovernanceGraph) -> None:
    """Done when: a stated-only reading returns no fact without a place in the source."""
    stated = [(u, v, d) for u, v, d in _edges(G) if is_stated(d)]
    assert stated
    for _, _, d in stated:
        ref = d[EDGE_SOURCE_REF]
        assert ref.basis is Basis.STATED and ref.document and ref.section


def test_every_derived_edge_gives_its_reasoning(G: GovernanceGraph) -> None:
    derived = [d for _, _, d in _edges(G) if not is_stated(d)]
    assert len(derived) == 19
    assert all(d[EDGE_SOURCE_REF].note for d in derived)


def test_basis_counts(G: GovernanceGraph) -> None:
    counts: dict[str, int] = {}
    for _, _, d in _edges(G):
        counts[d[EDGE_BASIS]] = counts.get(d[EDGE_BASIS], 0) + 1
    assert counts == {"stated": G.number_of_edges() - 19, "derived": 19}


def test_source_ref_checks_its_basis() -> None:
    with pytest.raises(ValueError, match="derived fact needs its reasoning"):
        SourceRef("ivb", "X", basis="derived")
    with pytest.raises(ValueError, match="at least two 'readings'"):
        SourceRef("ivb", "X", basis="ambiguous", readings=["een"])
    with pytest.raises(ValueError, match="only an ambiguous fact has readings"):
        SourceRef("ivb", "X", readings=["een", "twee"])
    ref = SourceRef("ivb", "X", basis="ambiguous", readings=["een", "twee"])
    assert ref.derived and not ref.stated


# -- queries can keep to the text -----------------------------------------------


def test_responsibilities_mark_and_drop_derived_rows(G: GovernanceGraph) -> None:
    df = responsibilities(G, "teams-veiligheid")
    assert df[["relation", "id", "basis"]].values.tolist() == [
        ["coordinates", "dnu-ivb-2024-2027", "stated"],
        ["member-of", "ambtelijke-basisteamdriehoek", "derived"],
        ["informs", "portefeuillehouders-oov", "stated"],
        ["informs", "basisteamchef", "stated"],
        ["informs", "officier-van-justitie", "stated"],
    ]
    stated = responsibilities(G, "teams-veiligheid", stated_only=True)
    assert "member-of" not in stated.relation.tolist()
    assert set(stated.basis) == {"stated"}


@pytest.mark.parametrize(
    "actor", ["basisteamchef", "officier-van-justitie", "portefeuillehouders-oov", "dronten"]
)
def test_stated_only_rows_are_all_stated(G: GovernanceGraph, actor: str) -> None:
    for df in (
        responsibilities(G, actor, stated_only=True),
        authority_over(G, actor, stated_only=True),
    ):
        assert set(df.basis) <= {"stated"}


def test_members_stated_only(G: GovernanceGraph) -> None:
    # "Basisteamdriehoek Dronten, Noordoostpolder en Urk": the text lists no members
    assert [m.id for m in members(G, "basisteamdriehoek-dnu")] == [
        "portefeuillehouders-oov",
        "officier-van-justitie",
        "basisteamchef",
    ]
    assert members(G, "basisteamdriehoek-dnu", stated_only=True) == ()
    assert [m.id for m in members(G, "ambtelijke-basisteamdriehoek", stated_only=True)] == []


def test_preparation_chain_has_the_teams_inform(G: GovernanceGraph) -> None:
    # "Zij [de teams Veiligheid] informeren en adviseren de portefeuillehouders, de
    # basisteamchef en de Officier van Justitie over relevante ontwikkelingen rond het IVB."
    chain = preparation_chain(G, "officier-van-justitie", stated_only=True)
    assert chain[["id", "relation", "basis"]].values.tolist() == [
        ["teams-veiligheid", "informs", "stated"]
    ]


def test_escalation_is_a_possibility(G: GovernanceGraph) -> None:
    # "... kan opgeschaald worden naar het Zorg- en Veiligheidshuis Flevoland."
    steps = escalation_steps(G, "zorg-en-veiligheidstafel-urk")
    assert steps[["id", "modality", "basis"]].values.tolist() == [
        ["zorg-en-veiligheidshuis-flevoland", "possible", "stated"]
    ]
    assert [x.id for x in escalation_path(G, "zorg-en-veiligheidstafel-urk", stated_only=True)] == [
        "zorg-en-veiligheidstafel-urk",
        "zorg-en-veiligheidshuis-flevoland",
    ]


def test_alignment_marks_the_per_theme_link_as_derived(G: GovernanceGraph) -> None:
    df = alignment(G, "cybercrime")
    assert set(df.basis) == {"derived"}
    assert alignment(G, "cybercrime", stated_only=True).empty
    stated = alignment(G, "ondermijning", stated_only=True)
    assert stated.relation.value_counts().to_dict() == {"follows": 4, "aligns-with": 3}


def test_partners_of_stated_only(G: GovernanceGraph) -> None:
    assert partners_of(G, "cybercrime", stated_only=True) == partners_of(G, "cybercrime")


# -- each edge cites its own passage ---------------------------------------------


def _terms(policy: Policy, ident: str) -> list[str]:
    """Words by which the source names the entity *ident* (or the policy)."""
    if ident == policy.id:
        return ["ivb", "veiligheidsbeleid"]
    obj = policy.get(ident)
    found = []
    for name in ("name", "abbreviation", "expansion", "term", "label", "text"):
        value = getattr(obj, name, None)
        if isinstance(value, str) and value:
            found.append(value)
    office = getattr(obj, "office", None)
    if office:
        found += _terms(policy, office)
    return [t.casefold() for t in found]


def _names_end(policy: Policy, ident: str, quote: str) -> bool:
    text = quote.casefold()
    return any(term in text for term in _terms(policy, ident))


def _cited(policy: Policy) -> Iterator[Citation]:
    yield from policy.citations


def test_citations_quote_both_ends_or_say_why(policy: Policy) -> None:
    missing = []
    for c in _cited(policy):
        if c.source.quote is None:
            assert c.source.basis is not Basis.STATED or c.reason, (c.holder, c.field, c.target)
            continue
        ends_named = _names_end(policy, c.holder, c.source.quote) and _names_end(
            policy, c.target, c.source.quote
        )
        if not ends_named and not c.reason:
            missing.append((c.holder, c.field, c.target))
    assert missing == []


def test_cited_edges_carry_their_own_passage(policy: Policy, G: GovernanceGraph) -> None:
    # the thematrekkers cite the division of the themes, not the theme chapters
    d = G.edges["dronten", "ondermijning", "owns"]
    assert d[EDGE_SOURCE_REF].section == "Gezamenlijke prioritering en lokale speerpunten"
    assert "Gemeente Dronten thema ondermijning" in d[EDGE_QUOTE]
    assert EDGE_REASON in d
    theme = policy.get("ondermijning")
    assert theme.source.section != d[EDGE_SOURCE_REF].section


def _seeds() -> Path | None:
    env = os.environ.get("IVB_SOURCE_DIR")
    if env:
        return Path(env)
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "seeds"
        if candidate.is_dir():
            return candidate
    return None


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ]", "", text.casefold())


def test_quotes_are_in_the_source_text(policy: Policy) -> None:
    """Each recorded quote occurs in the source document (up to OCR noise)."""
    seeds = _seeds()
    if seeds is None or not list(seeds.glob("000_*.txt")):
        pytest.skip("the source texts (shared/seeds) are not here")
    texts = {
        "ivb": _letters(next(seeds.glob("000_*.txt")).read_text("utf-8")),
        "raadssessie-2023-10-31": _letters(
            "".join(p.read_text("utf-8") for p in seeds.glob("002_*.txt"))
        ),
    }
    refs: list[SourceRef] = [c.source for c in policy.citations]
    refs += [
        e.source for e in policy.entities() if isinstance(getattr(e, "source", None), SourceRef)
    ]
    not_found = []
    for ref in refs:
        if ref.quote is None:
            continue
        quote = _letters(ref.quote)
        text = texts[ref.document]
        # OCR noise: accept a quote whose first or last 40 letters are found
        if quote not in text and quote[:40] not in text and quote[-40:] not in text:
            not_found.append(ref.quote)
    assert not_found == []


# -- one meaning per relation ----------------------------------------------------


def test_every_relation_has_one_documented_meaning(G: GovernanceGraph) -> None:
    meanings = list(RELATIONS.values())
    assert len(set(meanings)) == len(meanings)
    assert all(" -> " in m and ": " in m for m in meanings)
    used = {d["relation"] for _, _, d in _edges(G)}
    assert used <= set(RELATIONS)


def test_relations_are_documented_with_a_source_sentence() -> None:
    import ivb.governance._relations as rel

    text = Path(rel.__file__).read_text("utf-8")
    undocumented = []
    for name, value in vars(rel).items():
        if isinstance(value, str) and value in RELATIONS and name.isupper():
            m = re.search(rf"((?:^#:.*\n)+){name} = ", text, re.M)
            if m is None or " -> " not in m.group(1):
                undocumented.append(name)
    assert undocumented == []


def test_no_action_names_an_actor_twice(policy: Policy, G: GovernanceGraph) -> None:
    pairs: dict[tuple[str, str], list[str]] = {}
    for u, v, d in _edges(G):
        if d["relation"] in ("carried-out-by", "works-with"):
            pairs.setdefault((u, v), []).append(d["relation"])
    assert {k: r for k, r in pairs.items() if len(r) > 1} == {}


def test_uses_and_runs_never_both(G: GovernanceGraph) -> None:
    uses = {(u, v) for u, v, d in _edges(G) if d["relation"] == "uses"}
    runs = {(u, v) for u, v, d in _edges(G) if d["relation"] == "runs"}
    assert uses & runs == set()


def test_planned_instruments_carry_their_status(G: GovernanceGraph) -> None:
    # "Naar verwachting wordt het nieuwe horecaconvenant in 2024 gesloten."
    d = G.edges["urk", "horecaconvenant", "uses"]
    assert (d["status"], d[EDGE_MODALITY]) == ("planned", "planned")
    assert "2024" in d["timing"]
    assert not any(d["relation"] == "runs" for _, _, d in G.in_edges("horecaconvenant", data=True))
    # "het ontwikkelen van handelingskaders bij (online aangejaagde) ordeverstoringen"
    d = G.edges["urk", "handelingskaders-ordeverstoringen", "uses"]
    assert (d["status"], d[EDGE_MODALITY]) == ("to-be-explored", "planned")


def test_governance_view_keeps_shares_and_offices(G: GovernanceGraph) -> None:
    V = governance_view(G)
    kept = {d["relation"] for _, _, d in V.edges(data=True)}
    assert {"shares", "owns", "holds-office", "coordinates"} <= kept


def test_diagrams_draw_possible_escalation_dashed(G: GovernanceGraph) -> None:
    V = governance_view(G)
    dot = [line for line in to_dot(V).splitlines() if '"escalates-to (possible)"' in line]
    assert len(dot) == 1 and 'style="dashed"' in dot[0]
    mermaid = [line for line in to_mermaid(V, data=False).splitlines() if "escalates-to" in line]
    assert len(mermaid) == 1 and '-.->|"escalates-to (possible)"|' in mermaid[0]
