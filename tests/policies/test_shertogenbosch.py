"""Veiligheidsplan 's-Hertogenbosch 2019-2022: one municipality, three tiers, areas, targets.

The file is ``examples/policies/shertogenbosch-veiligheidsplan-2019-2022.yaml``. Its targets
come from the Jaarstukken 2019: a baseline (nulmeting, year not stated), a value for 2019, the
value measured in 2019 (realisatie) and a value for 2022. In 2019 two targets met their
milestone and five did not.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import ivb
from ivb.governance import (
    GovernanceGraph,
    authority_over,
    escalation_path,
    governance_view,
    leads_of,
    owner_of,
    partners_of,
    preparation_chain,
    responsibilities,
    who_owns,
)
from ivb.indicators import evaluate_targets

from .conftest import SHERTOGENBOSCH, Runner

POLICY = ("--policy", str(SHERTOGENBOSCH))
SPEERPUNTEN = {
    # id: (tier, parent)
    "veilige-woon-en-leefomgeving": ("veiligheidsveld", None),
    "jeugd-en-veiligheid": ("veiligheidsveld", None),
    "complexe-cases": ("prioriteit", "veilige-woon-en-leefomgeving"),
    "vermogenscriminaliteit-en-hic": ("prioriteit", "veilige-woon-en-leefomgeving"),
    "problematische-jeugd": ("prioriteit", "jeugd-en-veiligheid"),
    "problematische-jeugd.jeugdoverlast-en-criminaliteit": ("accent", "problematische-jeugd"),
    "problematische-jeugd.individuele-probleemjongeren": ("accent", "problematische-jeugd"),
    "problematische-jeugd.drank-en-drugs": ("accent", "problematische-jeugd"),
    "problematische-jeugd.geweld": ("accent", "problematische-jeugd"),
    "veilige-en-leefbare-wijken": ("prioriteit", None),
    "veilig-uitgaan-en-evenementen": ("prioriteit", None),
    "ondermijnende-criminaliteit": ("prioriteit", None),
}
#: indicator: (unit, comparison, baseline, milestone 2019, measured 2019, value 2022, priority)
TARGETS = {
    "rapportcijfer-veiligheid-buurt": (
        "rapportcijfer", "at-least", 6.9, 7.1, 7.0, 7.3, "veilige-woon-en-leefomgeving"
    ),
    "veel-criminaliteit-in-buurt": (
        "percent", "at-most", 12, 10, 12, 9, "veilige-woon-en-leefomgeving"
    ),
    "diefstal-uit-vanaf-motorvoertuigen": (
        "per-1000-inhabitants", "at-most", 8.2, 7.0, 5.1, 6.5, "veilige-woon-en-leefomgeving"
    ),
    "diefstal-van-motorvoertuigen": (
        "per-1000-inhabitants", "at-most", 1.8, 1.5, 0.8, 1.3, "veilige-woon-en-leefomgeving"
    ),
    "incidenten-overlast-jeugd": (
        "per-1000-inhabitants", "at-most", 5.9, 5.0, 5.5, 4.8, "jeugd-en-veiligheid"
    ),
    "overlast-jongeren-in-buurt": ("percent", "at-most", 7.3, 5.0, 9.0, 4.5, "jeugd-en-veiligheid"),
    "onveilig-bij-groepen-jongeren": (
        "percent", "at-most", 8.0, 6.0, 8.0, 5.0, "jeugd-en-veiligheid"
    ),
}  # fmt: skip
MET_IN_2019 = {"diefstal-uit-vanaf-motorvoertuigen", "diefstal-van-motorvoertuigen"}


# -- the data -----------------------------------------------------------------------


def test_frame(shertogenbosch: ivb.Policy) -> None:
    assert shertogenbosch.id == "veiligheidsplan-shertogenbosch-2019-2022"
    assert shertogenbosch.title == "Veiligheidsplan 's-Hertogenbosch 2019-2022"
    assert tuple(shertogenbosch.period) == (2019, 2022)
    assert shertogenbosch.motto is None
    (m,) = shertogenbosch.municipalities
    assert (m.id, m.name, m.cbs_code, m.province, m.province_code) == (
        "shertogenbosch",
        "'s-Hertogenbosch",
        "GM0796",
        "Noord-Brabant",
        "PV30",
    )


def test_three_nested_tiers(shertogenbosch: ivb.Policy) -> None:
    assert [(t.id, t.heading, t.parent) for t in shertogenbosch.tiers] == [
        ("veiligheidsveld", "Veiligheidsvelden", None),
        ("prioriteit", "Prioriteiten", "veiligheidsveld"),
        ("accent", "Accenten", "prioriteit"),
    ]


def test_speerpunten_with_tier_and_parent(shertogenbosch: ivb.Policy) -> None:
    assert shertogenbosch.themes == ()
    assert {s.id: (s.tier, s.parent) for s in shertogenbosch.speerpunten} == SPEERPUNTEN
    assert [s.id for s in shertogenbosch.speerpunten] == list(SPEERPUNTEN)
    assert {tuple(s.municipalities) for s in shertogenbosch.speerpunten} == {("shertogenbosch",)}
    for speerpunt in shertogenbosch.speerpunten:
        assert shertogenbosch.leads_of(speerpunt) == ()
        assert speerpunt.no_lead is False


def test_areas(shertogenbosch: ivb.Policy) -> None:
    areas = shertogenbosch.areas
    assert len(areas) == 27
    assert Counter(a.kind.value for a in areas) == {"wijk": 8, "buurt": 10, "other": 8, "kern": 1}
    assert {a.code for a in areas} == {None}  # no CBS wijk- or buurtcode in the sources
    assert [a.id for a in areas if a.kind.value == "wijk"] == [
        "zuid",
        "oost",
        "hintham",
        "muntel",
        "vliert",
        "orthenpoort",
        "binnenstad",
        "noord",
    ]
    assert [a.name for a in areas if a.parent == "noord"] == [
        "De Herven",
        "Hambaken",
        "Rompert",
        "Haren",
        "Slagen",
        "Reit",
        "Donk",
        "Buitenpepers",
        "Morgen",
        "Orthen",
    ]
    assert [a.id for a in areas if a.kind.value == "kern"] == ["empel"]


def test_actions_per_area(shertogenbosch: ivb.Policy) -> None:
    wijken = shertogenbosch.get("veilige-en-leefbare-wijken")
    rows = [
        (
            a.id.split(".")[1],
            a.status.value if a.status else None,
            a.date,
            a.start,
            a.end,
            tuple(a.areas),
        )
        for a in wijken.actions
    ]
    assert rows == [
        ("wijkfoto-en-veiligheidsagenda", "planned", None, None, None, ()),
        ("veiligheidsplan-op-maat", "ongoing", None, "2019", "2022", ()),
        ("maaspoort", "done", None, None, None, ("maaspoort",)),
        (
            "empel-gewande-meerwijk",
            "done",
            None,
            "2019-11-26",
            "2020-03-05",
            ("empel", "gewande", "meerwijk"),
        ),
        ("engelen", "done", None, None, None, ("engelen",)),
        ("zuid-oost-hintham", None, "2021-09", None, None, ("zuid", "oost", "hintham")),
        (
            "muntel-vliert-orthenpoort-binnenstad",
            "planned",
            None,
            None,
            None,
            ("muntel", "vliert", "orthenpoort", "binnenstad"),
        ),
        ("noord", None, None, None, None, ("noord",)),
        (
            "rosmalen",
            "done",
            None,
            None,
            None,
            ("rosmalen", "maliskamp", "de-groote-wielen", "kruisstraat"),
        ),
    ]
    assert len(wijken.areas) == 17
    assert sum(len(s.actions) for s in shertogenbosch.speerpunten) == 12


def test_actors_process_and_documents(shertogenbosch: ivb.Policy) -> None:
    assert [(r.id, r.kind.value) for r in shertogenbosch.roles] == [
        ("college", "council"),
        ("gemeenteraad", "council"),
        ("burgemeester", "office"),
    ]
    assert shertogenbosch.get("gemeenteraad").adopts_policy is True
    assert [p.id for p in shertogenbosch.partners] == [
        "politie",
        "openbaar-ministerie",
        "inwoners",
        "ondernemers",
        "maatschappelijke-organisaties",
        "buurtpreventieteams",
    ]
    assert shertogenbosch.bodies == ()
    process = shertogenbosch.process
    assert process is not None
    assert [(s.id, s.date, tuple(s.participants)) for s in process.sessions] == [
        ("bijeenkomst-empel", "2020-03-05", ("burgemeester", "inwoners"))
    ]
    assert [(m.id, m.date) for m in process.milestones] == [
        ("plan-college", "2018-11-08"),
        ("besluit-gemeenteraad", "2018-12-11"),
        ("heel-de-gemeente-gehad", "2022"),
    ]
    assert Counter(d.kind.value for d in shertogenbosch.documents) == {
        "announcement": 3,
        "web-page": 4,
        "annual-report": 2,
    }
    assert all(d.url for d in shertogenbosch.documents)
    assert shertogenbosch.budget == ()


def test_indicators(shertogenbosch: ivb.Policy) -> None:
    assert {i.id: i.unit.value for i in shertogenbosch.indicators} == {
        k: v[0] for k, v in TARGETS.items()
    }
    assert {i.data_source.kind.value for i in shertogenbosch.indicators} == {"veiligheidsmonitor"}


def test_targets_with_values_and_steps(shertogenbosch: ivb.Policy) -> None:
    *measurable, goal = shertogenbosch.targets
    assert len(measurable) == 7
    for target in measurable:
        (indicator,) = target.indicators
        _unit, comparison, base, step, measured, value, priority = TARGETS[indicator]
        assert target.id == f"{indicator}-2022"
        assert tuple(target.municipalities) == ("shertogenbosch",) and target.region is None
        assert target.priority == priority
        assert target.comparison is not None and target.comparison.value == comparison
        assert target.value == value
        assert target.baseline is not None
        assert (target.baseline.value, target.baseline.period) == (base, None)
        assert [(s.year, s.value) for s in target.milestones] == [(2019, step)]
        assert [(m.year, m.value) for m in target.measured] == [(2019, measured)]
        assert target.horizon == "2022"
    assert goal.id == "veiliger-is-en-voelt"
    assert goal.indicators == () and goal.comparison is None
    assert (
        goal.statement == "In 2022 hebben we voor ogen dat 's-Hertogenbosch veiliger is en voelt."
    )


def test_round_trip(shertogenbosch: ivb.Policy) -> None:
    assert ivb.loads(ivb.dumps(shertogenbosch)) == shertogenbosch


# -- targets evaluated ---------------------------------------------------------------


def test_2019_milestones(shertogenbosch: ivb.Policy) -> None:
    results = {r.target: r for r in evaluate_targets(shertogenbosch)}
    assert len(results) == 8
    for indicator in TARGETS:
        result = results[f"{indicator}-2022"]
        expected = "on-track" if indicator in MET_IN_2019 else "off-track"
        assert [(m.year, m.status) for m in result.milestones] == [(2019, expected)]
        assert result.latest == TARGETS[indicator][4]
        # before the horizon a 2019 value says on or off track, never achieved or not
        assert result.status.value == expected
        assert result.reason.endswith("horizon 2022 not yet reached")
    assert results["veiliger-is-en-voelt"].status.value == "no-data"
    assert Counter(r.status.value for r in results.values()) == {
        "off-track": 5,
        "on-track": 2,
        "no-data": 1,
    }


def test_horizon_passed_without_a_later_measurement(shertogenbosch: ivb.Policy) -> None:
    results = {r.target: r for r in evaluate_targets(shertogenbosch, as_of="2023-01-01")}
    for indicator in TARGETS:
        result = results[f"{indicator}-2022"]
        assert result.status.value == ("achieved" if indicator in MET_IN_2019 else "not-achieved")
        assert result.reason.endswith(
            "horizon 2022 passed (as of 2023-01-01) without a later measurement: "
            "judged on that of 2019"
        )


def _measurements(tmp_path: Path, rows: dict[str, str]) -> Path:
    path = tmp_path / "metingen-2022.csv"
    lines = ["indicator;region;period;value"]
    lines += [f"{indicator};GM0796;2022;{value}" for indicator, value in rows.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_2022_measurements_decide(shertogenbosch: ivb.Policy, tmp_path: Path) -> None:
    csv = _measurements(
        tmp_path,
        {
            "rapportcijfer-veiligheid-buurt": "7,3",  # at least 7,3: met exactly
            "veel-criminaliteit-in-buurt": "10",  # at most 9: missed
            "overlast-jongeren-in-buurt": "4,5",  # at most 4,5: met exactly
        },
    )
    results = {r.target: r.status.value for r in evaluate_targets(shertogenbosch, csv)}
    assert results["rapportcijfer-veiligheid-buurt-2022"] == "achieved"
    assert results["veel-criminaliteit-in-buurt-2022"] == "not-achieved"
    assert results["overlast-jongeren-in-buurt-2022"] == "achieved"


# -- governance queries -------------------------------------------------------------


def test_graph_size(shertogenbosch_graph: GovernanceGraph) -> None:
    assert shertogenbosch_graph.number_of_nodes() == 95
    assert shertogenbosch_graph.number_of_edges() == 177
    assert Counter(k for _, k in shertogenbosch_graph.nodes(data="kind")) == {
        "area": 27,
        "speerpunt": 12,
        "action": 12,
        "document": 9,
        "target": 8,
        "indicator": 7,
        "partner": 6,
        "role": 3,
        "milestone": 3,
        "tier": 3,
        "statement": 2,
        "policy": 1,
        "municipality": 1,
        "session": 1,
    }


@pytest.mark.parametrize("speerpunt", list(SPEERPUNTEN))
def test_the_municipality_owns_every_priority(
    shertogenbosch_graph: GovernanceGraph, speerpunt: str
) -> None:
    assert leads_of(shertogenbosch_graph, speerpunt) == ()
    assert owner_of(shertogenbosch_graph, speerpunt).id == "shertogenbosch"


def test_who_owns_frame(shertogenbosch_graph: GovernanceGraph) -> None:
    frame = who_owns(shertogenbosch_graph)
    assert list(frame["id"]) == list(SPEERPUNTEN)
    assert set(frame["owner"]) == {"shertogenbosch"}
    assert Counter(frame["tier"]) == {"veiligheidsveld": 2, "prioriteit": 6, "accent": 4}


def test_responsibilities_and_partners(shertogenbosch_graph: GovernanceGraph) -> None:
    assert Counter(responsibilities(shertogenbosch_graph, "shertogenbosch")["relation"]) == {
        "prioritises": 12,
        "sets": 8,
        "involved-in": 8,
    }
    assert [p.id for p in partners_of(shertogenbosch_graph, "veilige-en-leefbare-wijken")] == [
        "politie",
        "inwoners",
        "buurtpreventieteams",
    ]
    assert preparation_chain(shertogenbosch_graph, "gemeenteraad").empty
    # no legal authority and no escalation are in the sources
    assert authority_over(shertogenbosch_graph, "burgemeester").empty
    assert [r.id for r in escalation_path(shertogenbosch_graph, "gemeenteraad")] == ["gemeenteraad"]
    view = governance_view(shertogenbosch_graph)
    assert (view.number_of_nodes(), view.number_of_edges()) == (11, 4)


# -- the commands -------------------------------------------------------------------


def test_validate(cli: Runner) -> None:
    result = cli("validate", SHERTOGENBOSCH)
    assert (result.status, result.out) == (0, f"{SHERTOGENBOSCH}: geldig\n")


def test_overview(cli: Runner) -> None:
    result = cli("overview", *POLICY)
    assert result.status == 0
    assert result.out.splitlines() == [
        "Veiligheidsplan 's-Hertogenbosch 2019-2022 (2019-2022)",
        "",
        "Gemeenten",
        "  's-Hertogenbosch (GM0796)",
        "",
        "Veiligheidsvelden",
        "  's-Hertogenbosch",
        "    - Veilige woon- en leefomgeving",
        "      prioriteit: Complexe cases/problematiek met veiligheids- en zorgcomponenten",
        "      prioriteit: Veelvoorkomende vermogenscriminaliteit en High Impact Crimes (HIC)",
        "    - Jeugd en veiligheid",
        "      prioriteit: Problematische jeugd en jeugdgroepen",
        "        accent: Jeugdoverlast en -criminaliteit",
        "        accent: Individuele probleemjongeren",
        "        accent: Risico's drank- en drugsgebruik",
        "        accent: Geweld (jeugd als dader én als slachtoffer)",
        "",
        "Prioriteiten",
        "  's-Hertogenbosch",
        "    - Veilige en leefbare wijken en buurten",
        "    - Veilig uitgaan en evenementen",
        "    - Ondermijnende criminaliteit",
    ]


def test_who_owns(cli: Runner) -> None:
    result = cli("who-owns", *POLICY)
    header, columns, *rows = result.out.splitlines()
    assert header == "Trekkers, gemeenten en coördinatie"
    assert columns.split() == ["naam", "soort", "trekker", "gemeenten", "coördinatie"]
    assert len(rows) == 12
    for speerpunt, row in zip(SPEERPUNTEN, rows, strict=True):
        cells = [c.strip() for c in row.strip().split("  ") if c]
        assert cells[0].endswith(f"[{speerpunt}]")
        assert cells[1:] == [SPEERPUNTEN[speerpunt][0], "niet vermeld", "'s-Hertogenbosch", "-"]
    (row,) = cli("who-owns", "problematische-jeugd.geweld", "--json", *POLICY).json()
    assert (row["owner"], row["leads"], row["no_lead"]) == ("shertogenbosch", [], False)


def test_show_wijk_with_its_buurten(cli: Runner) -> None:
    lines = cli("show", "noord", *POLICY).out.splitlines()
    assert lines[:2] == ["Noord", "  gebied [noord]"]
    assert sum(line.startswith("  <- ligt in") for line in lines) == 10
    assert "  -> ligt in  's-Hertogenbosch [shertogenbosch]" in lines


def test_show_every_entity(cli: Runner, shertogenbosch_graph: GovernanceGraph) -> None:
    ids = [n for n, k in shertogenbosch_graph.nodes(data="kind") if k != "policy"]
    assert len(ids) == 94
    for ident in ids:
        result = cli("show", ident, "--json", *POLICY)
        assert result.status == 0, (ident, result.err)
        assert result.json()["id"] == ident


def test_bodies_and_chain_without_bodies(cli: Runner) -> None:
    assert cli("bodies", *POLICY).out == "Geen overlegstructuren.\n"
    assert cli("bodies", "--json", *POLICY).json() == []
    result = cli("chain", "gemeenteraad", *POLICY)
    assert (result.status, result.out) == (
        0,
        "Niets bereidt De gemeenteraad [gemeenteraad] voor of informeert het.\n",
    )


def test_report(cli: Runner, tmp_path: Path) -> None:
    data = cli("report", "--json", "--date", "2024-01-01", *POLICY).json()
    rows = {row["target"]: row for row in data["targets"]}
    assert len(rows) == 8
    for indicator, (_, comparison, base, step, measured, value, priority) in TARGETS.items():
        row = rows[f"{indicator}-2022"]
        assert (row["region"], row["comparison"], row["priority"]) == (
            "GM0796",
            comparison,
            priority,
        )
        assert (row["baseline"], row["threshold"], row["horizon"]) == (base, value, "2022")
        assert (row["latest"], row["latest_period"]) == (measured, "2019")
        assert row["milestones"] == [
            {
                "year": 2019,
                "value": step,
                "measured": measured,
                "status": "on-track" if indicator in MET_IN_2019 else "off-track",
            }
        ]
    assert rows["veiliger-is-en-voelt"]["status"] == "no-data"
    assert data["summary"]["targets"] == {"off-track": 5, "on-track": 2, "no-data": 1}
    assert [(p["heading"], len(p["items"])) for p in data["priorities"]] == [
        ("Veiligheidsvelden", 2),
        ("Prioriteiten", 6),
        ("Accenten", 4),
    ]
    html = cli("report", "--date", "2024-01-01", *POLICY).out
    assert "Cijfer voor veiligheid van de buurt: 7,3 in 2022" in html
    assert "tussendoel 2019: 7,1" in html  # the milestone, drawn and named in its chart
    measured = _measurements(tmp_path, {"rapportcijfer-veiligheid-buurt": "7,4"})
    data = cli("report", "--json", "--measurements", measured, *POLICY).json()
    (row,) = [r for r in data["targets"] if r["target"] == "rapportcijfer-veiligheid-buurt-2022"]
    assert (row["status"], row["latest"], row["latest_period"]) == ("achieved", 7.4, "2022")


def test_diff_against_the_bundled_policy(cli: Runner) -> None:
    result = cli("diff", SHERTOGENBOSCH, "--json")
    assert result.status == 1
    data = result.json()
    assert (data["a"], data["b"]) == (
        "veiligheidsplan-shertogenbosch-2019-2022",
        "dnu-ivb-2024-2027",
    )
    removed = Counter(c["kind"] for c in data["changes"] if c["change"] == "removed")
    assert (removed["area"], removed["target"], removed["indicator"]) == (27, 8, 7)
