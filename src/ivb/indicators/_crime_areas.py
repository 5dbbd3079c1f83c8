"""Registered crime by wijk and buurt, streamed, rolled up to any area, per 1,000 inhabitants.

The police publish registered crime per wijk and buurt in the CBS catalogue of police
open data (``dataderden.cbs.nl``):

- **47022NED** *Geregistreerde misdrijven; soort misdrijf, wijk, buurt, maandcijfers*
  (per month, ``Perioden`` codes such as ``2023MM01``);
- **47018NED** *Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers*
  (per year, ``2023JJ00``).

Both have the dimensions ``SoortMisdrijf`` (``0.0.0`` all crimes, ``1.1.1``
woninginbraak, ...), ``WijkenEnBuurten`` (``NL00``, ``GM0171``, ``WK017100``,
``BU01710000``, padded with spaces) and ``Perioden``, and the measure
``GeregistreerdeMisdrijven_1``. For the whole country and a decade of months that is
10^7 to 10^8 rows, so :func:`iter_crime_areas` reads the file in chunks and
:func:`crime_by_area` sums each chunk into the areas asked for, never holding the
whole file.

CBS area codes nest by their digits: buurt ``BU01710000`` lies in wijk ``WK017100``,
which lies in gemeente ``GM0171``. The province (or any other grouping of
municipalities: a veiligheidsregio, a police unit, the DNU cooperation) comes from a
mapping table given by the caller (:func:`area_hierarchy`), since municipalities move
between groupings over the years.

Inhabitants come from CBS *Kerncijfers wijken en buurten* (one table per year, e.g.
85984NED for 2024, 85618NED for 2023), column ``AantalInwoners_5``; see
:func:`read_population` and :func:`rate_per_1000`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ivb._message import Message, at, message_of
from ivb.indicators._errors import IndicatorError, OpenDataError
from ivb.indicators._opendata import (
    Source,
    check_field_counts,
    csv_separator,
    numbers,
    place,
    read_source,
    stripped_codes,
)
from ivb.indicators._periods import cbs_period

__all__ = [
    "AREA_LEVELS",
    "CRIME_AREA_TABLES",
    "area_hierarchy",
    "area_level",
    "crime_by_area",
    "iter_crime_areas",
    "parent_code",
    "rate_per_1000",
    "read_population",
    "roll_up",
]

#: The police tables of registered crime by wijk and buurt: id to title.
CRIME_AREA_TABLES: Mapping[str, str] = {
    "47022NED": "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, maandcijfers",
    "47018NED": "Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers",
}

#: Area levels from fine to coarse; ``group`` is the level of a caller's mapping of
#: municipalities (a province ``PV24``, a region, ...), ``land`` is ``NL00``/``NL01``.
AREA_LEVELS = ("buurt", "wijk", "gemeente", "group", "land")

_PATTERNS = {
    "buurt": re.compile(r"^BU\d{8}$"),
    "wijk": re.compile(r"^WK\d{6}$"),
    "gemeente": re.compile(r"^GM\d{4}$"),
    "land": re.compile(r"^NL\d{2}$"),
}

_TIDY = ["indicator", "region", "period", "value", "unit", "source", "category", "period_code"]


def area_level(code: str) -> str:
    """The level of a CBS area code.

    Parameters
    ----------
    code:
        ``BU01710000``, ``WK017100``, ``GM0171``, ``NL00`` (padding is ignored); any
        other code counts as a ``group`` of municipalities (``PV24``, ``RE01``).

    Returns
    -------
    str
        One of :data:`AREA_LEVELS`.

    Examples
    --------
    >>> [area_level(c) for c in ["BU01710000", "WK017100 ", "GM0171", "PV24", "NL01"]]
    ['buurt', 'wijk', 'gemeente', 'group', 'land']
    """
    text = str(code).strip()
    for level, pattern in _PATTERNS.items():
        if pattern.match(text):
            return level
    return "group"


def parent_code(code: str) -> str | None:
    """The code of the area that contains *code*: buurt → wijk → gemeente.

    Parameters
    ----------
    code:
        A buurt or wijk code (padding is ignored).

    Returns
    -------
    str or None
        The wijk of a buurt, the gemeente of a wijk; None for a gemeente or any other
        code (its group comes from a mapping, see :func:`area_hierarchy`).

    Examples
    --------
    >>> parent_code("BU01710000"), parent_code("WK017100"), parent_code("GM0171")
    ('WK017100', 'GM0171', None)
    """
    text = str(code).strip()
    level = area_level(text)
    if level == "buurt":
        return "WK" + text[2:8]
    if level == "wijk":
        return "GM" + text[2:6]
    return None


def area_hierarchy(codes: Iterable[str], groups: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Each area code with the codes of the areas that contain it.

    Parameters
    ----------
    codes:
        Area codes (buurt, wijk, gemeente; padding is ignored).
    groups:
        Gemeente code to the code of its group (province ``PV24``, or any grouping);
        optional.

    Returns
    -------
    pandas.DataFrame
        One row per distinct code, in first-seen order: ``code``, ``level``, ``buurt``,
        ``wijk``, ``gemeente`` and ``group`` (None where the code lies above that level,
        or its gemeente is not in *groups*).

    Examples
    --------
    >>> area_hierarchy(["BU01710000", "WK018400", "GM0303"],
    ...                {"GM0171": "PV24", "GM0184": "PV24"})
             code     level       buurt      wijk gemeente group
    0  BU01710000     buurt  BU01710000  WK017100   GM0171  PV24
    1    WK018400      wijk        None  WK018400   GM0184  PV24
    2      GM0303  gemeente        None      None   GM0303  None
    """
    groups = groups or {}
    rows = []
    for code in dict.fromkeys(str(c).strip() for c in codes):
        level = area_level(code)
        buurt = code if level == "buurt" else None
        wijk = code if level == "wijk" else parent_code(code) if buurt else None
        gemeente = code if level == "gemeente" else parent_code(wijk) if wijk else None
        group = code if level == "group" else groups.get(gemeente) if gemeente else None
        rows.append((code, level, buurt, wijk, gemeente, group))
    return pd.DataFrame(
        rows, columns=["code", "level", "buurt", "wijk", "gemeente", "group"], dtype=object
    )


def _check_level(level: str, what: str) -> None:
    if level not in AREA_LEVELS[:4]:
        raise IndicatorError(
            at(
                what,
                Message(
                    "expected one of {items}, got {level!r}",
                    items=", ".join(AREA_LEVELS[:4]),
                    level=level,
                ),
            )
        )


def _targets(
    codes: Sequence[str], level: str, groups: Mapping[str, str] | None
) -> list[str | None]:
    """The code at *level* of each code (None where it has none)."""
    table = area_hierarchy(codes, groups)
    return [None if v is None else str(v) for v in table[level]]


def _check_groups(level: str, groups: Mapping[str, str] | None) -> None:
    if level == "group" and not groups:
        raise IndicatorError(
            at(
                "groups",
                Message(
                    "rolling up to 'group' needs a mapping of gemeente codes to group codes (e.g. "
                    "{'GM0171': 'PV24'})"
                ),
            )
        )


def roll_up(
    frame: pd.DataFrame,
    level: str,
    *,
    groups: Mapping[str, str] | None = None,
    from_level: str = "buurt",
) -> pd.DataFrame:
    """Sum the rows of one area level of a tidy frame into a coarser level.

    Only rows whose ``region`` is at *from_level* count, so a table that also holds
    its own wijk and gemeente totals is not counted twice. A sum is NaN (not
    published) when any of its rows is.

    Parameters
    ----------
    frame:
        A tidy frame with area codes in ``region``.
    level:
        ``wijk``, ``gemeente`` or ``group``.
    groups:
        Gemeente code to group code (needed for ``group``).
    from_level:
        The level summed (default ``buurt``).

    Returns
    -------
    pandas.DataFrame
        Tidy rows: the key columns of *frame* (region now the coarser code), period,
        value; areas without a code at *level* are left out.

    Raises
    ------
    IndicatorError
        If a level is unknown, or *groups* is missing for ``group``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"indicator": "misdrijven",
    ...                       "region": ["BU01710000", "BU01710001", "WK017100"],
    ...                       "period": "2023-01", "value": [3.0, 4.0, 7.0]})
    >>> roll_up(frame, "gemeente")
        indicator  region   period  value
    0  misdrijven  GM0171  2023-01    7.0
    """
    _check_level(level, "level")
    _check_level(from_level, "from_level")
    _check_groups(level, groups)
    if AREA_LEVELS.index(from_level) >= AREA_LEVELS.index(level):
        raise IndicatorError(
            at(
                "level",
                Message(
                    "{level!r} is not coarser than from_level {from_level!r}",
                    level=level,
                    from_level=from_level,
                ),
            )
        )
    regions = frame["region"].astype(str).str.strip()
    distinct = pd.unique(regions)
    levels = {c: area_level(c) for c in distinct}
    mine = regions.map(levels).to_numpy() == from_level
    sub = frame.loc[mine]
    mapping = dict(zip(distinct, _targets(list(distinct), level, groups), strict=True))
    target = regions[mine].map(mapping)
    keys = [c for c in frame.columns if c not in ("region", "period", "period_code", "value")]
    work = sub.drop(columns=[c for c in ("region", "period_code") if c in sub.columns]).assign(
        region=target.to_numpy(), _nan=sub["value"].isna().to_numpy()
    )
    work = work[work["region"].notna()]
    grouped = work.groupby([*keys, "region", "period"], sort=False, dropna=False, observed=True)
    out = grouped.agg(value=("value", "sum"), _nan=("_nan", "sum")).reset_index()
    out.loc[out["_nan"] > 0, "value"] = np.nan
    result: pd.DataFrame = out[[*keys, "region", "period", "value"]]
    return result


def _chunks(source: Source, chunksize: int) -> Iterator[tuple[pd.DataFrame, str, bool, int]]:
    """Raw text chunks of *source*, its name, whether a file, and each chunk's first row."""
    if chunksize < 1:
        raise IndicatorError(
            at(
                "chunksize",
                Message("expected a positive number of rows, got {chunksize}", chunksize=chunksize),
            )
        )
    if isinstance(source, (str, Path)) or hasattr(source, "__fspath__"):
        path = Path(source)  # type: ignore[arg-type]
        if not path.is_file():
            raise OpenDataError(at(path, Message("no such file")))
        offset = 0
        sep = csv_separator(path)
        check_field_counts(path, sep)
        try:
            reader = pd.read_csv(
                path,
                sep=sep,
                dtype=str,
                keep_default_na=False,
                encoding="utf-8-sig",
                chunksize=chunksize,
            )
            with reader:
                for chunk in reader:
                    chunk.columns = [str(c).strip() for c in chunk.columns]
                    yield chunk, str(path), True, offset
                    offset += len(chunk)
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise OpenDataError(
                at(
                    path,
                    Message(
                        "cannot read as CSV after line {value}: {exc}",
                        value=offset + 1,
                        exc=message_of(exc),
                    ),
                )
            ) from None
        return
    raw, what, is_file = read_source(source)
    for start in range(0, max(len(raw), 1), chunksize):
        yield raw.iloc[start : start + chunksize], what, is_file, start


def iter_crime_areas(
    source: Source,
    *,
    chunksize: int = 500_000,
    categories: Sequence[str] | None = None,
    areas: Sequence[str] | None = None,
    measure: str = "GeregistreerdeMisdrijven_1",
) -> Iterator[pd.DataFrame]:
    """Read a wijk/buurt crime table (47022NED, 47018NED) chunk by chunk, tidy.

    Parameters
    ----------
    source:
        A CSV file as downloaded (comma- or semicolon-separated), a DataFrame, or
        records. A file is read *chunksize* rows at a time, never whole.
    chunksize:
        Rows per chunk.
    categories:
        ``SoortMisdrijf`` codes to keep (``0.0.0``, ``1.1.1``); default all.
    areas:
        ``WijkenEnBuurten`` codes to keep; default all.
    measure:
        The measure column (``GeregistreerdeMisdrijven_1``).

    Yields
    ------
    pandas.DataFrame
        Tidy rows: ``indicator`` (``geregistreerde-misdrijven``), ``region`` (the area
        code without padding), ``period`` (``2023-01`` or ``2023``), ``value`` (NaN
        where the cell is empty or ``.``), ``unit`` (``count``), ``source``,
        ``category`` (the SoortMisdrijf code) and ``period_code`` (``2023MM01``).

    Raises
    ------
    OpenDataError
        If a column is missing, a code is empty, a period code or a value cannot be
        read; the message names the file, line and column.

    Examples
    --------
    >>> records = [{"SoortMisdrijf": "1.1.1 ", "WijkenEnBuurten": "BU01710000",
    ...             "Perioden": "2023MM01", "GeregistreerdeMisdrijven_1": "."}]
    >>> next(iter_crime_areas(records))[["region", "period", "category", "value"]]
           region   period category  value
    0  BU01710000  2023-01    1.1.1    NaN
    """
    wanted_cats = {c.strip() for c in categories} if categories is not None else None
    wanted_areas = {a.strip() for a in areas} if areas is not None else None
    for raw, what, is_file, offset in _chunks(source, chunksize):
        needed = ["SoortMisdrijf", "WijkenEnBuurten", "Perioden", measure]
        missing = [c for c in needed if c not in raw.columns]
        if missing:
            raise OpenDataError(
                at(
                    what,
                    Message(
                        "missing columns {missing} (a police wijk/buurt table such as {tables}; "
                        "found {found})",
                        missing=", ".join(missing),
                        tables=", ".join(CRIME_AREA_TABLES),
                        found=", ".join(map(str, raw.columns)) or Message("no columns"),
                    ),
                )
            )
        if raw.empty:
            continue
        rows = np.arange(len(raw), dtype=np.int64)
        area_codes, area_cats = stripped_codes(
            raw["WijkenEnBuurten"], what, "WijkenEnBuurten", is_file=is_file, offset=offset
        )
        cat_codes, cat_cats = stripped_codes(
            raw["SoortMisdrijf"], what, "SoortMisdrijf", is_file=is_file, offset=offset
        )
        keep = np.ones(len(raw), dtype=bool)
        if wanted_areas is not None:
            keep &= np.isin(area_codes, [i for i, c in enumerate(area_cats) if c in wanted_areas])
        if wanted_cats is not None:
            keep &= np.isin(cat_codes, [i for i, c in enumerate(cat_cats) if c in wanted_cats])
        if not keep.all():
            raw, rows = raw.loc[keep], rows[keep]
            area_codes, cat_codes = area_codes[keep], cat_codes[keep]
        if raw.empty:
            continue
        per_codes, per_cats = stripped_codes(
            raw["Perioden"], what, "Perioden", is_file=is_file, rows=rows, offset=offset
        )
        periods = []
        for i, code in enumerate(per_cats):
            try:
                periods.append(cbs_period(code))
            except IndicatorError as exc:
                row = int(rows[np.flatnonzero(per_codes == i)[0]]) + offset
                raise OpenDataError(
                    at(place(what, row, "Perioden", is_file=is_file), message_of(exc))
                ) from None
        values = numbers(raw[measure], what, measure, is_file=is_file, rows=rows, offset=offset)
        zeros = np.zeros(len(raw), dtype=np.int64)

        yield pd.DataFrame(
            {
                "indicator": _cat(zeros, ["geregistreerde-misdrijven"]),
                "region": _cat(*_used(area_codes, area_cats)),
                "period": _cat(*_dedupe(per_codes, periods)),
                "value": values,
                "unit": _cat(zeros, ["count"]),
                "source": _cat(zeros, ["Politie open data (wijk en buurt)"]),
                "category": _cat(*_used(cat_codes, cat_cats)),
                "period_code": _cat(per_codes, per_cats),
            },
            columns=_TIDY,
        )


def _cat(codes: np.ndarray, categories: Sequence[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(categories), dtype=object))


def _used(codes: np.ndarray, cats: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Recode to the categories actually used (after filtering)."""
    used, inverse = np.unique(codes, return_inverse=True)
    return inverse.astype(np.int64), [cats[i] for i in used]


def _dedupe(codes: np.ndarray, labels: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    remap, uniques = pd.factorize(np.asarray(labels, dtype=object))
    return remap[codes].astype(np.int64), [str(u) for u in uniques]


def crime_by_area(
    source: Source,
    level: str,
    *,
    groups: Mapping[str, str] | None = None,
    from_level: str = "buurt",
    categories: Sequence[str] | None = None,
    chunksize: int = 500_000,
) -> pd.DataFrame:
    """Stream a wijk/buurt crime table and sum it into wijken, gemeenten or groups.

    Each chunk is read (:func:`iter_crime_areas`), rolled up (:func:`roll_up`) and
    reduced to one partial sum per category, area and period; only those partial
    sums are kept, so memory grows with the number of areas and periods, not rows.

    Parameters
    ----------
    source:
        A CSV file, a DataFrame or records of 47022NED or 47018NED.
    level:
        ``wijk``, ``gemeente`` or ``group`` (provinces or any grouping in *groups*).
    groups:
        Gemeente code to group code.
    from_level:
        The level of the rows summed (default ``buurt``; the table's own wijk and
        gemeente rows are skipped so nothing counts twice).
    categories:
        SoortMisdrijf codes to keep (default all).
    chunksize:
        Rows per chunk.

    Returns
    -------
    pandas.DataFrame
        Tidy rows ``indicator, category, region, period, value`` (NaN where any row
        summed is not published), sorted by category, region and period.

    Raises
    ------
    OpenDataError
        As :func:`iter_crime_areas`.
    IndicatorError
        If a level is unknown or *groups* is missing for ``group``.

    Examples
    --------
    >>> records = [{"SoortMisdrijf": "0.0.0", "WijkenEnBuurten": code, "Perioden": "2023MM01",
    ...             "GeregistreerdeMisdrijven_1": n}
    ...            for code, n in [("BU01710000", 3), ("BU01710100", 5), ("BU01840000", 2)]]
    >>> crime_by_area(records, "group", groups={"GM0171": "PV24", "GM0184": "PV24"})
                       indicator category region   period  value
    0  geregistreerde-misdrijven    0.0.0   PV24  2023-01   10.0
    """
    _check_level(level, "level")
    _check_groups(level, groups)
    partials = []
    for chunk in iter_crime_areas(source, chunksize=chunksize, categories=categories):
        light = chunk[["indicator", "category", "region", "period", "value"]]
        light = light.astype({"region": object, "period": object, "category": object})
        partial = roll_up(light, level, groups=groups, from_level=from_level)
        partial["_nan"] = partial["value"].isna()
        partials.append(partial)
    columns = ["indicator", "category", "region", "period", "value"]
    if not partials:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "value" else object) for c in columns}
        )
    both = pd.concat(partials, ignore_index=True)
    grouped = both.groupby(["indicator", "category", "region", "period"], sort=True)
    out = grouped.agg(value=("value", "sum"), _nan=("_nan", "sum")).reset_index()
    out.loc[out["_nan"] > 0, "value"] = np.nan
    return out[columns]


def read_population(source: Source, *, period: str | None = None) -> pd.DataFrame:
    """Inhabitants per area from CBS *Kerncijfers wijken en buurten*.

    Parameters
    ----------
    source:
        A CSV file, DataFrame or records of a Kerncijfers wijken en buurten table
        (85984NED for 2024, 85618NED for 2023, ...): an area column
        ``WijkenEnBuurten`` (or ``Codering_3``) and the column ``AantalInwoners_5``
        (any column whose name starts with ``AantalInwoners``).
    period:
        The year of the table (these tables have no ``Perioden`` column); kept in a
        ``period`` column when given.

    Returns
    -------
    pandas.DataFrame
        ``region`` (code without padding), ``level`` (:func:`area_level`),
        ``population`` (float; NaN where the cell is empty or ``.``) and, with
        *period*, ``period``.

    Raises
    ------
    OpenDataError
        If a column is missing, an area is given twice or a count cannot be read.

    Examples
    --------
    >>> rows = [{"WijkenEnBuurten": "GM0171    ", "AantalInwoners_5": "50000"},
    ...         {"WijkenEnBuurten": "BU01710000", "AantalInwoners_5": "."}]
    >>> read_population(rows, period="2024")
           region     level  population period
    0      GM0171  gemeente     50000.0   2024
    1  BU01710000     buurt         NaN   2024
    """
    raw, what, is_file = read_source(source)
    area = next((c for c in ("WijkenEnBuurten", "Codering_3", "RegioS") if c in raw.columns), None)
    count = next((str(c) for c in raw.columns if str(c).startswith("AantalInwoners")), None)
    if area is None or count is None:
        raise OpenDataError(
            at(
                what,
                Message(
                    "expected an area column WijkenEnBuurten and a column AantalInwoners_5 (CBS "
                    "Kerncijfers wijken en buurten); found {value}",
                    value=", ".join(map(str, raw.columns)) or Message("no columns"),
                ),
            )
        )
    codes, cats = stripped_codes(raw[area], what, area, is_file=is_file)
    dup = pd.Series(codes).duplicated().to_numpy()
    if dup.any():
        row = int(np.flatnonzero(dup)[0])
        raise OpenDataError(
            at(
                place(what, row, area, is_file=is_file),
                Message("area {area!r} is given twice", area=cats[codes[row]]),
            )
        )
    regions = [cats[i] for i in codes]
    out = pd.DataFrame(
        {
            "region": pd.Series(regions, dtype=object),
            "level": pd.Series([area_level(r) for r in regions], dtype=object),
            "population": numbers(raw[count], what, count, is_file=is_file),
        }
    )
    if period is not None:
        out["period"] = str(period)
    return out


def rate_per_1000(frame: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Add the number of inhabitants and the rate per 1,000 inhabitants to each row.

    Parameters
    ----------
    frame:
        A tidy frame of counts with area codes in ``region``.
    population:
        From :func:`read_population` (``region``, ``population``), one row per area;
        for coarser areas, sum it first with :func:`roll_up`-like grouping.

    Returns
    -------
    pandas.DataFrame
        A copy of *frame* with ``population`` and ``per_1000`` (value / population ×
        1000; NaN where either is not published, the population is zero, or the
        area has no population row).

    Raises
    ------
    IndicatorError
        If a column is missing or *population* has an area twice.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"indicator": "misdrijven", "region": ["GM0171", "GM0184"],
    ...                        "period": "2023", "value": [1500.0, 200.0]})
    >>> pop = pd.DataFrame({"region": ["GM0171", "GM0184"], "population": [50000.0, 0.0]})
    >>> rate_per_1000(counts, pop)[["region", "population", "per_1000"]]
       region  population  per_1000
    0  GM0171     50000.0      30.0
    1  GM0184         0.0       NaN
    """
    for name, table, cols in (
        ("frame", frame, ("region", "value")),
        ("population", population, ("region", "population")),
    ):
        absent = [c for c in cols if c not in table.columns]
        if absent:
            raise IndicatorError(
                at(name, Message("missing columns {items}", items=", ".join(absent)))
            )
    keys = population["region"].astype(str).str.strip()
    if keys.duplicated().any():
        raise IndicatorError(
            at(
                "population",
                Message(
                    "area {area!r} has more than one row; give the population of one year",
                    area=keys[keys.duplicated()].iloc[0],
                ),
            )
        )
    lookup = pd.Series(population["population"].to_numpy(dtype=float), index=keys.to_numpy())
    pop = lookup.reindex(frame["region"].astype(str).str.strip().to_numpy()).to_numpy(dtype=float)
    out = frame.copy()
    out["population"] = pop
    values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["per_1000"] = np.where(pop > 0, values / pop * 1000.0, np.nan)
    return out
