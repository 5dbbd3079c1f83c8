"""Targets: reasons of goals without a number and of a comparison with the baseline;
a group's total where the measurements name no unit; a result as plain data."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ivb.indicators import TargetStatus, evaluate_targets
from ivb.model import Baseline, Policy, QualitativeStatus, SourceRef, Target, Unit
from tests.indicators.conftest import OnEngine

SRC = SourceRef("ivb", "Doelen")
BASELINE = Baseline(value=100.0, unit=Unit.COUNT, period="2023")


def _burglaries(region: str, values: list[float], period: str = "2027") -> pd.DataFrame:
    """Burglaries without a unit column: the unit is the policy's indicator's."""
    return pd.DataFrame(
        {
            "indicator": "woninginbraken",
            "region": region.split(","),
            "period": period,
            "value": values,
        }
    )


@pytest.mark.parametrize("reported", [None, "unknown"])
def test_a_goal_without_a_number_or_status_says_so(
    policy: Policy, reported: str | None, on: OnEngine
) -> None:
    goal = Target(
        id="veiliger",
        name="Veiliger",
        municipalities=["urk"],
        statement="In 2027 is Urk veiliger en voelt het veiliger.",
        status=None if reported is None else QualitativeStatus(value=reported, date="2025"),
        source=SRC,
    )
    result = on.evaluate_target(goal, None, policy=policy)
    assert result.status is TargetStatus.NO_DATA
    assert result.reason == "a goal without a number; the policy reports no status"


@pytest.mark.parametrize(
    ("value", "status", "reason"),
    [
        (
            90.0,
            TargetStatus.ACHIEVED,
            "90 in 2027 is lower than the baseline 100 (2023); horizon 2027 reached",
        ),
        (
            100.0,
            TargetStatus.NOT_ACHIEVED,
            "100 in 2027 is not lower than the baseline 100 (2023); horizon 2027 reached",
        ),
    ],
)
def test_lower_than_the_baseline_names_the_baseline(
    policy: Policy, value: float, status: TargetStatus, reason: str, on: OnEngine
) -> None:
    fewer = Target(
        id="minder-inbraken",
        name="Minder woninginbraken",
        municipalities=["dronten"],
        indicators=["woninginbraken"],
        statement="Minder woninginbraken",
        comparison="less-than",
        baseline=BASELINE,
        source=SRC,
    )
    result = on.evaluate_target(fewer, _burglaries("GM0303", [value]), policy=policy)
    assert result.status is status
    assert result.threshold == 100.0
    assert result.reason == reason


def test_a_group_total_is_added_up_without_a_unit_column(policy: Policy, on: OnEngine) -> None:
    target = Target(
        id="minder-inbraken-dnu",
        name="Minder woninginbraken",
        region="dnu",
        indicators=["woninginbraken"],
        statement="10% minder woninginbraken",
        comparison="change-by",
        change_pct=-10,
        baseline=BASELINE,
        source=SRC,
    )
    rows = _burglaries("GM0303,GM0171,GM0184", [40.0, 30.0, 18.0])
    assert "unit" not in rows.columns
    result = on.evaluate_target(target, rows, policy=policy)
    assert result.region == "DNU"
    assert (result.latest, result.latest_period) == (88.0, "2027")
    assert result.status is TargetStatus.ACHIEVED
    assert result.reason == (
        "88 in 2027 is at most 90 (-10% from the baseline 100 (2023)); horizon 2027 reached"
    )


def test_a_result_as_plain_data(policy: Policy) -> None:
    data = evaluate_targets(policy)[0].to_dict()
    fields = [
        "target",
        "name",
        "scope",
        "indicator",
        "region",
        "comparison",
        "direction",
        "rule",
        "horizon",
        "status",
        "baseline",
        "baseline_period",
        "baseline_from",
        "threshold",
        "latest",
        "latest_period",
        "change",
        "change_pct",
        "reason",
        "latest_low",
        "latest_high",
        "significance",
        "milestones",
        "parts",
        "subresults",
    ]
    assert list(data) == fields
    assert type(data["status"]) is str and data["status"] == "no-data"
    assert type(data["direction"]) is str and data["direction"] == "higher"
    assert data["scope"] == ["noordoostpolder"]
    subresults = data["subresults"]
    assert isinstance(subresults, list) and len(subresults) == 3
    assert [list(s) for s in subresults] == [fields] * 3
    assert [type(s["status"]) for s in subresults] == [str] * 3
    assert json.loads(json.dumps(data))["subresults"][0]["status"] == "no-data"


def test_a_fixed_threshold_ignores_the_margins_of_the_measured_baseline(
    policy: Policy, on: OnEngine
) -> None:
    # at least 7.5: the baseline (2023) is measured, but the target is the number 7.5,
    # so only the latest measurement's interval counts (7.7 to 7.9, above 7.5), not
    # the wide interval of the baseline
    target = Target(
        id="beleving",
        name="Beleving",
        municipalities=["noordoostpolder"],
        indicators=["veiligheidsbeleving"],
        statement="Minimaal een 7,5",
        comparison="at-least",
        value=7.5,
        source=SRC,
    )
    frame = pd.DataFrame(
        {
            "indicator": "veiligheidsbeleving",
            "region": "GM0171",
            "period": ["2023", "2025"],
            "value": [7.5, 7.8],
            "unit": "rapportcijfer",
            "margin_low": [7.0, 7.7],
            "margin_high": [8.0, 7.9],
        }
    )
    result = on.evaluate_target(target, frame, policy=policy)
    assert (result.baseline, result.baseline_period, result.baseline_from) == (
        7.5,
        "2023",
        "measurements",
    )
    assert result.status is TargetStatus.ON_TRACK
    assert result.significance == "higher"
    assert result.reason == (
        "7.8 in 2025 (95% interval 7.7 to 7.9) is at least 7.5; horizon 2027 not yet reached"
    )
