"""Two values for one series and period: refused, naming the first such series.

``change`` and ``index_to`` need one value per series and period; when a frame has more,
the error names the period and the first series (in the order of the frame) that has
more than one, and says what to give instead.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ivb.indicators import MeasurementsError, change, index_to


def _frame(regions: list[str], periods: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": "x",
            "region": regions,
            "period": periods,
            "value": [float(i) for i in range(len(regions))],
        }
    )


def _message(region: str, period: str = "2019") -> str:
    return (
        f"^frame: more than one value for period '{period}' of the series indicator='x', "
        f"region='{region}'; give one row per series and period$"
    )


@pytest.mark.parametrize(
    ("regions", "periods", "first"),
    [
        # A and B both twice in 2019: A comes first
        (["A", "B", "A", "B", "A", "B"], ["2019"] * 4 + ["2022"] * 2, "A"),
        # B's rows come before A's second row
        (["A", "B", "B", "A"], ["2022", "2019", "2019", "2019"], "B"),
        # only B is doubled; A is fine
        (["A", "B", "B", "A"], ["2019", "2019", "2019", "2022"], "B"),
    ],
)
def test_the_first_doubled_series_is_named(
    regions: list[str], periods: list[str], first: str
) -> None:
    frame = _frame(regions, periods)
    with pytest.raises(MeasurementsError, match=_message(first)):
        change(frame, "2019", "2022")
    with pytest.raises(MeasurementsError, match=_message(first)):
        index_to(frame, "2019")


def test_a_doubled_later_period_is_named_by_change() -> None:
    frame = _frame(["A", "A", "A"], ["2019", "2022", "2022"])
    with pytest.raises(MeasurementsError, match=_message("A", "2022")):
        change(frame, "2019", "2022")
