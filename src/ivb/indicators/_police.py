"""Police open data (CBS catalogue "Politie") in the tidy shape.

Two tables of the catalogue matter to the policy:

- **47013NED** *Geregistreerde misdrijven en aangiften; soort misdrijf, gemeente*:
  dimensions ``SoortMisdrijf``, ``RegioS``, ``Perioden``; measures
  ``GeregistreerdeMisdrijven_1``, ``Aangiften_2``, ``Internetaangiften_3``.
- **47021NED** *Geregistreerde overlast; soort overlast, gemeente*: dimensions
  ``Overlast``, ``RegioS``, ``Perioden``; measure ``GeregistreerdeOverlast_1``.

As downloaded (OData ``TypedDataSet``, or its CSV export) the codes are padded with
spaces (``"GM0303    "``, ``"PV24  "``, ``"1.1.1 "``), ``Perioden`` mixes years
(``2022JJ00``) and months (``2022MM01``), and an empty cell (or ``.``) means the
figure is not published. :func:`read_police_table` reads that as it comes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pandas as pd

from ivb._message import Message, at, message_of
from ivb._records import Record, Records
from ivb.indicators._csv import (
    MAX_ABS_VALUE,
    CsvTable,
    check_numbers,
    read_csv_table,
    refuse_duplicates,
)
from ivb.indicators._errors import IndicatorError, MissingExtraError, PoliceDataError
from ivb.indicators._opendata import dataset_records
from ivb.indicators._periods import cbs_period, period_bounds
from ivb.model._measures import DataSourceKind

if TYPE_CHECKING:
    from ivb.model import Policy

__all__ = [
    "POLICE_TABLES",
    "PoliceCategory",
    "PoliceTable",
    "fetch_police_table",
    "police_categories",
    "police_measurements",
    "read_police_table",
]


@attrs.frozen(kw_only=True)
class PoliceTable:
    """What ivb knows of one police open-data table.

    Attributes
    ----------
    id:
        The CBS table id (``47013NED``).
    title:
        Its title.
    dimension:
        The column with the category codes (``SoortMisdrijf``, ``Overlast``).
    measures:
        Measure column to the indicator id it becomes in tidy frames.
    default_measure:
        The measure column categories are summed over unless they name another (their
        indicator's ``data_source.topic``): the registered count.
    """

    id: str
    title: str
    dimension: str
    measures: Mapping[str, str]
    default_measure: str = attrs.field()

    @default_measure.validator
    def _known(self, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in self.measures:
            raise ValueError(
                at(
                    "default_measure",
                    Message(
                        "expected one of {items}, got {value!r}",
                        items=", ".join(self.measures),
                        value=value,
                    ),
                )
            )


#: The police tables ivb reads, by id.
POLICE_TABLES: Mapping[str, PoliceTable] = {
    "47013NED": PoliceTable(
        id="47013NED",
        title="Geregistreerde misdrijven en aangiften; soort misdrijf, gemeente",
        dimension="SoortMisdrijf",
        measures={
            "GeregistreerdeMisdrijven_1": "geregistreerde-misdrijven",
            "Aangiften_2": "aangiften",
            "Internetaangiften_3": "internetaangiften",
        },
        default_measure="GeregistreerdeMisdrijven_1",
    ),
    "47021NED": PoliceTable(
        id="47021NED",
        title="Geregistreerde overlast; soort overlast, gemeente",
        dimension="Overlast",
        measures={"GeregistreerdeOverlast_1": "geregistreerde-overlast"},
        default_measure="GeregistreerdeOverlast_1",
    ),
}


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


@attrs.frozen(kw_only=True)
class PoliceCategory(Record):
    """A category the policy speaks of, as a set of police category codes.

    Attributes
    ----------
    id:
        Indicator id the category gets in tidy frames (``woninginbraak``).
    name:
        The category in Dutch, as the policy names it.
    table:
        The police table whose codes these are.
    codes:
        ``SoortMisdrijf`` (or ``Overlast``) codes, without padding; the category's
        count is their sum. Empty where the code could not be confirmed.
    confirmed:
        Whether every code was checked against published metadata of the table's
        classification (the indicator's ``data_source.confirmed``).
    basis:
        Where the set of codes comes from: the policy's own words or a police definition.
    measure:
        The measure column whose counts are summed (``GeregistreerdeMisdrijven_1``,
        ``Aangiften_2``; the indicator's ``data_source.topic``); None: the table's
        :attr:`PoliceTable.default_measure`.
    """

    id: str
    name: str
    table: str
    codes: tuple[str, ...] = attrs.field(converter=_str_tuple)
    confirmed: bool
    basis: str
    measure: str | None = None


def police_categories(policy: Policy) -> Records[PoliceCategory]:
    """The police categories of a policy: its indicators whose data come from police open data.

    Each indicator of the policy's registry with a ``police`` data source becomes a
    :class:`PoliceCategory` with the indicator's id, name, table and codes, so that
    police measurements feed the policy's claims and targets directly.

    Parameters
    ----------
    policy:
        The policy.

    Returns
    -------
    tuple of PoliceCategory
        In registry order.

    Examples
    --------
    >>> import ivb
    >>> [(c.id, c.codes) for c in police_categories(ivb.load())][:3]
    [('overlast-onbegrepen-gedrag', ()), ('geregistreerde-criminaliteit', ('0.0.0',)), \
('woninginbraken', ('1.1.1',))]
    """
    out = []
    for ind in policy.indicators:
        src = ind.data_source
        if src.kind is not DataSourceKind.POLICE or src.table is None:
            continue
        out.append(
            PoliceCategory(
                id=ind.id,
                name=ind.name,
                table=src.table,
                codes=src.codes if src.confirmed else (),
                confirmed=src.confirmed,
                basis=src.basis or "",
                measure=src.topic,
            )
        )
    return Records(out, of=PoliceCategory)


_DIMENSIONS = {t.dimension: t for t in POLICE_TABLES.values()}
_MISSING = {"", "."}


def _slug(column: str) -> str:
    base = re.sub(r"_\d+$", "", column)
    return "-".join(w.lower() for w in re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", base)) or column


def _read_raw(source: object) -> tuple[pd.DataFrame, str, np.ndarray | None]:
    if isinstance(source, pd.DataFrame):
        return source, "frame", None
    if isinstance(source, (str, os.PathLike)):
        table = read_csv_table(source, error=PoliceDataError)
        return table.frame, table.what, table.lines
    if isinstance(source, Iterable):
        records = list(source)
        if not all(isinstance(r, Mapping) for r in records):
            raise PoliceDataError(
                at("records", Message("expected mappings (one per row, as OData returns them)"))
            )
        return pd.DataFrame.from_records(records), "records", None
    raise PoliceDataError(
        at(
            "source",
            Message(
                "expected a CSV path, a DataFrame or a list of records, got {cls}",
                cls=type(source).__name__,
            ),
        )
    )


def _where(row: int, lines: np.ndarray | None) -> str:
    if lines is not None:
        return Message("line {line}", line=int(lines[row]))
    return Message("row {row}", row=row + 1)


def _codes(
    column: pd.Series, what: str, name: str, lines: np.ndarray | None = None
) -> tuple[np.ndarray, list[str]]:
    """Factorise a code column once, stripping the padding of each distinct code."""
    raw, uniques = pd.factorize(column.astype(object), use_na_sentinel=True)
    cleaned = ["" if u is None else str(u).strip() for u in uniques]
    if (raw < 0).any() or "" in cleaned:
        bad = np.flatnonzero((raw < 0) | np.isin(raw, [i for i, c in enumerate(cleaned) if not c]))
        raise PoliceDataError(
            at(
                what,
                Message(
                    "{value}: column {name!r} is empty", value=_where(int(bad[0]), lines), name=name
                ),
            )
        )
    recoded, cats = pd.factorize(np.asarray(cleaned, dtype=object))
    return recoded[raw], [str(c) for c in cats]


def _values(column: pd.Series, what: str, name: str, lines: np.ndarray | None = None) -> np.ndarray:
    if pd.api.types.is_bool_dtype(column):
        raise PoliceDataError(
            at(what, Message("column {name!r}: expected numbers, got true/false", name=name))
        )
    if pd.api.types.is_numeric_dtype(column):
        out = column.to_numpy(dtype=float, na_value=np.nan)
        check_numbers(out, None, name, error=PoliceDataError, what=what, nonnegative=True)
        return out
    obj = column.astype(object)
    raw, uniques = pd.factorize(obj, use_na_sentinel=True)
    parsed = np.empty(len(uniques), dtype=float)
    for i, u in enumerate(uniques):
        text = "" if u is None else str(u).strip()
        if text in _MISSING:
            parsed[i] = np.nan
            continue
        try:
            parsed[i] = float(text)
        except ValueError:
            row = int(np.flatnonzero(raw == i)[0])
            raise PoliceDataError(
                at(
                    what,
                    Message(
                        "{where}, column {name!r}: expected a number or an empty cell (not "
                        "published), got {cell!r}",
                        where=_where(row, lines),
                        name=name,
                        cell=u,
                    ),
                )
            ) from None
    out = np.full(len(obj), np.nan)
    ok = raw >= 0
    out[ok] = parsed[raw[ok]]
    bad = ~np.isnan(parsed) & ((np.abs(parsed) > MAX_ABS_VALUE) | (parsed < 0))
    if bad.any():
        row = int(np.flatnonzero(raw == int(np.flatnonzero(bad)[0]))[0])
        kind = (
            f"a finite number of at most {MAX_ABS_VALUE:g}"
            if abs(out[row]) > MAX_ABS_VALUE
            else "a count of at least 0"
        )
        raise PoliceDataError(
            at(
                what,
                Message(
                    "{where}, column {name!r}: expected {kind}, got {cell!r}",
                    where=_where(row, lines),
                    name=name,
                    kind=kind,
                    cell=obj.iloc[row],
                ),
            )
        )
    return out


def read_police_table(
    source: str | os.PathLike[str] | pd.DataFrame | Iterable[Mapping[str, Any]],
    *,
    measures: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    aggregate: bool = False,
) -> pd.DataFrame:
    """Read police table 47013NED or 47021NED as downloaded into a tidy frame.

    Parameters
    ----------
    source:
        A CSV file (comma- or semicolon-separated; the OData ``TypedDataSet`` export),
        a DataFrame of it, or its records (as :func:`fetch_police_table` gets them).
    measures:
        Measure columns to keep (default: all, e.g. ``GeregistreerdeMisdrijven_1``,
        ``Aangiften_2`` and ``Internetaangiften_3``).
    regions:
        Region codes to keep (``GM0303``, ``PV24``); default all.
    aggregate:
        Whether rows that repeat a category, region and period are summed; by
        default such rows are refused (a table as downloaded has none).

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator`` (the measure, e.g. ``geregistreerde-misdrijven``),
        ``region`` (code without padding), ``period`` (``2022`` or ``2022-01``),
        ``value`` (float; NaN where the cell is empty: not published), ``unit``
        (``count``), ``source``, ``table`` (``47013NED``), ``category`` (the
        SoortMisdrijf or Overlast code without padding) and ``period_code`` (the CBS
        code, ``2022JJ00``). Text columns are categorical.

    Raises
    ------
    PoliceDataError
        If the table is neither of the two, a column is missing or empty, a period
        code or a value cannot be read, a value is negative or not finite, a row's
        field count differs from the header, or two rows have the same category,
        region and period; the message names the line (or row) and the value. A
        file may be UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1252.

    Examples
    --------
    >>> records = [
    ...     {"ID": 0, "SoortMisdrijf": "1.1.1 ", "RegioS": "GM0303    ",
    ...      "Perioden": "2022JJ00", "GeregistreerdeMisdrijven_1": 41},
    ...     {"ID": 1, "SoortMisdrijf": "1.1.1 ", "RegioS": "GM0303    ",
    ...      "Perioden": "2022MM01", "GeregistreerdeMisdrijven_1": None},
    ... ]
    >>> read_police_table(records)[["region", "period", "category", "value", "period_code"]]
       region   period category  value period_code
    0  GM0303     2022    1.1.1   41.0    2022JJ00
    1  GM0303  2022-01    1.1.1    NaN    2022MM01
    """
    raw, what, lines = _read_raw(source)
    dims = [d for d in _DIMENSIONS if d in raw.columns]
    if len(dims) != 1:
        raise PoliceDataError(
            at(
                what,
                Message(
                    "expected a police table with a SoortMisdrijf (47013NED) or Overlast "
                    "(47021NED) column, found columns {value}",
                    value=", ".join(map(str, raw.columns)) or Message("none"),
                ),
            )
        )
    table = _DIMENSIONS[dims[0]]
    missing = [c for c in ("RegioS", "Perioden") if c not in raw.columns]
    if missing:
        raise PoliceDataError(
            at(
                what,
                Message(
                    "missing columns {items} of table {id}", items=", ".join(missing), id=table.id
                ),
            )
        )
    available = [c for c in raw.columns if c not in ("ID", "RegioS", "Perioden", table.dimension)]
    if measures is None:
        chosen = available
    else:
        unknown = [m for m in measures if m not in available]
        if unknown:
            raise PoliceDataError(
                at(
                    "measures",
                    Message(
                        "{unknown} not in {what}; it has {available}",
                        unknown=", ".join(unknown),
                        what=what,
                        available=", ".join(available),
                    ),
                )
            )
        chosen = list(measures)
    if not chosen:
        raise PoliceDataError(
            at(
                what,
                Message(
                    "no measure column (expected e.g. {value})", value=next(iter(table.measures))
                ),
            )
        )

    if regions is not None:
        wanted = {str(r).strip() for r in regions}
        keep = raw["RegioS"].astype(str).str.strip().isin(wanted).to_numpy()
        raw = raw.loc[keep].reset_index(drop=True)
        lines = lines[keep] if lines is not None else None
    columns = [
        "indicator",
        "region",
        "period",
        "value",
        "unit",
        "source",
        "table",
        "category",
        "period_code",
    ]
    if raw.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "value" else "category") for c in columns}
        )
    region_codes, region_cats = _codes(raw["RegioS"], what, "RegioS", lines)
    cat_codes, cat_cats = _codes(raw[table.dimension], what, table.dimension, lines)
    per_codes, per_cats = _codes(raw["Perioden"], what, "Perioden", lines)
    keys = pd.DataFrame({table.dimension: cat_codes, "RegioS": region_codes, "Perioden": per_codes})
    if not aggregate and keys.duplicated().any():
        shown = keys.assign(
            **{
                table.dimension: np.asarray(cat_cats, dtype=object)[cat_codes],
                "RegioS": np.asarray(region_cats, dtype=object)[region_codes],
                "Perioden": np.asarray(per_cats, dtype=object)[per_codes],
            }
        )
        refuse_duplicates(
            shown,
            list(keys.columns),
            None if lines is None else CsvTable(shown, lines, what, ""),
            error=PoliceDataError,
            what=what,
        )
    periods = []
    for i, code in enumerate(per_cats):
        try:
            period = cbs_period(code)
            period_bounds(period)  # a real period: no year 0
            periods.append(period)
        except IndicatorError as exc:
            row = int(np.flatnonzero(per_codes == i)[0])
            raise PoliceDataError(
                at(
                    what,
                    Message(
                        "{where}: {problem}", where=_where(row, lines), problem=message_of(exc)
                    ),
                )
            ) from None
    period_remap, period_cats = _unique_in_order(periods)

    n, k = len(raw), len(chosen)
    names = [table.measures.get(m, _slug(m)) for m in chosen]
    values = np.concatenate([_values(raw[m], what, m, lines) for m in chosen])

    def tiled(codes: np.ndarray, cats: Sequence[str]) -> Any:
        return _categorical(np.tile(codes, k), cats)

    def constant(value: str) -> Any:
        return _categorical(np.zeros(n * k, dtype=np.int64), [value])

    result = pd.DataFrame(
        {
            "indicator": _categorical(np.repeat(np.arange(k), n), names),
            "region": tiled(region_codes, region_cats),
            "period": tiled(period_remap[per_codes], period_cats),
            "value": values,
            "unit": constant("count"),
            "source": constant(f"Politie open data {table.id}"),
            "table": constant(table.id),
            "category": tiled(cat_codes, cat_cats),
            "period_code": tiled(per_codes, per_cats),
        },
        columns=columns,
    )
    if not aggregate:
        return result
    by = ["indicator", "region", "period", "category", "period_code"]
    summed = result.groupby(by, observed=True, sort=False)["value"].sum(min_count=1)
    out = summed.reset_index()
    for col in ("unit", "source", "table"):
        out[col] = pd.Categorical([result[col].iloc[0]] * len(out))
    return out[columns]


def _categorical(codes: np.ndarray, categories: Sequence[str]) -> Any:
    """A categorical from integer codes into *categories*."""
    return pd.Categorical.from_codes(
        np.asarray(codes, dtype=np.int64), categories=pd.Index(list(categories), dtype=object)
    )


def _unique_in_order(items: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Codes into the distinct *items*, and those items (first-seen order)."""
    codes, uniques = pd.factorize(np.asarray(items, dtype=object))
    return codes.astype(np.int64), [str(u) for u in uniques]


def police_measurements(
    frame: pd.DataFrame,
    categories: Policy | Sequence[PoliceCategory],
    *,
    measure: str | None = None,
) -> pd.DataFrame:
    """Sum police codes into the categories the policy uses, as tidy measurements.

    Parameters
    ----------
    frame:
        A frame from :func:`read_police_table` (one or both tables concatenated).
    categories:
        A policy: every category of :func:`police_categories` that has codes and
        whose table is in the frame. Or the categories to compute, each of which must
        have codes and its table in the frame.
    measure:
        Indicator of the measure to sum, as :func:`read_police_table` names it
        (``aangiften``), for every category. Default: each category's own
        :attr:`PoliceCategory.measure`, else its table's
        :attr:`PoliceTable.default_measure` (the registered count).

    Returns
    -------
    pandas.DataFrame
        Tidy rows with ``indicator`` the category id, per region and period. A value
        is NaN (not published) when any of the category's codes is not published or
        absent for that region and period.

    Raises
    ------
    IndicatorError
        If a category asked for has no codes, or the frame has none of its table, or a
        category names a measure its table does not have.

    Examples
    --------
    >>> records = [{"SoortMisdrijf": code, "RegioS": "GM0171  ", "Perioden": "2022JJ00",
    ...             "GeregistreerdeMisdrijven_1": n}
    ...            for code, n in [("1.2.1 ", 30), ("1.2.3 ", 80), ("1.2.4 ", 2),
    ...                            ("2.2.1 ", 90), ("2.5.2 ", 40)]]
    >>> vvc = [PoliceCategory(id="veelvoorkomende-criminaliteit", name="Veelvoorkomend",
    ...                       table="47013NED", codes=["1.2.1", "1.2.3", "1.2.4", "2.2.1",
    ...                       "2.5.2"], confirmed=True, basis="example")]
    >>> police_measurements(read_police_table(records), vvc)[["indicator", "region", "value"]]
                           indicator  region  value
    0  veelvoorkomende-criminaliteit  GM0171  242.0
    """
    needed = {"indicator", "region", "period", "value", "category", "table"}
    missing = sorted(needed - set(frame.columns))
    if missing:
        raise IndicatorError(
            at(
                "frame",
                Message(
                    "missing columns {items}; read it with read_police_table",
                    items=", ".join(missing),
                ),
            )
        )
    tables = set(frame["table"].astype(str).unique())
    explicit = isinstance(categories, Sequence)
    chosen = (
        list(categories)
        if isinstance(categories, Sequence)
        else [c for c in police_categories(categories) if c.table in tables and c.codes]
    )
    parts = []
    for cat in chosen:
        if not cat.codes:
            raise IndicatorError(
                Message(
                    "category {id!r}: its {table} codes are not confirmed; give a PoliceCategory "
                    "with the codes from the table's metadata",
                    id=cat.id,
                    table=cat.table,
                )
            )
        if cat.table not in tables:
            if explicit:
                raise IndicatorError(
                    Message(
                        "category {id!r}: needs table {table}, the frame has {value}",
                        id=cat.id,
                        table=cat.table,
                        value=", ".join(sorted(tables)) or Message("none"),
                    )
                )
            continue
        ind = measure or _measure_of(cat)
        mask = (
            (frame["table"] == cat.table).to_numpy(dtype=bool)
            & (frame["indicator"] == ind).to_numpy(dtype=bool)
            & frame["category"].isin(cat.codes).to_numpy(dtype=bool)
        )
        sub = frame.loc[mask, ["region", "period", "category", "value"]]
        grouped = sub.groupby(["region", "period"], observed=True, sort=False)
        summed = grouped["value"].sum(min_count=len(cat.codes))
        present = grouped["category"].nunique()
        summed[present.to_numpy() < len(cat.codes)] = np.nan
        out = summed.reset_index()
        out.insert(0, "indicator", cat.id)
        out["unit"] = "count"
        out["source"] = f"Politie open data {cat.table}, {POLICE_TABLES[cat.table].dimension} " + (
            "+".join(cat.codes)
        )
        for col in ("region", "period"):
            out[col] = out[col].astype(object)
        parts.append(out[["indicator", "region", "period", "value", "unit", "source"]])
    if not parts:
        return pd.DataFrame(
            {
                c: pd.Series(dtype=float if c == "value" else object)
                for c in ("indicator", "region", "period", "value", "unit", "source")
            }
        )
    return pd.concat(parts, ignore_index=True)


def _measure_of(cat: PoliceCategory) -> str:
    """The tidy indicator of the measure a category is summed over."""
    known = POLICE_TABLES.get(cat.table)
    if known is None:
        raise IndicatorError(
            Message(
                "category {id!r}: table: expected one of {items}, got {table!r}",
                id=cat.id,
                items=", ".join(POLICE_TABLES),
                table=cat.table,
            )
        )
    column = cat.measure or known.default_measure
    if column not in known.measures:
        raise IndicatorError(
            Message(
                "category {id!r}: measure: expected one of {items} (the measures of {table}), got "
                "{column!r}",
                id=cat.id,
                items=", ".join(known.measures),
                table=known.id,
                column=column,
            )
        )
    return known.measures[column]


def fetch_police_table(
    table: str,
    *,
    regions: Sequence[str] | None = None,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Download a police table with the optional ``cbsodata`` package and read it.

    Needs internet and ``pip install 'ivb[police]'`` (which brings ``cbsodata``); the
    rest of ivb works offline without it.

    Parameters
    ----------
    table:
        ``47013NED`` or ``47021NED``.
    regions:
        Region codes to download (default: all; the whole table is large).
    measures:
        Measure columns to keep (default all).

    Returns
    -------
    pandas.DataFrame
        As :func:`read_police_table`.

    Raises
    ------
    MissingExtraError
        If ``cbsodata`` is not installed.
    PoliceDataError
        If *table* is not one of the two, or the download cannot be read. The rows may
        come typed or untyped (numbers as padded text); both are read.

    Examples
    --------
    >>> fetch_police_table("47013NED", regions=["GM0171"])  # doctest: +SKIP
    """
    if table not in POLICE_TABLES:
        raise PoliceDataError(
            at(
                "table",
                Message(
                    "expected one of {items}, got {table!r}",
                    items=", ".join(POLICE_TABLES),
                    table=table,
                ),
            )
        )
    try:
        import cbsodata  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise MissingExtraError(
            Message(
                "fetch_police_table needs the optional package cbsodata; install it with pip "
                "install 'ivb[police]' (or pip install cbsodata), or download the table yourself "
                "and use read_police_table"
            )
        ) from None
    filters = None
    if regions:
        filters = " or ".join(f"substringof('{r.strip()}',RegioS)" for r in regions)
    data = cbsodata.download_data(
        table, typed=True, filters=filters, catalog_url="dataderden.cbs.nl"
    )
    records = dataset_records(data, table, error=PoliceDataError)
    return read_police_table(records, measures=measures, regions=regions)
