"""Values a target records itself fill only the periods its own region lacks."""

from __future__ import annotations

import pandas as pd

from ivb.indicators import TargetStatus, evaluate_target
from ivb.model import Measurement, Policy, TargetStep
from tests.indicators.test_targets import SRC, _burglary


def test_a_row_without_a_region_does_not_hide_a_recorded_value(policy: Policy) -> None:
    target = _burglary(
        comparison="at-most",
        change_pct=None,
        value=90.0,
        baseline=None,
        milestones=[TargetStep(year=2024, value=95.0)],
        measured=[Measurement(year=2024, value=96.0, source=SRC)],
    )
    frame = pd.DataFrame(
        {
            "indicator": ["woninginbraken"],
            "region": pd.array([None], dtype="string"),
            "period": ["2024"],
            "value": [94.0],
            "unit": "count",
        }
    )
    result = evaluate_target(target, frame, policy=policy)
    assert (result.latest, result.latest_period) == (96.0, "2024")
    assert result.status is TargetStatus.OFF_TRACK
