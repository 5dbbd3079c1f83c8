"""Reading measurements: tidy CSV files or DataFrames."""

from __future__ import annotations

import os
from typing import Literal

import numpy as np
import pandas as pd

from ivb._message import Message, at, message_of
from ivb.indicators._csv import check_numbers, read_csv_table, refuse_duplicates
from ivb.indicators._errors import IndicatorError, MeasurementsError, require_columns
from ivb.indicators._frames import validate_tidy
from ivb.indicators._periods import period_bounds

__all__ = ["Measurements", "as_frame", "read_measurements"]

#: What the target and report functions accept as measurements.
Measurements = pd.DataFrame | str | os.PathLike[str]

_TEXT_COLUMNS = ("indicator", "region", "period", "unit", "source")


#: Units whose values are counts: never negative.
_COUNT_UNITS = frozenset({"count", "persons"})
_KEYS = ("indicator", "region", "period")


def read_measurements(
    path: str | os.PathLike[str], *, aggregate: Literal["sum", "mean"] | None = None
) -> pd.DataFrame:
    """Read a tidy measurements CSV.

    The file has a header with at least ``indicator``, ``region``, ``period`` and
    ``value``, and may have ``unit``, ``source`` and other columns. Fields may be
    separated by commas, semicolons or tabs; values may use a decimal comma (``7,6``)
    when quoted or semicolon-separated. An empty value means *not published*. The
    file may be UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252.

    Parameters
    ----------
    path:
        The CSV file.
    aggregate:
        What to do with rows that share indicator, region and period: ``None``
        (default) refuses them, ``"sum"`` or ``"mean"`` combines their values.

    Returns
    -------
    pandas.DataFrame
        The rows, with text columns as text (``period`` stays ``"2025"``) and
        ``value`` as float.

    Raises
    ------
    MeasurementsError
        If the file is missing, unreadable, lacks a required column, has a row
        whose field count differs from the header, a value that is not a finite
        number, a negative count, or two rows for one indicator, region and
        period; the message names the file, line and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "vm.csv"
    >>> _ = path.write_text("indicator;region;period;value;unit\\n"
    ...                     "veiligheidsbeleving;GM0171;2025;7,8;rapportcijfer\\n")
    >>> read_measurements(path)
                 indicator  region period  value           unit
    0  veiligheidsbeleving  GM0171   2025    7.8  rapportcijfer
    """
    if aggregate not in (None, "sum", "mean"):
        raise MeasurementsError(
            at(
                "aggregate",
                Message("expected None, 'sum' or 'mean', got {aggregate!r}", aggregate=aggregate),
            )
        )
    table = read_csv_table(path, error=MeasurementsError)
    what = table.what
    raw = table.frame
    require_columns(what, list(raw.columns), (*_KEYS, "value"))
    text = raw["value"].str.strip()
    text = text.where(text != "", None)
    numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    bad = numbers.isna() & text.notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise MeasurementsError(
            at(
                what,
                Message(
                    "line {line}, column 'value': expected a number or an empty cell (not "
                    "published), got {cell!r}",
                    line=table.line(row),
                    cell=raw["value"].iloc[row],
                ),
            )
        )
    out = raw.copy()
    for col in _TEXT_COLUMNS:
        if col in out.columns:
            out[col] = out[col].str.strip().astype(object)
    values = numbers.to_numpy(dtype=float)
    counts = (
        out["unit"].str.casefold().isin(_COUNT_UNITS).to_numpy(dtype=bool)
        if "unit" in out.columns
        else False
    )
    check_numbers(
        values,
        table,
        "value",
        error=MeasurementsError,
        what=what,
        nonnegative=counts,
        cells=raw["value"].tolist(),
    )
    out["value"] = values
    periods, first = np.unique(out["period"].to_numpy(dtype=str), return_index=True)
    for period, row in zip(periods, first, strict=True):
        try:
            period_bounds(str(period))
        except IndicatorError as exc:
            raise MeasurementsError(
                at(
                    what,
                    Message(
                        "line {line}, column 'period': {problem}",
                        line=table.line(int(row)),
                        problem=message_of(exc),
                    ),
                )
            ) from None
    if aggregate is None:
        refuse_duplicates(out, _KEYS, table, error=MeasurementsError, what=what)
        return validate_tidy(out, what=what)
    rest = [c for c in out.columns if c not in (*_KEYS, "value")]
    grouped = out.groupby(list(_KEYS), sort=False, dropna=False)
    value = grouped["value"].agg(aggregate)
    # a group with a value not published has no combined value either
    unpublished = out["value"].isna().groupby([out[k] for k in _KEYS], sort=False).any()
    value[unpublished.reindex(value.index).to_numpy(dtype=bool)] = np.nan
    combined = value.reset_index()
    if rest:
        combined = combined.merge(grouped[rest].first().reset_index(), on=list(_KEYS), how="left")
    return validate_tidy(combined[list(out.columns)], what=what)


def as_frame(measurements: Measurements | None, *, what: str = "measurements") -> pd.DataFrame:
    """A tidy frame from a DataFrame, a CSV path, or nothing (an empty frame).

    Examples
    --------
    >>> as_frame(None).columns.tolist()
    ['indicator', 'region', 'period', 'value', 'unit', 'source']
    """
    if measurements is None:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=float if c == "value" else object)
                for c in ("indicator", "region", "period", "value", "unit", "source")
            }
        )
    if isinstance(measurements, pd.DataFrame):
        return validate_tidy(measurements, what=what)
    if isinstance(measurements, (str, os.PathLike)):
        return read_measurements(measurements)
    raise MeasurementsError(
        at(
            what,
            Message(
                "expected a DataFrame or the path of a CSV file, got {cls}",
                cls=type(measurements).__name__,
            ),
        )
    )
