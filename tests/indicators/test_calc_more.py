"""Calculations on pandas: missing values in the column the shares are taken within."""

from __future__ import annotations

import pandas as pd

from ivb.indicators import share_of


def test_a_missing_within_value_is_no_total_row() -> None:
    # a nullable text column: comparing its missing value with the total gives NA,
    # which is not a total row
    frame = pd.DataFrame(
        {
            "indicator": "misdrijven",
            "category": pd.array(["1.1.1", None, "0.0.0"], dtype="string"),
            "region": "GM0303",
            "period": "2023",
            "value": [30.0, 10.0, 200.0],
        }
    )
    out = share_of(frame, "0.0.0", within="category")
    assert out["share_pct"].tolist() == [15.0, 5.0, 100.0]
    assert out["share_pct"].dtype == "float64"
    assert out["category"].dtype == "string"
    assert out["category"].isna().tolist() == [False, True, False]
