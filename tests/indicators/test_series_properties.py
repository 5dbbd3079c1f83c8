"""Target evaluation gives the same result, or the same refusal, on every engine.

The frames are uneven as real tables are (:func:`tests.strategies.uneven_series_frames`):
series that start and end at their own periods, gaps, values that are not published,
a category that is missing or empty, and now and then a second row for a period. The
rules are drawn around the frame's periods. Each engine must give the pandas result
value for value, or refuse with the pandas message word for word.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivb import IvbError
from ivb.indicators import evaluate_series, to_engine
from tests.indicators.conftest import assert_same_frame, engine_param
from tests.strategies import uneven_series_frames

ENGINES = [engine_param(e) for e in ("polars", "duckdb")]


def rules(data: st.DataObject, periods: tuple[str, ...]) -> dict[str, Any]:
    """Arguments of evaluate_series around *periods*: mostly a base period in the first
    half of them, else a start; now and then rules that are refused."""
    years = sorted({p[:4] for p in periods})
    later = [str(int(years[-1]) + 1), str(int(years[-1]) + 2)]
    out: dict[str, Any] = {
        "direction": data.draw(st.sampled_from(["higher", "lower"]), label="direction"),
        "horizon": data.draw(st.sampled_from([*years, *later, periods[-1]]), label="horizon"),
    }
    how = data.draw(st.sampled_from(["base", "base", "base", "start", "both", "neither"]))
    if how in ("base", "both"):
        early = periods[: max(1, len(periods) // 2)]
        out["base_period"] = data.draw(st.sampled_from(early), label="base_period")
    if how in ("start", "both"):
        out["start"] = data.draw(st.sampled_from(years[1:] + later[:1]), label="start")
    if data.draw(st.integers(0, 5), label="baseline?") == 0:
        out["baseline"] = data.draw(st.sampled_from([0.0, 2.5, 10.0]), label="baseline")
    if data.draw(st.integers(0, 4), label="as_of?") == 0:
        out["as_of"] = data.draw(st.sampled_from(later), label="as_of")
    return out


def same_on(engine: str, frame: pd.DataFrame, kwargs: dict[str, Any]) -> None:
    try:
        expected = evaluate_series(frame, **kwargs)
    except IvbError as exc:
        with pytest.raises(type(exc)) as info:
            evaluate_series(to_engine(frame, engine), **kwargs)
        assert str(info.value) == str(exc)
        return
    assert_same_frame(engine, evaluate_series(to_engine(frame, engine), **kwargs), expected)


@pytest.mark.parametrize("engine", ENGINES)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=uneven_series_frames(), data=st.data())
def test_uneven_series_give_the_same_result_on_every_engine(
    engine: str, case: tuple[pd.DataFrame, tuple[str, ...]], data: st.DataObject
) -> None:
    frame, periods = case
    same_on(engine, frame, rules(data, periods))


@pytest.mark.parametrize("engine", [engine_param("dask")])
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case=uneven_series_frames(), data=st.data())
def test_uneven_series_give_the_same_result_on_dask(
    engine: str, case: tuple[pd.DataFrame, tuple[str, ...]], data: st.DataObject
) -> None:
    # a Dask graph per call is slow: a few examples only
    frame, periods = case
    same_on(engine, frame, rules(data, periods))
