"""``change`` on any engine with names and periods that need quoting in a query.

On DuckDB the grouped step of :func:`ivb.indicators.change` is written as SQL; a key
column whose name holds a single quote and a space, and a period holding a single
quote, must reach the query as names and text, not as syntax. (A double quote in a
column name is quoted by ivb's SQL too, but narwhals 2.16, the lowest version
supported, cannot select such a column on DuckDB.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.indicators.conftest import OnEngine


def test_quoted_names_and_periods(on: OnEngine) -> None:
    data = pd.DataFrame(
        {
            "indicator": ["x"] * 6,
            "region": ["GM0171"] * 6,
            "wijk 'oud'": ["A", "A", "B", "B", "C", "C"],
            "period": ["2023'Q1", "2024", "2023'Q1", "2024", "2023'Q1", "2024"],
            "value": [10.0, 12.0, 4.0, np.nan, 0.0, 3.0],
        }
    )
    out = on.change(data, "2023'Q1", "2024", keys=["indicator", "region", "wijk 'oud'"])
    assert out["wijk 'oud'"].tolist() == ["A", "B", "C"]
    assert out["base_value"].tolist() == [10.0, 4.0, 0.0]
    assert out["value"].tolist()[0] == 12.0 and np.isnan(out["value"].tolist()[1])
    assert out["change"].tolist()[0] == 2.0
    assert out["change_pct"].tolist()[0] == 20.0
    # a base value of 0: no percentage
    assert np.isnan(out["change_pct"].tolist()[2])
