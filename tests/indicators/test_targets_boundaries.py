"""Target status at the end of the horizon.

The Noordoostpolder target: veiligheidsbeleving higher than 7,6 by 2027. The horizon
counts as reached when a measurement's period ends at or after the end of 2027, or when
the evaluation date ``as_of`` is past that end; on the last day itself it is not yet past.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ivb.indicators import TargetStatus, evaluate_targets
from ivb.model import Policy
from tests.indicators.conftest import OnEngine

NOP = "noordoostpolder-veiligheidsbeleving-target"


def _vm(value: float, period: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["veiligheidsbeleving"],
            "region": ["GM0171"],
            "period": [period],
            "value": [value],
            "unit": ["rapportcijfer"],
        }
    )


def _nop(policy: Policy, frame: pd.DataFrame, as_of: date | str | None):  # type: ignore[no-untyped-def]
    (result,) = [r for r in evaluate_targets(policy, frame, as_of=as_of) if r.target == NOP]
    return result


@pytest.mark.parametrize(
    ("as_of", "better", "worse"),
    [
        # before the horizon is past, a worse result is off track, not yet "not achieved"
        (None, TargetStatus.ON_TRACK, TargetStatus.OFF_TRACK),
        (date(2027, 12, 30), TargetStatus.ON_TRACK, TargetStatus.OFF_TRACK),
        # the last day of the horizon: not yet past it
        (date(2027, 12, 31), TargetStatus.ON_TRACK, TargetStatus.OFF_TRACK),
        ("2027", TargetStatus.ON_TRACK, TargetStatus.OFF_TRACK),
        # the day after: past it, a 2025 result decides
        (date(2028, 1, 1), TargetStatus.ACHIEVED, TargetStatus.NOT_ACHIEVED),
        ("2028", TargetStatus.ACHIEVED, TargetStatus.NOT_ACHIEVED),
    ],
)
def test_as_of_the_end_of_the_horizon(
    policy: Policy, as_of: date | str | None, better: TargetStatus, worse: TargetStatus
) -> None:
    assert _nop(policy, _vm(7.8, "2025"), as_of).status is better
    assert _nop(policy, _vm(7.5, "2025"), as_of).status is worse


def test_the_reason_says_whether_the_horizon_is_reached(policy: Policy) -> None:
    on_the_day = _nop(policy, _vm(7.8, "2025"), date(2027, 12, 31))
    assert on_the_day.reason == (
        "7.8 in 2025 is higher than the baseline 7.6; horizon 2027 not yet reached"
    )
    after = _nop(policy, _vm(7.8, "2025"), date(2028, 1, 1))
    assert after.reason == (
        "7.8 in 2025 is higher than the baseline 7.6; horizon 2027 passed (as of 2028-01-01) "
        "without a later measurement: judged on that of 2025"
    )
    worse = _nop(policy, _vm(7.5, "2025"), date(2028, 1, 1))
    assert worse.reason == (
        "7.5 in 2025 is not higher than the baseline 7.6; horizon 2027 passed (as of 2028-01-01) "
        "without a later measurement: judged on that of 2025"
    )
    early = _nop(policy, _vm(7.5, "2025"), date(2027, 12, 31))
    assert early.reason == (
        "7.5 in 2025 is not higher than the baseline 7.6; "
        "not on track; horizon 2027 not yet reached"
    )


@pytest.mark.parametrize(
    ("period", "status"),
    [
        ("2026", TargetStatus.ON_TRACK),
        ("2027", TargetStatus.ACHIEVED),  # a measurement of the horizon year decides
        ("2027-12", TargetStatus.ACHIEVED),  # so does one of its last month
        ("2027-11", TargetStatus.ON_TRACK),
    ],
)
def test_a_measurement_at_the_end_of_the_horizon_decides(
    period: str, status: TargetStatus, on: OnEngine
) -> None:
    frame = pd.DataFrame({"indicator": "x", "region": "R", "period": [period], "value": [8.0]})
    result = on.evaluate_series(
        frame, direction="higher", horizon="2027", baseline=7.6, base_period=None, start="2024"
    )
    assert result["status"].tolist() == [status.value]
