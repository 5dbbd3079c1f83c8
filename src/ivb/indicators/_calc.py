"""Pure, vectorised calculations on tidy frames: change, index, share.

Every function takes a tidy frame (see :func:`~ivb.indicators.validate_tidy`),
never changes it, and treats NaN as *not published*: a result that needs a
missing value is missing too, never zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from ivb.indicators._errors import IndicatorError, MeasurementsError
from ivb.indicators._frames import series_keys, validate_tidy

__all__ = ["change", "index_to", "series_ids", "share_of"]

#: A frame of another engine (Polars, DuckDB, Dask): see :mod:`ivb.indicators._engines`.
_Frame = TypeVar("_Frame")

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def _codes(column: pd.Series) -> tuple[IntArray, int]:
    """Integer codes of a column (0 for missing) and how many codes there are."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy().astype(np.int64) + 1
        return codes, len(column.cat.categories) + 1
    raw, uniques = pd.factorize(column, use_na_sentinel=True)
    return raw.astype(np.int64) + 1, len(uniques) + 1


def series_ids(frame: pd.DataFrame, keys: Sequence[str]) -> IntArray:
    """One integer per row, equal for rows of the same series (same *keys* values).

    Missing key values form a value of their own. Used to align series without a
    groupby: each key column is factorised once and the codes combined.

    Parameters
    ----------
    frame:
        Any frame.
    keys:
        The columns that identify a series.

    Returns
    -------
    numpy.ndarray
        Non-negative int64 ids, one per row.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"a": ["x", "y", "x"], "b": [1, 1, 1]})
    >>> ids = series_ids(frame, ["a", "b"])
    >>> bool(ids[0] == ids[2]), bool(ids[0] == ids[1])
    (True, False)
    """
    ids = np.zeros(len(frame), dtype=np.int64)
    radix = 1
    for key in keys:
        codes, n = _codes(frame[key])
        if radix * n >= 2**62:  # pragma: no cover - needs astronomically many series
            grouped = frame.groupby(list(keys), sort=False, dropna=False, observed=True)
            return grouped.ngroup().to_numpy().astype(np.int64)
        ids = ids * n + codes
        radix *= n
    return ids


def _period_mask(
    frame: pd.DataFrame, period: str, what: str, whole: pd.DataFrame | None = None
) -> npt.NDArray[np.bool_]:
    mask = (frame["period"] == period).to_numpy(dtype=bool, na_value=False)
    if not mask.any():
        periods = pd.unique((whole if whole is not None else frame)["period"].dropna())
        shown = ", ".join(sorted(map(str, periods))[:12]) or "none"
        raise IndicatorError(
            f"{what}: no rows for period {period!r}; periods in the frame: {shown}"
        )
    return mask


def _check_unique(ids: IntArray, sub: pd.DataFrame, keys: Sequence[str], period: str) -> None:
    if len(np.unique(ids)) != len(ids):
        dup = sub[pd.Series(ids).duplicated(keep=False).to_numpy()].iloc[0]
        where = ", ".join(f"{k}={dup[k]!r}" for k in keys)
        raise MeasurementsError(
            f"frame: more than one value for period {period!r} of the series {where}; "
            "give one row per series and period"
        )


@overload
def change(
    frame: pd.DataFrame, base: str, period: str, *, keys: Sequence[str] | None = None
) -> pd.DataFrame: ...
@overload
def change(
    frame: _Frame, base: str, period: str, *, keys: Sequence[str] | None = None
) -> _Frame: ...
def change(frame: Any, base: str, period: str, *, keys: Sequence[str] | None = None) -> Any:
    """Change of every series from period *base* to *period*, absolute and relative.

    Parameters
    ----------
    frame:
        A tidy frame; one row per series and period.
    base:
        The period compared with (e.g. ``"2019"``).
    period:
        The period compared (e.g. ``"2022"``).
    keys:
        Columns that identify a series (default: all but ``period``, ``period_code``
        and ``value``).

    Returns
    -------
    pandas.DataFrame
        One row per series present in either period: the key columns, then
        ``base_period``, ``period``, ``base_value``, ``value``, ``change`` (value minus
        base value) and ``change_pct`` (change as a percentage of the base value; NaN
        when the base is zero or either value is not published).

    Raises
    ------
    IndicatorError
        If no row has period *base* or *period*.
    MeasurementsError
        If the frame is not tidy, or a series has two rows for one of the periods.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"indicator": "overlast", "region": ["GM0303", "GM0303", "GM0184"],
    ...                       "period": ["2019", "2022", "2019"], "value": [216.0, 215.0, 36.0]})
    >>> change(frame, "2019", "2022")
      indicator  region base_period period  base_value  value  change  change_pct
    0  overlast  GM0303        2019   2022       216.0  215.0    -1.0   -0.462963
    1  overlast  GM0184        2019   2022        36.0    NaN     NaN         NaN
    """
    if not isinstance(frame, pd.DataFrame):
        from ivb.indicators import _nwcalc as _engines

        return _engines.change(frame, base, period, keys=keys)
    validate_tidy(frame)
    key_cols = series_keys(frame, keys)
    # one hashed pass over the whole column, then work on the few rows of the two periods
    either = frame["period"].isin([base, period]).to_numpy(dtype=bool, na_value=False)
    sub = frame.loc[either, [*key_cols, "period", "value"]]
    is_base = _period_mask(sub, base, "base", frame)
    is_period = _period_mask(sub, period, "period", frame)
    sub = sub.drop(columns="period")
    ids = series_ids(sub, key_cols)
    # series numbered in order of first appearance, by one hashed pass
    inverse, _ = pd.factorize(ids)
    n_series = int(inverse.max()) + 1
    for mask, label in ((is_base, base), (is_period, period)):
        if np.bincount(inverse[mask], minlength=n_series).max(initial=0) > 1:
            _check_unique(ids[mask], sub[mask], key_cols, label)
    running = np.maximum.accumulate(inverse)
    first = np.flatnonzero(np.r_[True, running[1:] > running[:-1]])
    values = sub["value"].to_numpy(dtype=float, na_value=np.nan)
    b = np.full(n_series, np.nan)
    v = np.full(n_series, np.nan)
    b[inverse[is_base]] = values[is_base]
    v[inverse[is_period]] = values[is_period]
    out = sub.iloc[first][key_cols].reset_index(drop=True)
    out["base_period"] = base
    out["period"] = period
    out["base_value"] = b
    out["value"] = v
    out["change"] = v - b
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        pct = np.where(b != 0, (v - b) / np.abs(b) * 100.0, np.nan)
    out["change_pct"] = pct
    return out


@overload
def index_to(
    frame: pd.DataFrame, base: str, *, scale: float = 100.0, keys: Sequence[str] | None = None
) -> pd.DataFrame: ...
@overload
def index_to(
    frame: _Frame, base: str, *, scale: float = 100.0, keys: Sequence[str] | None = None
) -> _Frame: ...
def index_to(
    frame: Any,
    base: str,
    *,
    scale: float = 100.0,
    keys: Sequence[str] | None = None,
) -> Any:
    """Index every series to its value in period *base* (base = *scale*).

    Parameters
    ----------
    frame:
        A tidy frame; one row per series and period.
    base:
        The base period.
    scale:
        The index value of the base period (100 by default).
    keys:
        Columns that identify a series (default: all but ``period``, ``period_code``
        and ``value``).

    Returns
    -------
    pandas.DataFrame
        A copy of *frame* with a column ``index``: value / base value * scale. NaN
        where the value or the base value is not published, or the base value is zero.

    Raises
    ------
    IndicatorError
        If no row has period *base*.
    MeasurementsError
        If the frame is not tidy, or a series has two rows for the base period.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"indicator": "x", "region": "GM0303",
    ...                       "period": ["2019", "2020", "2021"], "value": [468.0, 717.0, None]})
    >>> index_to(frame, "2019").round(1)
      indicator  region period  value  index
    0         x  GM0303   2019  468.0  100.0
    1         x  GM0303   2020  717.0  153.2
    2         x  GM0303   2021    NaN    NaN
    """
    if not isinstance(frame, pd.DataFrame):
        from ivb.indicators import _nwcalc as _engines

        return _engines.index_to(frame, base, scale=scale, keys=keys)
    validate_tidy(frame)
    key_cols = series_keys(frame, keys)
    in_base = _period_mask(frame, base, "base")
    ids = series_ids(frame, key_cols)
    base_ids = ids[in_base]
    _check_unique(base_ids, frame[in_base], key_cols, base)
    values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
    lookup = pd.Series(values[in_base], index=base_ids)
    base_values = lookup.reindex(ids).to_numpy(dtype=float)
    out = frame.copy()
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out["index"] = np.where(base_values != 0, values / base_values * scale, np.nan)
    return out


@overload
def share_of(
    frame: pd.DataFrame, total: str, *, within: str = "region", keys: Sequence[str] | None = None
) -> pd.DataFrame: ...
@overload
def share_of(
    frame: _Frame, total: str, *, within: str = "region", keys: Sequence[str] | None = None
) -> _Frame: ...
def share_of(
    frame: Any,
    total: str,
    *,
    within: str = "region",
    keys: Sequence[str] | None = None,
) -> Any:
    """Each row's value as a percentage of a total row of the same series and period.

    With the defaults, each region's share of region *total* (``"DNU"``); with
    ``within="category"`` and ``total="0.0.0"``, each crime category's share of all
    crimes.

    Parameters
    ----------
    frame:
        A tidy frame.
    total:
        The value of column *within* that marks the total rows.
    within:
        The column the shares are taken within (default ``region``).
    keys:
        Columns that identify a series (default: all but ``period``, ``period_code``
        and ``value``); *within* is left out when matching a row to its total.

    Returns
    -------
    pandas.DataFrame
        A copy of *frame* with a column ``share_pct``; NaN where the value or the
        total is not published, the total is zero, or there is no total row.

    Raises
    ------
    IndicatorError
        If *within* is no column, or no row has *total* in it.
    MeasurementsError
        If the frame is not tidy, or a series has two total rows for one period.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"indicator": "x", "region": ["GM0303", "GM0184", "DNU"],
    ...                       "period": "2022", "value": [215.0, 61.0, 506.0]})
    >>> share_of(frame, "DNU").round(1)
      indicator  region period  value  share_pct
    0         x  GM0303   2022  215.0       42.5
    1         x  GM0184   2022   61.0       12.1
    2         x     DNU   2022  506.0      100.0
    """
    if not isinstance(frame, pd.DataFrame):
        from ivb.indicators import _nwcalc as _engines

        return _engines.share_of(frame, total, within=within, keys=keys)
    validate_tidy(frame)
    if within not in frame.columns:
        raise IndicatorError(
            f"within: no column {within!r}; the frame has {', '.join(map(str, frame.columns))}"
        )
    key_cols = [k for k in series_keys(frame, keys) if k != within]
    is_total = (frame[within] == total).to_numpy(dtype=bool, na_value=False)
    if not is_total.any():
        raise IndicatorError(f"total: no row has {within} = {total!r}")
    ids = series_ids(frame, [*key_cols, "period"])
    total_ids = ids[is_total]
    if len(np.unique(total_ids)) != len(total_ids):
        raise MeasurementsError(
            f"frame: more than one {within} = {total!r} row for one series and period"
        )
    values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
    totals = pd.Series(values[is_total], index=total_ids).reindex(ids).to_numpy(dtype=float)
    out = frame.copy()
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out["share_pct"] = np.where(totals != 0, values / totals * 100.0, np.nan)
    return out
