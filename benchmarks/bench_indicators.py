"""Benchmark: ivb.indicators' change and target evaluation against a hand-written groupby.

Builds a synthetic table shaped like police open data 47013NED in tidy form (as
``read_police_table`` returns it): 400 municipalities x 60 SoortMisdrijf codes x 104
periods (8 years and their 96 months) = 2,496,000 rows, about 5% not published. Then
times, best of ``--repeat`` runs:

- ``change(frame, "2019", "2022")`` against a pandas groupby + unstack doing the same;
- ``evaluate_series(frame, direction="lower", horizon="2027", base_period="2019")``
  against a pandas groupby that finds each series' baseline and latest later year.

Both sides are checked to give the same numbers. The ratio is ivb's time over the
groupby's: below 1 means ivb is faster.

Run: ``python benchmarks/bench_indicators.py`` (``--rows`` scales the table, ``--text``
uses plain text columns instead of categoricals).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from ivb.indicators import change, evaluate_series

KEYS = ["indicator", "region", "category", "unit", "source", "table"]


def synthetic(n_regions: int = 400, n_codes: int = 60, text: bool = False) -> pd.DataFrame:
    """A police-shaped tidy frame: regions x codes x (8 years + 96 months)."""
    rng = np.random.default_rng(47013)
    years = [str(y) for y in range(2017, 2025)]
    periods = years + [f"{y}-{m:02d}" for y in years for m in range(1, 13)]
    regions = [f"GM{i:04d}" for i in range(n_regions)]
    codes = [f"{1 + i // 20}.{1 + (i // 5) % 4}.{1 + i % 5}" for i in range(n_codes)]
    n = len(regions) * len(codes) * len(periods)
    r = np.repeat(np.arange(len(regions)), len(codes) * len(periods))
    c = np.tile(np.repeat(np.arange(len(codes)), len(periods)), len(regions))
    p = np.tile(np.arange(len(periods)), len(regions) * len(codes))
    values = rng.poisson(40, n).astype(float)
    values[rng.random(n) < 0.05] = np.nan

    def col(codes_: np.ndarray, cats: list[str]) -> object:
        cat = pd.Categorical.from_codes(codes_, categories=pd.Index(cats, dtype=object))
        return np.asarray(cat, dtype=object) if text else cat

    zeros = np.zeros(n, dtype=np.int64)
    return pd.DataFrame(
        {
            "indicator": col(zeros, ["geregistreerde-misdrijven"]),
            "region": col(r, regions),
            "period": col(p, periods),
            "value": values,
            "unit": col(zeros, ["count"]),
            "source": col(zeros, ["Politie open data 47013NED"]),
            "table": col(zeros, ["47013NED"]),
            "category": col(c, codes),
        }
    )


def groupby_change(frame: pd.DataFrame, base: str, period: str) -> pd.DataFrame:
    """The same as ivb's change, written as a pandas groupby."""
    sub = frame[frame["period"].isin([base, period])]
    wide = (
        sub.groupby([*KEYS, "period"], observed=True, sort=False)["value"]
        .sum(min_count=1)
        .unstack("period")
    )
    out = pd.DataFrame({"base_value": wide[base], "value": wide[period]})
    out["change"] = out["value"] - out["base_value"]
    out["change_pct"] = (out["change"] / out["base_value"].abs() * 100).where(
        out["base_value"] != 0
    )
    return out.reset_index()


def groupby_targets(frame: pd.DataFrame, base: str, horizon_year: int) -> pd.DataFrame:
    """The same as ivb's evaluate_series (direction lower), written as a pandas groupby."""
    period = frame["period"].astype(str)
    yearly = frame[period.str.fullmatch(r"\d{4}") & frame["value"].notna()]
    years = yearly["period"].astype(str).astype(int)
    baseline = yearly[years == int(base)].groupby(KEYS, observed=True)["value"].first()
    later = yearly[years > int(base)].assign(year=years[years > int(base)])
    latest = later.sort_values("year").groupby(KEYS, observed=True).tail(1).set_index(KEYS)
    out = pd.DataFrame({"baseline": baseline}).join(
        latest[["year", "value"]].rename(columns={"value": "latest"}), how="outer"
    )
    diff = out["latest"] - out["baseline"]
    out["status"] = np.where(
        diff.isna(),
        "no-data",
        np.where(
            diff < 0,
            np.where(out["year"] >= horizon_year, "achieved", "on-track"),
            np.where(out["year"] >= horizon_year, "not-achieved", "off-track"),
        ),
    )
    return out.reset_index()


def best(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=400)
    parser.add_argument("--codes", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--text", action="store_true", help="plain text key columns")
    args = parser.parse_args()

    frame = synthetic(args.regions, args.codes, text=args.text)
    kind = "text" if args.text else "categorical"
    print(f"synthetic police-shaped table: {len(frame):,} rows, {kind} key columns")

    t_ivb, ours = best(lambda: change(frame, "2019", "2022"), args.repeat)
    t_ref, ref = best(lambda: groupby_change(frame, "2019", "2022"), args.repeat)
    assert isinstance(ours, pd.DataFrame) and isinstance(ref, pd.DataFrame)
    a = ours.sort_values(["region", "category"])["change"].to_numpy()
    b = (
        ref.astype({"region": str, "category": str})
        .sort_values(["region", "category"])["change"]
        .to_numpy()
    )
    np.testing.assert_allclose(a, b, equal_nan=True)
    print(
        f"change 2019->2022      ivb {t_ivb * 1000:8.1f} ms   groupby {t_ref * 1000:8.1f} ms"
        f"   ratio {t_ivb / t_ref:5.2f}"
    )

    t_ivb2, ours2 = best(
        lambda: evaluate_series(frame, direction="lower", horizon="2027", base_period="2019"),
        args.repeat,
    )
    t_ref2, ref2 = best(lambda: groupby_targets(frame, "2019", 2027), args.repeat)
    assert isinstance(ours2, pd.DataFrame) and isinstance(ref2, pd.DataFrame)
    counts_ivb = ours2["status"].value_counts().sort_index()
    counts_ref = ref2["status"].value_counts().sort_index()
    pd.testing.assert_series_equal(counts_ivb, counts_ref, check_names=False)
    print(
        f"evaluate targets       ivb {t_ivb2 * 1000:8.1f} ms   groupby {t_ref2 * 1000:8.1f} ms"
        f"   ratio {t_ivb2 / t_ref2:5.2f}"
    )
    print(f"series: {len(ours2):,}; statuses: {counts_ivb.to_dict()}")


if __name__ == "__main__":
    main()
