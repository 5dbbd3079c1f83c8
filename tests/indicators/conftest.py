"""Fixtures of the indicators tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import ivb
from ivb import indicators
from ivb.indicators import ENGINES, available_engines, engine_of, to_engine, to_pandas
from ivb.model import Policy

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def policy() -> Policy:
    """The bundled DNU policy."""
    return ivb.load()


@pytest.fixture
def crimes_csv() -> Path:
    """A raw 47013NED sample, as downloaded."""
    return FIXTURES / "47013NED-sample.csv"


@pytest.fixture
def nuisance_csv() -> Path:
    """A raw 47021NED sample, as downloaded."""
    return FIXTURES / "47021NED-sample.csv"


@pytest.fixture
def vm_csv() -> Path:
    """A tidy measurements CSV with a Veiligheidsmonitor result."""
    return FIXTURES / "measurements-vm.csv"


# -- engines -------------------------------------------------------------------------


def engine_param(name: str) -> Any:
    """*name* as a parameter, skipped (saying how to install it) where not installed."""
    module, extra = ENGINES[name]
    return pytest.param(
        name,
        marks=pytest.mark.skipif(
            name not in available_engines(),
            reason=f"{module.split('.')[0]} is not installed (pip install '{extra}')",
        ),
        id=name,
    )


def normalised(frame: pd.DataFrame, sort_by: list[str]) -> pd.DataFrame:
    """Text columns as str, NaN for null (None in an all-null column), rows sorted by *sort_by*,
    a fresh index."""
    out = frame.copy()
    for col in out.columns:
        if out[col].isna().all():  # an all-null column's dtype is each engine's guess
            out[col] = pd.Series([None] * len(out), index=out.index, dtype=object)
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].astype(float)
        else:
            out[col] = out[col].astype(object).map(lambda v: None if pd.isna(v) else str(v))
    return out.sort_values(sort_by, kind="stable").reset_index(drop=True)


def assert_same_frame(engine: str, got: Any, expected: pd.DataFrame) -> None:
    """An engine's result equals the pandas result (lazy engines: as a set of rows)."""
    assert engine_of(got) == engine, "the kind of frame that came in goes out"
    got_pd = to_pandas(got)
    assert list(got_pd.columns) == list(expected.columns)
    keys = [c for c in expected.columns if not pd.api.types.is_float_dtype(expected[c])]
    if engine == "polars":  # eager: the row order of pandas
        keys = []
    pd.testing.assert_frame_equal(
        normalised(got_pd, keys), normalised(expected, keys), check_exact=False, rtol=1e-14
    )


#: Indicator functions that take a frame of any engine, and the position of the frame.
ENGINE_FUNCTIONS = {
    "change": 0,
    "index_to": 0,
    "share_of": 0,
    "add_aggregates": 0,
    "evaluate_series": 0,
    "evaluate_target": 1,
    "evaluate_targets": 1,
}


class OnEngine:
    """The indicator functions, each run on pandas and on one engine.

    ``on.change(frame, ...)`` runs :func:`ivb.indicators.change` on the pandas *frame*
    and on the frame converted to the engine, fails if the results differ (or if only
    one raises, or they raise different errors), and gives back the pandas result, so
    a test asserts on it as before and holds on every engine.
    """

    def __init__(self, engine: str) -> None:
        self.engine = engine

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name not in ENGINE_FUNCTIONS:
            raise AttributeError(name)
        return self._wrap(getattr(indicators, name), ENGINE_FUNCTIONS[name])

    def _wrap(self, fn: Callable[..., Any], at: int) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            frame = args[at] if len(args) > at else kwargs.get("measurements")
            try:
                expected = fn(*args, **kwargs)
            except Exception as exc:
                if self.engine != "pandas" and isinstance(frame, pd.DataFrame):
                    a, kw = self._on_engine(args, kwargs, at, frame)
                    with pytest.raises(type(exc)) as info:
                        fn(*a, **kw)
                    # the same kind of error, naming the same field
                    assert str(info.value).split(":")[0] == str(exc).split(":")[0]
                raise
            if self.engine == "pandas" or not isinstance(frame, pd.DataFrame):
                return expected
            a, kw = self._on_engine(args, kwargs, at, frame)
            got = fn(*a, **kw)
            if isinstance(expected, pd.DataFrame):
                assert_same_frame(self.engine, got, expected)
            else:
                assert got == expected, f"{self.engine} differs from pandas"
            return expected

        return run

    def _on_engine(
        self, args: tuple[Any, ...], kwargs: dict[str, Any], at: int, frame: pd.DataFrame
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        native = to_engine(frame, self.engine)
        if len(args) > at:
            return (*args[:at], native, *args[at + 1 :]), kwargs
        return args, {**kwargs, "measurements": native}


@pytest.fixture(params=[engine_param(e) for e in ENGINES])
def on(request: pytest.FixtureRequest) -> OnEngine:
    """The indicator functions checked on pandas and one installed engine (see OnEngine)."""
    return OnEngine(request.param)
