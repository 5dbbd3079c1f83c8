"""Refusals of the calculations on every engine, with their exact messages."""

from __future__ import annotations

import pandas as pd
import pytest

from ivb.indicators import (
    ENGINES,
    IndicatorError,
    MeasurementsError,
    evaluate_series,
    index_to,
    share_of,
    to_engine,
)
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


def test_change_keeps_the_given_keys(on: OnEngine) -> None:
    # the source differs between the years: with the default keys these would be two
    # series, with the keys given one series of two values
    frame = pd.DataFrame(
        {
            "indicator": "overlast",
            "region": ["GM0303", "GM0303", "GM0184"],
            "period": ["2019", "2022", "2019"],
            "value": [216.0, 215.0, 36.0],
            "source": ["47021NED", "47022NED", "47021NED"],
        }
    )
    out = on.change(frame, "2019", "2022", keys=["indicator", "region"])
    assert out.columns.tolist() == [
        "indicator",
        "region",
        "base_period",
        "period",
        "base_value",
        "value",
        "change",
        "change_pct",
    ]
    assert out["region"].tolist() == ["GM0303", "GM0184"]
    assert out["base_value"].tolist() == [216.0, 36.0]
    assert out["change"].tolist()[0] == -1.0
    assert out["change_pct"].tolist()[0] == (215.0 - 216.0) / 216.0 * 100.0
    assert out[["value", "change", "change_pct"]].isna().values[1].tolist() == [True] * 3
    assert out.dtypes["change_pct"] == "float64"


@pytest.mark.parametrize("engine", EVERY_ENGINE)
def test_a_series_row_without_a_period_is_refused(engine: str) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "woninginbraken",
            "region": "GM0303",
            "period": ["2023", "2024", None, "2025"],
            "value": [100.0, 95.0, 90.0, 85.0],
        }
    )
    with pytest.raises(MeasurementsError) as info:
        evaluate_series(to_engine(frame, engine), direction="lower", horizon="2027", start="2024")
    if engine in ("pandas", "polars"):  # eager frames: the row is named (0-based)
        assert str(info.value) == "period: missing in row 2"
    else:  # lazy frames keep no row order
        assert str(info.value) == "period: missing in a row; every row needs its period"


def test_share_of_keeps_the_given_keys(on: OnEngine) -> None:
    # the total row has another source: with the default keys (source among them) the
    # municipalities would find no total, with the keys given they do
    frame = pd.DataFrame(
        {
            "indicator": "overlast",
            "region": ["GM0303", "GM0184", "DNU"],
            "period": "2022",
            "value": [215.0, 61.0, 500.0],
            "source": ["47021NED", "47021NED", "eigen telling"],
        }
    )
    out = on.share_of(frame, "DNU", keys=["indicator"])
    assert out.columns.tolist() == [*frame.columns, "share_pct"]
    assert out["share_pct"].tolist() == [43.0, 12.2, 100.0]
    assert out["share_pct"].dtype == "float64"
    plain = on.share_of(frame, "DNU")
    assert plain["share_pct"].isna().tolist() == [True, True, False]


def test_evaluate_series_keeps_the_given_keys(on: OnEngine) -> None:
    # the source changes between the years: with the keys given one series, measured
    # from 2023 to 2025
    frame = pd.DataFrame(
        {
            "indicator": "woninginbraken",
            "region": "GM0303",
            "period": ["2023", "2025"],
            "value": [100.0, 80.0],
            "source": ["47013NED", "47022NED"],
        }
    )
    out = on.evaluate_series(
        frame, direction="lower", horizon="2027", start="2024", keys=["indicator", "region"]
    )
    assert out.columns.tolist() == [
        "indicator",
        "region",
        "baseline_period",
        "baseline",
        "baseline_from",
        "latest_period",
        "latest",
        "change",
        "change_pct",
        "status",
    ]
    assert out.values.tolist() == [
        [
            "woninginbraken",
            "GM0303",
            "2023",
            100.0,
            "measurements",
            "2025",
            80.0,
            -20.0,
            -20.0,
            "on-track",
        ]
    ]
