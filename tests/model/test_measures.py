"""The measures side of the model: indicators, regions, figures, trend claims, targets.

Every gap ``validate`` had is a clear error with its path here.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import ivb
from ivb import PolicyValidationError
from ivb.model import (
    QUALIFIERS,
    Comparison,
    Direction,
    FigureCheck,
    IndicatorSource,
    OutsideRegion,
    Policy,
    QualitativeStatus,
    SourceRef,
    Target,
    TargetStep,
    normalise_qualifier,
)

MINI = Path(__file__).parents[1] / "fixtures" / "mini-ivb.yaml"
SRC = {"document": "ivb", "section": "Cijfers"}


def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data["indicators"] = [
        {
            "id": "woninginbraken",
            "name": "Woninginbraken",
            "unit": "count",
            "data_source": {
                "kind": "police",
                "table": "47013NED",
                "dimension": "SoortMisdrijf",
                "codes": ["1.1.1"],
            },
            "source": SRC,
        },
        {
            "id": "beleving",
            "name": "Veiligheidsbeleving",
            "unit": "rapportcijfer",
            "data_source": {"kind": "veiligheidsmonitor", "name": "Veiligheidsmonitor"},
            "source": SRC,
        },
    ]
    data["tables"] = [
        {
            "id": "tabel-1",
            "number": 1,
            "caption": "Woninginbraken",
            "indicator": "woninginbraken",
            "unit": "count",
            "periods": ["2022", "2023"],
            "rows": [{"region": "voorbeeld", "values": [10, 12]}],
            "source": SRC,
        }
    ]
    data["figures"] = [
        {
            "id": "inbraken-2023",
            "indicator": "woninginbraken",
            "description": "Burglaries in 2023",
            "region": "voorbeeld",
            "period": "2023",
            "value": 12,
            "unit": "count",
            "source": SRC,
        }
    ]
    data["targets"] = [
        {
            "id": "beleving-omhoog",
            "name": "Hogere beleving",
            "municipalities": ["voorbeeld"],
            "priority": "voorbeeld-jeugd",
            "indicators": ["beleving"],
            "statement": "Minimaal een 7,5",
            "comparison": "at-least",
            "value": 7.5,
            "baseline": {"value": 7.1, "unit": "rapportcijfer", "period": "2023"},
            "milestones": [{"year": 2026, "value": 7.3}],
            "source": SRC,
        }
    ]
    return data


def _load(data: dict[str, Any]) -> Policy:
    return ivb.loads(json.dumps(data))


def _fails(data: dict[str, Any], pattern: str) -> None:
    with pytest.raises(PolicyValidationError, match=pattern):
        _load(data)


def test_the_base_loads_with_every_measures_section() -> None:
    policy = _load(_base())
    assert [i.id for i in policy.indicators] == ["woninginbraken", "beleving"]
    assert policy.kind_of("beleving") == "indicator"
    (target,) = policy.targets
    assert target.comparison is Comparison.AT_LEAST and target.better is Direction.HIGHER
    assert target.horizon is None and target.horizon_or(policy.period[1]) == "2028"


def test_an_unknown_indicator_is_an_error_with_its_path() -> None:
    data = _base()
    data["figures"][0]["indicator"] = "woninginbraak"
    _fails(
        data,
        r"figures\[0\]\.indicator: expected the id of a indicator, got unknown id "
        r"'woninginbraak'; did you mean 'woninginbraken'",
    )
    data = _base()
    data["targets"][0]["indicators"] = ["beleving", "geluk"]
    _fails(data, r"targets\[0\]\.indicators\[1\]: .*unknown id 'geluk'")
    data = _base()
    data["tables"][0]["indicator"] = "overlast"
    _fails(data, r"tables\[0\]\.indicator: .*unknown id 'overlast'")


def test_a_figure_about_a_declared_outside_region() -> None:
    data = _base()
    data["figures"][0]["region"] = "gelderland"
    _fails(data, r"figures\[0\]\.region: .*unknown id 'gelderland'")
    data["outside_regions"] = [
        {
            "id": "gelderland",
            "name": "Gelderland",
            "kind": "province",
            "code": "PV25",
            "source": SRC,
        }
    ]
    policy = _load(data)
    assert policy.kind_of("gelderland") == "outside-region"


@pytest.mark.parametrize(
    ("kind", "code", "ok"),
    [
        ("country", "NL01", True),
        ("province", "PV31", True),
        ("police-unit", "RE03", True),
        ("veiligheidsregio", "VR25", True),
        ("municipality", "GM0344", True),
        ("province", "NL01", False),
        ("police-unit", "PV24", False),
        ("veiligheidsregio", "VR2", False),
    ],
)
def test_outside_region_codes_match_their_kind(kind: str, code: str, ok: bool) -> None:
    make = lambda: OutsideRegion(  # noqa: E731
        id="r", name="R", kind=kind, code=code, source=SourceRef("ivb", "s")
    )
    if ok:
        assert make().code == code
    else:
        with pytest.raises(
            ValueError, match=rf"code: expected a .* code \(.* digits\), got '{code}'"
        ):
            make()


def test_an_outside_region_may_not_reuse_a_code_of_the_policy() -> None:
    data = _base()
    data["outside_regions"] = [
        {"id": "elders", "name": "Elders", "kind": "municipality", "code": "GM9999", "source": SRC}
    ]
    _fails(data, r"outside_regions\[0\]\.code: expected the code of a region outside the policy")


def test_a_qualifier_outside_the_list_is_an_error_with_its_path() -> None:
    data = _base()
    data["figures"][0]["qualifier"] = "grofweg"
    _fails(data, r"figures\[0\]\.qualifier: .*expected one of 'ruim', .* got 'grofweg'")
    for word in ("ruim", "gemiddeld zo’n", "een tiental", "Bijna"):
        data["figures"][0]["qualifier"] = word
        assert _load(data).figures[0].qualifier == word


def test_the_qualifier_list_is_one_list() -> None:
    from ivb.indicators import TOLERANCES

    assert set(TOLERANCES) == {"", *QUALIFIERS}
    assert normalise_qualifier(None) == normalise_qualifier("") == ""


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("horizon", "einde beleidsperiode"),
        ("horizon", "2027-2024"),
        ("baseline.period", "meest recente Veiligheidsmonitor"),
    ],
)
def test_a_target_period_in_free_text_is_an_error(where: str, value: str) -> None:
    data = _base()
    if where == "horizon":
        data["targets"][0]["horizon"] = value
    else:
        data["targets"][0]["baseline"]["period"] = value
    _fails(data, rf"targets\[0\]\.{where}: .*expected .*got '{value}'")


def test_a_target_priority_must_be_a_priority() -> None:
    data = _base()
    data["targets"][0]["priority"] = "voorbeeld"
    _fails(
        data,
        r"targets\[0\]\.priority: expected the id of a speerpunt or theme, got 'voorbeeld', "
        r"which is a municipality",
    )
    data["targets"][0]["priority"] = "ondermijning"  # a theme is a priority too
    assert _load(data).targets[0].priority == "ondermijning"


def test_target_shapes() -> None:
    data = _base()
    data["targets"][0]["comparison"] = "keep"
    data["targets"][0].pop("value")
    _fails(data, r"targets\[0\].*direction: a 'keep' target needs the direction")
    data["targets"][0]["direction"] = "higher"
    assert _load(data).targets[0].better is Direction.HIGHER
    data = _base()
    data["targets"][0]["region"] = "voorbeeld"
    _fails(data, r"targets\[0\]\.region: give either municipalities or a region group, not both")
    del data["targets"][0]["municipalities"]
    _fails(data, r"targets\[0\]\.region: expected the id of a region, got 'voorbeeld', which is")
    data = _base()
    data["targets"][0]["milestones"] = [{"year": 2026, "value": 7.3}, {"year": 2025, "value": 7}]
    _fails(data, r"milestones: expected one per year, in order, got years \[2026, 2025\]")
    data = _base()
    data["targets"][0]["milestones"] = [{"year": 2030, "value": 7.3}]
    _fails(data, r"targets\[0\]\.milestones\[0\]\.year: expected a year up to the horizon 2028")
    data = _base()
    data["targets"][0]["milestones"] = [{"year": 2023, "value": 7.3}]
    _fails(data, r"milestones\[0\]\.year: expected a year after the baseline 2023")
    data = _base()
    data["targets"][0]["baseline"]["unit"] = "percent"
    _fails(data, r"targets\[0\]\.baseline\.unit: expected 'rapportcijfer'")
    data = _base()
    del data["targets"][0]["municipalities"]
    _fails(data, r"targets\[0\]\.municipalities: expected the municipalities or the region group")


def test_change_by_and_qualitative_targets() -> None:
    src = SourceRef("ivb", "s")
    t = Target(
        id="t",
        name="T",
        municipalities=["a"],
        indicators=["x"],
        statement="-10%",
        comparison="change-by",
        change_pct=-10,
        source=src,
    )
    assert t.better is Direction.LOWER
    with pytest.raises(ValueError, match="change_pct: expected a percentage exactly when"):
        Target(
            id="t",
            name="T",
            municipalities=["a"],
            indicators=["x"],
            statement="s",
            comparison="at-least",
            value=1,
            change_pct=5,
            source=src,
        )
    with pytest.raises(ValueError, match="value: an 'at-least' target needs the value"):
        Target(
            id="t",
            name="T",
            municipalities=["a"],
            indicators=["x"],
            statement="s",
            comparison="at-least",
            source=src,
        )
    goal = Target(
        id="g",
        name="G",
        municipalities=["a"],
        statement="Veiliger voelen",
        horizon="2022",
        status=QualitativeStatus(value="unknown"),
        source=src,
    )
    assert goal.qualitative and goal.better is None
    with pytest.raises(ValueError, match=r"comparison: a qualitative target .* has no comparison"):
        Target(
            id="g",
            name="G",
            municipalities=["a"],
            statement="s",
            comparison="keep",
            direction="higher",
            source=src,
        )
    with pytest.raises(ValueError, match="source: a status 'achieved' needs the source"):
        QualitativeStatus(value="achieved")
    with pytest.raises(ValueError, match="year: expected a year"):
        TargetStep(year=25, value=1.0)


def test_trend_claims_name_their_table_and_its_periods() -> None:
    data = _base()
    claim = {
        "id": "t1.toe",
        "table": "tabel-1",
        "region": "voorbeeld",
        "kind": "rises",
        "base": "2022",
        "period": "2023",
        "quote": "Meer inbraken.",
        "source": SRC,
    }
    data["trend_claims"] = [claim]
    assert _load(data).trend_claims[0].table == "tabel-1"
    bad = copy.deepcopy(data)
    bad["trend_claims"][0]["table"] = "1"
    _fails(bad, r"trend_claims\[0\]\.table: .*unknown id '1'")
    bad = copy.deepcopy(data)
    bad["trend_claims"][0]["period"] = "2024"
    _fails(
        bad,
        r"trend_claims\[0\]\.period: expected a period of table 'tabel-1' "
        r"\(2022, 2023\), got '2024'",
    )
    bad = copy.deepcopy(data)
    del bad["trend_claims"][0]["base"]
    _fails(bad, r"base: expected base and period exactly when kind is")


def test_units_agree_with_the_indicator() -> None:
    data = _base()
    data["tables"][0]["unit"] = "percent"
    _fails(data, r"tables\[0\]\.unit: expected 'count', the unit of indicator 'woninginbraken'")
    data = _base()
    data["figures"][0]["unit"] = "rapportcijfer"
    _fails(data, r"figures\[0\]\.unit: expected 'count'")
    data = _base()
    data["figures"][0]["unit"] = "percent-change"
    _fails(data, r"figures\[0\]\.base_period: expected the period a percent-change")


def test_figure_checks_and_sources() -> None:
    with pytest.raises(ValueError, match="reason: expected a reason exactly when"):
        FigureCheck(against="not-checkable")
    data = _base()
    data["figures"][0]["check"] = {"against": "target-baseline", "target": "tabel-1"}
    _fails(data, r"figures\[0\]\.check\.target: expected the id of a target, got 'tabel-1'")
    with pytest.raises(ValueError, match="table: expected a CBS table id"):
        IndicatorSource(kind="cbs", table="Politie")
    with pytest.raises(ValueError, match="dimension: codes need the dimension"):
        IndicatorSource(kind="police", table="47013NED", codes=["1.1.1"])
    with pytest.raises(ValueError, match="table: a own-registration source has no"):
        IndicatorSource(kind="own-registration", table="47013NED")


def test_targets_tables_and_figures_name_areas() -> None:
    data = _base()
    data["areas"] = [
        {
            "id": "noord",
            "name": "Noord",
            "kind": "wijk",
            "municipality": "voorbeeld",
            "code": "WK999901",
            "source": SRC,
        },
    ]
    data["targets"][0]["areas"] = ["noord"]
    data["tables"][0]["areas"] = ["noord"]
    data["figures"][0]["areas"] = ["noord"]
    policy = _load(data)
    assert policy.targets[0].areas == ("noord",) and policy.tables[0].areas == ("noord",)
    data["targets"][0]["areas"] = ["voorbeeld"]
    _fails(data, r"targets\[0\]\.areas\[0\]: expected the id of a area, got 'voorbeeld'")
