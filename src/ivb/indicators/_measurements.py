"""Reading measurements: tidy CSV files or DataFrames."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from ivb.indicators._errors import MeasurementsError
from ivb.indicators._frames import validate_tidy

__all__ = ["Measurements", "as_frame", "read_measurements"]

#: What the target and report functions accept as measurements.
Measurements = pd.DataFrame | str | os.PathLike[str]

_TEXT_COLUMNS = ("indicator", "region", "period", "unit", "source")


def _separator(path: Path) -> str:
    with path.open(encoding="utf-8-sig") as fh:
        head = fh.readline()
    return ";" if head.count(";") > head.count(",") else ","


def read_measurements(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a tidy measurements CSV.

    The file has a header with at least ``indicator``, ``region``, ``period`` and
    ``value``, and may have ``unit``, ``source`` and other columns. Fields may be
    separated by commas or semicolons; values may use a decimal comma (``7,6``) when
    quoted or semicolon-separated. An empty value means *not published*.

    Parameters
    ----------
    path:
        The CSV file.

    Returns
    -------
    pandas.DataFrame
        The rows, with text columns as text (``period`` stays ``"2025"``) and
        ``value`` as float.

    Raises
    ------
    MeasurementsError
        If the file is missing, unreadable, lacks a required column, or has a value
        that is not a number; the message names the file, row and value.

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
    p = Path(path)
    if not p.is_file():
        raise MeasurementsError(f"{p}: no such measurements file")
    try:
        sep = _separator(p)
        raw = pd.read_csv(
            p,
            sep=sep,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
            skipinitialspace=True,
        )
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise MeasurementsError(f"{p}: cannot read as CSV: {exc}") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    if "value" not in raw.columns:
        validate_tidy(raw, what=str(p))
    text = raw["value"].str.strip()
    text = text.where(text != "", None)
    numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    bad = numbers.isna() & text.notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise MeasurementsError(
            f"{p}: row {row + 2}, column 'value': expected a number or an empty cell "
            f"(not published), got {raw['value'].iloc[row]!r}"
        )
    out = raw.copy()
    for col in _TEXT_COLUMNS:
        if col in out.columns:
            out[col] = out[col].str.strip().astype(object)
    out["value"] = numbers.astype(float)
    return validate_tidy(out, what=str(p))


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
        f"{what}: expected a DataFrame or the path of a CSV file, got {type(measurements).__name__}"
    )
