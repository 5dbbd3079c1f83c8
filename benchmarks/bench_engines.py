"""Benchmark: ivb's ``change`` and target evaluation on every engine against hand-written queries.

Builds a synthetic table shaped like police open data by buurt and month (47022NED in
tidy form): buurten x 30 crime types x 24 months, 10^7 rows by default (``--rows``;
10^8 on request), about 5% not published. Then, for each installed engine, times two
queries (best of ``--repeat`` runs) against what an analyst would write by hand on the
same engine:

``change``
    ``change(frame, "2023-01", "2024-01")``. By hand: pandas, a filter, ``groupby(...).agg``
    of the two periods and the arithmetic; Polars, one lazy expression (filter,
    ``group_by`` with filtered ``first``); DuckDB, one SQL query (``max(value) FILTER
    (WHERE period = ...)``, ``GROUP BY``); Dask, a filter and a ``groupby`` per period,
    joined.
``target``
    ``evaluate_series(frame, direction="lower", horizon="2024", base_period="2023-01")``:
    per series the baseline, the latest published month after it, the change and the
    status (achieved, not achieved, no data). By hand: pandas, the base month and a
    ``groupby(...).idxmax`` of the later months' codes; Polars, one lazy expression
    (``sort_by(...).last()``); DuckDB, one SQL query (``arg_max(value, period)``);
    Dask, a ``groupby`` max of the later months joined back for their values.
    ivb's DuckDB query has the same shape (one ``GROUP BY`` of the series with
    ``max``/``arg_max``), after a ``GROUP BY period`` that reads the distinct periods to
    parse them; each row's period is joined to their ranks, and the query also counts the
    values at the baseline and latest periods (``count``, a sum of weights 256**rank) to
    refuse a series with two values for one of them, which the hand-written queries do
    not check (on this table there are none). The hand-written
    queries drop the series without any published value, where ivb keeps them with the
    status no data; this table has none, so both give the same rows.

Both sides are timed until their result is computed (a pandas or Polars frame; for
DuckDB, ivb's relation over its computed Arrow result and the hand query's Arrow table;
for Dask, a pandas frame) and checked to give the same values. Exporting ivb's DuckDB
relation to Arrow once more costs a further copy of the result (one row per series), not
counted here. Each measurement runs in a fresh process, which builds the table, then runs the
query while a thread samples its resident memory: *peak memory* is the highest resident
size during the query minus the size before it. The ratio is ivb's time over the hand
query's; the goal is at most 1.3 on every engine.

Run: ``python benchmarks/bench_engines.py`` (not under ``nice``: the timings would
measure the other work on the machine; the load average before and after each row is
printed, so a row measured under high load can be repeated; ``--rows 1000000`` while
developing, ``--engines polars duckdb`` for some engines, ``--queries target`` for one
query, ``--in-process`` to skip the fresh processes and the memory figures). Text
columns are strings on Polars and DuckDB; ``--categorical`` keeps them categorical
(Polars ``Categorical``, DuckDB ``ENUM``), as ivb's readers give them, which is what
makes 10^8 rows fit: ``--rows 1e8 --engines polars --categorical``.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ivb.indicators import available_engines, change, evaluate_series, to_pandas

BASE, PERIOD = "2023-01", "2024-01"
HORIZON = "2024"
QUERIES = ("change", "target")
KEYS = ["indicator", "region", "category"]
N_TYPES, N_MONTHS = 30, 24
GOAL = 1.3


def synthetic(rows: int) -> pd.DataFrame:
    """A tidy buurt x crime type x month table of about *rows* rows (categorical text)."""
    n_buurten = max(1, rows // (N_TYPES * N_MONTHS))
    rng = np.random.default_rng(47022)
    buurten = [
        f"BU{(i // 100) % 10000:04d}{(i // 10) % 10:02d}{i % 10:02d}" for i in range(n_buurten)
    ]
    types = [f"{1 + i // 10}.{1 + (i // 5) % 2}.{1 + i % 5}" for i in range(N_TYPES)]
    months = [f"{2023 + m // 12}-{1 + m % 12:02d}" for m in range(N_MONTHS)]
    n = n_buurten * N_TYPES * N_MONTHS
    b = np.repeat(np.arange(n_buurten, dtype=np.int32), N_TYPES * N_MONTHS)
    t = np.tile(np.repeat(np.arange(N_TYPES, dtype=np.int8), N_MONTHS), n_buurten)
    m = np.tile(np.arange(N_MONTHS, dtype=np.int8), n_buurten * N_TYPES)
    values = rng.poisson(3, n).astype(float)
    values[rng.random(n) < 0.05] = np.nan

    def cat(codes: np.ndarray, labels: list[str]) -> pd.Categorical:
        return pd.Categorical.from_codes(codes, categories=pd.Index(labels, dtype=object))

    return pd.DataFrame(
        {
            "indicator": cat(np.zeros(n, dtype=np.int8), ["geregistreerde-misdrijven"]),
            "region": cat(b, buurten),
            "category": cat(t, types),
            "period": cat(m, months),
            "value": values,
        }
    )


def native(frame: pd.DataFrame, engine: str, categorical: bool = False) -> Any:
    """The table on *engine*, built once before timing."""
    if engine == "pandas":
        return frame
    import polars as pl

    pl_frame = pl.from_pandas(frame)
    if not categorical:
        pl_frame = pl_frame.with_columns(pl.col([*KEYS, "period"]).cast(pl.String))
    if engine == "polars":
        return pl_frame
    if engine == "duckdb":
        import duckdb

        arrow = pl_frame.to_arrow()
        con = duckdb.connect()
        return con.from_arrow(arrow), con, arrow
    import dask.dataframe as dd

    text = frame.astype({c: str for c in [*KEYS, "period"]})
    return dd.from_pandas(text, npartitions=os.cpu_count() or 2)


def ivb_query(engine: str, data: Any, query: str = "change") -> Any:
    """ivb's change or target evaluation on *engine*, materialised."""
    if engine == "duckdb":
        data = data[0]
    if query == "change":
        out = change(data, BASE, PERIOD, keys=KEYS)
    else:
        out = evaluate_series(data, direction="lower", horizon=HORIZON, base_period=BASE, keys=KEYS)
    if engine == "dask":
        return out.compute()
    return out


def hand_query(engine: str, data: Any, query: str = "change") -> Any:
    """The same result written by hand on *engine*, materialised."""
    if query == "target":
        return hand_target(engine, data)
    if engine == "pandas":
        sub = data[data["period"].isin([BASE, PERIOD])]
        grouped = sub.assign(
            base_value=sub["value"].where(sub["period"] == BASE),
            value_=sub["value"].where(sub["period"] == PERIOD),
        ).groupby(KEYS, observed=True, sort=False)
        out = grouped.agg(base_value=("base_value", "max"), value=("value_", "max")).reset_index()
        out["change"] = out["value"] - out["base_value"]
        b = out["base_value"]
        out["change_pct"] = (out["change"] / b.abs() * 100.0).where(b != 0)
        return out
    if engine == "polars":
        import polars as pl

        v, p = pl.col("value"), pl.col("period")
        return (
            data.lazy()
            .filter(p.is_in([BASE, PERIOD]))
            .group_by(KEYS, maintain_order=True)
            .agg(base_value=v.filter(p == BASE).first(), value=v.filter(p == PERIOD).first())
            .with_columns(change=pl.col("value") - pl.col("base_value"))
            .with_columns(
                change_pct=pl.when(pl.col("base_value") != 0).then(
                    pl.col("change") / pl.col("base_value").abs() * 100.0
                )
            )
            .collect()
        )
    if engine == "duckdb":
        relation = data[0]
        sql = f"""
            SELECT {", ".join(KEYS)}, base_value, value, value - base_value AS change,
                   CASE WHEN base_value <> 0
                        THEN (value - base_value) / abs(base_value) * 100 END AS change_pct
            FROM (SELECT {", ".join(KEYS)},
                         max(value) FILTER (WHERE period = '{BASE}') AS base_value,
                         max(value) FILTER (WHERE period = '{PERIOD}') AS value
                  FROM t WHERE period IN ('{BASE}', '{PERIOD}')
                  GROUP BY {", ".join(KEYS)})
        """
        return relation.query("t", sql).to_arrow_table()
    sub = data[data["period"].isin([BASE, PERIOD])]
    base = sub[sub["period"] == BASE].groupby(KEYS)["value"].max().rename("base_value")
    value = sub[sub["period"] == PERIOD].groupby(KEYS)["value"].max().rename("value")
    both = base.to_frame().join(value.to_frame(), how="outer").compute().reset_index()
    both["change"] = both["value"] - both["base_value"]
    b = both["base_value"]
    both["change_pct"] = (both["change"] / b.abs() * 100.0).where(b != 0)
    return both


def _status(change: Any, final: bool) -> Any:
    """The status column from the change (lower is better), numpy style."""
    return np.select(
        [np.isnan(change), change < 0],
        ["no-data", "achieved" if final else "on-track"],
        "not-achieved" if final else "off-track",
    ).astype(object)


def hand_target(engine: str, data: Any) -> Any:
    """Target evaluation written by hand on *engine*: baseline, latest, change, status."""
    horizon_end = f"{HORIZON}-12"  # the last month of the horizon year
    if engine == "pandas":
        codes = data["period"].cat.codes.to_numpy()
        base_code = data["period"].cat.categories.get_loc(BASE)
        published = data["value"].notna().to_numpy()
        rows = data[published]
        rcodes = codes[published]
        base = rows[rcodes == base_code].groupby(KEYS, observed=True)["value"].first()
        later = rows[rcodes > base_code].assign(__code=rcodes[rcodes > base_code])
        at = later.groupby(KEYS, observed=True)["__code"].idxmax()
        latest = later.loc[at.to_numpy(), [*KEYS, "period", "value"]].set_index(KEYS)
        out = latest.rename(columns={"period": "latest_period", "value": "latest"})
        out = out.join(base.rename("baseline"), how="outer").reset_index()
        out["change"] = out["latest"] - out["baseline"]
        b = out["baseline"]
        out["change_pct"] = (out["change"] / b.abs() * 100.0).where(b != 0)
        final = out["latest_period"].astype(object) == horizon_end
        out["status"] = np.where(final, _status(out["change"], True), _status(out["change"], False))
        return out
    if engine == "polars":
        import polars as pl

        v, p = pl.col("value"), pl.col("period")
        later = p.cast(pl.String) > BASE
        return (
            data.lazy()
            .filter(v.is_not_null() & v.is_not_nan())
            .group_by(KEYS)
            .agg(
                baseline=v.filter(p == BASE).first(),
                latest=v.filter(later).sort_by(p.filter(later).cast(pl.String)).last(),
                latest_period=p.cast(pl.String).filter(later).max(),
            )
            .with_columns(change=pl.col("latest") - pl.col("baseline"))
            .with_columns(
                change_pct=pl.when(pl.col("baseline") != 0).then(
                    pl.col("change") / pl.col("baseline").abs() * 100.0
                ),
                status=pl.when(pl.col("change").is_null())
                .then(pl.lit("no-data"))
                .when(pl.col("change") < 0)
                .then(
                    pl.when(pl.col("latest_period") == horizon_end)
                    .then(pl.lit("achieved"))
                    .otherwise(pl.lit("on-track"))
                )
                .when(pl.col("latest_period") == horizon_end)
                .then(pl.lit("not-achieved"))
                .otherwise(pl.lit("off-track")),
            )
            .collect()
        )
    if engine == "duckdb":
        relation = data[0]
        keys = ", ".join(KEYS)
        sql = f"""
            SELECT {keys}, baseline, latest_period, latest, latest - baseline AS change,
                   CASE WHEN baseline <> 0
                        THEN (latest - baseline) / abs(baseline) * 100 END AS change_pct,
                   CASE WHEN latest - baseline IS NULL THEN 'no-data'
                        WHEN latest < baseline THEN
                             CASE WHEN latest_period = '{horizon_end}'
                                  THEN 'achieved' ELSE 'on-track' END
                        WHEN latest_period = '{horizon_end}' THEN 'not-achieved'
                        ELSE 'off-track' END AS status
            FROM (SELECT {keys},
                         max(value) FILTER (WHERE period = '{BASE}') AS baseline,
                         max(period::VARCHAR) FILTER (WHERE period > '{BASE}') AS latest_period,
                         arg_max(value, period::VARCHAR) FILTER (WHERE period > '{BASE}')
                             AS latest
                  FROM t WHERE value IS NOT NULL AND NOT isnan(value)
                  GROUP BY {keys})
        """
        return relation.query("t", sql).to_arrow_table()
    rows = data[data["value"].notnull()]
    base = rows[rows["period"] == BASE].groupby(KEYS)["value"].max().rename("baseline")
    later = rows[rows["period"] > BASE]
    last = later.groupby(KEYS)["period"].max().rename("latest_period").reset_index()
    latest = later.merge(last, on=KEYS)
    latest = latest[latest["period"] == latest["latest_period"]]
    latest = latest.groupby(KEYS)[["latest_period", "value"]].max()
    out = latest.rename(columns={"value": "latest"}).join(base.to_frame(), how="outer")
    out = out.compute().reset_index()
    out["change"] = out["latest"] - out["baseline"]
    b = out["baseline"]
    out["change_pct"] = (out["change"] / b.abs() * 100.0).where(b != 0)
    final = out["latest_period"] == horizon_end
    out["status"] = np.where(final, _status(out["change"], True), _status(out["change"], False))
    return out


def _as_pandas(result: Any) -> pd.DataFrame:
    if hasattr(result, "to_pandas") and not isinstance(result, pd.DataFrame):
        return result.to_pandas()
    return to_pandas(result)


def check_same(a: Any, b: Any, query: str = "change") -> None:
    """Both results hold the same series with the same numbers (and statuses)."""
    left, right = _as_pandas(a), _as_pandas(b)
    cols = ["base_value", "value", "change", "change_pct"]
    if query == "target":
        cols = ["baseline", "latest", "change", "change_pct"]
        assert (_sorted(left)["status"].to_numpy() == _sorted(right)["status"].to_numpy()).all()
    left = left.astype({k: str for k in KEYS}).sort_values(KEYS).reset_index(drop=True)
    right = right.astype({k: str for k in KEYS}).sort_values(KEYS).reset_index(drop=True)
    assert len(left) == len(right), (len(left), len(right))
    assert (left[KEYS].to_numpy() == right[KEYS].to_numpy()).all()
    np.testing.assert_allclose(
        left[cols].to_numpy(dtype=float), right[cols].to_numpy(dtype=float), rtol=1e-12
    )


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({k: str for k in KEYS}).sort_values(KEYS).reset_index(drop=True)


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class _Peak:
    """Samples the resident memory of this process in a thread while it runs."""

    def __init__(self) -> None:
        self.before = _rss()
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss())
            time.sleep(0.002)

    def stop(self) -> float:
        """Stop sampling; the peak extra resident memory in MB."""
        self._stop.set()
        self._thread.join()
        return (max(self.peak, _rss()) - self.before) / 2**20


def timed(fn: Callable[[], Any], repeat: int, memory: bool) -> tuple[float, float, Any]:
    """Best time of *repeat* runs, peak extra resident memory (MB) of the first, result."""
    best, peak_mb, result = float("inf"), float("nan"), None
    for i in range(repeat):
        sampler = _Peak() if memory and i == 0 else None
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
        if sampler is not None:
            peak_mb = sampler.stop()
    return best, peak_mb, result


def worker(
    engine: str, side: str, rows: int, repeat: int, memory: bool, query: str, categorical: bool
) -> dict[str, Any]:
    """One measurement: build the table, time one side of one query, return the figures."""
    frame = synthetic(rows)
    data = native(frame, engine, categorical)
    del frame
    fn = ivb_query if side == "ivb" else hand_query
    seconds, peak, result = timed(lambda: fn(engine, data, query), repeat, memory)
    out = _as_pandas(result)
    statuses = (
        {str(k): int(v) for k, v in out["status"].astype(str).value_counts().items()}
        if "status" in out.columns
        else {}
    )
    return {
        "engine": engine,
        "side": side,
        "query": query,
        "rows": int(rows // (N_TYPES * N_MONTHS)) * N_TYPES * N_MONTHS,
        "seconds": seconds,
        "peak_mb": peak,
        "series": len(out),
        "checksum": float(np.nansum(out["change"].to_numpy(dtype=float))),
        "statuses": statuses,
    }


Results = dict[str, dict[str, dict[str, dict[str, Any]]]]


def main(argv: list[str] | None = None) -> Results:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, default=1e7, help="table size (default 1e7)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best is kept)")
    parser.add_argument("--engines", nargs="*", default=None, help="engines (default: all)")
    parser.add_argument(
        "--queries", nargs="*", default=list(QUERIES), choices=QUERIES, help="queries"
    )
    parser.add_argument(
        "--categorical", action="store_true", help="categorical text columns on Polars, DuckDB"
    )
    parser.add_argument("--in-process", action="store_true", help="no fresh processes, no memory")
    parser.add_argument(
        "--worker", nargs=3, metavar=("ENGINE", "SIDE", "QUERY"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    rows = int(args.rows)
    if args.worker:
        engine, side, query = args.worker
        figures = worker(engine, side, rows, args.repeat, True, query, args.categorical)
        print(json.dumps(figures))
        return {}
    engines = [e for e in (args.engines or available_engines()) if e in available_engines()]
    if any(e != "pandas" for e in engines) and importlib.util.find_spec("polars") is None:
        engines = ["pandas"]  # the other engines' tables are built through Polars
    results: Results = {}
    for query in args.queries:
        results[query] = {}
        for engine in engines:
            sides: dict[str, dict[str, Any]] = {}
            results[query][engine] = sides
            load_before = os.getloadavg()[0]
            if args.in_process:
                frame = synthetic(rows)
                data = native(frame, engine, args.categorical)
                outs = {}
                for side, fn in (("ivb", ivb_query), ("hand", hand_query)):
                    seconds, peak, outs[side] = timed(
                        functools.partial(fn, engine, data, query), args.repeat, memory=False
                    )
                    sides[side] = {"seconds": seconds, "peak_mb": peak}
                check_same(outs["ivb"], outs["hand"], query)
                sides["load"] = {"before": load_before, "after": os.getloadavg()[0]}
                continue
            for side in ("ivb", "hand"):
                command = [sys.executable, __file__, "--rows", str(rows), "--repeat",
                           str(args.repeat), "--worker", engine, side, query]  # fmt: skip
                if args.categorical:
                    command.append("--categorical")
                done = subprocess.run(command, capture_output=True, text=True, check=True)
                sides[side] = json.loads(done.stdout.strip().splitlines()[-1])
            sides["load"] = {"before": load_before, "after": os.getloadavg()[0]}
            ivb_r, hand_r = sides["ivb"], sides["hand"]
            assert ivb_r["series"] == hand_r["series"], (ivb_r, hand_r)
            assert np.isclose(ivb_r["checksum"], hand_r["checksum"]), (ivb_r, hand_r)
            assert ivb_r["statuses"] == hand_r["statuses"], (ivb_r, hand_r)
    n = int(rows // (N_TYPES * N_MONTHS)) * N_TYPES * N_MONTHS
    text = "categorical" if args.categorical else "string"
    print(f"{n:,} rows (buurt x crime type x month), text columns {text} on Polars/DuckDB")
    for query, by_engine in results.items():
        what = (
            f"change({BASE!r} -> {PERIOD!r})"
            if query == "change"
            else f"evaluate_series(base {BASE!r}, horizon {HORIZON!r})"
        )
        print(what)
        print(
            f"{'engine':<8} {'ivb s':>8} {'hand s':>8} {'ratio':>6} {'ivb MB':>8} "
            f"{'hand MB':>8} {'load':>11}  goal"
        )
        for engine, sides in by_engine.items():
            i, h, load = sides["ivb"], sides["hand"], sides["load"]
            ratio = i["seconds"] / h["seconds"]
            mark = "ok" if ratio <= GOAL else f"over {GOAL}x"
            loads = f"{load['before']:.1f}-{load['after']:.1f}"
            print(
                f"{engine:<8} {i['seconds']:8.3f} {h['seconds']:8.3f} {ratio:6.2f} "
                f"{i['peak_mb']:8.0f} {h['peak_mb']:8.0f} {loads:>11}  {mark}",
                flush=True,
            )
    return results


if __name__ == "__main__":
    main()
