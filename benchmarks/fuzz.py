"""Fuzzing: how ivb takes thousands of broken policy files and CSV files.

Generates mutants of the small test policy (values replaced with junk or nasty
values, keys deleted, items repeated, the text itself edited) and of a
measurements CSV and a police table (cells, rows, fields, header, encoding,
truncation), with the hypothesis strategies of ``tests/strategies.py``. Each
mutant that loads goes through the graph build, every export, the calendar,
the report, a diff and a dump/load round trip (see ``tests/fuzzing.py``).
Anything but an ivb error, or a stage over 5 s, is a failure. Prints the
statistics (mutants, loaded, refused, failures, slowest stage) and each
failure; exits 1 if there was any.

Run: ``nice -n 19 python benchmarks/fuzz.py --mutants 10000 [--csv-share 0.2] [--seed N]``
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=1000, help="how many mutants (all kinds)")
    parser.add_argument(
        "--csv-share", type=float, default=0.2, help="share of CSV mutants (default 0.2)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))

    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st
    from tests.fuzzing import MINI, Outcome, base_csv, run_csv, run_policy_text
    from tests.strategies import csv_mutants, policy_mutants

    import ivb

    base = ivb.loads(MINI)
    bundled = ivb.load()
    csv_bases = {k: base_csv(k) for k in ("measurements", "police")}
    n_csv = int(args.mutants * args.csv_share)
    counts: collections.Counter[str] = collections.Counter()
    slowest: dict[str, float] = {}
    failures: list[str] = []
    start = time.perf_counter()

    def record(kind: str, outcome: Outcome) -> None:
        status = outcome.status
        counts["mutants"] += 1
        counts[status] += 1
        counts[f"{kind}-{status}"] += 1
        for stage, secs in outcome.seconds.items():
            slowest[stage] = max(slowest.get(stage, 0.0), secs)
        if status == "failed":
            failures.append(f"[{kind}] {outcome.stage}: {outcome.detail}")
            print(f"FAILURE [{kind}] {outcome.stage}: {outcome.detail}", flush=True)
        if counts["mutants"] % 500 == 0:
            print(
                f"  {counts['mutants']} mutants, {counts['failed']} failures, "
                f"{time.perf_counter() - start:.0f} s",
                flush=True,
            )

    common = settings(
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )

    @seed(args.seed)
    @settings(common, max_examples=args.mutants - n_csv)
    @given(policy_mutants(MINI))
    def policies(text: str) -> None:
        record("policy", run_policy_text(text, base))

    @seed(args.seed)
    @settings(common, max_examples=max(n_csv, 1))
    @given(st.sampled_from(["measurements", "police"]), st.data())
    def csvs(kind: str, data: st.DataObject) -> None:
        record("csv", run_csv(data.draw(csv_mutants(csv_bases[kind])), kind, bundled))

    policies()
    if n_csv:
        csvs()
    elapsed = time.perf_counter() - start
    print(f"mutants   {counts['mutants']}")
    for status in ("loaded", "refused"):
        print(
            f"{status:<9} {counts[status]}  (policy {counts['policy-' + status]}, "
            f"csv {counts['csv-' + status]})"
        )
    print(f"failures  {counts['failed']}")
    print(
        f"time      {elapsed:.0f} s ({elapsed / max(counts['mutants'], 1) * 1000:.0f} ms a mutant)"
    )
    top = sorted(slowest.items(), key=lambda kv: -kv[1])[:3]
    print("slowest   " + ", ".join(f"{k} {v:.2f} s" for k, v in top))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
