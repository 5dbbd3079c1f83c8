"""The bundled policy says what the source says: corrections pinned with the source sentence.

Each test quotes the sentence of the IVB text (``shared/seeds/000_*.txt``) it rests on.
"""

from __future__ import annotations

import pytest

import ivb
from ivb.governance import build_graph, responsibilities
from ivb.governance._typing import GovernanceGraph
from ivb.model import ActionStatus, Agenda, ConsultationBody, Instrument, Policy, Role


@pytest.fixture(scope="module")
def policy() -> Policy:
    return ivb.load()


@pytest.fixture(scope="module")
def G(policy: Policy) -> GovernanceGraph:
    return build_graph(policy)


def _relations(G: GovernanceGraph, u: str, v: str) -> list[str]:
    return [d["relation"] for d in G.get_edge_data(u, v, default={}).values()]


def test_the_teams_inform_and_advise_not_the_body(G: GovernanceGraph) -> None:
    # "Zij informeren en adviseren de portefeuillehouders, de basisteamchef en de Officier
    # van Justitie over relevante ontwikkelingen rond het IVB." (zij: de teams Veiligheid)
    for role in ("portefeuillehouders-oov", "basisteamchef", "officier-van-justitie"):
        assert _relations(G, "teams-veiligheid", role) == ["informs"]
        assert _relations(G, "ambtelijke-basisteamdriehoek", role) == []


def test_the_teams_coordinate_the_policy_as_a_whole(policy: Policy, G: GovernanceGraph) -> None:
    # "De ambtelijke coördinatie over het IVB 2024-2027 is belegd bij de afdelingen / teams
    # Veiligheid van de drie gemeenten."
    d = G.edges["teams-veiligheid", policy.id, "coordinates"]
    assert d["scope"] == "ambtelijke coördinatie"
    for theme in policy.themes:
        assert theme.coordinators == ()
    # "De bestuurlijke coördinatie van het veiligheidsbeleid ligt bij de portefeuillehouders
    # Openbare orde en veiligheid."
    d = G.edges["portefeuillehouders-oov", policy.id, "coordinates"]
    assert d["scope"] == "bestuurlijke coördinatie"


def test_the_teams_tasks(policy: Policy) -> None:
    # "Zij initiëren en onderhouden de benodigde verbindingen ... Zij regisseren in brede zin
    # de implementatie van het IVB, interveniëren bij knelpunten in de aanpak en pakken nieuwe
    # veiligheidsvraagstukken op."
    duties = [d.text for d in policy.get("teams-veiligheid", Role).duties]
    assert len(duties) == 6
    assert any(d.startswith("Interveniëren bij knelpunten") for d in duties)


def test_the_ambtelijke_basisteamdriehoek_has_no_frequency(policy: Policy) -> None:
    # "We organiseren periodieke ambtelijke afstemmingsmomenten, naast de
    # DNU-driehoeksoverleggen die vier keer per jaar plaatsvinden;" -- not about this body
    body = policy.get("ambtelijke-basisteamdriehoek", ConsultationBody)
    assert (body.frequency, body.meetings_per_year, body.coordinators) == (None, None, ())
    principle = policy.get("dnu.periodieke-ambtelijke-afstemming")
    assert "periodieke ambtelijke afstemmingsmomenten" in principle.text


def test_the_basisteamdriehoek_members_are_derived(G: GovernanceGraph) -> None:
    # The section "Basisteamdriehoek Dronten, Noordoostpolder en Urk" lists no members.
    for member in ("portefeuillehouders-oov", "officier-van-justitie", "basisteamchef"):
        d = G.edges[member, "basisteamdriehoek-dnu", "member-of"]
        assert d["basis"] == "derived"
    d = G.edges["teams-veiligheid", "ambtelijke-basisteamdriehoek", "member-of"]
    assert d["basis"] == "derived"


def test_each_council_adopts_the_policy(policy: Policy, G: GovernanceGraph) -> None:
    # "De drie gemeenteraden stellen ieder afzonderlijk dit IVB inclusief de eigen lokale
    # speerpunten van dit beleidsdocument vast."
    adopting = [r.id for r in policy.roles if r.adopts_policy]
    assert adopting == ["gemeenteraad-dronten", "gemeenteraad-noordoostpolder", "gemeenteraad-urk"]
    for ident in adopting:
        role = policy.get(ident, Role)
        assert role.office == "gemeenteraad" and len(role.municipalities) == 1
        assert _relations(G, ident, role.municipalities[0]) == ["belongs-to"]
        assert _relations(G, ident, policy.id) == ["adopts", "controls"]
    office = policy.get("gemeenteraad", Role)
    assert office.municipalities == () and not office.adopts_policy
    # "De gemeenteraad oefent hiermee direct en indirect invloed uit op beleidsplannen van de
    # politie."
    assert any("beleidsplannen van de politie" in d.text for d in office.duties)


def test_an_edge_about_urks_council_is_about_urk_only(G: GovernanceGraph) -> None:
    df = responsibilities(G, "college-urk")
    assert df[["relation", "id"]].values.tolist() == [
        ["holds-office", "college-van-b-en-w"],
        ["involved-in", "urk-veilig-uitgaan.jeugdhonkenbeleid"],
    ]
    assert _relations(G, "college-urk", "urk") == ["belongs-to"]
    assert _relations(G, "college-van-b-en-w", "urk") == []


def test_six_mayors_on_the_districtelijk_veiligheidscollege(policy: Policy) -> None:
    # "Op bestuurlijk niveau voeren de zes Flevolandse burgemeesters in het Districtelijk
    # Veiligheidscollege overleg met het OM en de politie."
    body = policy.get("districtelijk-veiligheidscollege-flevoland", ConsultationBody)
    assert body.members[:3] == (
        "burgemeester-dronten",
        "burgemeester-noordoostpolder",
        "burgemeester-urk",
    )
    assert "zes" in (body.members_text or "")


def test_urk_does_not_sit_at_the_zorg_en_veiligheidstafel(policy: Policy) -> None:
    # "... waarbij betrokken ketenpartners intensief integraal en samen met de betrokken
    # inwoner werken aan een plan ..." -- the text names no member, and not Urk
    body = policy.get("zorg-en-veiligheidstafel-urk", ConsultationBody)
    assert body.members == () and body.coordinators == ()
    assert "recidive en contacten met politie en justitie" in body.purpose


def test_the_adviseur_leads_the_pga(G: GovernanceGraph) -> None:
    # "De adviseur zorg en veiligheid leidt de PGA binnen de gemeente ..."
    assert _relations(G, "adviseur-zorg-en-veiligheid", "pga") == ["leads"]
    assert _relations(G, "adviseur-zorg-en-veiligheid", "zorg-en-veiligheidstafel-urk") == []


def test_the_horecaconvenant_is_not_yet_concluded(policy: Policy) -> None:
    # "In aanloop naar een nieuw horecaconvenant ... Betrokken daarbij zijn politie, gemeente,
    # horeca, Koninklijke Horeca Nederland ..." / "Naar verwachting wordt het nieuwe
    # horecaconvenant in 2024 gesloten."
    convenant = policy.get("horecaconvenant", Instrument)
    assert (convenant.status, convenant.owners) == (ActionStatus.PLANNED, ())


def test_instruments_still_to_develop(policy: Policy) -> None:
    # "het ontwikkelen van handelingskaders bij (online aangejaagde) ordeverstoringen"
    to_explore = [i.id for i in policy.instruments if i.status is ActionStatus.TO_BE_EXPLORED]
    assert to_explore == [
        "handelingskaders-ordeverstoringen",
        "straathoekwerker-2.0",
        "wijk-ggder",
        "actieplan-veilig-schoolklimaat",
    ]


def test_statements_outside_the_speerpunten_are_not_under_one(policy: Policy) -> None:
    # "Zo zetten we ook in op andere strategische thema's, zoals het verbeteren van de
    # crisisorganisatie" -- outside the speerpunten
    on_speerpunt = {a.id for s in policy.speerpunten for a in s.actions}
    ids = {a.id for a in policy.principles}
    assert "noordoostpolder-veiligheid-sociaal-domein.andere-strategische-themas" in ids
    assert (
        "noordoostpolder-veiligheid-sociaal-domein.andere-strategische-themas" not in on_speerpunt
    )
    assert len(policy.principles) == 9


def test_joint_statements_concern_no_single_municipality(policy: Policy) -> None:
    everyone = tuple(m.id for m in policy.municipalities)
    assert [s.id for s in policy.statements if s.municipalities == everyone] == []


def test_who_made_the_agendas(policy: Policy) -> None:
    # "Op landelijk niveau hebben de regioburgemeester, het OM, de politie en het ministerie
    # van Justitie en Veiligheid in de Veiligheidsagenda een aantal thema's geprioriteerd"
    # "Het programma Wie Praat Die Gaat 3.0 (WPDG 3.0) van de Veiligheidscoalitie
    # Midden-Nederland" / "... Urk zich ... in 2021 gecommitteerd aan de Flevolandse Norm."
    wpdg = policy.get("wie-praat-die-gaat-3.0", Agenda)
    assert (wpdg.made_by, wpdg.drawn_up_by) == ((), ("veiligheidscoalitie-midden-nederland",))
    norm = policy.get("flevolandse-norm", Agenda)
    assert norm.made_by == () and "urk" in norm.committed_by
    # "In afstemming met de regioburgemeesters worden prestatieafspraken gemaakt tussen
    # gemeenten, de politie en het Openbaar Ministerie;"
    afspraken = policy.get("landelijke-prestatieafspraken", Agenda)
    assert afspraken.made_by == ("politie", "openbaar-ministerie")
    assert "regioburgemeesters" in (afspraken.made_by_text or "")


def test_participants_took_part_in_the_themasessies(policy: Policy, G: GovernanceGraph) -> None:
    # "In april en mei hebben een zestal themasessies plaatsgevonden waarin we met diverse
    # overheidsorganisaties, veiligheidspartners en experts hebben nagedacht ..."
    assert policy.process is not None and policy.process.participation == "themasessies"
    targets = {v for _, v, d in G.edges(data=True) if d["relation"] == "took-part"}
    assert targets == {"themasessies"}
