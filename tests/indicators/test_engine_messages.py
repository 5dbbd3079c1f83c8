"""A frame moved to an engine, and the message when the engine is not installed."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from ivb.indicators import IndicatorError, MissingExtraError, to_engine

FRAME = pd.DataFrame({"region": ["GM0171"], "value": [1.0]})


def test_a_pandas_frame_stays_itself() -> None:
    assert to_engine(FRAME, "pandas") is FRAME


@pytest.mark.parametrize(
    ("engine", "module", "package"),
    [
        ("polars", "polars", "polars"),
        ("duckdb", "duckdb", "duckdb"),
        ("dask", "dask.dataframe", "dask"),
    ],
)
def test_a_missing_engine_names_the_package_and_the_install_line(
    monkeypatch: pytest.MonkeyPatch, engine: str, module: str, package: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    with pytest.raises(MissingExtraError) as info:
        to_engine(FRAME, engine)
    assert str(info.value) == (
        f"the {engine} engine needs the optional package {package}; "
        f"install it with pip install 'ivb[{engine}]'"
    )
    assert isinstance(info.value, ImportError)


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(IndicatorError) as info:
        to_engine(FRAME, "spark")
    assert str(info.value) == "engine: expected one of pandas, polars, duckdb, dask, got 'spark'"
