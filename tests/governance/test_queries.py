"""The graph queries, pinned on the bundled policy against the source text."""

from __future__ import annotations

import attrs
import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import ivb
from ivb import IvbError, UnknownIdError
from ivb.governance import (
    GraphError,
    LeadError,
    UnknownNodeError,
    WrongKindError,
    alignment,
    authority_over,
    build_graph,
    escalation_path,
    leads_of,
    members,
    owner_of,
    partners_of,
    preparation_chain,
    responsibilities,
    who_owns,
)
from ivb.model import Municipality, Partner, Policy, Speerpunt
from tests.governance.helpers import assert_same_graph
from tests.strategies import governance_policies

_settings = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- owner_of, who_owns ------------------------------------------------------


def test_owner_of_the_joint_themes(G: nx.MultiDiGraph) -> None:
    # "De verdeling van de thema's ziet er als volgt uit: Gemeente Dronten thema ondermijning,
    # Gemeente Noordoostpolder thema cybercrime en digitale veiligheid, Gemeente Urk thema
    # maatschappelijke onrust"
    assert owner_of(G, "ondermijning").name == "Dronten"
    assert owner_of(G, "cybercrime").name == "Noordoostpolder"
    assert owner_of(G, "maatschappelijke-onrust").name == "Urk"
    assert isinstance(owner_of(G, "ondermijning"), Municipality)


def test_owner_of_a_speerpunt(G: nx.MultiDiGraph) -> None:
    assert owner_of(G, "urk-vuurwerk").id == "urk"
    assert owner_of(G, "dronten-crisisorganisatie").id == "dronten"


def test_owner_of_unknown_id_names_close_matches(G: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownNodeError) as info:
        owner_of(G, "ondermijnig")
    assert isinstance(info.value, UnknownIdError)
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, IvbError)
    assert info.value.suggestions == ("ondermijning",)
    assert str(info.value) == (
        "no theme or speerpunt with id 'ondermijnig'; did you mean 'ondermijning'?"
    )
    with pytest.raises(UnknownNodeError, match=r"^no node with id 'zzz'$"):
        owner_of(G, "zzz")


def test_owner_of_wrong_kind(G: nx.MultiDiGraph) -> None:
    with pytest.raises(
        WrongKindError,
        match="expected the id of a theme or speerpunt, got 'urk', which is a municipality",
    ):
        owner_of(G, "urk")


def test_owner_of_in_a_graph_without_the_edge(G: nx.MultiDiGraph) -> None:
    G.remove_edge("dronten", "ondermijning", "owns")
    with pytest.raises(GraphError, match="theme 'ondermijning' has no lead in this graph"):
        owner_of(G, "ondermijning")
    assert leads_of(G, "ondermijning") == ()


def _with_leads(leads: tuple[str, ...], no_lead: bool = False) -> nx.MultiDiGraph:
    policy = ivb.load()
    theme = attrs.evolve(policy.themes[1], leads=leads, no_lead=no_lead)
    # the citation of the stated lead goes with it
    citations = tuple(c for c in policy.citations if (c.holder, c.field) != (theme.id, "leads"))
    themes = (policy.themes[0], theme, policy.themes[2])
    return build_graph(attrs.evolve(policy, themes=themes, citations=citations))


def test_leads_of_none_one_or_several() -> None:
    G = _with_leads(("dronten", "burgemeester"))
    assert [x.id for x in leads_of(G, "ondermijning")] == ["dronten", "burgemeester"]
    owns = [(u, v) for u, v, r in G.edges(data="relation") if r == "owns"]
    assert ("dronten", "ondermijning") in owns and ("burgemeester", "ondermijning") in owns
    with pytest.raises(
        LeadError, match=r"theme 'ondermijning' has 2 leads \(dronten, burgemeester\)"
    ):
        owner_of(G, "ondermijning")
    G = _with_leads((), no_lead=True)
    assert leads_of(G, "ondermijning") == ()
    assert not [v for _, v, r in G.edges(data="relation") if r == "owns" and v == "ondermijning"]
    with pytest.raises(LeadError, match="has no lead \\(the policy says so explicitly\\)"):
        owner_of(G, "ondermijning")
    with pytest.raises(LookupError):
        owner_of(_with_leads(()), "ondermijning")
    assert [x.id for x in leads_of(G, "cybercrime")] == ["noordoostpolder"]


def test_who_owns(G: nx.MultiDiGraph) -> None:
    df = who_owns(G)
    assert list(df.columns) == [
        "id",
        "kind",
        "name",
        "tier",
        "tier_name",
        "lead_label",
        "leads",
        "lead_names",
        "no_lead",
        "municipalities",
        "municipality_names",
        "owner",
        "owner_name",
        "coordinators",
        "coordinator_names",
    ]
    assert df.leads.tolist()[:4] == [("noordoostpolder",), ("dronten",), ("urk",), ()]
    assert df.lead_label.tolist()[:3] == ["thematrekker"] * 3
    assert df.lead_label.isna().tolist()[3:] == [True] * 11
    assert df[["id", "owner"]].values.tolist() == [
        ["cybercrime", "noordoostpolder"],
        ["ondermijning", "dronten"],
        ["maatschappelijke-onrust", "urk"],
        ["dronten-zorg-en-veiligheid", "dronten"],
        ["dronten-evenementen", "dronten"],
        ["dronten-crisisorganisatie", "dronten"],
        ["noordoostpolder-veiligheid-sociaal-domein", "noordoostpolder"],
        ["noordoostpolder-jeugd-en-veiligheid", "noordoostpolder"],
        ["noordoostpolder-veiligheidsbeleving", "noordoostpolder"],
        ["urk-persoonsgerichte-aanpak", "urk"],
        ["urk-overlastgevende-jeugd", "urk"],
        ["urk-verkeersoverlast", "urk"],
        ["urk-vuurwerk", "urk"],
        ["urk-veilig-uitgaan", "urk"],
    ]
    themes = df[df.kind == "theme"].set_index("id")
    # "De ambtelijke coördinatie over het IVB 2024-2027 is belegd bij de afdelingen / teams
    # Veiligheid van de drie gemeenten": the IVB as a whole, not each theme
    assert themes.loc["ondermijning", "coordinators"] == ()
    # "De adviseur Zorg & Veiligheid voert de regie" (over the aanpak of the jeugd); the
    # adviseur "leidt de PGA", the method (an instrument), not the speerpunt
    jeugd = df.set_index("id").loc["urk-overlastgevende-jeugd"]
    assert jeugd["coordinator_names"] == ("Adviseur zorg en veiligheid",)
    pga = df.set_index("id").loc["urk-persoonsgerichte-aanpak"]
    assert pga["coordinator_names"] == ()


def test_who_owns_is_stable(dnu: Policy) -> None:
    pd.testing.assert_frame_equal(who_owns(build_graph(dnu)), who_owns(build_graph(dnu)))


# -- responsibilities ----------------------------------------------------------


def test_responsibilities_of_the_burgemeester(G: nx.MultiDiGraph) -> None:
    df = responsibilities(G, "burgemeester")
    assert list(df.columns) == [
        "actor",
        "relation",
        "id",
        "kind",
        "name",
        "detail",
        "basis",
        "modality",
    ]
    rows = df[["relation", "id"]].values.tolist()
    # Politiewet: "het gezag over de politie voor zover betrekking op de openbare orde"; the
    # office holds it
    assert rows == [["has-authority-over", "politie-midden-nederland"]]
    assert "openbare orde" in df.iloc[0]["detail"]
    # "voeren de zes Flevolandse burgemeesters in het Districtelijk Veiligheidscollege overleg":
    # each burgemeester, the holder of the office in one municipality
    df = responsibilities(G, "burgemeester-urk")
    assert df[["relation", "id"]].values.tolist() == [
        ["member-of", "districtelijk-veiligheidscollege-flevoland"],
        ["holds-office", "burgemeester"],
        ["involved-in", "urk-veilig-uitgaan.participatie"],
    ]


def test_responsibilities_of_the_gemeenteraad(G: nx.MultiDiGraph) -> None:
    # the office: no relation of its own, each council holds it
    assert responsibilities(G, "gemeenteraad").empty
    df = responsibilities(G, "gemeenteraad-urk")
    # "De drie gemeenteraden stellen ieder afzonderlijk dit IVB ... vast" and "De gemeenteraad
    # heeft tevens een controlerende taak": both of the policy; then the office and the two
    # Urk actions that name the raad
    assert df[["relation", "id", "kind"]].values.tolist() == [
        ["adopts", "dnu-ivb-2024-2027", "policy"],
        ["controls", "dnu-ivb-2024-2027", "policy"],
        ["holds-office", "gemeenteraad", "role"],
        ["involved-in", "urk-veilig-uitgaan.projectmatige-aanpak", "action"],
        ["involved-in", "urk-veilig-uitgaan.jeugdhonkenbeleid", "action"],
    ]
    assert df.detail[:3].isna().all()
    assert df.detail[3:].tolist() == ["actors", "actors"]
    assert df.name[0] == "Integraal Veiligheidsbeleid 2024-2027"
    # the beeldvormende vergadering and the besluit were of the raad of Noordoostpolder
    nop = responsibilities(G, "gemeenteraad-noordoostpolder")
    assert nop[nop.relation == "involved-in"][["id", "basis"]].values.tolist() == [
        ["beeldvormende-vergadering", "derived"],
        ["besluit-raad", "derived"],
    ]


def test_nothing_controls_the_college_or_the_burgemeester(G: nx.MultiDiGraph) -> None:
    for role in (
        "college-van-b-en-w",
        "burgemeester",
        "portefeuillehouders-oov",
        "college-urk",
        "burgemeester-urk",
    ):
        relations = set(responsibilities(G, role).relation)
        assert not relations & {"adopts", "controls"}, role
        assert all(d["relation"] != "controls" for *_, d in G.in_edges(role, data=True)), role


def test_responsibilities_of_the_teams_veiligheid(G: nx.MultiDiGraph) -> None:
    df = responsibilities(G, "teams-veiligheid")
    # "De ambtelijke coördinatie over het IVB 2024-2027 is belegd bij de afdelingen / teams
    # Veiligheid": the policy as a whole; "Zij informeren en adviseren ..."
    assert df[["relation", "id"]].values.tolist() == [
        ["coordinates", "dnu-ivb-2024-2027"],
        ["member-of", "ambtelijke-basisteamdriehoek"],
        ["informs", "portefeuillehouders-oov"],
        ["informs", "basisteamchef"],
        ["informs", "officier-van-justitie"],
    ]


def test_responsibilities_of_a_municipality(G: nx.MultiDiGraph) -> None:
    df = responsibilities(G, "urk")
    owned = df[df.relation == "owns"].id.tolist()
    assert owned == ["maatschappelijke-onrust"]
    assert df[df.relation == "prioritises"].id.tolist() == [
        "urk-persoonsgerichte-aanpak",
        "urk-overlastgevende-jeugd",
        "urk-verkeersoverlast",
        "urk-vuurwerk",
        "urk-veilig-uitgaan",
    ]
    # the ketenpartners sit at the Zorg- en Veiligheidstafel, not the gemeente
    assert df[df.relation == "member-of"].id.tolist() == [
        "jeugd-interventietafel-urk",
        "regionale-werkgroep-vuurwerk",
    ]
    # "Een jeugd interventietafel (JIT) i.s.m. sociaal domein wordt ingericht": planned
    jit = df[df.id == "jeugd-interventietafel-urk"]
    assert jit.modality.tolist() == ["planned"]


def test_responsibilities_need_an_actor(G: nx.MultiDiGraph) -> None:
    with pytest.raises(WrongKindError):
        responsibilities(G, "ondermijning")
    with pytest.raises(UnknownNodeError, match="did you mean 'burgemeester'"):
        responsibilities(G, "burgemeestr")


# -- members, chain, escalation --------------------------------------------------


def test_members(G: nx.MultiDiGraph) -> None:
    # "de zes Flevolandse burgemeesters ... overleg met het OM en de politie"
    assert [m.id for m in members(G, "districtelijk-veiligheidscollege-flevoland")] == [
        "burgemeester-dronten",
        "burgemeester-noordoostpolder",
        "burgemeester-urk",
        "openbaar-ministerie",
        "politie-midden-nederland",
    ]
    assert [m.id for m in members(G, "basisteamdriehoek-dnu")] == [
        "portefeuillehouders-oov",
        "officier-van-justitie",
        "basisteamchef",
    ]
    assert members(G, "ambtelijk-vooroverleg") == ()
    with pytest.raises(WrongKindError, match="expected the id of a body"):
        members(G, "burgemeester")


def test_members_follow_the_listing_after_a_round_trip(G: nx.MultiDiGraph) -> None:
    from ivb.governance import from_graphml, to_graphml

    H = from_graphml(to_graphml(G))
    assert_same_graph(G, H)
    for body in ("districtelijk-veiligheidscollege-flevoland", "basisteamdriehoek-dnu"):
        assert members(G, body) == members(H, body)


def test_preparation_chain(G: nx.MultiDiGraph) -> None:
    df = preparation_chain(G, "districtelijk-veiligheidscollege-flevoland")
    assert list(df.columns) == ["depth", "id", "kind", "name", "relation", "feeds", "basis"]
    assert df[["depth", "id", "relation", "feeds"]].values.tolist() == [
        [1, "ambtelijk-vooroverleg", "prepares", "districtelijk-veiligheidscollege-flevoland"]
    ]
    df = preparation_chain(G, "basisteamdriehoek-dnu")
    assert df[["depth", "id", "relation"]].values.tolist() == [
        [1, "ambtelijke-basisteamdriehoek", "prepares"]
    ]
    # "Zij informeren en adviseren de portefeuillehouders, de basisteamchef en de
    # Officier van Justitie": zij, the teams Veiligheid, not the ambtelijke basisteamdriehoek
    df = preparation_chain(G, "officier-van-justitie")
    assert df[["id", "relation"]].values.tolist() == [["teams-veiligheid", "informs"]]
    assert preparation_chain(G, "ambtelijk-vooroverleg").empty


def test_preparation_chain_is_transitive_and_survives_cycles(G: nx.MultiDiGraph) -> None:
    G.add_edge("zorg-en-veiligheidstafel-urk", "ambtelijke-basisteamdriehoek", relation="prepares")
    G.add_edge("basisteamdriehoek-dnu", "zorg-en-veiligheidstafel-urk", relation="informs")
    df = preparation_chain(G, "basisteamdriehoek-dnu")
    assert df[["depth", "id", "feeds"]].values.tolist() == [
        [1, "ambtelijke-basisteamdriehoek", "basisteamdriehoek-dnu"],
        [2, "zorg-en-veiligheidstafel-urk", "ambtelijke-basisteamdriehoek"],
        [3, "basisteamdriehoek-dnu", "zorg-en-veiligheidstafel-urk"],
    ]


def test_escalation_path(G: nx.MultiDiGraph) -> None:
    path = escalation_path(G, "zorg-en-veiligheidstafel-urk")
    assert [x.id for x in path] == [
        "zorg-en-veiligheidstafel-urk",
        "zorg-en-veiligheidshuis-flevoland",
    ]
    assert isinstance(path[1], Partner)
    assert [x.id for x in escalation_path(G, "ambtelijk-vooroverleg")] == ["ambtelijk-vooroverleg"]
    G.add_edge(
        "zorg-en-veiligheidshuis-flevoland", "zorg-en-veiligheidstafel-urk", relation="escalates-to"
    )
    assert len(escalation_path(G, "zorg-en-veiligheidstafel-urk")) == 2


# -- authority, partners, alignment ---------------------------------------------


def test_authority_over_the_police(G: nx.MultiDiGraph) -> None:
    df = authority_over(G, "politie-midden-nederland")
    assert list(df.columns) == [
        "holder",
        "holder_name",
        "over",
        "over_name",
        "scope",
        "legal_basis",
        "source",
        "basis",
    ]
    assert df.holder.tolist() == ["burgemeester", "officier-van-justitie"]
    # the text says "het gezag over de strafrechtelijke handhaving": over the police is derived
    assert df.basis.tolist() == ["stated", "derived"]
    assert "openbare orde" in df.scope[0]
    assert df.legal_basis[0] == ("Politiewet 2012",)
    assert df.legal_basis[1] == ()  # the text names no law for the OvJ's gezag
    assert df.scope[1] == "strafrechtelijke handhaving"
    assert df.source[0] == "ivb § [Rollen en overlegstructuren] > De burgemeester"


def test_authority_held(G: nx.MultiDiGraph) -> None:
    df = authority_over(G, "officier-van-justitie")
    assert df[["holder", "over"]].values.tolist() == [
        ["officier-van-justitie", "politie-midden-nederland"]
    ]
    assert authority_over(G, "urk").empty


def test_partners_of(G: nx.MultiDiGraph) -> None:
    partners = partners_of(G, "ondermijning")
    assert all(isinstance(p, Partner) for p in partners)
    assert [p.id for p in partners] == [
        "veiligheidscoalitie-midden-nederland",
        "flevolandse-gemeenten",
        "provincie-flevoland",
    ]
    assert [p.id for p in partners_of(G, "cybercrime")] == [
        "politie-midden-nederland",
        "flevolandse-gemeenten",
    ]
    with pytest.raises(WrongKindError):
        partners_of(G, "burgemeester")


def test_alignment(G: nx.MultiDiGraph) -> None:
    df = alignment(G, "cybercrime")
    assert df[["relation", "level", "agenda_theme"]].values.tolist() == [
        ["aligns-with", "national", "landelijke-veiligheidsagenda-2023-2026.cybercrime"],
        [
            "aligns-with",
            "regional",
            "regionale-veiligheidsstrategie-2023-2026.digitale-veiligheid-en-cybercrime",
        ],
    ]
    df = alignment(G, "ondermijning")
    assert (
        df.level.tolist()
        == ["national", "national", "regional", "regional", "regional"] + ["district"] * 5
    )
    # "in de Flevolandse Norm 2.0 zijn afspraken gemaakt over de prioritering binnen het
    # thema ondermijning"
    assert "flevolandse-norm-2.0.ondermijning" in set(df.agenda_theme)
    assert set(df[df.relation == "follows"].agenda) == {
        "wie-praat-die-gaat-3.0",
        "districtelijk-uitvoeringsplan",
        "flevolandse-norm",
        "flevolandse-norm-2.0",
    }
    assert alignment(G, "urk-vuurwerk").empty


def test_frames_keep_their_columns_when_empty(G: nx.MultiDiGraph) -> None:
    assert list(authority_over(G, "urk").columns)[:2] == ["holder", "holder_name"]
    assert next(iter(alignment(G, "urk-vuurwerk").columns)) == "theme"


# -- properties ---------------------------------------------------------------


@_settings
@given(governance_policies())
def test_queries_on_generated_policies(policy: Policy) -> None:
    G = build_graph(policy)
    for item in (*policy.themes, *policy.speerpunten):
        assert tuple(x.id for x in leads_of(G, item.id)) == item.leads
        if len(item.leads) == 1:
            assert owner_of(G, item.id).id == item.leads[0]
        elif (
            not item.leads
            and not item.no_lead
            and isinstance(item, Speerpunt)
            and len(item.municipalities) == 1
        ):
            assert owner_of(G, item.id).id == item.municipalities[0]
        else:
            with pytest.raises(LeadError):
                owner_of(G, item.id)
    assert len(who_owns(G)) == len(policy.themes) + len(policy.speerpunten)
    assert [m.id for m in members(G, "gov-bestuurlijk")] == list(
        policy.get("gov-bestuurlijk").members
    )
    chain = preparation_chain(G, "gov-bestuurlijk")
    assert ("gov-ambtelijk", "prepares") in set(zip(chain.id, chain.relation, strict=True))
    assert [x.id for x in escalation_path(G, "gov-bestuurlijk")] == ["gov-bestuurlijk", "gov-huis"]
    assert authority_over(G, "gov-politie").holder.tolist() == ["gov-burgemeester"]
    raad = responsibilities(G, "gov-raad")
    assert raad[["relation", "id"]].values.tolist()[:2] == [
        ["adopts", policy.id],
        ["controls", policy.id],
    ]
    assert not {"adopts", "controls"} & set(responsibilities(G, "gov-college").relation)
    if policy.themes:
        assert alignment(G, policy.themes[0].id).agenda_theme.tolist()[0] == "gov-agenda.thema"


def test_queries_on_the_small_fixture(mini_path: object) -> None:
    G = build_graph(ivb.load(mini_path))  # type: ignore[arg-type]
    assert owner_of(G, "ondermijning").id == "voorbeeld"
    assert [m.id for m in members(G, "driehoek")] == ["burgemeester", "politie"]
    assert [p.id for p in partners_of(G, "ondermijning")] == ["politie"]


def test_queries_follow_changes_to_the_graph(G: nx.MultiDiGraph) -> None:
    from ivb.governance._core import member_objects, responsibility_links

    before = responsibility_links(G, "urk")
    assert "ondermijning" not in [r.id for r in before if r.relation == "owns"]
    G.add_edge("urk", "ondermijning", key="owns-x", relation="owns", field="owner")
    after = responsibility_links(G, "urk")
    assert "ondermijning" in [r.id for r in after if r.relation == "owns"]
    G.remove_node("burgemeester")
    assert "burgemeester" not in [
        m.id for m in member_objects(G, "districtelijk-veiligheidscollege-flevoland")
    ]
    with pytest.raises(UnknownNodeError):
        responsibility_links(G, "burgemeester")


def test_the_index_stays_out_of_the_graph_attributes(G: nx.MultiDiGraph) -> None:
    before = dict(G.graph)
    responsibilities(G, "urk")
    assert G.graph == before


def test_queries_on_a_view(G: nx.MultiDiGraph) -> None:
    from ivb.governance._core import responsibility_links

    keep = [n for n in G if n != "ondermijning"]
    view = G.subgraph(keep)
    assert "ondermijning" not in [r.id for r in responsibility_links(view, "dronten")]
    assert "ondermijning" in [r.id for r in responsibility_links(G, "dronten")]


@pytest.mark.parametrize("keep", [0, 3, 10**9])
def test_answers_do_not_depend_on_which_groups_the_index_keeps(
    G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, keep: int
) -> None:
    from ivb.governance import _core

    def answers(H: nx.MultiDiGraph) -> list[object]:
        kinds = dict(H.nodes(data="kind"))
        actors = [n for n, k in kinds.items() if k in _core.ACTOR_KINDS]
        owned = [n for n, k in kinds.items() if k in _core.OWNED_KINDS]
        return [
            _core.ownerships(H),
            [_core.responsibility_links(H, a) for a in actors],
            [_core.authority_links(H, a) for a in actors],
            [_core.chain_links(H, a) for a in actors],
            [_core.escalation(H, a) for a in actors],
            [_core.partner_objects(H, t) for t in owned],
            [_core.alignment_links(H, t) for t in owned],
            [_core.lead_ids(H, t) for t in owned],
        ]

    expected = answers(build_graph(ivb.load()))
    monkeypatch.setattr(_core, "_KEEP", keep)
    H = build_graph(ivb.load())
    assert answers(H) == expected
    assert answers(H) == expected  # again, from what the index kept
