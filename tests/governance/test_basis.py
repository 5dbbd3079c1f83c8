"""Stated or derived: each edge has its basis and its own passage; queries keep to the text."""

from __future__ import annotations

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
from ivb.model import Basis, Citation, Policy, SourceRef, Table

from . import passages


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
    assert len(derived) == 48
    assert all(d[EDGE_SOURCE_REF].note or d[EDGE_SOURCE_REF].readings for d in derived)


def test_basis_counts(G: GovernanceGraph) -> None:
    counts: dict[str, int] = {}
    for _, _, d in _edges(G):
        counts[d[EDGE_BASIS]] = counts.get(d[EDGE_BASIS], 0) + 1
    assert counts == {"stated": G.number_of_edges() - 48, "derived": 47, "ambiguous": 1}


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

#: Fields whose text names the entity in the source.
_NAME_FIELDS = (
    "name",
    "topic",
    "abbreviation",
    "expansion",
    "term",
    "label",
    "title",
    "caption",
    "text",
    "statement",
    "quote",
)


def _split(term: str) -> list[str]:
    """*term*, and for 'X (Y)' also X and Y ("Persoonsgerichte aanpak (PGA)")."""
    m = re.fullmatch(r"(.+?)\s*\((.+)\)\s*", term)
    return [term] if m is None else [term, m.group(1), m.group(2)]


def _terms(policy: Policy, ident: str) -> list[str]:
    """Words by which the source names the entity *ident* (or the policy)."""
    if ident == policy.id:
        return ["ivb", "veiligheidsbeleid", policy.title]
    obj = policy.get(ident)
    found: list[str] = []
    for name in _NAME_FIELDS:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value:
            found += _split(value)
    found += getattr(obj, "aliases", ())
    number = getattr(obj, "number", None)
    if isinstance(obj, Table) and number is not None:
        found.append(f"Tabel {number}")
    office = getattr(obj, "office", None)
    if office:
        found += _terms(policy, office)
    return found


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ]", "", text.casefold())


def _words(text: str) -> str:
    return " " + re.sub(r"[^0-9a-zà-ÿ]+", " ", text.casefold()).strip() + " "


def _ocr(text: str) -> str:
    """The OCR text with its '&' and '%' restored ('Zorg ä Veiligheid', '207o jeugd', '8/0')."""
    text = re.sub(r"(?<=\s)ä(?=\s)", "&", text)
    return re.sub(r"(?<=\d)(?:7o|/0)\b", "%", text)


def _names(terms: list[str], passage: str) -> bool:
    """Whether *passage* uses one of *terms*.

    A long term (12 letters or more) is compared by its letters, so that line
    ends, hyphens and words split by the OCR do not count; a sentence-long one
    (an action, a figure's sentence) by its first or last 40 letters. A term of
    up to three letters ('OM', 'DNU') must stand as a word; a longer one may
    start a word (a plural or inflected form: 'gemeenteraden').
    """
    text = _ocr(passage)
    letters, words = _letters(text), _words(text)
    for term in terms:
        key = _letters(term)
        if not key:
            continue
        if len(key) >= 12:
            if key in letters or (len(key) > 60 and (key[:40] in letters or key[-40:] in letters)):
                return True
        elif len(key) <= 3:
            if _words(term) in words:
                return True
        elif _words(term)[:-1] in words:
            return True
    return False


def _names_end(policy: Policy, ident: str, quote: str) -> bool:
    return _names(_terms(policy, ident), quote)


def _cited(policy: Policy) -> Iterator[Citation]:
    yield from policy.citations


def test_citations_quote_both_ends_or_say_why(policy: Policy) -> None:
    missing = []
    for c in _cited(policy):
        if c.source.basis is not Basis.STATED:
            continue  # the note gives the reasoning, or the readings are given
        if c.source.quote is None:
            assert c.reason, (c.holder, c.field, c.ends)
            continue
        ends = c.ends or _field_ids(policy, c.holder, c.field)
        ends_named = _names_end(policy, c.holder, c.source.quote) and all(
            _names_end(policy, end, c.source.quote) for end in ends
        )
        if not ends_named and not c.reason:
            missing.append((c.holder, c.field, ends))
    assert missing == []


def _field_ids(policy: Policy, holder: str, field: str) -> tuple[str, ...]:
    """The ids in *holder*.*field* (for a citation of the whole field)."""
    if holder == policy.id or field.endswith("_policy"):
        return (policy.id,) if field.endswith("_policy") else ()
    value = getattr(policy.get(holder), field, ())
    return (value,) if isinstance(value, str) else tuple(value)


def test_cited_edges_carry_their_own_passage(policy: Policy, G: GovernanceGraph) -> None:
    # the thematrekkers cite the division of the themes, not the theme chapters
    d = G.edges["dronten", "ondermijning", "owns"]
    assert d[EDGE_SOURCE_REF].section == "Gezamenlijke prioritering en lokale speerpunten"
    assert "Gemeente Dronten thema ondermijning" in d[EDGE_QUOTE]
    assert EDGE_REASON in d
    theme = policy.get("ondermijning")
    assert theme.source.section != d[EDGE_SOURCE_REF].section


def _need_seeds() -> None:
    if not passages.available():
        pytest.skip("the source texts (shared/seeds) are not here")


def _found_in(quote: str, text: str) -> bool:
    """Whether *quote* is in *text* up to OCR noise (its first or last 40 letters)."""
    q, t = _letters(_ocr(quote)), _letters(_ocr(text))
    return q in t or q[:40] in t or q[-40:] in t


def test_quotes_are_in_the_source_text(policy: Policy) -> None:
    """Each recorded quote occurs in the section it cites (up to OCR noise)."""
    _need_seeds()
    refs: list[SourceRef] = [c.source for c in policy.citations]
    refs += [
        e.source for e in policy.entities() if isinstance(getattr(e, "source", None), SourceRef)
    ]
    not_found = [
        (ref.section, ref.quote)
        for ref in refs
        if ref.quote is not None
        and not _found_in(ref.quote, passages.section_text(ref.document, ref.section))
    ]
    assert not_found == []


def test_every_cited_section_is_in_the_source(policy: Policy) -> None:
    """Every section the data cites is a heading (or lost heading) of its document."""
    _need_seeds()
    refs: list[SourceRef] = [c.source for c in policy.citations]
    refs += [
        e.source for e in policy.entities() if isinstance(getattr(e, "source", None), SourceRef)
    ]
    unknown = set()
    for ref in refs:
        try:
            passages.section_text(ref.document, ref.section)
        except passages.SectionNotFound:
            unknown.add((ref.document, ref.section))
    assert unknown == set()


def test_sections_end_at_the_next_heading_of_their_level() -> None:
    _need_seeds()
    text = passages.section_text("ivb", "Ondermijning")
    assert text.startswith("Ondermijning verstoort de sociale cohesie")
    assert "Betrokken ouders" in text and "Het kunnen uiten" not in text
    # a chapter holds its sections; a section stops at the next of its level
    roles = passages.section_text("ivb", "[Rollen en overlegstructuren]")
    assert "Ambtelijk Vooroverleg" in roles and "Bekostiging" in roles
    body = passages.section_text(
        "ivb",
        "[Rollen en overlegstructuren] > Strategische en tactische overlegstructuren"
        " > Ambtelijk Vooroverleg",
    )
    assert "bereidt het Districtelijk Veiligheidscollege" in body
    assert "Basisteamdriehoek" not in body
    # a lost chapter heading: the Urk chapter starts at its first section
    urk = passages.section_text("ivb", "Lokale speerpunten gemeente Urk")
    assert urk.lstrip().startswith("Persoonsgerichte aanpak") and "BIJLAGE" not in urk
    # a footnote is its own paragraph
    note = passages.section_text(
        "ivb", "Lokale speerpunten gemeente Dronten > Zorg & Veiligheid > voetnoot 1"
    )
    assert note.startswith("1 Een persoonsgericht aanpak") and "Evenementen" not in note
    # the headings above a section that the text prints; lost ones are left out
    assert passages.headings_above(
        "ivb", "Lokale speerpunten gemeente Noordoostpolder > 2. Jeugd en veiligheid"
    ) == ["Lokale speerpunten gemeente Noordoostpolder"]
    assert passages.headings_above("ivb", "Lokale speerpunten gemeente Urk > Vuurwerk") == []
    with pytest.raises(passages.SectionNotFound, match="no section"):
        passages.section_text("ivb", "Ondermijning > Inleiding")
    with pytest.raises(passages.SectionNotFound):
        passages.section_text("ivb", "De 6 themasessies")


def _passage(d: dict[str, Any]) -> str:
    """The passage an edge cites: its quote, else the text of its section under the
    headings above it that the source text prints (not those lost in the extraction,
    such as 'Lokale speerpunten gemeente Urk')."""
    if d.get(EDGE_QUOTE):
        return str(d[EDGE_QUOTE])
    ref: SourceRef = d[EDGE_SOURCE_REF]
    above = passages.headings_above(ref.document, ref.section)
    return "\n".join([*above, passages.section_text(ref.document, ref.section)])


def _unexplained(policy: Policy, G: GovernanceGraph) -> list[tuple[str, str, str, str]]:
    """Stated edges whose passage does not name both ends and that give no reason."""
    out = []
    for u, v, d in _edges(G):
        if not is_stated(d) or d.get(EDGE_REASON):
            continue
        passage = _passage(d)
        if not (_names_end(policy, u, passage) and _names_end(policy, v, passage)):
            out.append((d["relation"], u, v, d[EDGE_SOURCE_REF].section))
    return out


def test_every_edge_names_both_ends_or_says_why(policy: Policy, G: GovernanceGraph) -> None:
    """The passage each edge cites names both its ends, or the edge says why not.

    The passage is the edge's quote, else the text of its section in the source;
    an end is named by its name, abbreviation, office or another term the data
    records for it (``aliases``). A derived edge gives its reasoning, an
    ambiguous one its readings (see test_every_derived_edge_gives_its_reasoning).
    """
    _need_seeds()
    assert _unexplained(policy, G) == []


def test_every_quoted_edge_lies_in_its_section(G: GovernanceGraph) -> None:
    """An edge's quote stands in the section the edge cites."""
    _need_seeds()
    astray = [
        (u, d["relation"], v, d[EDGE_SOURCE_REF].section)
        for u, v, d in _edges(G)
        if d.get(EDGE_QUOTE)
        and not _found_in(
            d[EDGE_QUOTE],
            passages.section_text(d[EDGE_SOURCE_REF].document, d[EDGE_SOURCE_REF].section),
        )
    ]
    assert astray == []


def _kind_of_basis(policy: Policy, d: dict[str, Any]) -> str:
    own = {id(c.source) for c in policy.citations}
    if d[EDGE_BASIS] != "stated":
        return str(d[EDGE_BASIS])
    return "own passage" if id(d[EDGE_SOURCE_REF]) in own else "holder's section"


def test_how_each_edge_is_sourced(policy: Policy, G: GovernanceGraph) -> None:
    """How many edges cite their holder's section, a passage of their own, or are derived."""
    counts: dict[str, int] = {}
    for _, _, d in _edges(G):
        kind = _kind_of_basis(policy, d)
        counts[kind] = counts.get(kind, 0) + 1
    assert counts == {
        "holder's section": 651,
        "own passage": 127,
        "derived": 47,
        "ambiguous": 1,
    }
    assert G.number_of_edges() == 826
    # edges whose passage does not name both ends say why
    assert sum(1 for _, _, d in _edges(G) if d.get(EDGE_REASON)) == 107
    # one citation may give several edges their passage
    own = {id(c.source) for c in policy.citations}
    assert sum(1 for _, _, d in _edges(G) if id(d[EDGE_SOURCE_REF]) in own) == 174
    assert len(policy.citations) == 107


@pytest.mark.parametrize(
    "name", ["heuvelland-ivp-2020-2023", "shertogenbosch-veiligheidsplan-2019-2022"]
)
def test_example_policies_cite_a_place_for_every_edge(name: str) -> None:
    """The example policies have no source text here: each edge cites a section of one of
    their documents, and a quoted edge names both ends or says why."""
    root = Path(__file__).resolve().parents[2]
    policy = ivb.load(root / "examples" / "policies" / f"{name}.yaml")
    G = build_graph(policy)
    documents = {doc.id for doc in policy.documents}
    placeless = [
        (u, d["relation"], v)
        for u, v, d in _edges(G)
        if d[EDGE_SOURCE_REF].document not in documents or not d[EDGE_SOURCE_REF].section
    ]
    assert placeless == []
    unnamed = [
        (u, d["relation"], v)
        for u, v, d in _edges(G)
        if d.get(EDGE_QUOTE)
        and is_stated(d)
        and not d.get(EDGE_REASON)
        and not (_names_end(policy, u, d[EDGE_QUOTE]) and _names_end(policy, v, d[EDGE_QUOTE]))
    ]
    assert unnamed == []


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
