"""Integraal Veiligheidsplan Heuvelland 2020-2023: five municipalities, no lead named, no targets.

The file is ``examples/policies/heuvelland-ivp-2020-2023.yaml``. Every priority is shared by
all five municipalities and the source names no lead for any of them: the commands must say
"niet vermeld" / "not stated", never name an owner.
"""

from __future__ import annotations

from collections import Counter

import pytest

import ivb
from ivb.governance import (
    GovernanceGraph,
    LeadError,
    alignment,
    escalation_path,
    governance_view,
    leads_of,
    meeting_calendar,
    members,
    owner_of,
    partners_of,
    preparation_chain,
    responsibilities,
    who_owns,
)

from .conftest import HEUVELLAND, Runner

FIVE = ("eijsden-margraten", "gulpen-wittem", "meerssen", "vaals", "valkenburg-aan-de-geul")
FIVE_NAMES = "Eijsden-Margraten, Gulpen-Wittem, Meerssen, Vaals, Valkenburg aan de Geul"
PRIORITIES = (
    ("zorg-en-veiligheid", "Samenwerken op het snijvlak van zorg & veiligheid"),
    ("toerisme-recreatie-evenementen", "Veilig toerisme, recreatie en evenementen"),
    ("ondermijnende-criminaliteit", "Ondermijnende criminaliteit een halt toeroepen"),
)
STRATEGIC = (
    ("veilige-en-leefbare-kernen", "Veilige en leefbare kernen"),
    ("jeugd-en-veiligheid", "Jeugd en veiligheid"),
    ("woninginbraak-en-vermogenscriminaliteit", "Woninginbraak en andere vermogenscriminaliteit"),
    ("drugsoverlast", "Drugsoverlast"),
    ("veiligheid-rond-het-uitgaan", "Veiligheid rond het uitgaan"),
    ("overige-veiligheidsthemas", "Overige veiligheidsthema's"),
)
THEMES = PRIORITIES + STRATEGIC
POLICY = ("--policy", str(HEUVELLAND))


# -- the data -----------------------------------------------------------------------


def test_frame(heuvelland: ivb.Policy) -> None:
    assert heuvelland.id == "ivp-heuvelland-2020-2023"
    assert heuvelland.title == "Integraal Veiligheidsplan Heuvelland 2020-2023"
    assert heuvelland.motto == "De krachten gebundeld voor een veilig en leefbaar Heuvelland"
    assert tuple(heuvelland.period) == (2020, 2023)


def test_five_municipalities_in_limburg(heuvelland: ivb.Policy) -> None:
    assert [(m.id, m.name, m.cbs_code) for m in heuvelland.municipalities] == [
        ("eijsden-margraten", "Eijsden-Margraten", "GM1903"),
        ("gulpen-wittem", "Gulpen-Wittem", "GM1729"),
        ("meerssen", "Meerssen", "GM0938"),
        ("vaals", "Vaals", "GM0981"),
        ("valkenburg-aan-de-geul", "Valkenburg aan de Geul", "GM0994"),
    ]
    assert {(m.province, m.province_code) for m in heuvelland.municipalities} == {
        ("Limburg", "PV31")
    }


def test_two_tiers_side_by_side(heuvelland: ivb.Policy) -> None:
    assert [(t.id, t.heading, t.parent, t.lead_label) for t in heuvelland.tiers] == [
        ("bovenlokale-prioriteit", "Bovenlokale prioriteiten", None, None),
        ("strategisch-thema", "Strategische thema's", None, None),
    ]


def test_nine_joint_themes_no_speerpunten(heuvelland: ivb.Policy) -> None:
    assert [(t.id, t.name) for t in heuvelland.themes] == list(THEMES)
    assert [heuvelland.tier_of(t).id for t in heuvelland.themes] == (
        ["bovenlokale-prioriteit"] * 3 + ["strategisch-thema"] * 6
    )
    assert {tuple(t.municipalities) for t in heuvelland.themes} == {FIVE}
    assert {t.parent for t in heuvelland.themes} == {None}
    assert heuvelland.speerpunten == ()


def test_no_theme_names_a_lead(heuvelland: ivb.Policy) -> None:
    for theme in heuvelland.themes:
        assert heuvelland.leads_of(theme) == ()
        assert theme.no_lead is False  # not "explicitly none": the source is silent


def test_no_targets_indicators_budget_or_tables(heuvelland: ivb.Policy) -> None:
    assert heuvelland.targets == ()
    assert heuvelland.indicators == ()
    assert heuvelland.budget == ()
    assert heuvelland.tables == ()
    assert heuvelland.figures == ()


def test_buitengebied_of_each_municipality(heuvelland: ivb.Policy) -> None:
    assert [(a.id, a.kind.value, a.municipality, a.code) for a in heuvelland.areas] == [
        (f"buitengebied-{m}", "buitengebied", m, None) for m in FIVE
    ]


def test_partners(heuvelland: ivb.Policy) -> None:
    assert [p.id for p in heuvelland.partners] == [
        "pvo-limburg",
        "politie",
        "brandweer",
        "lltb",
        "limburgs-landschap",
        "natuurmonumenten",
        "staatsbosbeheer",
        "waterschap-limburg",
        "wildbeheereenheden",
        "ondernemers-buitengebied",
        "bewoners-buitengebied",
    ]
    assert Counter(p.category.value for p in heuvelland.partners) == {
        "business": 3,
        "civil-society": 4,
        "government": 2,
        "police-and-justice": 1,
        "safety-and-emergency": 1,
    }
    assert {p.id: p.expansion for p in heuvelland.partners if p.abbreviation} == {
        "pvo-limburg": "Platform Veilig Ondernemen Limburg",
        "lltb": "Limburgse Land- en Tuinbouwbond",
    }


def test_driehoek_meets_how_often_is_not_stated(heuvelland: ivb.Policy) -> None:
    (body,) = heuvelland.bodies
    assert (body.id, body.tier.value, body.scope.value, body.meets.value) == (
        "driehoek-heuvelland",
        "bestuurlijk",
        "regional",
        "not-stated",
    )
    assert body.meetings_per_year is None
    assert body.members == ()
    assert tuple(body.municipalities) == FIVE


def test_actions_with_status_month_and_range(heuvelland: ivb.Policy) -> None:
    theme = heuvelland.get("ondermijnende-criminaliteit")
    rows = [
        (
            a.id.split(".")[1],
            a.status.value if a.status else None,
            a.date,
            a.timing.value if a.timing else None,
            a.start,
            a.end,
            len(a.partners),
            len(a.areas),
        )
        for a in theme.actions
    ]
    assert rows == [
        ("veilig-buitengebied", "ongoing", None, None, None, None, 11, 5),
        ("enquete-buitengebied", None, None, None, "2023-03", "2023-03-17", 0, 5),
        ("kiek-oet", "done", "2023-06", "done", None, None, 3, 5),
    ]
    assert [t.id for t in heuvelland.themes if t.actions] == ["ondermijnende-criminaliteit"]
    (principle,) = heuvelland.principles
    assert tuple(principle.actors) == FIVE


def test_documents_with_kind_and_address(heuvelland: ivb.Policy) -> None:
    assert [(d.id, d.kind.value, d.date) for d in heuvelland.documents] == [
        ("ivp", "policy", "2020-05"),
        ("aankondiging", "announcement", "2020-06-04"),
        ("veilig-buitengebied-enquete", "announcement", "2023-03-16"),
        ("kiek-oet", "announcement", "2023-07-06"),
        ("begroting-eijsden-margraten-2025", "begroting", "2024"),
        ("vsp-2020-09", "web-page", "2020-09-22"),
        ("vsp-2021-03", "web-page", "2021-03-30"),
        ("jaarverslag-2020", "annual-report", "2021"),
    ]
    assert heuvelland.get("ivp").url == (
        "https://5dok.net/document/yr30vo37-integraal-veiligheidsplan-heuvelland.html"
    )
    assert [d.id for d in heuvelland.documents if d.url is None] == ["jaarverslag-2020"]


def test_process_milestones(heuvelland: ivb.Policy) -> None:
    assert heuvelland.process is not None
    assert [(m.id, m.date) for m in heuvelland.process.milestones] == [
        ("ivp-gereed", "2020-05"),
        ("ivp-aangekondigd", "2020-06-04"),
        ("ivp-raadsadviescommissie-valkenburg", "2020-09-21"),
        ("uitvoeringsplan-2020", "2020-09"),
        ("jaarverslag-2020-besproken", "2021-03"),
    ]
    assert heuvelland.process.sessions == ()


def test_round_trip(heuvelland: ivb.Policy) -> None:
    assert ivb.loads(ivb.dumps(heuvelland)) == heuvelland


# -- governance queries -------------------------------------------------------------


def test_graph_size(heuvelland_graph: GovernanceGraph) -> None:
    assert heuvelland_graph.number_of_nodes() == 53
    assert heuvelland_graph.number_of_edges() == 137
    assert Counter(k for _, k in heuvelland_graph.nodes(data="kind")) == {
        "partner": 11,
        "theme": 9,
        "document": 8,
        "municipality": 5,
        "area": 5,
        "milestone": 5,
        "action": 4,
        "tier": 2,
        "statement": 2,
        "policy": 1,
        "body": 1,
    }
    assert Counter(k for *_, k in heuvelland_graph.edges(keys=True)) == {
        "shares": 45,
        "carried-out-by": 20,
        "works-with": 14,
        "concerns": 30,
        "in-tier": 9,
        "has-milestone": 5,
        "lies-in": 5,
        "serves": 5,
        "pursues": 4,
    }


@pytest.mark.parametrize("theme", [t for t, _ in THEMES])
def test_owner_of_refuses_without_a_lead(heuvelland_graph: GovernanceGraph, theme: str) -> None:
    assert leads_of(heuvelland_graph, theme) == ()
    with pytest.raises(LeadError, match="does not name one"):
        owner_of(heuvelland_graph, theme)


def test_who_owns_frame(heuvelland_graph: GovernanceGraph) -> None:
    frame = who_owns(heuvelland_graph)
    assert list(frame["id"]) == [t for t, _ in THEMES]
    assert list(frame["tier_name"]) == ["bovenlokale prioriteit"] * 3 + ["strategisch thema"] * 6
    assert frame["owner"].isna().all()
    assert not frame["no_lead"].any()
    assert set(frame["leads"]) == {()}
    assert set(frame["municipalities"]) == {FIVE}


def test_partners_of_ondermijning(heuvelland_graph: GovernanceGraph) -> None:
    assert len(partners_of(heuvelland_graph, "ondermijnende-criminaliteit")) == 11
    assert partners_of(heuvelland_graph, "drugsoverlast") == ()


@pytest.mark.parametrize("municipality", FIVE)
def test_every_municipality_shares_every_theme(
    heuvelland_graph: GovernanceGraph, municipality: str
) -> None:
    frame = responsibilities(heuvelland_graph, municipality)
    assert Counter(frame["relation"]) == {"shares": 9, "involved-in": 4}


def test_driehoek_has_no_members_no_chain_no_meetings(
    heuvelland: ivb.Policy, heuvelland_graph: GovernanceGraph
) -> None:
    assert members(heuvelland_graph, "driehoek-heuvelland") == ()
    assert preparation_chain(heuvelland_graph, "driehoek-heuvelland").empty
    calendar = meeting_calendar(heuvelland, 2021)
    assert calendar.meetings == ()
    assert "driehoek-heuvelland" in calendar.unscheduled


def test_nothing_invented_above_or_beside(heuvelland_graph: GovernanceGraph) -> None:
    # the text names no body above the driehoek and no national or regional agenda
    assert [b.id for b in escalation_path(heuvelland_graph, "driehoek-heuvelland")] == [
        "driehoek-heuvelland"
    ]
    for theme, _ in THEMES:
        assert alignment(heuvelland_graph, theme).empty
    # the view: the actors, the policy and the nine joint themes, with the 45 shares
    view = governance_view(heuvelland_graph)
    assert (view.number_of_nodes(), view.number_of_edges()) == (27, 50)


# -- the commands -------------------------------------------------------------------


def test_validate(cli: Runner) -> None:
    result = cli("validate", HEUVELLAND)
    assert (result.status, result.out) == (0, f"{HEUVELLAND}: geldig\n")


def test_overview(cli: Runner) -> None:
    result = cli("overview", *POLICY)
    assert result.status == 0
    assert result.out.splitlines() == [
        "Integraal Veiligheidsplan Heuvelland 2020-2023 (2020-2023)",
        "De krachten gebundeld voor een veilig en leefbaar Heuvelland",
        "",
        "Gemeenten",
        "  Eijsden-Margraten (GM1903)",
        "  Gulpen-Wittem (GM1729)",
        "  Meerssen (GM0938)",
        "  Vaals (GM0981)",
        "  Valkenburg aan de Geul (GM0994)",
        "",
        "Bovenlokale prioriteiten",
        *(f"  {name}" for _, name in PRIORITIES),
        "",
        "Strategische thema's",
        *(f"  {name}" for _, name in STRATEGIC),
        "",
        "Overlegstructuren (hoe vaak)",
        "  naam                 laag         hoe vaak",
        "  Driehoek Heuvelland  bestuurlijk  frequentie niet genoemd",
    ]


def test_overview_json(cli: Runner) -> None:
    data = cli("overview", "--json", *POLICY).json()
    assert [t["heading"] for t in data["tiers"]] == [
        "Bovenlokale prioriteiten",
        "Strategische thema's",
    ]
    assert [(t["id"], t["leads"], t["no_lead"]) for t in data["themes"]] == [
        (t, [], False) for t, _ in THEMES
    ]
    assert [m["speerpunten"] for m in data["municipalities"]] == [[]] * 5
    assert data["bodies"][0]["meets"] == "not-stated"
    assert data["policy"]["motto"] == "De krachten gebundeld voor een veilig en leefbaar Heuvelland"


def test_who_owns_says_not_stated(cli: Runner) -> None:
    result = cli("who-owns", *POLICY)
    assert result.status == 0
    header, columns, *rows = result.out.splitlines()
    assert header == "Trekkers, gemeenten en coördinatie"
    assert columns.split() == ["naam", "soort", "trekker", "gemeenten", "coördinatie"]
    assert len(rows) == 9
    for (theme, name), row in zip(THEMES, rows, strict=True):
        cells = [c for c in row.strip().split("  ") if c]
        assert [c.strip() for c in cells] == [
            f"{name} [{theme}]",
            "bovenlokale prioriteit" if (theme, name) in PRIORITIES else "strategisch thema",
            "niet vermeld",
            FIVE_NAMES,
            "-",
        ]


def test_who_owns_one_theme_json(cli: Runner) -> None:
    (row,) = cli("who-owns", "Drugsoverlast", "--json", *POLICY).json()
    assert (row["id"], row["leads"], row["no_lead"], row["owner"]) == (
        "drugsoverlast",
        [],
        False,
        None,
    )
    assert row["municipalities"] == list(FIVE)


def test_show_theme(cli: Runner) -> None:
    result = cli("show", "ondermijnende-criminaliteit", *POLICY)
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[:2] == [
        "Ondermijnende criminaliteit een halt toeroepen",
        "  thema [ondermijnende-criminaliteit]",
    ]
    assert any(line.split() == ["acties", "(3", "onderdelen)"] for line in lines)
    assert sum(line.startswith("  <- deelt") for line in lines) == 5
    assert sum(line.startswith("  -> streeft na") for line in lines) == 3
    assert sum(line.startswith("  -> heeft betrekking op") for line in lines) == 5


def test_show_every_entity(cli: Runner, heuvelland_graph: GovernanceGraph) -> None:
    ids = [n for n, k in heuvelland_graph.nodes(data="kind") if k != "policy"]
    assert len(ids) == 52
    for ident in ids:
        result = cli("show", ident, "--json", *POLICY)
        assert result.status == 0, (ident, result.err)
        assert result.json()["id"] == ident


def test_bodies(cli: Runner) -> None:
    result = cli("bodies", *POLICY)
    assert result.out.splitlines() == [
        "Overlegstructuren",
        "",
        "  Driehoek Heuvelland [driehoek-heuvelland]",
        "    bestuurlijk, regionaal, frequentie niet genoemd",
    ]
    (row,) = cli("bodies", "--json", *POLICY).json()
    assert (row["id"], row["meets"], row["meetings_per_year"], row["members"]) == (
        "driehoek-heuvelland",
        "not-stated",
        None,
        [],
    )


def test_chain(cli: Runner) -> None:
    result = cli("chain", "Driehoek Heuvelland", *POLICY)
    assert (result.status, result.out) == (
        0,
        "Niets bereidt Driehoek Heuvelland [driehoek-heuvelland] voor of informeert het.\n",
    )
    assert cli("chain", "driehoek-heuvelland", "--json", *POLICY).json() == {
        "id": "driehoek-heuvelland",
        "name": "Driehoek Heuvelland",
        "chain": [],
    }


def test_report_says_no_targets_and_no_lead(cli: Runner) -> None:
    data = cli("report", "--json", "--date", "2024-01-01", *POLICY).json()
    assert data["summary"] == {"targets": {}, "claims": {}}
    assert data["targets"] == [] and data["statistics"] == [] and data["claims"] == []
    assert [(p["heading"], len(p["items"])) for p in data["priorities"]] == [
        ("Bovenlokale prioriteiten", 3),
        ("Strategische thema's", 6),
    ]
    items = [i for p in data["priorities"] for i in p["items"]]
    assert {(tuple(i["leads"]), i["no_lead"]) for i in items} == {((), False)}
    result = cli("report", "--date", "2024-01-01", *POLICY)
    assert result.status == 0
    html = result.out
    assert "Het beleid stelt geen meetbare doelen." in html
    assert html.count('<tr><th scope="row">') == 9
    assert "trekker" not in html.lower()  # no lead named anywhere: no lead column
    assert "Bovenlokale prioriteiten" in html and "Strategische thema&#39;s" in html
    assert "Eijsden-Margraten, Gulpen-Wittem, Meerssen, Vaals, Valkenburg aan de Geul" in html


def test_diff_against_the_bundled_policy(cli: Runner) -> None:
    result = cli("diff", HEUVELLAND, "--json")
    assert result.status == 1
    data = result.json()
    assert (data["a"], data["b"]) == ("ivp-heuvelland-2020-2023", "dnu-ivb-2024-2027")
    removed = Counter(c["kind"] for c in data["changes"] if c["change"] == "removed")
    assert removed["municipality"] == 5
    assert removed["theme"] == 9
    assert removed["area"] == 5
    added = Counter(c["kind"] for c in data["changes"] if c["change"] == "added")
    assert added["municipality"] == 3
