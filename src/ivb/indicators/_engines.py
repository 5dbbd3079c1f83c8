"""Engines the indicator calculations run on: pandas, Polars, DuckDB and Dask.

:func:`~ivb.indicators.change`, :func:`~ivb.indicators.index_to`,
:func:`~ivb.indicators.share_of` and :func:`~ivb.indicators.add_aggregates` take a
pandas DataFrame (their own vectorised path, the default) or any frame narwhals knows:
a Polars ``DataFrame`` or ``LazyFrame``, a DuckDB relation, a Dask DataFrame. For those
they run one implementation written against the narwhals API and give back a frame of
the kind that came in. The results equal the pandas results value for value (a
quotient may differ in its last bit: Polars divides by a constant column through its
reciprocal); missing
values are ``null`` where the engine has nulls (NaN in pandas). Eager Polars keeps the
row order of pandas; lazy engines (DuckDB, Dask, a Polars ``LazyFrame``) keep no row
order, so their rows come in no particular order (sort them to compare). A key value that is missing
(null) matches no other row on those engines, where pandas treats it as a value of its
own.

Nothing here imports an engine until it is used: ``import ivb.indicators`` stays free
of narwhals, Polars, DuckDB and Dask.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ivb._message import Message, at
from ivb.indicators._errors import IndicatorError, MissingExtraError

__all__ = [
    "ENGINES",
    "available_engines",
    "engine_of",
    "need_engine",
    "to_engine",
    "to_pandas",
]

#: The engines ivb runs on, with the module each needs and the extra that installs it.
ENGINES: Mapping[str, tuple[str, str]] = {
    "pandas": ("pandas", "ivb"),
    "polars": ("polars", "ivb[polars]"),
    "duckdb": ("duckdb", "ivb[duckdb]"),
    "dask": ("dask.dataframe", "ivb[dask]"),
}


def available_engines() -> tuple[str, ...]:
    """The engines whose package is installed.

    Returns
    -------
    tuple of str
        Names of :data:`ENGINES` that can run, in that order; pandas always can.

    Examples
    --------
    >>> available_engines()[0]
    'pandas'
    """
    out = []
    for name, (module, _extra) in ENGINES.items():
        top = module.split(".")[0]
        if importlib.util.find_spec(top) is None:
            continue
        if name == "dask":
            try:
                importlib.import_module(module)
            except ImportError:  # dask without its dataframe part
                continue
        out.append(name)
    return tuple(out)


def engine_of(frame: object) -> str:
    """The engine of a frame, from its type (no package is imported).

    Parameters
    ----------
    frame:
        A frame of pandas, Polars, DuckDB or Dask.

    Returns
    -------
    str
        One of :data:`ENGINES`.

    Raises
    ------
    IndicatorError
        If the frame is of no engine ivb knows.

    Examples
    --------
    >>> import pandas as pd
    >>> engine_of(pd.DataFrame())
    'pandas'
    """
    module = type(frame).__module__.split(".")[0]
    if module in ("pandas", "polars", "duckdb", "dask"):
        return module
    if module == "_duckdb":
        return "duckdb"
    raise IndicatorError(
        at(
            "frame",
            Message(
                "expected a pandas, Polars, DuckDB or Dask frame, got {cls}",
                cls=type(frame).__name__,
            ),
        )
    )


def need_engine(engine: str) -> Any:
    """The module of *engine*, imported; a clear error when it is not installed."""
    if engine not in ENGINES:
        raise IndicatorError(
            at(
                "engine",
                Message(
                    "expected one of {engines}, got {engine!r}",
                    engines=", ".join(ENGINES),
                    engine=engine,
                ),
            )
        )
    module, extra = ENGINES[engine]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            Message(
                "the {engine} engine needs the optional package {package}; install it with "
                "pip install '{extra}'",
                engine=engine,
                package=module.split(".")[0],
                extra=extra,
            )
        ) from None


def to_engine(frame: pd.DataFrame, engine: str, *, partitions: int = 2) -> Any:
    """A pandas frame as a frame of another engine.

    Parameters
    ----------
    frame:
        A pandas DataFrame.
    engine:
        ``pandas``, ``polars`` (a ``polars.DataFrame``), ``duckdb`` (a relation on
        DuckDB's default connection) or ``dask`` (a Dask DataFrame).
    partitions:
        Number of Dask partitions.

    Returns
    -------
    object
        The frame on that engine; NaN becomes null where the engine has nulls.

    Raises
    ------
    IndicatorError
        If *engine* is none of :data:`ENGINES`.
    MissingExtraError
        If the engine's package is not installed.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"region": ["GM0171"], "value": [1.0]})
    >>> to_engine(frame, "pandas") is frame
    True
    >>> to_engine(frame, "spark")
    Traceback (most recent call last):
    ...
    ivb.indicators.IndicatorError: engine: expected one of pandas, polars, duckdb, dask, got 'spark'
    """
    module = need_engine(engine)
    if engine == "pandas":
        return frame
    if engine == "polars":
        return module.from_pandas(frame)
    if engine == "duckdb":
        return module.from_df(frame)
    return module.from_pandas(frame, npartitions=partitions)


def to_pandas(frame: object) -> pd.DataFrame:
    """Any engine's frame (eager or lazy) as a pandas DataFrame, computed.

    Parameters
    ----------
    frame:
        A frame of pandas, Polars (eager or lazy), DuckDB or Dask.

    Returns
    -------
    pandas.DataFrame
        Its rows; nulls become NaN (or None in text columns).

    Examples
    --------
    >>> import pandas as pd
    >>> to_pandas(pd.DataFrame({"a": [1]}))
       a
    0  1
    """
    if isinstance(frame, pd.DataFrame):
        return frame
    import narwhals as nw

    from ivb.indicators._nwcalc import native_frame

    obj = native_frame(frame)
    if isinstance(obj, nw.LazyFrame):
        obj = obj.collect()
    out: pd.DataFrame = obj.to_pandas()
    return out
