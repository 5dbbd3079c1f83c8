"""The bundled DNU IVB 2024-2027: counts and key facts pinned against the source text.

Every change to the policy data shows up here. The numbers come from the source
documents in ``shared/seeds`` (the policy text and the council slides of 31-10-2023).
"""

from __future__ import annotations

from collections import Counter

import attrs
import pytest

import ivb
from ivb.model import (
    Action,
    ActionKind,
    AgendaTheme,
    Document,
    Policy,
    SourceRef,
    Tier,
    TrendScope,
    Unit,
    VeiligheidsVeld,
)


@pytest.fixture(scope="module")
def policy() -> Policy:
    return ivb.load()


def test_identity(policy: Policy) -> None:
    assert policy.id == "dnu-ivb-2024-2027"
    assert policy.title == "Integraal Veiligheidsbeleid 2024-2027"
    assert policy.period == (2024, 2027)
    assert [d.id for d in policy.documents] == ["ivb", "raadssessie-2023-10-31"]


def test_municipalities(policy: Policy) -> None:
    assert [(m.id, m.name, m.cbs_code, m.province_code, m.tooi) for m in policy.municipalities] == [
        (
            "dronten",
            "Dronten",
            "GM0303",
            "PV24",
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0303",
        ),
        (
            "noordoostpolder",
            "Noordoostpolder",
            "GM0171",
            "PV24",
            "https://identifier.overheid.nl/tooi/id/gemeente/gm0171",
        ),
        ("urk", "Urk", "GM0184", "PV24", "https://identifier.overheid.nl/tooi/id/gemeente/gm0184"),
    ]
    assert {m.province for m in policy.municipalities} == {"Flevoland"}
    (dnu,) = policy.regions
    assert (dnu.code, dnu.members) == ("DNU", ("dronten", "noordoostpolder", "urk"))


def test_themes_and_thematrekkers(policy: Policy) -> None:
    assert [(t.id, t.name, t.leads) for t in policy.themes] == [
        ("cybercrime", "Cybercrime en digitale veiligheid", ("noordoostpolder",)),
        ("ondermijning", "Ondermijning", ("dronten",)),
        ("maatschappelijke-onrust", "Maatschappelijke onrust", ("urk",)),
    ]
    for theme in policy.themes:
        assert theme.municipalities == ("dronten", "noordoostpolder", "urk")
        assert theme.tier == "gezamenlijk-thema" and not theme.no_lead
    (joint, local) = policy.tiers
    assert (joint.heading, joint.lead_label) == ("Gezamenlijke thema's", "thematrekker")
    assert local.heading == "Lokale speerpunten"
    assert all(
        s.tier == "lokaal-speerpunt" and len(s.municipalities) == 1 for s in policy.speerpunten
    )
    assert [len(policy.speerpunten_of(m.id)) for m in policy.municipalities] == [3, 3, 5]


def test_lines_of_effort_per_theme(policy: Policy) -> None:
    efforts = {t.id: sum(a.kind is ActionKind.EFFORT for a in t.actions) for t in policy.themes}
    assert efforts == {"cybercrime": 4, "ondermijning": 4, "maatschappelijke-onrust": 4}


def test_speerpunten_per_municipality(policy: Policy) -> None:
    assert [(s.number, s.name) for s in policy.speerpunten_of("dronten")] == [
        (1, "Zorg & veiligheid"),
        (2, "Evenementen"),
        (3, "Crisisorganisatie"),
    ]
    assert [(s.number, s.name) for s in policy.speerpunten_of("noordoostpolder")] == [
        (1, "Veiligheid in het sociaal domein"),
        (2, "Jeugd en veiligheid"),
        (3, "Veiligheidsbeleving"),
    ]
    # Urk's chapter lost its heading and introduction: its sections stand unnumbered.
    assert [(s.number, s.name) for s in policy.speerpunten_of("urk")] == [
        (None, "Persoonsgerichte aanpak"),
        (None, "Aanpak overlastgevende en problematische jeugd"),
        (None, "Verkeersoverlast"),
        (None, "Vuurwerk"),
        (None, "Veilig Uitgaan"),
    ]


def _count(actions: tuple[Action, ...], kind: ActionKind) -> int:
    return sum(a.kind is kind for a in actions)


def test_bullets_per_speerpunt(policy: Policy) -> None:
    listed = {
        s.id: (
            _count(s.actions, ActionKind.EFFORT),
            _count(s.actions, ActionKind.GOAL),
            _count(s.actions, ActionKind.ACTION),
        )
        for s in policy.speerpunten
    }
    assert listed == {
        "dronten-zorg-en-veiligheid": (4, 0, 0),
        "dronten-evenementen": (3, 0, 0),
        "dronten-crisisorganisatie": (3, 0, 0),
        "noordoostpolder-veiligheid-sociaal-domein": (0, 3, 0),
        "noordoostpolder-jeugd-en-veiligheid": (0, 4, 0),
        "noordoostpolder-veiligheidsbeleving": (2, 0, 0),
        "urk-persoonsgerichte-aanpak": (0, 0, 0),
        "urk-overlastgevende-jeugd": (0, 0, 4),
        "urk-verkeersoverlast": (0, 0, 0),
        "urk-vuurwerk": (0, 0, 0),
        "urk-veilig-uitgaan": (0, 0, 0),
    }


def test_principles(policy: Policy) -> None:
    # Gezamenlijke prioritering en lokale speerpunten: "Daarnaast werken we samen op basis van
    # de volgende uitgangspunten:" and five bullets; three more principles in the running text.
    (uitgangspunten,) = policy.principle_sets
    assert uitgangspunten.name == "uitgangspunten"
    assert [a.text.split()[:3] for a in uitgangspunten.items] == [
        ["Daar", "waar", "mogelijk"],
        ["Iedere", "gemeente", "werkt"],
        ["We", "organiseren", "periodieke"],
        ["We", "werken", "samen"],
        ["Daar", "waar", "nodig"],
    ]
    # three principles of the running text, and six statements that the text places under
    # no speerpunt (e.g. "Zo zetten we ook in op andere strategische thema's")
    assert len(policy.principles) == 9
    assert sum(p.kind is ActionKind.PRINCIPLE for p in policy.principles) == 3
    assert all(p.kind is ActionKind.PRINCIPLE for p in uitgangspunten.items)


def test_duties_of_the_burgemeester_with_their_legal_basis(policy: Policy) -> None:
    # [Rollen en overlegstructuren] > De burgemeester
    duties = {d.text.split(" (")[0]: d.legal_basis for d in policy.get("burgemeester").duties}
    assert duties == {
        "Handhaving van de openbare orde en veiligheid": ("Gemeentewet, artikel 172",),
        "Gezag over de politie voor zover betrekking op de openbare orde": ("Politiewet 2012",),
        "Regierol op het integrale veiligheidsbeleid, gedragen door college en raad.": (),
    }


def test_every_maker_of_the_agendas(policy: Policy) -> None:
    # [Trends en ontwikkelingen] > Landelijke Veiligheidsagenda 2023-2026: "de regioburgemeester,
    # het OM, de politie en het ministerie van Justitie en Veiligheid"
    made_by = {a.id: a.made_by for a in policy.agendas}
    assert made_by["landelijke-veiligheidsagenda-2023-2026"] == (
        "regioburgemeesters",
        "openbaar-ministerie",
        "politie",
        "ministerie-van-justitie-en-veiligheid",
    )
    assert made_by["regionale-veiligheidsstrategie-2023-2026"] == (
        "dronten",
        "noordoostpolder",
        "urk",
        "gemeenten-midden-nederland",
        "openbaar-ministerie",
        "politie-midden-nederland",
    )
    # "Het programma Wie Praat Die Gaat 3.0 (WPDG 3.0) van de Veiligheidscoalitie
    # Midden-Nederland": who drew it up, not who agreed it
    assert made_by["wie-praat-die-gaat-3.0"] == ()
    drawn = {a.id: a.drawn_up_by for a in policy.agendas if a.drawn_up_by}
    assert drawn == {
        "wie-praat-die-gaat-3.0": ("veiligheidscoalitie-midden-nederland",),
        "ivb-2020-2023": ("dronten", "noordoostpolder", "urk"),
    }
    committed = {a.id: a.committed_by for a in policy.agendas if a.committed_by}
    assert committed == {
        "flevolandse-norm": (
            "dronten",
            "noordoostpolder",
            "urk",
            "flevolandse-gemeenten",
            "provincie-flevoland",
        )
    }


def test_expanded_abbreviations(policy: Policy) -> None:
    expanded = {p.abbreviation: p.expansion for p in policy.partners if p.expansion}
    assert expanded == {
        "COA": "Centraal Orgaan opvang Asielzoekers",
        "CCV": "Centrum voor Criminaliteitspreventie en Veiligheid",
        "OM": "Openbaar Ministerie",
        "RIEC-MN": "Regionaal Informatie- en Expertise Centrum Midden-Nederland",
        "SIPI": "Stichting voor Interculturele Participatie en Integratie",
        "BIZ": "Bedrijfsinvesteringszone",
    }


def test_appendix_partners(policy: Policy) -> None:
    assert policy.process is not None
    appendix = list(policy.resolve(policy.process.participants))
    assert len(appendix) == 53
    assert appendix[0].name == "Adviesraad Sociaal Domein Dronten"
    assert appendix[-1].name == "Zorg- en Veiligheidshuis Flevoland"
    assert all(p.source.section == "Bijlage" for p in appendix)  # type: ignore[union-attr]


def test_key_bodies(policy: Policy) -> None:
    dvc = policy.get("districtelijk-veiligheidscollege-flevoland")
    assert (dvc.tier, dvc.meetings_per_year) == (Tier.BESTUURLIJK, 4)
    avo = policy.get("ambtelijk-vooroverleg")
    assert (avo.tier, avo.meetings_per_year) == (Tier.AMBTELIJK, 4)
    assert avo.prepares == ("districtelijk-veiligheidscollege-flevoland",)
    abt = policy.get("ambtelijke-basisteamdriehoek")
    assert abt.tier is Tier.AMBTELIJK
    assert abt.prepares == ("basisteamdriehoek-dnu",)
    zvt = policy.get("zorg-en-veiligheidstafel-urk")
    assert zvt.started == "2023-02-01"
    assert zvt.escalates_to == ("zorg-en-veiligheidshuis-flevoland",)
    assert policy.get("jeugd-interventietafel-urk").planned


def test_authority(policy: Policy) -> None:
    burgemeester = policy.get("burgemeester")
    assert [a.over for a in burgemeester.authority] == ["politie-midden-nederland"]
    # The text ties article 172 Gemeentewet to maintaining public order, and the
    # Politiewet to authority over the police.
    assert burgemeester.authority[0].legal_basis == ("Politiewet 2012",)
    assert "Gemeentewet, artikel 172" in burgemeester.legal_basis
    ovj = policy.get("officier-van-justitie")
    assert [a.over for a in ovj.authority] == ["politie-midden-nederland"]
    assert "strafrechtelijke handhaving" in ovj.authority[0].scope


def test_gemeenteraad_adopts_and_controls(policy: Policy) -> None:
    adopting = [r.id for r in policy.roles if r.adopts_policy]
    controlling = [r.id for r in policy.roles if r.controls_policy]
    # "De drie gemeenteraden stellen ieder afzonderlijk dit IVB ... vast."
    assert (
        adopting
        == controlling
        == ["gemeenteraad-dronten", "gemeenteraad-noordoostpolder", "gemeenteraad-urk"]
    )


def test_tables(policy: Policy) -> None:
    t1, t2 = policy.tables
    assert (t1.number, t1.periods) == (1, ("2019", "2020", "2021", "2022"))
    assert {r.region: r.values for r in t1.rows} == {
        "dronten": (204, 307, 313, 215),
        "noordoostpolder": (201, 312, 309, 230),
        "urk": (63, 98, 77, 61),
    }
    assert [(r.region, r.values) for r in t1.stated_totals] == [("dnu", (468, 717, 699, 506))]
    assert (t2.number, t2.periods) == (2, ("2019", "2020", "2021", "2022"))
    assert {r.region: r.values for r in t2.rows} == {
        "dronten": (216, 196, 159, 215),
        "noordoostpolder": (218, 282, 289, 343),
        "urk": (36, 31, 26, 32),
    }
    assert t2.stated_totals == ()


def test_veiligheidsbeleving_target(policy: Policy) -> None:
    (target,) = policy.targets
    assert target.municipalities == ("noordoostpolder",)
    assert target.baseline is not None
    assert (target.baseline.value, target.baseline.unit) == (7.6, Unit.RAPPORTCIJFER)
    assert target.better is not None and target.better.value == "higher"
    assert target.comparison is not None and target.comparison.value == "more-than"
    assert target.horizon is None and target.horizon_or(policy.period[1]) == "2027"
    assert len(target.subtargets) == 3
    assert {s.better.value for s in target.subtargets if s.better} == {"lower"}


def test_trends(policy: Policy) -> None:
    cross = [t.name for t in policy.trends if t.scope is TrendScope.CROSS_CUTTING]
    assert cross == [
        "Digitalisering",
        "Polarisatie",
        "Demografische verandering",
        "Economische ontwikkelingen",
    ]
    per_session = Counter(t.session for t in policy.trends if t.session)
    assert per_session == {
        "themasessie-cybercrime": 4,
        "themasessie-ondermijning": 3,
        "themasessie-maatschappelijke-onrust": 3,
        "themasessie-zorg-en-veiligheid": 3,
        "themasessie-evenementen": 2,
        "themasessie-crisisorganisatie": 3,
    }


def test_process(policy: Policy) -> None:
    assert policy.process is not None
    assert len(policy.process.sessions) == 6
    assert policy.process.session_label == "themasessie"
    assert (policy.process.method or "").lower() == "scenariodenken"
    dates = [m.date for m in policy.process.milestones]
    assert "2023-10-31" in dates


def test_agendas_per_level(policy: Policy) -> None:
    national = policy.get("landelijke-veiligheidsagenda-2023-2026")
    assert len(national.themes) == 5
    regional = policy.get("regionale-veiligheidsstrategie-2023-2026")
    assert len(regional.themes) == 3
    assert [lvl.level.value for lvl in policy.priority_levels] == [
        "national",
        "regional",
        "district",
        "local",
    ]


def test_every_theme_and_speerpunt_is_classified(policy: Policy) -> None:
    for item in (*policy.themes, *policy.speerpunten):
        assert item.fields, item.id
        assert all(isinstance(f, VeiligheidsVeld) for f in item.fields)


def test_every_entity_has_a_source(policy: Policy) -> None:
    documents = {d.id for d in policy.documents}
    missing = []
    for entity in policy.entities():
        if not attrs.has(type(entity)) or "source" not in attrs.fields_dict(type(entity)):
            continue
        source = entity.source  # type: ignore[union-attr]
        if source is None and isinstance(entity, (Document, AgendaTheme)):
            continue  # optional: a document is its own source, an agenda theme its agenda's
        if not isinstance(source, SourceRef) or source.document not in documents:
            missing.append(entity.id)
    assert missing == []


def test_every_reference_resolves(policy: Policy) -> None:
    # Building a Policy checks references; rebuilding from its own data must succeed.
    assert attrs.evolve(policy) == policy


def test_dated_commitments(policy: Policy) -> None:
    dated = {(a.date, a.timing.value if a.timing else None) for a in policy.actions if a.date}
    assert ("2024", "expected") in dated  # the new horecaconvenant on Urk
    assert ("2025", "planned") in dated  # evaluation of the jeugdhonken policy


def test_entity_counts_snapshot(policy: Policy) -> None:
    """Every addition to or removal from the data shows here."""
    counts = Counter(policy.kind_of(i) for i in policy.ids())
    assert dict(sorted(counts.items())) == {
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
        "reference": 6,
        "region": 1,
        "role": 25,
        "speerpunt": 11,
        "statement": 18,
        "table": 2,
        "target": 4,
        "term": 20,
        "principle-set": 1,
        "session": 6,
        "theme": 3,
        "tier": 2,
        "trend": 22,
        "trend-claim": 5,
    }
    assert len(policy.principles) + len(policy.principle_sets[0].items) == 14
    assert [len(t.actions) for t in policy.themes] == [5, 7, 5]
    assert [len(s.actions) for s in policy.speerpunten] == [8, 5, 5, 8, 9, 4, 5, 6, 4, 3, 17]
    assert len(policy.citations) == 107


def test_bodies_snapshot(policy: Policy) -> None:
    assert [(b.id, b.tier.value, b.scope.value, b.planned) for b in policy.bodies] == [
        ("districtelijk-veiligheidscollege-flevoland", "bestuurlijk", "district", False),
        ("ambtelijk-vooroverleg", "ambtelijk", "district", False),
        ("basisteamdriehoek-dnu", "bestuurlijk", "basisteam", False),
        ("ambtelijke-basisteamdriehoek", "ambtelijk", "basisteam", False),
        ("zorg-en-veiligheidstafel-urk", "uitvoerend", "local", False),
        ("regionale-pga-werkgroep", "ambtelijk", "district", False),
        ("jeugd-interventietafel-urk", "uitvoerend", "local", True),
        ("regionale-werkgroep-vuurwerk", "ambtelijk", "regional", False),
        ("intergemeentelijke-samenwerking-oov-igw-sociaal-domein", "ambtelijk", "local", False),
    ]
    frequencies = {b.id: b.meetings_per_year for b in policy.bodies if b.meetings_per_year}
    assert frequencies == {
        "districtelijk-veiligheidscollege-flevoland": 4,
        "ambtelijk-vooroverleg": 4,
        "basisteamdriehoek-dnu": 4,
    }
