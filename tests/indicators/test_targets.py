"""Targets evaluated against measurements: status and the numbers behind it."""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ivb
from ivb.indicators import (
    IndicatorError,
    MeasurementsError,
    TargetStatus,
    evaluate_target,
    evaluate_targets,
    police_measurements,
    read_measurements,
    read_police_table,
    region_groups,
)
from ivb.model import (
    Baseline,
    Comparison,
    Direction,
    Indicator,
    Measurement,
    Policy,
    QualitativeStatus,
    SourceRef,
    Target,
    TargetStep,
    Unit,
)
from tests.indicators.conftest import OnEngine

NOP = "noordoostpolder-veiligheidsbeleving-target"


def _vm(value: float, period: str = "2025", unit: str = "rapportcijfer") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["veiligheidsbeleving"],
            "region": ["GM0171"],
            "period": [period],
            "value": [value],
            "unit": [unit],
        }
    )


def _nop(policy: Policy, measurements: object, **kw: object):  # type: ignore[no-untyped-def]
    (result,) = [r for r in evaluate_targets(policy, measurements, **kw) if r.target == NOP]  # type: ignore[arg-type]
    return result


def test_the_noordoostpolder_target_as_encoded(policy: Policy) -> None:
    (target,) = policy.targets
    assert target.id == NOP and target.better is Direction.HIGHER
    assert target.comparison is Comparison.MORE_THAN and target.value is None  # the baseline
    assert target.municipalities == ("noordoostpolder",)
    assert target.priority == "noordoostpolder-veiligheidsbeleving"
    assert target.indicators == ("veiligheidsbeleving",)
    assert policy.get("veiligheidsbeleving", Indicator).unit is Unit.RAPPORTCIJFER
    assert target.baseline is not None and target.baseline.value == 7.6
    assert target.baseline.unit is Unit.RAPPORTCIJFER and target.baseline.period is None
    # the source names no horizon: the end of the policy period applies
    assert target.horizon is None and target.horizon_or(policy.period[1]) == "2027"
    assert [t.indicators for t in target.subtargets] == [
        ("high-impact-crimes",),
        ("veelvoorkomende-criminaliteit",),
        ("overlast-hoge-impact",),
    ]
    assert all(t.better is Direction.LOWER for t in target.subtargets)
    assert all(t.comparison is Comparison.LESS_THAN for t in target.subtargets)


def test_without_measurements_every_target_has_no_data(policy: Policy) -> None:
    result = _nop(policy, None)
    assert result.status is TargetStatus.NO_DATA
    assert result.baseline == 7.6 and result.baseline_from == "policy"
    assert result.reason == (
        "no published measurement of 'veiligheidsbeleving' for GM0171 in the policy period"
    )
    assert [s.status for s in result.subresults] == [TargetStatus.NO_DATA] * 3
    assert result.subresults[0].reason == (
        "no baseline: the policy gives no value and the measurements have no "
        "'high-impact-crimes' for GM0171 before the policy period (2024)"
    )


def test_a_new_veiligheidsmonitor_result_from_csv(policy: Policy, vm_csv: Path) -> None:
    result = _nop(policy, vm_csv)
    assert result.status is TargetStatus.ON_TRACK
    assert (result.latest, result.latest_period) == (7.8, "2025")
    assert result.change == pytest.approx(0.2) and result.region == "GM0171"
    assert result.reason == (
        "7.8 in 2025 is higher than the baseline 7.6; horizon 2027 not yet reached"
    )


@pytest.mark.parametrize(
    ("value", "period", "as_of", "status"),
    [
        (7.8, "2025", None, TargetStatus.ON_TRACK),
        (7.6, "2025", None, TargetStatus.OFF_TRACK),  # before the horizon: off track
        (7.4, "2025", None, TargetStatus.OFF_TRACK),
        (7.8, "2027", None, TargetStatus.ACHIEVED),
        (7.6, "2027", None, TargetStatus.NOT_ACHIEVED),
        (7.8, "2025", "2028-01-01", TargetStatus.ACHIEVED),
        (7.4, "2025", "2028", TargetStatus.NOT_ACHIEVED),
        (7.9, "2023", None, TargetStatus.NO_DATA),  # before the policy period
    ],
)
def test_status_rules(
    policy: Policy, value: float, period: str, as_of: str | None, status: TargetStatus
) -> None:
    assert _nop(policy, _vm(value, period), as_of=as_of).status is status


def test_a_passed_horizon_without_a_later_measurement_says_so(policy: Policy) -> None:
    result = _nop(policy, _vm(7.8), as_of="2028-01-01")
    assert result.status is TargetStatus.ACHIEVED
    assert result.reason == (
        "7.8 in 2025 is higher than the baseline 7.6; horizon 2027 passed (as of 2028-01-01) "
        "without a later measurement: judged on that of 2025"
    )


def test_reasons_say_why(policy: Policy) -> None:
    assert _nop(policy, _vm(7.4)).reason == (
        "7.4 in 2025 is not higher than the baseline 7.6; not on track; horizon 2027 not yet "
        "reached"
    )
    assert _nop(policy, _vm(7.4, "2027")).reason == (
        "7.4 in 2027 is not higher than the baseline 7.6; horizon 2027 reached"
    )


def test_a_measurement_in_another_unit_is_refused(policy: Policy) -> None:
    message = (
        "baseline in rapportcijfer, but the measurements of 'veiligheidsbeleving' for "
        "GM0171 are in percent"
    )
    with pytest.raises(MeasurementsError, match=message):
        _nop(policy, _vm(78.0, unit="percent"))


def _expected_police(path: Path, codes: set[str], region: str, period: str) -> float | None:
    total = 0.0
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            if (
                row["SoortMisdrijf"].strip() in codes
                and row["RegioS"].strip() == region
                and row["Perioden"] == period
            ):
                cell = row["GeregistreerdeMisdrijven_1"].strip()
                if cell in ("", "."):
                    return None
                total += float(cell)
    return total


def test_sub_goals_fed_with_police_figures(policy: Policy, crimes_csv: Path) -> None:
    police = police_measurements(read_police_table(crimes_csv), policy)
    result = _nop(policy, police)
    hic, vvc, overlast = result.subresults
    hic_codes = {"1.1.1", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.6", "1.4.7"}
    assert hic.baseline == _expected_police(crimes_csv, hic_codes, "GM0171", "2023JJ00") == 1400
    assert hic.latest == _expected_police(crimes_csv, hic_codes, "GM0171", "2024JJ00") == 1225
    assert (hic.baseline_period, hic.latest_period, hic.baseline_from) == (
        "2023",
        "2024",
        "measurements",
    )
    assert hic.status is TargetStatus.ON_TRACK
    assert (vvc.baseline, vvc.latest, vvc.status) == (800, 1120, TargetStatus.OFF_TRACK)
    assert overlast.status is TargetStatus.NO_DATA
    assert result.status is TargetStatus.NO_DATA  # the police have no veiligheidsbeleving


def test_police_and_veiligheidsmonitor_together(
    policy: Policy, crimes_csv: Path, vm_csv: Path
) -> None:
    police = police_measurements(read_police_table(crimes_csv), policy)
    both = pd.concat([police, read_measurements(vm_csv)], ignore_index=True)
    result = _nop(policy, both)
    assert [result.status, *(s.status for s in result.subresults)] == [
        TargetStatus.ON_TRACK,
        TargetStatus.ON_TRACK,
        TargetStatus.OFF_TRACK,
        TargetStatus.NO_DATA,
    ]
    assert result.to_dict()["subresults"][0]["status"] == "on-track"


def test_evaluate_series_over_every_police_series(
    crimes_csv: Path, policy: Policy, on: OnEngine
) -> None:
    police = on.add_aggregates(
        police_measurements(read_police_table(crimes_csv), policy), region_groups(policy)
    )
    out = on.evaluate_series(police, direction="lower", horizon="2027", base_period="2019")
    assert len(out) == police.groupby(["indicator", "region"]).ngroups
    row = out[(out["indicator"] == "woninginbraken") & (out["region"] == "DNU")].iloc[0]
    assert (row["baseline"], row["latest_period"], row["status"]) == (
        (6 + 5 + 2) * 7 * 10,
        "2024",
        "on-track",
    )
    # Dronten's zakkenrollen of 2019 is not published: no baseline for its VVC
    vvc = out[(out["indicator"] == "veelvoorkomende-criminaliteit") & (out["region"] == "GM0303")]
    assert vvc["status"].iloc[0] == "no-data"


def test_bad_arguments_are_named(on: OnEngine) -> None:
    frame = _vm(7.0)
    with pytest.raises(IndicatorError, match="direction: expected 'higher' or 'lower', got 'up'"):
        on.evaluate_series(frame, direction="up", horizon="2027", base_period="2023")
    with pytest.raises(IndicatorError, match="base_period or start"):
        on.evaluate_series(frame, direction="higher", horizon="2027")
    with pytest.raises(IndicatorError, match="period: expected a year"):
        on.evaluate_series(frame, direction="higher", horizon="eind 2027", start="2024")


def test_a_bad_horizon_names_the_target(policy: Policy, on: OnEngine) -> None:
    # the model refuses a horizon in free text ...
    with pytest.raises(ValueError, match="horizon: expected a year"):
        attrs.evolve(policy.targets[0], horizon="einde beleidsperiode", subtargets=())
    # ... and a target without horizon needs the policy's last year
    target = attrs.evolve(policy.targets[0], subtargets=())
    with pytest.raises(IndicatorError, match=f"target '{NOP}': horizon: the target gives none"):
        on.evaluate_target(target, _vm(7.8), region="GM0171", start="2024")
    assert on.evaluate_target(target, _vm(7.8), policy=policy).horizon == "2027"


_TARGET = Target(
    id="t",
    name="T",
    municipalities=["noordoostpolder"],
    indicators=["x"],
    statement="s",
    comparison="more-than",
    rule="r",
    baseline=Baseline(value=10.0, unit=Unit.COUNT),
    horizon="2027",
    source=SourceRef("ivb", "s"),
)


#: Every comparison, as (changes to the target, which direction is better).
_COMPARISONS = [
    ({"comparison": "more-than"}, Direction.HIGHER),
    ({"comparison": "less-than"}, Direction.LOWER),
    ({"comparison": "at-least", "value": 12.0}, Direction.HIGHER),
    ({"comparison": "at-most", "value": 8.0}, Direction.LOWER),
    ({"comparison": "keep", "direction": "higher"}, Direction.HIGHER),
    ({"comparison": "keep", "direction": "lower"}, Direction.LOWER),
    ({"comparison": "change-by", "change_pct": -10.0}, Direction.LOWER),
    ({"comparison": "change-by", "change_pct": 25.0}, Direction.HIGHER),
]


@settings(deadline=None)  # a property, not a speed test
@given(
    shape=st.sampled_from(_COMPARISONS),
    milestone=st.sampled_from([None, 9.0, 11.0]),
    values=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=2),
    period=st.sampled_from(["2024", "2025", "2027", "2028"]),
    as_of=st.sampled_from([None, "2026", "2028"]),
)
def test_evaluation_is_monotone_in_the_measurement(
    shape: tuple[dict[str, object], Direction],
    milestone: float | None,
    values: list[float],
    period: str,
    as_of: str | None,
) -> None:
    """For every comparison: a better measurement never gives a worse status."""
    low, high = sorted(values)
    changes, direction = shape
    steps = [TargetStep(year=2025, value=milestone)] if milestone is not None else []
    target = attrs.evolve(_TARGET, milestones=steps, **changes)  # type: ignore[arg-type]
    assert target.better is direction

    def rank(v: float) -> int:
        frame = pd.DataFrame(
            {
                "indicator": ["x"],
                "region": ["R"],
                "period": [period],
                "value": [v],
                "unit": ["count"],
            }
        )
        return evaluate_target(target, frame, region="R", start="2024", as_of=as_of).status.rank

    better, worse = (high, low) if direction is Direction.HIGHER else (low, high)
    assert rank(better) >= rank(worse)


# -- the general targets of schema version 2 ------------------------------------------------

SRC = SourceRef("ivb", "Doelen")


def _frame(rows: list[tuple[str, str, str, float]], unit: str = "count") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": [r[0] for r in rows],
            "region": [r[1] for r in rows],
            "period": [r[2] for r in rows],
            "value": [r[3] for r in rows],
            "unit": unit,
        }
    )


def _burglary(**kw: object) -> Target:
    base: dict[str, object] = dict(
        id="minder-inbraken",
        name="Minder woninginbraken",
        municipalities=["dronten"],
        indicators=["woninginbraken"],
        statement="10% minder woninginbraken",
        comparison="change-by",
        change_pct=-10,
        baseline=Baseline(value=100.0, unit=Unit.COUNT, period="2023"),
        source=SRC,
    )
    base.update(kw)
    return Target(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "period", "status"),
    [
        (99.0, "2027", TargetStatus.NOT_ACHIEVED),  # a fall of 1% does not meet -10%
        (90.0, "2027", TargetStatus.ACHIEVED),
        (85.0, "2027", TargetStatus.ACHIEVED),
        (99.0, "2025", TargetStatus.OFF_TRACK),
        (89.0, "2025", TargetStatus.ON_TRACK),
    ],
)
def test_a_change_by_a_percentage(
    policy: Policy, value: float, period: str, status: TargetStatus, on: OnEngine
) -> None:
    result = on.evaluate_target(
        _burglary(), _frame([("woninginbraken", "GM0303", period, value)]), policy=policy
    )
    assert result.status is status
    assert result.threshold == 90.0 and result.horizon == "2027"  # the policy's last year


def test_the_reason_of_a_missed_percentage(policy: Policy, on: OnEngine) -> None:
    result = on.evaluate_target(
        _burglary(), _frame([("woninginbraken", "GM0303", "2027", 99.0)]), policy=policy
    )
    assert result.reason == (
        "99 in 2027 is not at most 90 (-10% from the baseline 100 (2023)); horizon 2027 reached"
    )
    assert result.change_pct == pytest.approx(-1.0)


def test_a_regional_target_is_scored_on_the_group_total(policy: Policy, on: OnEngine) -> None:
    target = _burglary(municipalities=(), region="dnu")
    # Dronten alone falls by 20%, but the group's total falls by 2%: not achieved
    rows = [
        ("woninginbraken", "GM0303", "2027", 40.0),
        ("woninginbraken", "GM0171", "2027", 40.0),
        ("woninginbraken", "GM0184", "2027", 18.0),
    ]
    result = on.evaluate_target(target, _frame(rows), policy=policy)
    assert result.region == "DNU" and result.scope == ("dnu",)
    assert result.latest == 98.0 and result.status is TargetStatus.NOT_ACHIEVED
    # a member without a value: no total, so no data (never one member's figure)
    result = on.evaluate_target(target, _frame(rows[:2]), policy=policy)
    assert result.status is TargetStatus.NO_DATA and result.latest is None
    # the group's own measurement is used as it is
    own = _frame([("woninginbraken", "DNU", "2027", 80.0), *rows])
    assert on.evaluate_target(target, own, policy=policy).status is TargetStatus.ACHIEVED


def test_a_rapportcijfer_of_a_group_is_not_added_up(policy: Policy, on: OnEngine) -> None:
    target = Target(
        id="beleving-dnu",
        name="Beleving DNU",
        region="dnu",
        indicators=["veiligheidsbeleving"],
        statement="Minimaal een 7,5",
        comparison="at-least",
        value=7.5,
        source=SRC,
    )
    rows = [("veiligheidsbeleving", c, "2025", 7.8) for c in ("GM0303", "GM0171", "GM0184")]
    result = on.evaluate_target(target, _frame(rows, unit="rapportcijfer"), policy=policy)
    assert result.status is TargetStatus.NO_DATA
    assert "do not add up from its members" in result.reason


def test_several_municipalities_are_each_scored(policy: Policy, on: OnEngine) -> None:
    target = _burglary(municipalities=["dronten", "urk"])
    rows = [("woninginbraken", "GM0303", "2027", 80.0), ("woninginbraken", "GM0184", "2027", 95.0)]
    result = on.evaluate_target(target, _frame(rows), policy=policy)
    assert [(p.region, p.status) for p in result.parts] == [
        ("GM0303", TargetStatus.ACHIEVED),
        ("GM0184", TargetStatus.NOT_ACHIEVED),
    ]
    assert result.status is TargetStatus.NOT_ACHIEVED and result.region == "GM0303, GM0184"
    assert result.reason.startswith("the worst of 2 parts (1 achieved, 1 not achieved)")


def test_several_indicators(policy: Policy, on: OnEngine) -> None:
    target = _burglary(indicators=["woninginbraken", "autokraak"])
    rows = [("woninginbraken", "GM0303", "2027", 80.0), ("autokraak", "GM0303", "2027", 70.0)]
    result = on.evaluate_target(target, _frame(rows), policy=policy)
    assert [p.indicator for p in result.parts] == ["woninginbraken", "autokraak"]
    assert result.status is TargetStatus.ACHIEVED
    assert result.to_dict()["parts"][1]["indicator"] == "autokraak"  # type: ignore[index]


def test_yearly_milestones_give_on_and_off_track(policy: Policy, on: OnEngine) -> None:
    target = _burglary(
        milestones=[
            TargetStep(year=2024, value=97.5),
            TargetStep(year=2025, value=95.0),
            TargetStep(year=2026, value=92.5),
        ]
    )
    rows = [
        ("woninginbraken", "GM0303", "2024", 97.0),
        ("woninginbraken", "GM0303", "2025", 96.0),
        ("woninginbraken", "GM0303", "2026", 92.0),
    ]
    result = on.evaluate_target(target, _frame(rows), policy=policy)
    assert [(m.year, m.measured, m.status) for m in result.milestones] == [
        (2024, 97.0, "on-track"),
        (2025, 96.0, "off-track"),
        (2026, 92.0, "on-track"),
    ]
    # not yet -10%, but on the milestone of 2026: on track
    assert result.status is TargetStatus.ON_TRACK
    assert "reaches the milestone 92.5 of 2026" in result.reason
    result = on.evaluate_target(target, _frame(rows[:2]), policy=policy)
    assert result.status is TargetStatus.OFF_TRACK
    assert "above the milestone 95 of 2025" in result.reason
    assert result.milestones[2].status == "no-data"


def test_values_recorded_in_the_file(policy: Policy, on: OnEngine) -> None:
    target = _burglary(
        comparison="at-most",
        change_pct=None,
        value=90.0,
        baseline=None,
        milestones=[TargetStep(year=2024, value=95.0)],
        measured=[Measurement(year=2024, value=96.0, source=SRC)],
    )
    result = on.evaluate_target(target, None, policy=policy)
    assert (result.latest, result.latest_period) == (96.0, "2024")
    assert [m.status for m in result.milestones] == ["off-track"]
    assert result.status is TargetStatus.OFF_TRACK
    # measurements given win over what the file records for the same year
    given_rows = _frame([("woninginbraken", "GM0303", "2024", 94.0)])
    assert on.evaluate_target(target, given_rows, policy=policy).milestones[0].status == "on-track"


@pytest.mark.parametrize(
    ("reported", "status"),
    [
        (None, TargetStatus.NO_DATA),
        ("unknown", TargetStatus.NO_DATA),
        ("in-progress", TargetStatus.IN_PROGRESS),
        ("not-started", TargetStatus.NOT_STARTED),
        ("achieved", TargetStatus.ACHIEVED),
    ],
)
def test_qualitative_goals_take_their_reported_status(
    policy: Policy, reported: str | None, status: TargetStatus, on: OnEngine
) -> None:
    goal = Target(
        id="veiliger",
        name="Veiliger",
        municipalities=["urk"],
        statement="In 2027 is Urk veiliger en voelt het veiliger.",
        status=None
        if reported is None
        else QualitativeStatus(
            value=reported, date="2025", source=SRC if reported != "unknown" else None
        ),
        source=SRC,
    )
    result = on.evaluate_target(goal, None, policy=policy)
    assert result.status is status and result.indicator == ""
    if reported not in (None, "unknown"):
        assert (
            result.reason
            == f"a goal without a number, reported {reported} (2025), after ivb § Doelen"
        )


def test_keep_and_at_least(policy: Policy, on: OnEngine) -> None:
    keep = _burglary(comparison="keep", change_pct=None, direction="lower")
    rows = _frame([("woninginbraken", "GM0303", "2027", 100.0)])
    assert on.evaluate_target(keep, rows, policy=policy).status is TargetStatus.ACHIEVED
    rows = _frame([("woninginbraken", "GM0303", "2027", 101.0)])
    assert on.evaluate_target(keep, rows, policy=policy).status is TargetStatus.NOT_ACHIEVED
    least = Target(
        id="beleving",
        name="Beleving",
        municipalities=["noordoostpolder"],
        indicators=["veiligheidsbeleving"],
        statement="minimaal 7,5",
        comparison="at-least",
        value=7.5,
        source=SRC,
    )
    for value, status in ((7.5, TargetStatus.ACHIEVED), (7.4, TargetStatus.NOT_ACHIEVED)):
        result = on.evaluate_target(least, _vm(value, "2027"), policy=policy)
        assert result.status is status, value


def test_a_target_for_areas_scores_each_area(policy: Policy, on: OnEngine) -> None:
    from ivb.model import Area

    noord = Area(
        id="dronten-noord",
        name="Noord",
        kind="wijk",
        municipality="dronten",
        code="WK030301",
        source=SRC,
    )
    kern = Area(
        id="biddinghuizen", name="Biddinghuizen", kind="kern", municipality="dronten", source=SRC
    )
    with_areas = attrs.evolve(policy, areas=[noord, kern])
    target = _burglary(areas=["dronten-noord", "biddinghuizen"])
    rows = [
        ("woninginbraken", "WK030301", "2027", 80.0),
        ("woninginbraken", "biddinghuizen", "2027", 95.0),
    ]
    result = on.evaluate_target(target, _frame(rows), policy=with_areas)
    assert result.scope == ("dronten-noord", "biddinghuizen")
    assert [(p.region, p.status) for p in result.parts] == [
        ("WK030301", TargetStatus.ACHIEVED),
        ("biddinghuizen", TargetStatus.NOT_ACHIEVED),
    ]
    urk = Area(id="urk-west", name="West", kind="wijk", municipality="urk", source=SRC)
    with pytest.raises(
        ivb.PolicyValidationError,
        match=r"targets\[0\]\.areas\[0\]: expected an "
        r"area of dronten, got 'urk-west', which lies in urk",
    ):
        attrs.evolve(policy, areas=[urk], targets=[_burglary(areas=["urk-west"])])


def test_a_milestone_met_exactly_is_reached(policy: Policy, on: OnEngine) -> None:
    # lower is better: a measurement equal to the milestone (or off by a rounding
    # error of the sum that made it) reaches it; a tenth above does not
    target = _burglary(milestones=[TargetStep(year=2025, value=95.0)])
    for value, status in [(95.0, "on-track"), (95.0 + 1e-12, "on-track"), (95.1, "off-track")]:
        rows = [("woninginbraken", "GM0303", "2025", value)]
        result = on.evaluate_target(target, _frame(rows), policy=policy)
        assert [m.status for m in result.milestones] == [status], value
