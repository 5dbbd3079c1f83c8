"""Benchmark: reading a police wijk/buurt crime file, streamed, and what its checks cost.

Writes a synthetic file shaped like the police table 47022NED as downloaded
(semicolon-separated, every field quoted, codes padded with spaces): buurten x 30
SoortMisdrijf codes x 24 months, about 5% of the cells ``.`` (not published). Then
times, best of ``--repeat`` runs:

- ``check_field_counts``: the pass over the bytes that refuses a line with more or
  fewer fields than the header, before any row is read;
- ``iter_crime_areas(path)`` read to its end (the check, then pandas' parser chunk
  by chunk, then the codes, periods and numbers of each chunk checked and tidied);
- ``pandas.read_csv(path, chunksize=...)`` read to its end: the parser alone, as a
  floor.

Run: ``python benchmarks/bench_crime_areas.py`` (``--rows`` sets the size, default
10^6; not under ``nice``, which would time the other work on the machine).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ivb.indicators import iter_crime_areas
from ivb.indicators._opendata import check_field_counts

CHUNK = 500_000


def write_synthetic(path: Path, rows: int) -> int:
    """Write about *rows* rows of a 47022NED-shaped file to *path*; the number written."""
    rng = np.random.default_rng(47022)
    months = [f"{y}MM{m:02d}" for y in (2023, 2024) for m in range(1, 13)]
    codes = [f"{1 + i // 10}.{1 + (i // 5) % 2}.{1 + i % 5}" for i in range(30)]
    per_buurt = len(months) * len(codes)
    buurten = max(1, rows // per_buurt)
    n = buurten * per_buurt
    b = np.repeat(np.arange(buurten), per_buurt)
    c = np.tile(np.repeat(np.arange(len(codes)), len(months)), buurten)
    m = np.tile(np.arange(len(months)), buurten * len(codes))
    values = rng.poisson(3, n).astype(str).astype(object)
    values[rng.random(n) < 0.05] = "."
    frame = pd.DataFrame(
        {
            "ID": np.arange(n).astype(str),
            "SoortMisdrijf": np.array([f"{x:<6}" for x in codes], dtype=object)[c],
            "WijkenEnBuurten": np.char.add("BU", np.char.zfill((b % 10**8).astype(str), 8)),
            "Perioden": np.array(months, dtype=object)[m],
            "GeregistreerdeMisdrijven_1": values,
        }
    )
    frame.to_csv(path, sep=";", index=False, quoting=1)
    return n


def timed(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, default=1e6, help="rows (default 1e6)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best is kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ivb-bench-") as tmp:
        path = Path(tmp) / "47022NED.csv"
        n = write_synthetic(path, int(args.rows))
        size = path.stat().st_size

        def read_all() -> None:
            for _chunk in iter_crime_areas(path, chunksize=CHUNK):
                pass

        def parse_only() -> None:
            reader = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, chunksize=CHUNK)
            with reader:
                for _chunk in reader:
                    pass

        results = {
            "check_field_counts": timed(lambda: check_field_counts(path, ";"), args.repeat),
            "iter_crime_areas": timed(read_all, args.repeat),
            "pandas.read_csv": timed(parse_only, args.repeat),
        }
    print(f"{n:,} rows, {size / 1e6:,.0f} MB, chunks of {CHUNK:,} rows")
    for name, seconds in results.items():
        print(f"{name:<20} {seconds:8.2f} s")
    share = results["check_field_counts"] / results["iter_crime_areas"]
    print(f"the field check is {share:.0%} of reading the file")
    return results


if __name__ == "__main__":
    main()
