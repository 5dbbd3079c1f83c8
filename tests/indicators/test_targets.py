"""Targets evaluated against measurements: status and the numbers behind it."""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivb.indicators import (
    IndicatorError,
    MeasurementsError,
    TargetStatus,
    add_aggregates,
    evaluate_series,
    evaluate_target,
    evaluate_targets,
    police_measurements,
    read_measurements,
    read_police_table,
    region_groups,
)
from ivb.model import Baseline, Direction, Policy, SourceRef, Target, Unit

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
    assert target.id == NOP and target.direction is Direction.HIGHER
    assert target.baseline is not None and target.baseline.value == 7.6
    assert target.baseline.unit is Unit.RAPPORTCIJFER and target.horizon == "2027"
    assert [t.indicator for t in target.subtargets] == [
        "high-impact-crimes",
        "veelvoorkomende-criminaliteit",
        "overlast-hoge-impact",
    ]
    assert all(t.direction is Direction.LOWER for t in target.subtargets)


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
        (7.6, "2025", None, TargetStatus.NOT_ACHIEVED),
        (7.4, "2025", None, TargetStatus.NOT_ACHIEVED),
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
    police = police_measurements(read_police_table(crimes_csv))
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
    assert (vvc.baseline, vvc.latest, vvc.status) == (800, 1120, TargetStatus.NOT_ACHIEVED)
    assert overlast.status is TargetStatus.NO_DATA
    assert result.status is TargetStatus.NO_DATA  # the police have no veiligheidsbeleving


def test_police_and_veiligheidsmonitor_together(
    policy: Policy, crimes_csv: Path, vm_csv: Path
) -> None:
    police = police_measurements(read_police_table(crimes_csv))
    both = pd.concat([police, read_measurements(vm_csv)], ignore_index=True)
    result = _nop(policy, both)
    assert [result.status, *(s.status for s in result.subresults)] == [
        TargetStatus.ON_TRACK,
        TargetStatus.ON_TRACK,
        TargetStatus.NOT_ACHIEVED,
        TargetStatus.NO_DATA,
    ]
    assert result.to_dict()["subresults"][0]["status"] == "on-track"


def test_evaluate_series_over_every_police_series(crimes_csv: Path, policy: Policy) -> None:
    police = add_aggregates(
        police_measurements(read_police_table(crimes_csv)), region_groups(policy)
    )
    out = evaluate_series(police, direction="lower", horizon="2027", base_period="2019")
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


def test_bad_arguments_are_named() -> None:
    frame = _vm(7.0)
    with pytest.raises(IndicatorError, match="direction: expected 'higher' or 'lower', got 'up'"):
        evaluate_series(frame, direction="up", horizon="2027", base_period="2023")
    with pytest.raises(IndicatorError, match="base_period or start"):
        evaluate_series(frame, direction="higher", horizon="2027")
    with pytest.raises(IndicatorError, match="period: expected a year"):
        evaluate_series(frame, direction="higher", horizon="eind 2027", start="2024")


def test_a_bad_horizon_names_the_target(policy: Policy) -> None:
    target = attrs.evolve(policy.targets[0], horizon="einde beleidsperiode", subtargets=())
    with pytest.raises(IndicatorError, match=f"target '{NOP}': period: expected"):
        evaluate_target(target, _vm(7.8), region="GM0171", start="2024")


_TARGET = Target(
    id="t",
    name="T",
    municipality="noordoostpolder",
    indicator="x",
    statement="s",
    direction=Direction.HIGHER,
    rule="r",
    baseline=Baseline(value=10.0, unit=Unit.COUNT),
    horizon="2027",
    source=SourceRef("ivb", "s"),
)


@given(
    direction=st.sampled_from(Direction),
    values=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=2),
    period=st.sampled_from(["2024", "2025", "2027", "2028"]),
    as_of=st.sampled_from([None, "2026", "2028"]),
)
def test_evaluation_is_monotone_in_the_measurement(
    direction: Direction, values: list[float], period: str, as_of: str | None
) -> None:
    low, high = sorted(values)
    target = attrs.evolve(_TARGET, direction=direction)

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
