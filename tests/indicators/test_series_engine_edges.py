"""``evaluate_series`` on the engines: no change at all, a baseline given as a whole number."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from ivb.indicators import TargetStatus, available_engines, evaluate_series, to_engine, to_pandas

ENGINES = [e for e in ("polars", "duckdb") if e in available_engines()]

#: A stays at 5.0 from 2023 to 2025; B rises to 6.0.
FRAME = pd.DataFrame(
    {
        "indicator": "x",
        "region": ["A", "A", "B", "B"],
        "period": ["2023", "2025", "2023", "2025"],
        "value": [5.0, 5.0, 5.0, 6.0],
    }
)


def _both(engine: str, frame: pd.DataFrame, **rules: Any) -> pd.DataFrame:
    expected = evaluate_series(frame, **rules)
    given = to_pandas(evaluate_series(to_engine(frame, engine), **rules))
    given = given.sort_values("region", ignore_index=True)
    expected = expected.sort_values("region", ignore_index=True)
    compared = ["region", "baseline", "latest", "change", "status"]
    pd.testing.assert_frame_equal(given[compared], expected[compared], check_dtype=False)
    return given


@pytest.mark.parametrize("engine", ENGINES)
def test_no_change_is_not_progress_on_any_engine(engine: str) -> None:
    out = _both(engine, FRAME, direction="higher", horizon="2027", start="2024")
    assert out["status"].tolist() == [TargetStatus.OFF_TRACK.value, TargetStatus.ON_TRACK.value]
    assert out["change"].tolist() == [0.0, 1.0]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_whole_number_baseline_is_a_float_on_any_engine(engine: str) -> None:
    out = _both(engine, FRAME, direction="higher", horizon="2027", start="2024", baseline=5)
    assert out["baseline"].dtype == "float64"
    assert out["baseline"].tolist() == [5.0, 5.0]


@pytest.mark.parametrize("engine", ENGINES)
def test_nothing_measured_since_the_start_is_no_data_on_any_engine(engine: str) -> None:
    early = FRAME[FRAME["period"] == "2023"]
    out = _both(engine, early, direction="higher", horizon="2027", start="2024")
    assert out["status"].tolist() == [TargetStatus.NO_DATA.value] * 2
