"""The policy's statistics as tidy pandas DataFrames.

A *tidy* frame has one row per observation and at least the columns of
:data:`TIDY_COLUMNS`: ``indicator``, ``region`` (a CBS code such as ``GM0303``, or
the code of a region group such as ``DNU``), ``period`` (as printed: ``2022``),
``value`` (a float; NaN means *not published*, never zero), ``unit`` and ``source``.
Other columns (``table``, ``category``, ...) identify the series further.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

import numpy as np
import pandas as pd

from ivb._errors import UnknownIdError, close_matches
from ivb._message import Message, at
from ivb.indicators._errors import MeasurementsError, require_columns

if TYPE_CHECKING:
    from ivb.model import Figure, Policy, Table

#: A frame of another engine (Polars, DuckDB, Dask).
_Frame = TypeVar("_Frame")

__all__ = [
    "NON_KEY_COLUMNS",
    "TIDY_COLUMNS",
    "add_aggregates",
    "figures_frame",
    "region_code",
    "region_groups",
    "series_keys",
    "table_frame",
    "validate_tidy",
]

#: The columns every tidy frame has, in this order.
TIDY_COLUMNS: tuple[str, ...] = ("indicator", "region", "period", "value", "unit", "source")

#: Columns that vary within a series and so never identify one.
NON_KEY_COLUMNS: frozenset[str] = frozenset({"period", "period_code", "value"})


def series_keys(frame: pd.DataFrame, keys: Sequence[str] | None = None) -> list[str]:
    """The columns that identify a series of *frame*.

    By default every column except ``period``, ``period_code`` and ``value``.

    Parameters
    ----------
    frame:
        A tidy frame.
    keys:
        Columns to use instead; each must be in the frame.

    Returns
    -------
    list of str
        The key columns in frame order (or in the order given).

    Raises
    ------
    MeasurementsError
        If a given key is not a column of the frame, or is ``period`` or ``value``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame(columns=["indicator", "region", "period", "value", "unit", "source"])
    >>> series_keys(frame)
    ['indicator', 'region', 'unit', 'source']
    """
    if keys is None:
        return [str(c) for c in frame.columns if c not in NON_KEY_COLUMNS]
    out = list(keys)
    for k in out:
        if k in NON_KEY_COLUMNS:
            raise MeasurementsError(
                at("keys", Message("{key!r} varies within a series and cannot be a key", key=k))
            )
        if k not in frame.columns:
            raise MeasurementsError(
                at(
                    "keys",
                    Message(
                        "no column {key!r}; the frame has {columns}",
                        key=k,
                        columns=", ".join(map(str, frame.columns)),
                    ),
                )
            )
    return out


def validate_tidy(frame: object, *, what: str = "frame") -> pd.DataFrame:
    """Check that *frame* is a tidy statistics frame; return it unchanged.

    Parameters
    ----------
    frame:
        The object to check.
    what:
        How to name it in error messages (an argument name or a file name).

    Returns
    -------
    pandas.DataFrame
        The same frame.

    Raises
    ------
    MeasurementsError
        If it is no DataFrame, lacks ``indicator``, ``region``, ``period`` or ``value``,
        or has a ``value`` column that is not numeric.

    Examples
    --------
    >>> import pandas as pd
    >>> validate_tidy(pd.DataFrame({"region": ["GM0303"]}), what="measurements")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ivb.indicators.MeasurementsError: measurements: missing columns indicator, period, value; ...
    """
    if not isinstance(frame, pd.DataFrame):
        raise MeasurementsError(
            at(what, Message("expected a pandas DataFrame, got {cls}", cls=type(frame).__name__))
        )
    require_columns(what, list(frame.columns), ("indicator", "region", "period", "value"))
    if not (pd.api.types.is_numeric_dtype(frame["value"]) or frame["value"].isna().all()):
        bad = frame["value"][
            pd.to_numeric(frame["value"], errors="coerce").isna() & frame["value"].notna()
        ]
        got = (
            f"{bad.iloc[0]!r} in row {_plain(bad.index[0])!r}"
            if len(bad)
            else f"values of type {frame['value'].dtype}"
        )
        raise MeasurementsError(
            at(
                what,
                Message(
                    "column 'value' must be numeric (NaN for not published); got {got}", got=got
                ),
            )
        )
    values = pd.to_numeric(frame["value"], errors="coerce").to_numpy(dtype=float)
    infinite = np.isinf(values)
    if infinite.any():
        row = _plain(frame.index[int(np.flatnonzero(infinite)[0])])
        raise MeasurementsError(
            at(
                what,
                Message(
                    "column 'value' must hold finite numbers (NaN for not published); got "
                    "{values} in row {row!r}",
                    values=values[infinite][0],
                    row=row,
                ),
            )
        )
    return frame


def _plain(label: object) -> object:
    """A row label as Python writes it: ``12``, not ``np.int64(12)``."""
    return label.item() if isinstance(label, np.generic) else label


def region_code(policy: Policy, region: str) -> str:
    """The code a region has in tidy frames: CBS code, group code or outside-region code.

    Parameters
    ----------
    policy:
        The policy the region belongs to.
    region:
        A municipality id or CBS code, a region-group id or code, or the id or code of
        a region outside the policy that the policy declares (``outside_regions``).

    Returns
    -------
    str
        ``GM0303`` for a municipality, ``DNU`` for a group, ``NL01`` for the Netherlands,
        ``PV25`` for a province.

    Raises
    ------
    UnknownIdError
        If the policy knows no such region; the message lists close matches.

    Examples
    --------
    >>> import ivb
    >>> policy = ivb.load()
    >>> [region_code(policy, r) for r in ("urk", "dnu", "nederland", "GM0303")]
    ['GM0184', 'DNU', 'NL01', 'GM0303']
    """
    for m in policy.municipalities:
        if region in (m.id, m.cbs_code):
            return m.cbs_code
    for g in policy.regions:
        if region in (g.id, g.code):
            return g.code
    for r in policy.outside_regions:
        if region in (r.id, r.code):
            return r.code
    pool = [m.id for m in policy.municipalities] + [g.id for g in policy.regions]
    pool += [r.id for r in policy.outside_regions]
    raise UnknownIdError(region, close_matches(region, pool), what="region")


def region_groups(policy: Policy) -> dict[str, tuple[str, ...]]:
    """Each region group of the policy as its code and the CBS codes of its members.

    Examples
    --------
    >>> import ivb
    >>> region_groups(ivb.load())
    {'DNU': ('GM0303', 'GM0171', 'GM0184')}
    """
    return {g.code: tuple(region_code(policy, m) for m in g.members) for g in policy.regions}


@overload
def add_aggregates(
    frame: pd.DataFrame,
    groups: Mapping[str, Sequence[str]],
    *,
    keys: Sequence[str] | None = None,
) -> pd.DataFrame: ...
@overload
def add_aggregates(
    frame: _Frame,
    groups: Mapping[str, Sequence[str]],
    *,
    keys: Sequence[str] | None = None,
) -> _Frame: ...
def add_aggregates(
    frame: Any,
    groups: Mapping[str, Sequence[str]],
    *,
    keys: Sequence[str] | None = None,
) -> Any:
    """Add one row per group and period: the sum of the group's members.

    A group's value is missing (NaN, *not published*) when any member's value is
    missing or absent for that period: a sum of what happens to be published would
    look like a fall. The input is not changed.

    Parameters
    ----------
    frame:
        A tidy frame (see :func:`validate_tidy`).
    groups:
        Group code to member region codes, e.g. ``{"DNU": ("GM0303", "GM0171", "GM0184")}``
        (see :func:`region_groups`).
    keys:
        Columns that identify a series besides ``region`` (default: every column
        except ``region``, ``period``, ``period_code`` and ``value``).

    Returns
    -------
    pandas.DataFrame
        The rows of *frame* followed by the aggregate rows, with a fresh index.

    Raises
    ------
    MeasurementsError
        If the frame is not tidy, or already has rows for a group code.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"indicator": "x", "region": ["A", "B", "A", "B"],
    ...                       "period": ["2019", "2019", "2020", "2020"],
    ...                       "value": [1.0, 2.0, 3.0, None]})
    >>> add_aggregates(frame, {"AB": ["A", "B"]})
      indicator region period  value
    0         x      A   2019    1.0
    1         x      B   2019    2.0
    2         x      A   2020    3.0
    3         x      B   2020    NaN
    4         x     AB   2019    3.0
    5         x     AB   2020    NaN
    """
    if not isinstance(frame, pd.DataFrame):
        from ivb.indicators import _nwcalc as _engines

        return _engines.add_aggregates(frame, groups, keys=keys)
    validate_tidy(frame)
    key_cols = [k for k in series_keys(frame, keys) if k != "region"]
    present = set(frame["region"].astype(str).unique())
    clash = sorted(present & set(groups))
    if clash:
        raise MeasurementsError(
            at(
                "groups",
                Message(
                    "the frame already has rows for {items}; aggregates are computed from the "
                    "members, never given twice",
                    items=", ".join(clash),
                ),
            )
        )
    parts = [frame]
    group_cols = [*key_cols, "period"]
    for code, members in groups.items():
        members = list(dict.fromkeys(members))
        sub = frame[frame["region"].isin(members)]
        if sub.empty:
            continue
        agg = (
            sub.groupby(group_cols, sort=False, dropna=False, observed=True)["value"]
            .sum(min_count=len(members))
            .reset_index()
        )
        counts = sub.groupby(group_cols, sort=False, dropna=False, observed=True)[
            "region"
        ].nunique()
        # a member with no row at all for that period counts as not published
        agg.loc[counts.to_numpy() < len(members), "value"] = np.nan
        agg["region"] = code
        parts.append(agg[[c for c in frame.columns if c in agg.columns]])
    out = pd.concat(parts, ignore_index=True)
    if isinstance(frame["region"].dtype, pd.CategoricalDtype):
        out["region"] = out["region"].astype("category")
    return out


def _table_source(table: Table) -> str:
    credit = table.publisher or "the policy"
    return f"{credit} (tabel {table.number}, {table.source})" if table.number else credit


def _one_table(policy: Policy, table: Table) -> pd.DataFrame:
    regions, periods, values = [], [], []
    for row in table.rows:
        code = region_code(policy, row.region)
        for period, value in zip(table.periods, row.values, strict=True):
            regions.append(code)
            periods.append(period)
            values.append(np.nan if value is None else float(value))
    frame = pd.DataFrame(
        {
            "indicator": table.indicator,
            "region": pd.Series(regions, dtype=object),
            "period": pd.Series(periods, dtype=object),
            "value": np.asarray(values, dtype=float),
            "unit": table.unit.value,
            "source": _table_source(table),
            "table": table.id,
        }
    )
    members = {r.region for r in table.rows}
    groups = {
        g.code: tuple(region_code(policy, m) for m in g.members)
        for g in policy.regions
        if set(g.members) <= members
    }
    return add_aggregates(frame, groups)


def table_frame(policy: Policy, table: str | None = None) -> pd.DataFrame:
    """The statistics tables of the policy as one tidy frame.

    Each municipal row of a table becomes one row per period; each region group
    whose members all have a row (DNU) gets rows computed as the sum of its members.
    The totals printed in the source (``stated_totals``) are *not* used: they are
    claims, checked by :func:`~ivb.indicators.verify_claims`.

    Parameters
    ----------
    policy:
        The policy.
    table:
        Id of one table; all tables when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, region, period, value, unit, source, table``.

    Raises
    ------
    UnknownIdError
        If *table* names no table of the policy.

    Examples
    --------
    >>> import attrs, ivb
    >>> from ivb.model import SourceRef, Table, TableRow, Unit
    >>> t = Table(id="t1", number=1, caption="Voorbeeld",
    ...           indicator="gedigitaliseerde-criminaliteit",
    ...           unit=Unit.COUNT, periods=["2019", "2022"],
    ...           rows=[TableRow(region="dronten", values=[204, 215]),
    ...                 TableRow(region="noordoostpolder", values=[201, 230]),
    ...                 TableRow(region="urk", values=[63, None])],
    ...           source=SourceRef("ivb", "Voorbeeld"))
    >>> policy = attrs.evolve(ivb.load(), tables=[t], trend_claims=[])
    >>> table_frame(policy)[["region", "period", "value"]]
       region period  value
    0  GM0303   2019  204.0
    1  GM0303   2022  215.0
    2  GM0171   2019  201.0
    3  GM0171   2022  230.0
    4  GM0184   2019   63.0
    5  GM0184   2022    NaN
    6     DNU   2019  468.0
    7     DNU   2022    NaN
    """
    tables = policy.tables
    if table is not None:
        tables = tuple(t for t in tables if t.id == table)
        if not tables:
            raise UnknownIdError(
                table, close_matches(table, [t.id for t in policy.tables]), what="table"
            )
    columns = [*TIDY_COLUMNS, "table"]
    if not tables:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "value" else object) for c in columns}
        )
    return pd.concat([_one_table(policy, t) for t in tables], ignore_index=True)[columns]


def figures_frame(policy: Policy) -> pd.DataFrame:
    """Every number stated in the running text as a tidy frame.

    Parameters
    ----------
    policy:
        The policy.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, region, period, value, unit, source`` and ``figure`` (id),
        ``base_period`` (for changes), ``qualifier`` (``ruim``, ``bijna``, ...),
        ``description`` and ``quote``. Regions are codes as in :func:`region_code`.

    Examples
    --------
    >>> import attrs, ivb
    >>> from ivb.model import Figure, SourceRef, Unit
    >>> f = Figure(id="f1", indicator="woninginbraken", description="Change in burglaries",
    ...            region="dnu", period="2022", base_period="2019", value=-54,
    ...            unit=Unit.PERCENT_CHANGE, source=SourceRef("ivb", "Cijfers"))
    >>> frame = figures_frame(attrs.evolve(ivb.load(), figures=[f], citations=()))
    >>> frame[["figure", "region", "period", "base_period", "value", "unit"]]
      figure region period base_period  value            unit
    0     f1    DNU   2022        2019  -54.0  percent-change
    """
    columns = [*TIDY_COLUMNS, "figure", "base_period", "qualifier", "description", "quote"]
    records = [_figure_record(policy, f) for f in policy.figures]
    if not records:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "value" else object) for c in columns}
        )
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["value"] = frame["value"].astype(float)
    return frame


def _figure_record(policy: Policy, f: Figure) -> dict[str, object]:
    return {
        "indicator": f.indicator,
        "region": region_code(policy, f.region),
        "period": f.period,
        "value": float(f.value),
        "unit": f.unit.value,
        "source": str(f.source),
        "figure": f.id,
        "base_period": f.base_period,
        "qualifier": f.qualifier,
        "description": f.description,
        "quote": f.quote,
    }
