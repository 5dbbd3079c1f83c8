"""A target judged with the margins of its measurements (the Veiligheidsmonitor's 95% intervals).

The bundled policy's one target, a veiligheidsbeleving rapportcijfer for Noordoostpolder
higher than 7.6, is evaluated from a 85146NED fixture with its margins, on every installed
engine (the ``on`` fixture runs each call on pandas and on one engine and compares).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ivb.indicators import (
    IndicatorError,
    MeasurementsError,
    Significance,
    TargetStatus,
    read_measurements,
    read_veiligheidsmonitor,
    veiligheidsmonitor_measurements,
)
from ivb.model import Baseline, Policy, SourceRef, Target, Unit
from tests.indicators.conftest import FIXTURES, OnEngine

EDITIONS = FIXTURES / "85146NED-editions.csv"
TARGET = "noordoostpolder-veiligheidsbeleving-target"


@pytest.fixture(scope="module")
def vm_frame() -> pd.DataFrame:
    return read_veiligheidsmonitor(EDITIONS)


def test_the_policys_measure_gets_its_indicator_id(policy: Policy, vm_frame: pd.DataFrame) -> None:
    out = veiligheidsmonitor_measurements(vm_frame, policy)
    assert set(out["indicator"]) == {"veiligheidsbeleving"}
    assert set(out["unit"]) == {"rapportcijfer"}
    assert len(out) == 9  # every region and edition of the table
    nop = out[out.region == "GM0171"].set_index("period")
    assert nop.loc["2025", ["value", "margin_low", "margin_high"]].tolist() == [7.8, 7.5, 8.1]
    # read straight from the file, and with a measure renumbered in a later edition
    assert veiligheidsmonitor_measurements(EDITIONS, policy).equals(out)
    moved = vm_frame.assign(measure="RapportcijferVeiligheidInBuurt_58")
    assert len(veiligheidsmonitor_measurements(moved, policy)) == 9
    # a measure named without its number (as the topic may be) is the same measure
    bare = vm_frame.assign(measure="RapportcijferVeiligheidInBuurt")
    assert len(veiligheidsmonitor_measurements(bare, policy)) == 9
    other = vm_frame.assign(measure="VoeltZichWeleensOnveilig_43")
    assert veiligheidsmonitor_measurements(other, policy).empty


def _result(on: OnEngine, policy: Policy, frame: pd.DataFrame, as_of: str | None = None) -> object:
    results = on.evaluate_targets(policy, frame, as_of=as_of)
    return next(r for r in results if r.target == TARGET)


def test_the_bundled_target_within_the_margins_is_not_significantly_different(
    on: OnEngine, policy: Policy, vm_frame: pd.DataFrame
) -> None:
    measurements = veiligheidsmonitor_measurements(vm_frame, policy)
    result = _result(on, policy, measurements)
    # 7.8 is above 7.6, but 7.6 lies inside the 95% interval 7.5 to 8.1
    assert result.status is TargetStatus.NOT_SIGNIFICANT
    assert result.significance == Significance.NOT_SIGNIFICANT.value
    assert (result.latest, result.latest_period) == (7.8, "2025")
    assert (result.latest_low, result.latest_high) == (7.5, 8.1)
    assert (result.baseline, result.baseline_from, result.threshold) == (7.6, "policy", 7.6)
    assert result.reason == (
        "7.8 in 2025 (95% interval 7.5 to 8.1) is not significantly different from the "
        "baseline 7.6: the difference lies within the margins, so the target (higher than "
        "the baseline 7.6) is neither met nor missed; horizon 2027 not yet reached"
    )
    data = result.to_dict()
    assert data["status"] == "not-significant"
    assert (data["latest_low"], data["latest_high"]) == (7.5, 8.1)
    assert result.status.label == "not significantly different"
    # after the horizon, without a later edition: still neither achieved nor missed
    late = _result(on, policy, measurements, as_of="2028")
    assert late.status is TargetStatus.NOT_SIGNIFICANT
    assert late.reason.endswith("horizon 2027 passed (as of 2028)")


def _with_2025(measurements: pd.DataFrame, value: float, low: float, high: float) -> pd.DataFrame:
    out = measurements.copy()
    row = (out.region == "GM0171") & (out.period == "2025")
    out.loc[row, ["value", "margin_low", "margin_high"]] = [value, low, high]
    return out


@pytest.mark.parametrize(
    ("value", "low", "high", "status", "significance"),
    [
        (7.8, 7.7, 7.9, TargetStatus.ON_TRACK, "higher"),  # beyond the margins
        (7.4, 7.3, 7.5, TargetStatus.OFF_TRACK, "lower"),
        (7.6, 7.5, 7.7, TargetStatus.NOT_SIGNIFICANT, "not significantly different"),
        (7.5, 7.4, 7.6, TargetStatus.NOT_SIGNIFICANT, "not significantly different"),
        (7.7, 7.6, 7.8, TargetStatus.NOT_SIGNIFICANT, "not significantly different"),  # on it
        (7.7, float("nan"), float("nan"), TargetStatus.ON_TRACK, None),  # no margins
    ],
)
def test_the_margins_decide_whether_a_difference_counts(
    on: OnEngine,
    policy: Policy,
    vm_frame: pd.DataFrame,
    value: float,
    low: float,
    high: float,
    status: TargetStatus,
    significance: str | None,
) -> None:
    measurements = _with_2025(veiligheidsmonitor_measurements(vm_frame, policy), value, low, high)
    result = _result(on, policy, measurements)
    assert result.status is status
    assert result.significance == significance


def test_at_the_horizon_the_margins_still_decide(on: OnEngine, policy: Policy) -> None:
    def at_2027(value: float, low: float, high: float) -> TargetStatus:
        frame = pd.DataFrame(
            {
                "indicator": "veiligheidsbeleving",
                "region": "GM0171",
                "period": ["2027"],
                "value": [value],
                "margin_low": [low],
                "margin_high": [high],
            }
        )
        return _result(on, policy, frame).status

    assert at_2027(7.9, 7.8, 8.0) is TargetStatus.ACHIEVED
    assert at_2027(7.9, 7.5, 8.3) is TargetStatus.NOT_SIGNIFICANT
    assert at_2027(7.2, 7.0, 7.4) is TargetStatus.NOT_ACHIEVED


def test_a_measured_baseline_brings_its_own_margins(on: OnEngine) -> None:
    keep = Target(
        id="beleving",
        name="Beleving",
        indicators=["beleving"],
        statement="Gelijk blijven",
        comparison="keep",
        direction="higher",
        baseline=Baseline(value=None, unit=Unit.RAPPORTCIJFER, period="2023"),
        horizon="2027",
        source=SourceRef("ivb", "Beleving"),
    )
    frame = pd.DataFrame(
        {
            "indicator": "beleving",
            "region": "R",
            "period": ["2023", "2025"],
            "value": [7.6, 7.45],
            "margin_low": [7.5, 7.4],
            "margin_high": [7.7, 7.5],
        }
    )
    # 7.45 is below the 2023 estimate 7.6, whose own interval reaches down to 7.5: the
    # combined margin (about 0.11) is smaller than the fall of 0.15
    result = on.evaluate_target(keep, frame, region="R", start="2024")
    assert result.baseline_from == "measurements" and result.threshold == 7.6
    assert result.significance == "lower" and result.status is TargetStatus.OFF_TRACK
    closer = frame.assign(value=[7.6, 7.52], margin_low=[7.5, 7.45], margin_high=[7.7, 7.6])
    result = on.evaluate_target(keep, closer, region="R", start="2024")
    assert result.status is TargetStatus.NOT_SIGNIFICANT


def test_margins_from_a_measurements_file(tmp_path: Path, policy: Policy) -> None:
    path = tmp_path / "vm.csv"
    path.write_text(
        "indicator;region;period;value;margin_low;margin_high;unit\n"
        "veiligheidsbeleving;GM0171;2025;7,8;7,5;8,1;rapportcijfer\n",
        encoding="utf-8",
    )
    from ivb.indicators import evaluate_targets

    result = evaluate_targets(policy, read_measurements(path))[0]
    assert result.status is TargetStatus.NOT_SIGNIFICANT
    assert (result.latest_low, result.latest_high) == (7.5, 8.1)
    path.write_text(
        "indicator;region;period;value;margin_low;margin_high\n"
        "veiligheidsbeleving;GM0171;2025;7,8;laag;8,1\n",
        encoding="utf-8",
    )
    with pytest.raises(MeasurementsError, match=r"column 'margin_low' of target .*got 'laag'"):
        evaluate_targets(policy, read_measurements(path))


def test_a_bound_on_the_wrong_side_is_refused(on: OnEngine, policy: Policy) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "veiligheidsbeleving",
            "region": "GM0171",
            "period": ["2025"],
            "value": [7.8],
            "margin_low": [7.9],
            "margin_high": [8.1],
        }
    )
    with pytest.raises(IndicatorError, match=f"target '{TARGET}': margin_low: .*wrong side"):
        on.evaluate_targets(policy, frame)


def test_not_significant_ranks_with_on_track() -> None:
    assert TargetStatus.NOT_SIGNIFICANT.rank == TargetStatus.ON_TRACK.rank
    assert TargetStatus.OFF_TRACK.rank < TargetStatus.NOT_SIGNIFICANT.rank
    assert TargetStatus.NOT_SIGNIFICANT.rank < TargetStatus.ACHIEVED.rank
