"""The indicator calculations give the same results on every installed engine.

Each case runs on pandas (the reference: its own vectorised path) and on every other
engine of :data:`ENGINES` that is installed (through narwhals); an engine that is not
installed is skipped with the reason. Lazy engines keep no row order, so their rows are
compared after sorting by the series keys. Values must be equal; a quotient may differ
in its last bit (Polars divides by a constant column through its reciprocal), so
floats are compared to 1e-14 relative.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivb.indicators import (
    ENGINES,
    IndicatorError,
    MeasurementsError,
    add_aggregates,
    available_engines,
    change,
    engine_of,
    index_to,
    region_groups,
    share_of,
    table_frame,
    to_engine,
    to_pandas,
)
from ivb.model import Policy
from tests.strategies import tidy_frames

T1 = "tabel-1-gedigitaliseerde-criminaliteit"
T2 = "tabel-2-overlast-personen-met-onbegrepen-gedrag"
OTHERS = [e for e in ENGINES if e != "pandas"]


def _engine_param(name: str) -> Any:
    module = ENGINES[name][0]
    reason = f"{module.split('.')[0]} is not installed (pip install '{ENGINES[name][1]}')"
    return pytest.param(
        name,
        marks=pytest.mark.skipif(name not in available_engines(), reason=reason),
        id=name,
    )


ENGINE_PARAMS = [_engine_param(e) for e in OTHERS]


def normalised(frame: pd.DataFrame, sort_by: list[str]) -> pd.DataFrame:
    """Text columns as str, NaN for null, rows sorted by *sort_by*, a fresh index."""
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].astype(object).map(lambda v: None if pd.isna(v) else str(v))
        else:
            out[col] = out[col].astype(float)
    return out.sort_values(sort_by, kind="stable").reset_index(drop=True)


def same(engine: str, fn: Callable[..., Any], frame: pd.DataFrame, *args: Any, **kw: Any) -> None:
    expected = fn(frame, *args, **kw)
    native = to_engine(frame, engine)
    got = fn(native, *args, **kw)
    assert engine_of(got) == engine  # the kind that came in goes out
    got_pd = to_pandas(got)
    assert list(got_pd.columns) == list(expected.columns)
    keys = [c for c in expected.columns if not pd.api.types.is_float_dtype(expected[c])]
    if engine == "polars":  # eager: the same row order as pandas
        pd.testing.assert_frame_equal(
            normalised(got_pd, []), normalised(expected, []), check_exact=False, rtol=1e-14
        )
    pd.testing.assert_frame_equal(
        normalised(got_pd, keys), normalised(expected, keys), check_exact=False, rtol=1e-14
    )


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_change_on_the_policys_tables(engine: str, policy: Policy) -> None:
    same(engine, change, table_frame(policy, T2), "2019", "2022")
    same(engine, change, table_frame(policy), "2019", "2022")


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_index_and_share_on_the_policys_tables(engine: str, policy: Policy) -> None:
    frame = table_frame(policy, T1)
    same(engine, index_to, frame, "2019")
    same(engine, index_to, frame, "2019", scale=1.0)
    same(engine, share_of, frame, "DNU")


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_aggregates(engine: str, policy: Policy) -> None:
    frame = table_frame(policy, T2)
    members = frame[frame.region != "DNU"].reset_index(drop=True)
    same(engine, add_aggregates, members, region_groups(policy))
    same(engine, add_aggregates, members, {"XY": ["GM0171", "GM0184"], "Z": ["GM9999"]})


MISSING = pd.DataFrame(
    {
        "indicator": "x",
        "region": ["A", "A", "B", "B", "C", "C", "D"],
        "period": ["2019", "2022", "2019", "2022", "2019", "2022", "2022"],
        "value": [10.0, np.nan, np.nan, 5.0, 0.0, 4.0, 3.0],
    }
)


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_not_published_and_absent_values(engine: str) -> None:
    same(engine, change, MISSING, "2019", "2022")
    same(engine, index_to, MISSING, "2019")
    same(engine, share_of, MISSING, "A")
    same(engine, add_aggregates, MISSING, {"AB": ["A", "B"], "CD": ["C", "D"]})


@pytest.mark.parametrize("engine", ENGINE_PARAMS)
def test_errors_are_the_same(engine: str) -> None:
    frame = pd.DataFrame(
        {"indicator": "x", "region": ["A", "A"], "period": ["2019", "2019"], "value": [1.0, 2.0]}
    )
    native = to_engine(frame, engine)
    with pytest.raises(
        IndicatorError, match="period: no rows for period '2030'; periods in the frame: 2019"
    ):
        change(native, "2019", "2030")
    with pytest.raises(
        MeasurementsError,
        match="more than one value for period '2019' of the series indicator='x', region='A'",
    ):
        change(native, "2019", "2019")
    with pytest.raises(MeasurementsError, match="more than one value for period '2019'"):
        index_to(native, "2019")
    with pytest.raises(IndicatorError, match="within: no column 'soort'"):
        share_of(native, "A", within="soort")
    with pytest.raises(IndicatorError, match="total: no row has region = 'Z'"):
        share_of(native, "Z")
    with pytest.raises(MeasurementsError, match="groups: the frame already has rows for A"):
        add_aggregates(native, {"A": ["B"]})
    with pytest.raises(MeasurementsError, match="missing columns indicator"):
        change(to_engine(frame.drop(columns="indicator"), engine), "2019", "2019")


def _random_case(engine: str, frame: pd.DataFrame, data: st.DataObject) -> None:
    periods = sorted(set(frame["period"]))
    base, period = data.draw(st.sampled_from(periods)), data.draw(st.sampled_from(periods))
    same(engine, change, frame, base, period)
    same(engine, index_to, frame, base)
    same(engine, share_of, frame, str(frame["region"].iloc[0]))


@pytest.mark.parametrize("engine", [p for p in ENGINE_PARAMS if p.values[0] != "dask"])
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(frame=tidy_frames(), data=st.data())
def test_random_frames_give_the_same_results(
    engine: str, frame: pd.DataFrame, data: st.DataObject
) -> None:
    _random_case(engine, frame, data)


@pytest.mark.parametrize("engine", [p for p in ENGINE_PARAMS if p.values[0] == "dask"])
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(frame=tidy_frames(), data=st.data())
def test_random_frames_give_the_same_results_on_dask(
    engine: str, frame: pd.DataFrame, data: st.DataObject
) -> None:
    # a Dask graph per call is slow: a few examples only
    _random_case(engine, frame, data)


def test_unknown_engine_and_frames() -> None:
    with pytest.raises(IndicatorError, match="engine: expected one of pandas, polars"):
        to_engine(MISSING, "spark")
    with pytest.raises(IndicatorError, match="expected a pandas, Polars, DuckDB or Dask frame"):
        engine_of([1, 2])
    with pytest.raises(
        MeasurementsError, match="expected a DataFrame of pandas, Polars, DuckDB or Dask, got list"
    ):
        change([1, 2], "2019", "2022")  # type: ignore[call-overload]
    assert "pandas" in available_engines()


def test_importing_ivb_imports_no_engine() -> None:
    code = (
        "import sys, ivb, ivb.indicators; "
        "print(sorted(m for m in ('polars', 'duckdb', 'dask', 'narwhals') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.skipif(importlib.util.find_spec("polars") is None, reason="polars is not installed")
def test_a_polars_lazy_frame_stays_lazy() -> None:
    import polars as pl

    lazy = pl.from_pandas(MISSING).lazy()
    out = change(lazy, "2019", "2022")
    assert isinstance(out, pl.LazyFrame)
    assert sorted(to_pandas(out)["region"]) == ["A", "B", "C", "D"]


@pytest.mark.skipif("polars" not in available_engines(), reason="polars is not installed")
def test_the_engine_check_fails_when_an_engine_differs(monkeypatch: pytest.MonkeyPatch) -> None:
    from ivb.indicators import _nwcalc
    from tests.indicators.conftest import OnEngine

    def off_by_one(frame: Any, base: str, period: str, **kw: Any) -> Any:
        right = change(to_pandas(frame), base, period, **kw)
        return to_engine(right.assign(change=right["change"] + 1), "polars")

    monkeypatch.setattr(_nwcalc, "change", off_by_one)
    with pytest.raises(AssertionError):
        OnEngine("polars").change(MISSING, "2019", "2022")

    def silent(frame: Any, base: str, period: str, **kw: Any) -> Any:
        return to_engine(change(to_pandas(frame), "2019", "2022"), "polars")

    monkeypatch.setattr(_nwcalc, "change", silent)
    with pytest.raises(pytest.fail.Exception, match="DID NOT RAISE"):  # only pandas refuses
        OnEngine("polars").change(MISSING, "2019", "2030")
