"""Target evaluation on frames of other shapes, the same on every engine.

On Polars and DuckDB the number of values at a series' latest period comes from a sum
of weights 256**rank, which a float holds for up to 127 periods of one kind; a frame
with more periods is counted another way, with the same results. Categorical columns
(DuckDB ``ENUM``, as pandas categoricals become there) and key columns whose names
need quoting in SQL give the same results as text columns and plain names.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ivb.indicators import MeasurementsError
from tests.indicators.conftest import OnEngine

#: 144 months, more than the 127 periods a float sum of weights can tell apart.
MONTHS = [f"{y}-{m:02d}" for y in range(2014, 2026) for m in range(1, 13)]


def monthly(last: dict[str, int]) -> pd.DataFrame:
    """One series per region, from the first month to its own *last* month (an index
    into MONTHS), its value there the month's number plus one."""
    rows = [
        ("x", region, MONTHS[i], float(i + 1))
        for region, end in last.items()
        for i in range(end + 1)
    ]
    return pd.DataFrame(rows, columns=["indicator", "region", "period", "value"])


def test_more_periods_than_the_weights_tell_apart(on: OnEngine) -> None:
    data = monthly({"GM0171": 143, "GM0184": 130, "GM0303": 2})
    out = on.evaluate_series(data, direction="lower", horizon="2025", base_period="2014-01")
    assert out["latest_period"].tolist() == ["2025-12", "2024-11", "2014-03"]
    assert out["latest"].tolist() == [144.0, 131.0, 3.0]
    assert out["status"].tolist() == ["not-achieved", "off-track", "off-track"]


def test_a_duplicate_among_many_periods_is_refused(on: OnEngine) -> None:
    data = monthly({"GM0171": 143, "GM0184": 130})
    twice = pd.DataFrame([("x", "GM0184", "2024-11", 1.0)], columns=list(data.columns))
    with pytest.raises(MeasurementsError, match=r"period '2024-11' of the series .*GM0184"):
        on.evaluate_series(
            pd.concat([data, twice], ignore_index=True),
            direction="lower",
            horizon="2025",
            base_period="2014-01",
        )
    # a second value for an earlier month is not read, and is accepted
    earlier = twice.assign(period="2020-06")
    out = on.evaluate_series(
        pd.concat([data, earlier], ignore_index=True),
        direction="lower",
        horizon="2025",
        base_period="2014-01",
    )
    assert out["latest"].tolist() == [144.0, 131.0]


def test_categorical_columns_give_the_results_of_text(on: OnEngine) -> None:
    data = monthly({"GM0171": 40, "GM0184": 30, "GM0303": 5})
    data.loc[data.index[::7], "value"] = np.nan
    data = pd.concat(
        [data, pd.DataFrame([("x", "GM0999", "2014-01", np.nan)], columns=list(data.columns))],
        ignore_index=True,
    )
    as_text = on.evaluate_series(data, direction="higher", horizon="2017", base_period="2014-01")
    categorical = data.astype({"indicator": "category", "region": "category", "period": "category"})
    out = on.evaluate_series(categorical, direction="higher", horizon="2017", base_period="2014-01")
    pd.testing.assert_frame_equal(
        out.astype({"indicator": object, "region": object}),
        as_text.astype({"indicator": object, "region": object}),
    )
    # GM0171 has no value at its baseline month, GM0999 none at all; GM0303's last
    # month has none, so its latest is the month before
    assert out["status"].tolist() == ["no-data", "on-track", "on-track", "no-data"]
    assert out["latest_period"].tolist()[:3] == ["2017-05", "2016-07", "2014-05"]


def test_key_names_that_need_quoting(on: OnEngine) -> None:
    data = pd.DataFrame(
        {
            "indicator": ["x"] * 6,
            "region": ["GM0171"] * 6,
            "wijk 'oud'": ["A", "A", "B", "B", "C", "C"],
            "period": ["2022", "2024", "2022", "2024", "2022", "2023"],
            "value": [10.0, 12.0, 4.0, np.nan, 0.0, 3.0],
        }
    )
    out = on.evaluate_series(
        data,
        direction="lower",
        horizon="2024",
        base_period="2022",
        keys=["indicator", "region", "wijk 'oud'"],
    )
    assert out["wijk 'oud'"].tolist() == ["A", "B", "C"]
    assert out["latest"].tolist()[0] == 12.0 and np.isnan(out["latest"].tolist()[1])
    assert out["latest_period"].tolist()[::2] == ["2024", "2023"]
    assert pd.isna(out["latest_period"].tolist()[1])
    # C has no value for the horizon year yet: off track, not yet judged
    assert out["status"].tolist() == ["not-achieved", "no-data", "off-track"]


def test_periods_whose_text_order_is_not_their_time_order(on: OnEngine) -> None:
    # months and a quarter together (no baseline period, so no one kind): the quarter
    # 2023-Q1 ends with March, yet its text sorts after 2023-03; each period then goes by
    # its rank in time, on every engine
    data = pd.DataFrame(
        {
            "indicator": "x",
            "region": ["A", "A", "A", "B", "B"],
            "period": ["2023-03", "2023-Q1", "2023-02", "2023-Q1", "2023-02"],
            "value": [1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )
    out = on.evaluate_series(data, direction="lower", horizon="2024", start="2023")
    assert out["latest_period"].tolist() == ["2023-03", "2023-Q1"]
    assert out["latest"].tolist() == [1.0, 4.0]
    categorical = on.evaluate_series(
        data.astype({"period": "category"}), direction="lower", horizon="2024", start="2023"
    )
    assert categorical["latest"].tolist() == [1.0, 4.0]
