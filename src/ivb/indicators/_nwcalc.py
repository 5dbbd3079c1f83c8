"""The indicator calculations written once against narwhals, for every non-pandas engine.

:func:`~ivb.indicators.change`, :func:`~ivb.indicators.index_to`,
:func:`~ivb.indicators.share_of` and :func:`~ivb.indicators.add_aggregates` take a
pandas DataFrame (their own vectorised path) or any frame narwhals knows: a Polars
``DataFrame`` or ``LazyFrame``, a DuckDB relation, a Dask DataFrame. For those they run
the one implementation in this module, written once against the narwhals API, and
give back a frame of the kind that came in. The results equal the pandas results
value for value; missing values are ``null`` where the engine has nulls (NaN in
pandas), and lazy engines (DuckDB, Dask, a Polars ``LazyFrame``) return the rows
sorted by the series keys, since they keep no row order.

This module imports narwhals, so it is imported only when a non-pandas frame comes:
``import ivb.indicators`` stays free of narwhals, Polars, DuckDB and Dask.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import narwhals as nw

from ivb._message import Message, at
from ivb.indicators._engines import engine_of, need_engine
from ivb.indicators._errors import (
    IndicatorError,
    MeasurementsError,
    duplicate_error,
    first_series,
    require_text_periods,
)

__all__ = [
    "add_aggregates",
    "change",
    "evaluate_series",
    "index_to",
    "select_rows",
    "share_of",
]

_NON_KEY = ("period", "period_code", "value")
_ROW = "__ivb_row"


def native_frame(frame: object) -> Any:
    """narwhals' frame of *frame* (quiet about where its Dask support will live)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Dask support is moving", category=FutureWarning)
        return nw.from_native(cast(Any, frame))


def _start(frame: object) -> tuple[Any, bool]:
    """The narwhals frame of *frame* and whether it is lazy."""
    try:
        obj = native_frame(frame)
    except TypeError:
        raise MeasurementsError(
            f"frame: expected a DataFrame of pandas, Polars, DuckDB or Dask, "
            f"got {type(frame).__name__}"
        ) from None
    return obj, isinstance(obj, nw.LazyFrame)


def _columns(obj: Any) -> list[str]:
    return [str(c) for c in obj.collect_schema().names()]


def _validate(obj: Any) -> list[str]:
    schema = obj.collect_schema()
    names = [str(c) for c in schema.names()]
    required = ("indicator", "region", "period", "value")
    missing = [c for c in required if c not in names]
    if missing:
        raise MeasurementsError(
            f"frame: missing columns {', '.join(missing)}; expected at least "
            f"{', '.join(required)} (found {', '.join(names) or 'no columns'})"
        )
    dtype = schema["value"]
    if not (dtype.is_numeric() or dtype == nw.Unknown):
        raise MeasurementsError(
            f"frame: column 'value' must be numeric (null for not published); got {dtype}"
        )
    return names


def _keys(names: Sequence[str], keys: Sequence[str] | None) -> list[str]:
    if keys is None:
        return [c for c in names if c not in _NON_KEY]
    out = list(keys)
    for k in out:
        if k in _NON_KEY:
            raise MeasurementsError(f"keys: {k!r} varies within a series and cannot be a key")
        if k not in names:
            raise MeasurementsError(f"keys: no column {k!r}; the frame has {', '.join(names)}")
    return out


def _rows(obj: Any, lazy: bool) -> list[dict[str, Any]]:
    frame = obj.collect() if lazy else obj
    rows: list[dict[str, Any]] = frame.rows(named=True)
    return rows


def _periods(obj: Any, lazy: bool) -> str:
    distinct = obj.select(nw.col("period").cast(nw.String)).unique()
    found = sorted(str(r["period"]) for r in _rows(distinct, lazy) if r["period"] is not None)
    return ", ".join(found[:12]) or "none"


def _materialise(out: Any, native: object, *, polars: bool = False) -> Any:
    """Compute a lazy result once, eagerly (for Dask this beats persisting it: one
    graph optimisation and one computation instead of three). With *polars*, a DuckDB
    result comes as a Polars frame where Polars is installed: the steps on the one row per series
    after it run faster there than on Arrow."""
    if not isinstance(out, nw.LazyFrame):
        return out
    if polars and engine_of(native) == "duckdb" and importlib.util.find_spec("polars") is not None:
        return out.collect(backend="polars")
    return out.collect()


def _as_plan(obj: Any, lazy: bool) -> tuple[Any, bool]:
    """The frame to compute on, and whether its rows are numbered (column ``_ROW``).

    An eager frame becomes a lazy plan over its numbered rows: the engine then
    optimises the query as a whole and computes it once, instead of one step at a
    time with every intermediate frame in memory; the numbers give back the row order.
    """
    if lazy:
        return obj, False
    native = obj.to_native()
    if engine_of(native) == "polars":  # numbered within the plan: no column of every row
        return nw.from_native(native.lazy().with_row_index(_ROW)), True
    return obj.with_row_index(_ROW).lazy(), True


def _finish(out: Any, lazy: bool, native: object, order: list[str]) -> Any:
    """Give a (computed) result back as the input's kind (lazy results: rows unordered)."""
    if not lazy:
        return out.to_native()
    computed = out.collect() if isinstance(out, nw.LazyFrame) else out
    engine = engine_of(native)
    if engine == "duckdb":
        duckdb = need_engine("duckdb")
        return duckdb.from_arrow(computed.to_arrow())
    if engine == "dask":
        dd = need_engine("dask")
        return dd.from_pandas(computed.to_pandas().reset_index(drop=True), npartitions=1)
    return computed.lazy().to_native()


def _value(column: str = "value") -> Any:
    """A float column with NaN as null: one notion of *not published*."""
    col = nw.col(column).cast(nw.Float64)
    return nw.when(~col.is_nan()).then(col)


def change(frame: object, base: str, period: str, *, keys: Sequence[str] | None = None) -> Any:
    """:func:`ivb.indicators.change` on any narwhals-supported frame."""
    obj, lazy = _start(frame)
    names = _validate(obj)
    key_cols = _keys(names, keys)
    in_base = nw.col("period") == base
    in_period = nw.col("period") == period
    plan, numbered = _as_plan(obj, lazy)
    sub = plan.filter(nw.col("period").is_in([base, period]))
    # NaN is made null after the grouping, on one row per series: a series has one
    # row per period (checked below), so its max is that row's value, NaN or not
    value = nw.col("value").cast(nw.Float64)
    sub = sub.with_columns(
        __b=nw.when(in_base).then(value),
        __v=nw.when(in_period).then(value),
        __nb=in_base.cast(nw.Int64),
        __np=in_period.cast(nw.Int64),
    )
    aggs = [
        nw.col("__b").max(),
        nw.col("__v").max(),
        nw.col("__nb").sum(),
        nw.col("__np").sum(),
    ]
    if numbered:
        aggs.append(nw.col(_ROW).min())
    if engine_of(frame) == "duckdb":
        reduced = _change_sql(obj.to_native(), key_cols, base, period)
    else:
        reduced = sub.group_by(*key_cols).agg(*aggs)
    if engine_of(frame) == "dask":
        # the steps on the one row per series run on its pandas frame: in the task
        # graph they cost more to plan than to compute
        reduced = _materialise(reduced, frame)
    bv, vv = _value("__b"), _value("__v")
    # one query: the result with its two check columns, computed once
    grouped = reduced.with_columns(
        base_period=nw.lit(base, nw.String),
        period=nw.lit(period, nw.String),
        base_value=bv,
        value=vv,
        change=vv - bv,
        change_pct=nw.when(bv != 0).then((vv - bv) / bv.abs() * 100.0),
    )
    grouped = _materialise(grouped.sort(_ROW) if numbered else grouped, frame)
    stats = _rows(
        grouped.select(
            nw.col("__nb").sum().alias("base"),
            nw.col("__np").sum().alias("period"),
            nw.col("__nb").max().alias("base_max"),
            nw.col("__np").max().alias("period_max"),
        ),
        isinstance(grouped, nw.LazyFrame),
    )[0]
    checks = (("base", base, "__nb"), ("period", period, "__np"))
    for what, wanted, _flag in checks:
        if not stats[what]:
            raise IndicatorError(
                f"{what}: no rows for period {wanted!r}; periods in the frame: "
                f"{_periods(obj, lazy)}"
            )
    for what, wanted, flag in checks:
        if stats[f"{what}_max"] > 1:
            dup = grouped.filter(nw.col(flag) > 1).head(1)
            first = _rows(dup, isinstance(dup, nw.LazyFrame))[0]
            where = ", ".join(f"{k}={first[k]!r}" for k in key_cols)
            raise MeasurementsError(
                f"frame: more than one value for period {wanted!r} of the series {where}; "
                "give one row per series and period"
            )
    out = grouped.select(
        *key_cols, "base_period", "period", "base_value", "value", "change", "change_pct"
    )
    return _finish(out, lazy, frame, key_cols)


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _change_sql(rel: Any, key_cols: Sequence[str], base: str, period: str) -> Any:
    """The grouped step of :func:`change` on a DuckDB relation, as one SQL aggregate:
    per series the value at *base* and at *period* (``__b``, ``__v``) and the number of
    rows of each (``__nb``, ``__np``), each read through a ``FILTER`` clause (where
    columns computed first cost a sixth of the query more)."""
    column, value = _sql_name("period"), f"CAST({_sql_name('value')} AS DOUBLE)"
    exprs = [_sql_name(k) for k in key_cols]
    for name, wanted in (("b", base), ("v", period)):
        rows = f"FILTER (WHERE {column} = {_sql_literal(wanted)})"
        exprs.append(f'max({value}) {rows} AS "__{name}"')
    for name, wanted in (("nb", base), ("np", period)):
        exprs.append(f'count(*) FILTER (WHERE {column} = {_sql_literal(wanted)}) AS "__{name}"')
    both = f"{column} IN ({_sql_literal(base)}, {_sql_literal(period)})"
    by = ", ".join(_sql_name(k) for k in key_cols)
    return native_frame(rel.filter(both).aggregate(", ".join(exprs), by))


def index_to(
    frame: object,
    base: str,
    *,
    scale: float = 100.0,
    keys: Sequence[str] | None = None,
) -> Any:
    """:func:`ivb.indicators.index_to` on any narwhals-supported frame."""
    obj, lazy = _start(frame)
    names = _validate(obj)
    key_cols = _keys(names, keys)
    if not lazy:
        obj = obj.with_row_index(_ROW)
    bases = (
        obj.filter(nw.col("period") == base)
        .with_columns(__base=_value())
        .group_by(*key_cols)
        .agg(nw.col("__base").max(), nw.len().alias("__n"))
    )
    checked = bases.collect() if lazy else bases
    _check_lookup(checked, key_cols, lambda: _no_base(obj, lazy, base), f"period {base!r}")
    joined = _join_series(obj, bases.drop("__n"), key_cols, "left")
    if not lazy:
        joined = joined.sort(_ROW)
    base_value = nw.col("__base")
    out = joined.with_columns(
        index=nw.when(base_value != 0).then(_value() / base_value * scale)
    ).select(*names, "index")
    return _finish(out, lazy, frame, [*key_cols, "period"])


def _no_base(obj: Any, lazy: bool, base: str) -> IndicatorError:
    return IndicatorError(
        f"base: no rows for period {base!r}; periods in the frame: {_periods(obj, lazy)}"
    )


def _check_lookup(
    lookup: Any, key_cols: Sequence[str], empty: Any, what: str, *, message: str | None = None
) -> None:
    if not len(lookup):
        raise empty()
    dup = lookup.filter(nw.col("__n") > 1)
    if len(dup):
        if message is not None:
            raise MeasurementsError(message)
        first = dup.head(1).rows(named=True)[0]
        where = ", ".join(f"{k}={first[k]!r}" for k in key_cols)
        raise MeasurementsError(
            f"frame: more than one value for {what} of the series {where}; "
            "give one row per series and period"
        )


def share_of(
    frame: object,
    total: str,
    *,
    within: str = "region",
    keys: Sequence[str] | None = None,
) -> Any:
    """:func:`ivb.indicators.share_of` on any narwhals-supported frame."""
    obj, lazy = _start(frame)
    names = _validate(obj)
    if within not in names:
        raise IndicatorError(f"within: no column {within!r}; the frame has {', '.join(names)}")
    key_cols = [k for k in _keys(names, keys) if k != within]
    if not lazy:
        obj = obj.with_row_index(_ROW)
    on = [*key_cols, "period"]
    totals = (
        obj.filter(nw.col(within) == total)
        .with_columns(__total=_value())
        .group_by(*on)
        .agg(nw.col("__total").max(), nw.len().alias("__n"))
    )
    checked = totals.collect() if lazy else totals

    def empty() -> IndicatorError:
        return IndicatorError(f"total: no row has {within} = {total!r}")

    _check_lookup(
        checked,
        on,
        empty,
        "",
        message=f"frame: more than one {within} = {total!r} row for one series and period",
    )
    joined = _join_series(obj, totals.drop("__n"), on, "left")
    if not lazy:
        joined = joined.sort(_ROW)
    tot = nw.col("__total")
    out = joined.with_columns(share_pct=nw.when(tot != 0).then(_value() / tot * 100.0)).select(
        *names, "share_pct"
    )
    return _finish(out, lazy, frame, [*key_cols, within, "period"])


def add_aggregates(
    frame: object,
    groups: Mapping[str, Sequence[str]],
    *,
    keys: Sequence[str] | None = None,
) -> Any:
    """:func:`ivb.indicators.add_aggregates` on any narwhals-supported frame."""
    obj, lazy = _start(frame)
    names = _validate(obj)
    key_cols = [k for k in _keys(names, keys) if k != "region"]
    present = obj.filter(nw.col("region").is_in(list(groups))).select("region").unique()
    clash = sorted(str(r["region"]) for r in _rows(present, lazy))
    if clash:
        raise MeasurementsError(
            f"groups: the frame already has rows for {', '.join(clash)}; "
            "aggregates are computed from the members, never given twice"
        )
    schema = obj.collect_schema()
    parts = [obj.with_columns(nw.col("region").cast(nw.String))]
    by = [*key_cols, "period"]
    indexed = obj if lazy else obj.with_row_index(_ROW)
    for code, members in groups.items():
        uniq = list(dict.fromkeys(members))
        m = len(uniq)
        aggs = [
            nw.col("__v").sum(),
            nw.col("__v").count().alias("__count"),
            nw.col("region").n_unique().alias("__regions"),
        ]
        if not lazy:
            aggs.append(nw.col(_ROW).min())
        agg = (
            indexed.filter(nw.col("region").is_in(uniq))
            .with_columns(__v=_value())
            .group_by(*by)
            .agg(*aggs)
        )
        if not lazy:
            agg = agg.sort(_ROW)
        complete = (nw.col("__count") >= m) & (nw.col("__regions") >= m)
        part = agg.select(
            *[nw.col(c) for c in by],
            nw.lit(code, nw.String).alias("region"),
            nw.when(complete).then(nw.col("__v")).cast(schema["value"]).alias("value"),
        )
        parts.append(part)
    if lazy:
        parts = [p.collect() for p in parts]
    nonempty = [parts[0], *[p for p in parts[1:] if len(p)]]
    out = nw.concat(nonempty, how="diagonal").select(*names)
    return _finish(out, lazy, frame, [])


def select_rows(frame: object, indicators: Sequence[str], regions: Sequence[str] | None) -> Any:
    """The rows of *indicators* (and *regions*, unless None), selected on the frame's
    engine and given back as a pandas DataFrame (nulls as NaN, text as ``str``)."""
    from ivb.indicators._engines import to_pandas

    obj, lazy = _start(frame)
    _validate(obj)
    keep = nw.col("indicator").cast(nw.String).is_in(list(indicators))
    if regions is not None:
        keep = keep & nw.col("region").cast(nw.String).is_in(list(regions))
    out = obj.filter(keep)
    computed = out.collect() if lazy else out
    pdf = to_pandas(computed.to_native())
    for col in ("indicator", "region", "period"):
        pdf[col] = pdf[col].astype(object)
    return pdf.reset_index(drop=True)


def _ordinal(d: Any) -> int:
    return int(d.toordinal())


def _lookup(column: str, mapping: Mapping[int, Any], dtype: Any, default: Any = None) -> Any:
    """A per-series column from a small mapping of period ranks."""
    return nw.col(column).replace_strict(dict(mapping), default=default, return_dtype=dtype)


def _missing_period(obj: Any, lazy: bool) -> MeasurementsError:
    if lazy:
        return MeasurementsError(
            at("period", Message("missing in a row; every row needs its period"))
        )
    row = obj.with_row_index(_ROW).filter(nw.col("period").is_null()).head(1)
    return MeasurementsError(
        at("period", Message("missing in row {value}", value=int(row.rows(named=True)[0][_ROW])))
    )


#: Weight of the period of rank r in a sum per series: 256**r. A series' sum over its
#: values with the latest key k is at least twice 256**rank(k) exactly when it has two
#: of them (sums of powers of two round down to no less than a sum of two of them), or
#: when an earlier period has more than 255; such series are then counted exactly.
_WEIGHT_BASE = 256.0
#: The most periods of one kind weighed so (256**127 is within the range of a float).
_MAX_WEIGHED = 127


def _reduce(
    sub: Any,
    key_cols: list[str],
    sides: list[str],
    by_base: bool,
    numbered: bool,
    native: object,
    weighed: bool = False,
) -> Any:
    """One row per series: on each side its latest key (``__{side}k``), the value there
    (``__{side}v``) and how many published values have that key (``__{side}n``, 2 meaning
    two or more); the value at the baseline period (``__mv``) and their number (``__mn``).

    One grouped query on every engine. DuckDB takes the value at the latest key with
    ``arg_max`` (a streaming aggregate, where an ordered ``last`` sorts every group)
    and counts the keys at the top with ``max(key, 2)``; Dask has no ordered value in
    a group, so it joins the series' latest keys back to read the values there. On
    Polars, where comparing each row with its group's maximum costs as much again as
    the rest, *weighed* rows (column ``__w{side}``) give the sum ``__{side}s`` instead,
    from which the number is read after the query (:data:`_WEIGHT_BASE`).
    """
    engine = engine_of(native)
    if engine == "duckdb":
        rel = sub.to_native()

        q = _sql_name

        exprs = [q(k) for k in key_cols]
        for side in sides:
            k = q(f"__k{side}")
            exprs += [
                f'max({k}) AS "__{side}k"',
                f'arg_max("__v", {k}) AS "__{side}v"',
                f'CASE WHEN max({k}, 2)[2] = max({k}) THEN 2 ELSE 1 END AS "__{side}n"',
            ]
        if by_base:
            exprs += ['max("__m") AS "__mv"', 'count("__m") AS "__mn"']
        by = ", ".join(q(k) for k in key_cols)
        return native_frame(rel.aggregate(", ".join(exprs), by))
    aggs = [nw.col(f"__k{side}").max().alias(f"__{side}k") for side in sides]
    if by_base:
        aggs += [nw.col("__m").max().alias("__mv"), nw.col("__m").count().alias("__mn")]
    if numbered:
        aggs.append(nw.col(_ROW).min())
    if engine != "dask":
        for side in sides:
            at = nw.col(f"__k{side}")
            aggs.append(nw.col("__v").last(order_by=f"__k{side}").alias(f"__{side}v"))
            if weighed:
                aggs.append(nw.col(f"__w{side}").sum().alias(f"__{side}s"))
            else:
                aggs.append((at == at.max()).sum().alias(f"__{side}n"))
        return sub.group_by(*key_cols).agg(*aggs)
    # the values at the latest keys are read by joining the series back: on their keys,
    # or where a key is missing in some row (which a join leaves unmatched), on their
    # tags (:func:`_series_tags`), which are dearer to plan
    nulls = _rows(sub.select(*(nw.col(k).is_null().any() for k in key_cols)), True)[0]
    tags = _series_tags(key_cols) if any(nulls.values()) else {}
    on = list(tags) or list(key_cols)
    grouped = sub.group_by(*key_cols).agg(*aggs)
    if tags:
        sub, grouped = sub.with_columns(**tags), grouped.with_columns(**tags)
    for side in sides:
        at = (
            sub.join(grouped.select(*on, f"__{side}k"), on=on, how="inner")
            .filter(nw.col(f"__k{side}") == nw.col(f"__{side}k"))
            .group_by(*key_cols)
            .agg(
                nw.col("__v").max().alias(f"__{side}v"),
                nw.col("__v").count().alias(f"__{side}n"),
            )
        )
        if tags:
            at = at.with_columns(**tags).drop(*key_cols)
        grouped = grouped.join(at, on=on, how="left")
    return grouped.drop(*tags) if tags else grouped


def _target_sql(
    rel: Any,
    key_cols: Sequence[str],
    found: Sequence[str],
    rank: Mapping[str, int],
    sides: Sequence[tuple[str, Sequence[str]]],
    base_period: str | None,
    spans: Mapping[str, tuple[int, int]],
    *,
    exact: bool = False,
) -> Any:
    """The grouped step of :func:`evaluate_series` on a DuckDB relation, as one SQL query.

    Per series, on each side: the rank of its latest published period (``__{side}r``,
    -1 for none), that period's text, first and last day (``__{side}name``,
    ``__{side}start``, ``__{side}end``, from *spans*), the value there (``__{side}v``)
    and ``__{side}n``, 2 where the series may have two or more values there and 1
    otherwise; at the baseline period its value (``__mv``) and their number (``__mn``).

    Each row is joined on its period and on whether its value is published to a small
    table of the *found* periods, twice over (published or not), which holds per side
    the period's rank and weight, null where the row does not count there. The
    aggregates then skip the nulls, with no condition to test per row, and work on
    integers rather than on the period text: this makes the query as fast as a
    hand-written one. The number of values at the latest rank is read from the sum of
    the weights 256**rank (see :data:`_WEIGHT_BASE`), a sum of at least twice the
    weight of the top rank being the sign of two or more there (or of more than 255
    values at an earlier period); such series are counted again exactly. With *exact*,
    every series is counted exactly (by the second-highest rank, ``max(rank, 2)``):
    the slower query behind that recount.
    """
    q, lit = _sql_name, _sql_literal
    members = [set(chosen) for _side, chosen in sides]
    rows = []
    for p in found:
        for published in (True, False):
            cells = [lit(p), "TRUE" if published else "FALSE"]
            at = rank.get(p) if published else None
            for chosen in members:
                if at is not None and p in chosen:
                    cells += [str(at), repr(_WEIGHT_BASE**at)]
                else:
                    cells += ["NULL", "NULL"]
            cells.append("1.0" if published and p == base_period else "NULL")
            rows.append(f"({', '.join(cells)})")
    columns = ["__period", "__pub"]
    for side, _ in sides:
        columns += [f"__r{side}", f"__w{side}"]
    periods = f"(VALUES {', '.join(rows)}) AS __p({', '.join([*columns, '__bm'])})"
    value = f"CAST(t.{q('value')} AS DOUBLE)"
    inner = (
        f"SELECT {', '.join(f't.{q(k)}' for k in key_cols)}, {value} AS __v, __p.* "
        f"FROM t JOIN {periods} ON CAST(t.{q('period')} AS VARCHAR) = __p.__period "
        f"AND ({value} IS NOT NULL AND NOT isnan({value})) = __p.__pub"
    )
    exprs = [q(k) for k in key_cols]
    outer = [q(k) for k in key_cols]
    by_rank = sorted(rank, key=rank.__getitem__)

    def listed(values: Sequence[str]) -> str:
        return f"[{', '.join(values)}]"

    names = listed([lit(p) for p in by_rank])
    starts = listed([str(spans[p][0]) for p in by_rank])
    ends = listed([str(spans[p][1]) for p in by_rank])
    for side, _ in sides:
        r = f"__r{side}"
        exprs += [f"max({r}) AS __{side}k", f"arg_max(__v, {r}) AS __{side}v"]
        pos = f"__{side}k + 1"  # lists count from 1
        outer += [
            f"CAST(coalesce(__{side}k, -1) AS BIGINT) AS __{side}r",
            f"CAST({names}[{pos}] AS VARCHAR) AS __{side}name",
            f"CAST(coalesce({starts}[{pos}], -1) AS BIGINT) AS __{side}start",
            f"CAST(coalesce({ends}[{pos}], -1) AS BIGINT) AS __{side}end",
            f"__{side}v",
        ]
        if exact:
            exprs.append(f"CASE WHEN max({r}, 2)[2] = max({r}) THEN 2 ELSE 1 END AS __{side}n")
            outer.append(f"__{side}n")
        else:
            exprs.append(f"sum(__w{side}) AS __{side}s")
            outer.append(
                f"CASE WHEN __{side}s >= 2 * pow({_WEIGHT_BASE!r}, __{side}k) THEN 2 ELSE 1 END "
                f"AS __{side}n"
            )
    if base_period is not None:
        exprs += ["max(__v * __bm) AS __mv", "count(__bm) AS __mn"]
        outer += ["__mv", "__mn"]
    by = ", ".join(q(k) for k in key_cols)
    sql = f"SELECT {', '.join(outer)} FROM (SELECT {', '.join(exprs)} FROM ({inner}) GROUP BY {by})"
    return native_frame(rel.query("t", sql))


def _series_tags(key_cols: Sequence[str]) -> dict[str, Any]:
    """Columns that tell the series apart with no nulls: per key its text (empty, or
    however the engine writes a missing value as text, where it is missing) and whether
    it is missing, so that a join on them matches a missing key with a missing key, as a
    grouping does (the engines' joins leave null keys unmatched)."""
    tags: dict[str, Any] = {}
    for i, k in enumerate(key_cols):
        missing = nw.col(k).is_null()
        text = nw.col(k).cast(nw.String)
        tags[f"__j{i}"] = nw.coalesce(text, nw.lit("", nw.String))
        tags[f"__z{i}"] = missing
    return tags


def _join_series(left: Any, right: Any, key_cols: Sequence[str], how: str) -> Any:
    """*left* joined with *right* on the series keys, a missing key matching a missing
    key (:func:`_series_tags`); *right*'s key columns are dropped."""
    tags = _series_tags(key_cols)
    right = _joinable(right.with_columns(**tags).drop(*key_cols))
    joined = _joinable(left.with_columns(**tags)).join(right, on=list(tags), how=how)
    return joined.drop(*tags)


def _joinable(frame: Any) -> Any:
    """*frame*, where it is an Arrow table, with its all-null columns (of Arrow's type
    ``null``, which Arrow's join refuses to carry) as text columns of nulls."""
    if not (isinstance(frame, nw.DataFrame) and frame.implementation.is_pyarrow()):
        return frame
    schema = frame.collect_schema()
    untyped = [name for name, dtype in schema.items() if dtype == nw.Unknown]
    return frame.with_columns(*(nw.col(c).cast(nw.String) for c in untyped)) if untyped else frame


def _recounted(found: Any, rows: Any, key_cols: Sequence[str]) -> Any:
    """*found* (a few series) with ``__ln``/``__bn`` counted exactly on *rows*."""
    out = found
    for side in ("l", "b"):
        if f"__k{side}" not in rows.collect_schema().names():
            continue
        keys = found.select(*key_cols, f"__{side}k").filter(~nw.col(f"__{side}k").is_null())
        if isinstance(rows, nw.LazyFrame):
            keys = keys.lazy()
        counted = (
            _join_series(rows, keys, key_cols, "inner")
            .filter(nw.col(f"__k{side}") == nw.col(f"__{side}k"))
            .group_by(*key_cols)
            .agg(nw.len().alias("__exact"))
        )
        if isinstance(counted, nw.LazyFrame):
            counted = counted.collect()
        out = (
            _join_series(out, counted, key_cols, "left")
            .with_columns(**{f"__{side}n": nw.col("__exact").fill_null(0)})
            .drop("__exact")
        )
    return out


def _refuse_duplicates(
    grouped: Any,
    key_cols: Sequence[str],
    by_base: bool,
    base_period: str | None,
    names_of: Mapping[int, str],
    recount: Callable[[Any], Any] | None = None,
) -> None:
    """Refuse series with more than one published value for a period whose value is read:
    the baseline period, the latest period, the earlier period taken as baseline.

    With *recount* (where the numbers at the latest keys come from weighed sums), the
    series whose sums say two or more are counted exactly by it.
    """
    cond = (nw.col("__ln") > 1) & nw.col("__ok") | (nw.col("__bn") > 1) & nw.col("__fb")
    if by_base:
        cond = cond | (nw.col("__mn") > 1)
    found = grouped.filter(cond)
    if not len(found):
        return
    if recount is not None:
        found = recount(found).filter(cond)
        if not len(found):
            return
    pairs = []
    for row in found.rows(named=True):
        where = tuple(row[k] for k in key_cols)
        if by_base and row["__mn"] > 1:
            pairs.append((where, str(base_period)))
        if row["__ln"] > 1 and row["__ok"]:
            pairs.append((where, names_of[row["__lr"]]))
        if row["__bn"] > 1 and row["__fb"]:
            pairs.append((where, names_of[row["__br"]]))
    raise duplicate_error(key_cols, *first_series(pairs))


def evaluate_series(frame: object, rules: Any, *, keys: Sequence[str] | None = None) -> Any:
    """:func:`ivb.indicators.evaluate_series` on any narwhals-supported frame.

    *rules* are the checked parameters (:class:`~ivb.indicators._targets.SeriesRules`).
    The distinct periods are read once and parsed in Python (a table has few); each
    series is then reduced in one grouped query (:func:`_reduce`): its value at the
    baseline period, and the key and value of its last published period before the
    policy period and after the baseline, with the number of values there, so that a
    series with two values for a period that is read is refused without a further
    pass over the rows.
    """
    from ivb.indicators._periods import period_bounds, period_kind
    from ivb.indicators._targets import TargetStatus

    obj, lazy = _start(frame)
    names = _validate(obj)
    key_cols = _keys(names, keys)
    distinct = _rows(obj.group_by("period").agg(), lazy)
    found = [r["period"] for r in distinct]
    require_text_periods(found)
    if any(p is None for p in found):
        raise _missing_period(obj, lazy)
    found = sorted(str(p) for p in found)
    bounds = {p: period_bounds(p) for p in found}
    kinds = {p: period_kind(p) for p in found}
    want = rules.want_kind
    if want is None and "year" in kinds.values():
        want = "year"  # without a baseline period, compare years with years
    kept = [p for p in found if want is None or kinds[p] == want]
    starts = {p: _ordinal(bounds[p][0]) for p in kept}
    ends = {p: _ordinal(bounds[p][1]) for p in kept}
    order = sorted(kept, key=lambda p: (ends[p], starts[p], p))
    rank = {p: i for i, p in enumerate(order)}
    if rules.base_end is not None:
        later = [p for p in order if starts[p] > rules.base_end]
    else:
        later = [p for p in order if starts[p] >= rules.start]
    measured = rules.baseline is None
    before = (
        [p for p in order if ends[p] < rules.start] if measured and rules.start is not None else []
    )

    sides = [("l", later)] + ([("b", before)] if before else [])
    by_base = measured and rules.base_period is not None
    spans = {p: (starts[p], ends[p]) for p in kept}
    recount: Callable[[Any], Any] | None = None
    if engine_of(frame) == "duckdb" and len(rank) <= _MAX_WEIGHED:
        # the steps after the grouping join the same query (one result to compute),
        # which is computed once, with its check columns, before the duplicates are
        # refused (below)
        rel = obj.to_native()
        base_period = rules.base_period if by_base else None
        grouped = _target_sql(rel, key_cols, found, rank, sides, base_period, spans)

        def recount(flagged: Any) -> Any:
            exact = _target_sql(rel, key_cols, found, rank, sides, base_period, spans, exact=True)
            counts = [f"__{side}n" for side, _ in sides]
            return _join_series(
                flagged.drop(*counts),
                _materialise(exact, frame).select(*key_cols, *counts),
                key_cols,
                "left",
            )

    else:
        grouped, recount = _grouped_series(
            obj,
            lazy,
            frame,
            key_cols,
            found,
            kept,
            order,
            rank,
            sides,
            by_base,
            rules.base_period,
            spans,
        )
    if not before:
        grouped = grouped.with_columns(
            __br=nw.lit(-1, nw.Int64),
            __bv=nw.lit(None, nw.Float64),
            __bn=nw.lit(0, nw.Int64),
            __bname=nw.when(nw.lit(False)).then(nw.lit("", nw.String)),
            __bend=nw.lit(-1, nw.Int64),
        )

    names_of = {i: p for p, i in rank.items()}
    lr, br = nw.col("__lr"), nw.col("__br")
    if measured:
        fallback = nw.when(br >= 0).then(nw.col("__bv"))
        fallback_name = nw.when(br >= 0).then(nw.col("__bname"))
        fallback_end = nw.col("__bend")
        if by_base:
            at_base = nw.col("__mv")
            found_base = ~at_base.is_null()
            base_value = nw.coalesce(at_base, fallback)
            base_name = (
                nw.when(found_base)
                .then(nw.lit(rules.base_period, nw.String))
                .otherwise(fallback_name)
            )
            # a series whose baseline is an earlier period: its latest must start after it
            base_end = (
                nw.when(found_base).then(nw.lit(rules.base_end, nw.Int64)).otherwise(fallback_end)
            )
            from_fallback = ~found_base & (br >= 0)
        else:
            base_value, base_name, base_end = fallback, fallback_name, fallback_end
            from_fallback = br >= 0
        base_from = (
            nw.when(~base_value.is_null())
            .then(nw.lit("measurements", nw.String))
            .otherwise(nw.lit("none", nw.String))
        )
    else:
        base_value = nw.lit(rules.baseline, nw.Float64)
        base_name = (
            nw.lit(rules.base_period, nw.String)
            if rules.base_period is not None
            # a text null made without casting None (which some engines turn into "None")
            else nw.when(nw.lit(False)).then(nw.lit("", nw.String))
        )
        base_from = nw.lit("policy", nw.String)
        base_end = nw.lit(-1, nw.Int64)
        from_fallback = nw.lit(False)
    latest_start = nw.col("__lstart")
    grouped = grouped.with_columns(
        baseline=base_value,
        baseline_period=base_name,
        baseline_from=base_from,
        __ok=(lr >= 0) & (latest_start > base_end),
        __fb=from_fallback,
    )
    ok = nw.col("__ok")
    latest_end = nw.col("__lend")
    passed = rules.as_of is not None and rules.as_of > rules.horizon_end
    final = nw.lit(True) if passed else latest_end >= rules.horizon_end
    grouped = grouped.with_columns(
        latest=nw.when(ok).then(nw.col("__lv")),
        latest_period=nw.when(ok).then(nw.col("__lname")),
        __final=final,
    )
    b = nw.col("baseline")
    diff = nw.col("latest") - b
    grouped = grouped.with_columns(
        change=diff, change_pct=nw.when(b != 0).then(diff / b.abs() * 100.0)
    )
    better = nw.col("change") > 0 if rules.direction.value == "higher" else nw.col("change") < 0
    fin = nw.col("__final")

    def word(status: Any) -> Any:
        return nw.lit(status.value, nw.String)

    status = (
        nw.when(nw.col("change").is_null())
        .then(word(TargetStatus.NO_DATA))
        .otherwise(
            nw.when(better)
            .then(
                nw.when(fin)
                .then(word(TargetStatus.ACHIEVED))
                .otherwise(word(TargetStatus.ON_TRACK))
            )
            .otherwise(
                nw.when(fin)
                .then(word(TargetStatus.NOT_ACHIEVED))
                .otherwise(word(TargetStatus.OFF_TRACK))
            )
        )
    )
    grouped = grouped.with_columns(status=status)
    if isinstance(grouped, nw.LazyFrame):
        grouped = _materialise(grouped, frame)
    _refuse_duplicates(grouped, key_cols, by_base, rules.base_period, names_of, recount)
    out = grouped.select(
        *key_cols,
        "baseline_period",
        "baseline",
        "baseline_from",
        "latest_period",
        "latest",
        "change",
        "change_pct",
        "status",
    )
    return _finish(out, lazy, frame, key_cols)


def _grouped_series(
    obj: Any,
    lazy: bool,
    frame: object,
    key_cols: list[str],
    found: list[str],
    kept: list[str],
    order: list[str],
    rank: Mapping[str, int],
    sides: list[tuple[str, list[str]]],
    by_base: bool,
    base_period: str | None,
    spans: Mapping[str, tuple[int, int]],
) -> tuple[Any, Callable[[Any], Any] | None]:
    """The grouped step of :func:`evaluate_series` through narwhals (:func:`_reduce`):
    one row per series with each side's latest rank (``__{side}r``, -1 for none) and
    that period's text, first and last day (``__{side}name``, ``__{side}start``,
    ``__{side}end``), and
    where the numbers at the latest ranks come from weighed sums, the exact recount of
    the series they flag (for :func:`_refuse_duplicates`)."""
    # Polars and DuckDB take the period column as it comes (text or categorical), with
    # no cast of every row; pandas-like categoricals (Dask) are mapped as text
    period = nw.col("period")
    if engine_of(frame) == "dask":
        period = period.cast(nw.String)
    plan, numbered = _as_plan(obj, lazy)
    sub = plan if len(kept) == len(found) else plan.filter(period.is_in(kept))
    value = nw.col("value").cast(nw.Float64)
    published = ~value.is_null() & ~value.is_nan()
    # each row's place in time: the period text itself where its order is that of time
    # (text columns of years, months, quarters: no per-row mapping), else its rank
    as_text = order == sorted(order) and (
        obj.collect_schema()["period"] == nw.String or engine_of(frame) == "dask"
    )
    if as_text:
        key, none = period, nw.lit("", nw.String)
    elif engine_of(frame) == "dask":
        # ranks as text first: pandas' Arrow strings (Dask's text) take no numbers in place
        ranks = {p: str(i) for p, i in rank.items()}
        key = period.replace_strict(ranks, default="-1", return_dtype=nw.String).cast(nw.Int64)
        none = nw.lit(-1)
    else:
        key, none = period.replace_strict(rank, default=-1, return_dtype=nw.Int64), nw.lit(-1)
    sub = sub.with_columns(__key=key, __v=nw.when(published).then(value))

    def within(chosen: list[str]) -> Any:
        """Whether a row's period is one of *chosen*: a range test where it can be."""
        if as_text and chosen and chosen == order[order.index(chosen[0]) :][: len(chosen)]:
            return (period >= chosen[0]) & (period <= chosen[-1])
        return period.is_in(chosen)

    extra = {"__m": nw.when(period == base_period).then(nw.col("__v"))} if by_base else {}
    # a row's key on a side: null unless it is a published value of one of its periods
    sub = sub.with_columns(
        **{
            f"__k{side}": nw.when(~nw.col("__v").is_null() & within(chosen)).then(nw.col("__key"))
            for side, chosen in sides
        },
        **extra,
    )
    weighed = engine_of(frame) == "polars" and len(rank) <= _MAX_WEIGHED
    if weighed:
        weight = period.replace_strict(
            {p: _WEIGHT_BASE**i for p, i in rank.items()}, default=0.0, return_dtype=nw.Float64
        )
        sub = sub.with_columns(
            **{
                f"__w{side}": nw.when(~nw.col(f"__k{side}").is_null()).then(weight)
                for side, _ in sides
            }
        )
    grouped = _reduce(sub, key_cols, [side for side, _ in sides], by_base, numbered, frame, weighed)
    grouped = _materialise(grouped.sort(_ROW) if numbered else grouped, frame, polars=True)
    # back to ranks (-1: none), on the one row per series
    for side, _ in sides:
        found_key = nw.col(f"__{side}k").fill_null(none)
        grouped = grouped.with_columns(
            **{
                f"__{side}r": found_key.replace_strict(rank, default=-1, return_dtype=nw.Int64)
                if as_text
                else found_key.cast(nw.Int64)
            }
        )
    if weighed:  # 2 where the sum says two values or more (checked exactly below)
        for side, _ in sides:
            twice = _lookup(
                f"__{side}r", {i: 2 * _WEIGHT_BASE**i for i in rank.values()}, nw.Float64
            )
            grouped = grouped.with_columns(
                **{
                    f"__{side}n": (nw.col(f"__{side}s") >= twice).fill_null(False).cast(nw.Int64)
                    + 1
                }
            )
    names_of = {i: p for p, i in rank.items()}
    for side, _ in sides:
        at = f"__{side}r"
        grouped = grouped.with_columns(
            **{
                f"__{side}name": _lookup(at, names_of, nw.String),
                f"__{side}start": _lookup(
                    at, {i: spans[p][0] for p, i in rank.items()}, nw.Int64, -1
                ),
                f"__{side}end": _lookup(
                    at, {i: spans[p][1] for p, i in rank.items()}, nw.Int64, -1
                ),
            }
        )
    if not weighed:
        return grouped, None
    return grouped, lambda flagged: _recounted(flagged, sub, key_cols)
