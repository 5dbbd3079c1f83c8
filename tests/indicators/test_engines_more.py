"""Refusals of the calculations on every engine, with their exact messages."""

from __future__ import annotations

import pandas as pd
import pytest

from ivb.indicators import ENGINES, IndicatorError, MeasurementsError, index_to, share_of, to_engine
from tests.indicators.conftest import OnEngine, engine_param

EVERY_ENGINE = [engine_param(e) for e in ENGINES]

FRAME = pd.DataFrame(
    {
        "indicator": "overlast",
        "region": ["GM0303", "GM0303", "DNU", "DNU"],
        "period": ["2019", "2022", "2022", "2022"],
        "value": [216.0, 215.0, 506.0, 507.0],
    }
)


@pytest.mark.parametrize("engine", EVERY_ENGINE)
def test_index_to_a_period_without_rows(engine: str) -> None:
    with pytest.raises(IndicatorError) as info:
        index_to(to_engine(FRAME, engine), "2030")
    assert str(info.value) == "base: no rows for period '2030'; periods in the frame: 2019, 2022"


@pytest.mark.parametrize("engine", EVERY_ENGINE)
def test_share_of_two_total_rows_of_one_series_and_period(engine: str) -> None:
    with pytest.raises(MeasurementsError) as info:
        share_of(to_engine(FRAME, engine), "DNU")
    assert str(info.value) == "frame: more than one region = 'DNU' row for one series and period"


def test_a_missing_within_value_is_no_total_row(on: OnEngine) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "misdrijven",
            "category": pd.array(["1.1.1", None, "0.0.0"], dtype="string"),
            "region": "GM0303",
            "period": "2023",
            "value": [30.0, 10.0, 200.0],
        }
    )
    out = on.share_of(frame, "0.0.0", within="category")
    assert out["share_pct"].tolist() == [15.0, 5.0, 100.0]
