"""Refusals of a statistics frame name the argument, the problem and what came."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ivb.indicators import MeasurementsError, validate_tidy


def _message(frame: object, what: str = "measurements") -> str:
    with pytest.raises(MeasurementsError) as info:
        validate_tidy(frame, what=what)
    return str(info.value)


def test_missing_columns_are_named_with_all_that_are_required() -> None:
    assert _message(pd.DataFrame({"region": ["GM0303"], "jaar": ["2022"]})) == (
        "measurements: missing columns indicator, period, value; "
        "expected at least indicator, region, period, value (found region, jaar)"
    )


def test_a_frame_without_columns_says_so() -> None:
    assert _message(pd.DataFrame(), what="police") == (
        "police: missing columns indicator, region, period, value; "
        "expected at least indicator, region, period, value (found no columns)"
    )


@pytest.mark.parametrize(("value", "shown"), [(math.inf, "inf"), (-math.inf, "-inf")])
def test_an_infinite_value_is_refused_with_its_row(value: float, shown: str) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "region": "GM0303",
            "period": ["2021", "2022", "2023"],
            "value": [1.0, math.nan, value],
        },
        index=[10, 11, 12],
    )
    assert _message(frame, what="frame") == (
        "frame: column 'value' must hold finite numbers (NaN for not published); "
        f"got {shown} in row 12"
    )


@pytest.mark.parametrize(("index", "row"), [(None, "1"), ([10, 11], "11"), (["a", "b"], "'b'")])
def test_a_value_that_is_no_number_is_refused_with_its_row(
    index: list[object] | None, row: str
) -> None:
    # the row as its label is written in Python: 11, not np.int64(11)
    frame = pd.DataFrame(
        {"indicator": "x", "region": "GM0303", "period": ["2022", "2023"], "value": [1.0, "zeven"]},
        index=index,
    )
    assert _message(frame) == (
        "measurements: column 'value' must be numeric (NaN for not published); "
        f"got 'zeven' in row {row}"
    )


def test_something_else_than_a_frame_is_refused() -> None:
    assert _message({"value": [1.0]}) == "measurements: expected a pandas DataFrame, got dict"
