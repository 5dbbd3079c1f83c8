"""Mutation testing: do the unit tests notice when the code is wrong?

Runs `mutmut <https://github.com/boxed/mutmut>`_ on ``ivb.model``, ``ivb.governance``
and ``ivb.indicators``, each package in its own scratch copy under
``build/mutation/<package>`` and checked only by its own unit tests (configured in
``benchmarks/mutation.toml``). Prints, per module and per package, how many mutants
were killed or survived, or are listed (``benchmarks/mutation-equivalents.toml``) as
equivalent or as running only at import time (which mutmut, switching mutants on after
the modules are imported, cannot test; listed mutants are not run), and the share of the
other mutants killed. It is slow (minutes to hours), so it
is not part of the test suite.

Run: ``nice -n 19 python benchmarks/mutation.py [PACKAGE ...] [--fraction F] [--jobs N]``

``--fraction 0.1`` runs a fixed, per-module sample of a tenth of the mutants; the
figures are then those of the sample. Verdicts are kept in
``build/mutation/<package>-verdicts.json``; after adding tests,
``--retest-survivors`` runs only the mutants that survived the last run (the source
must be unchanged) and carries the killed ones over. The exit status is 1 when a package misses the
goal. ``mutmut show NAME`` inside ``build/mutation/<package>`` shows a mutant's diff.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
import random
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = Path(__file__).with_name("mutation.toml")
EQUIVALENTS = Path(__file__).with_name("mutation-equivalents.toml")
SCRATCH = ROOT / "build" / "mutation"

# mutmut exit codes of a mutant's test run -> verdict
_KILLED = {1, 3, 36, 24, -24, 152, 255, 37}  # test failed, pytest error, timeout, type check
_SURVIVED = {0, 5, 33}  # tests passed, or no test ran the mutated code

_GENERATE = """
from mutmut.__main__ import (copy_also_copy_files, copy_src_dir, create_mutants,
                             set_mutant_under_test, setup_source_paths)
from pathlib import Path
set_mutant_under_test("mutant_generation")
Path("mutants").mkdir(exist_ok=True)
copy_src_dir(); copy_also_copy_files(); setup_source_paths(); create_mutants({jobs})
"""


def _mutmut_section(spec: dict[str, list[str]]) -> str:
    lines = [
        "",
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f"only_mutate = {json.dumps(spec['mutate'])}",
        f"pytest_add_cli_args_test_selection = {json.dumps(spec['tests'])}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]',
        "use_git_change_detection = false",
        "",
    ]
    return "\n".join(lines)


def _prepare(package: str, spec: dict[str, list[str]]) -> Path:
    """A fresh scratch copy of the sources, tests and configuration for *package*."""
    work = SCRATCH / package
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc")
    shutil.copytree(ROOT / "src", work / "src", ignore=ignore)
    shutil.copytree(ROOT / "tests", work / "tests", ignore=ignore)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (work / "pyproject.toml").write_text(pyproject + _mutmut_section(spec), encoding="utf-8")
    return work


def _meta_files(work: Path, package: str) -> list[Path]:
    return sorted((work / "mutants" / "src" / "ivb" / package).glob("*.py.meta"))


def _mutants(work: Path, package: str) -> dict[str, dict[str, int | None]]:
    """Mutant name -> exit code (None: not run), per module."""
    out = {}
    for meta in _meta_files(work, package):
        module = meta.name.removesuffix(".py.meta")
        out[module] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return out


def _sample(by_module: dict[str, dict[str, int | None]], fraction: float, seed: int) -> list[str]:
    chosen: list[str] = []
    for module, names in sorted(by_module.items()):
        ordered = sorted(names)
        k = len(ordered) if fraction >= 1 else math.ceil(fraction * len(ordered))
        chosen.extend(random.Random(f"{seed}:{module}").sample(ordered, k))
    return chosen


def _listed() -> dict[str, dict[str, str]]:
    """Listed mutants by category (``equivalent``, ``import_time``): name pattern -> reason."""
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")) if EQUIVALENTS.exists() else {}
    return {
        category: {e["mutant"]: e["reason"] for e in data.get(category, [])}
        for category in ("equivalent", "import_time")
    }


def _category(name: str, listed: dict[str, dict[str, str]]) -> str | None:
    for category, patterns in listed.items():
        if any(fnmatch.fnmatchcase(name, p) for p in patterns):
            return category
    return None


def _verdict_file(package: str) -> Path:
    return SCRATCH / f"{package}-verdicts.json"


def _run_package(
    package: str,
    spec: dict[str, list[str]],
    fraction: float,
    seed: int,
    jobs: int,
    retest: bool,
) -> dict[str, int | None]:
    previous: dict[str, int | None] = {}
    if retest:
        if not _verdict_file(package).exists():
            sys.exit(f"--retest-survivors: no earlier run of {package} ({_verdict_file(package)})")
        previous = json.loads(_verdict_file(package).read_text(encoding="utf-8"))
    work = _prepare(package, spec)
    subprocess.run(
        [sys.executable, "-c", _GENERATE.format(jobs=jobs)],
        cwd=work,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    generated = _mutants(work, package)
    if retest:
        known = {name for names in generated.values() for name in names}
        if not set(previous) <= known:
            sys.exit(f"--retest-survivors: the source of {package} changed; run it in full")
        sample = list(previous)
        chosen = [name for name, code in previous.items() if code not in _KILLED]
    else:
        sample = chosen = _sample(generated, fraction, seed)
    listed = _listed()
    chosen = [name for name in chosen if _category(name, listed) is None]
    what = "earlier survivors" if retest else "mutants (listed ones not run)"
    print(f"== {package}: {len(chosen)} {what}, tests {' '.join(spec['tests'])}", flush=True)
    log = work / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        # mutmut takes the names as arguments; keep each command line short.
        step = 400
        for i in range(0, len(chosen), step):
            batch = chosen[i : i + step]
            subprocess.run(
                [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *batch],
                cwd=work,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
    results = _mutants(work, package)
    verdicts = {name: previous.get(name) for name in sample}
    verdicts.update({name: results[_module_of(name)].get(name) for name in chosen})
    _verdict_file(package).write_text(json.dumps(verdicts, indent=1), encoding="utf-8")
    return verdicts


def _module_of(name: str) -> str:
    # ivb.<package>.<module>.x_<function>__mutmut_<n> or ivb.<package>.<module>.xǁClassǁ...
    return name.split(".")[2]


def _report(package: str, verdicts: dict[str, int | None], listed: dict[str, dict[str, str]], goal):
    rows: dict[str, Counter[str]] = {}
    survivors = []
    for name, code in sorted(verdicts.items()):
        c = rows.setdefault(_module_of(name), Counter())
        category = _category(name, listed)
        if category is not None:
            c[category.replace("_", "-")] += 1
        elif code in _KILLED:
            c["killed"] += 1
        elif code in _SURVIVED:
            c["survived"] += 1
            survivors.append(name)
        else:
            c["not run"] += 1
    total: Counter[str] = Counter()
    head = ("killed", 8), ("survived", 10), ("equivalent", 12), ("import-time", 13)
    head += ("not run", 9), ("score", 8)
    print(f"{'module':<28}" + "".join(f"{h:>{w}}" for h, w in head))
    for module, c in sorted(rows.items()):
        total.update(c)
        print(_row(f"{package}.{module}", c))
    print(_row(f"{package} (total)", total))
    for name in survivors:
        print(f"   survived: {name}")
    decided = total["killed"] + total["survived"]
    return decided > 0 and total["killed"] / decided >= goal, total


def _row(label: str, c: Counter[str]) -> str:
    decided = c["killed"] + c["survived"]
    score = f"{100 * c['killed'] / decided:.1f}%" if decided else "-"
    return (
        f"{label:<28}{c['killed']:>8}{c['survived']:>10}{c['equivalent']:>12}"
        f"{c['import-time']:>13}{c['not run']:>9}{score:>8}"
    )


def main() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    settings = config["settings"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = ", ".join(config["packages"])
    parser.add_argument("packages", nargs="*", help=f"default: all of {names}")
    parser.add_argument("--fraction", type=float, help="overrides mutation.toml for all packages")
    parser.add_argument("--seed", type=int, default=settings["seed"])
    parser.add_argument("--jobs", type=int, default=2, help="parallel test processes")
    parser.add_argument(
        "--retest-survivors",
        action="store_true",
        help="run only the mutants that survived the last run (tests added since; same source)",
    )
    args = parser.parse_args()
    unknown = sorted(set(args.packages) - set(config["packages"]))
    if unknown:
        parser.error(f"unknown package(s) {', '.join(unknown)}; expected one of {names}")
    if args.fraction is not None and not 0 < args.fraction <= 1:
        parser.error(f"--fraction must be in (0, 1], got {args.fraction}")

    listed = _listed()
    ok = True
    summary = {}
    fractions = {}
    for package in args.packages or list(config["packages"]):
        spec = config["packages"][package]
        fractions[package] = args.fraction or spec.get("fraction", settings["fraction"])
        verdicts = _run_package(
            package, spec, fractions[package], args.seed, args.jobs, args.retest_survivors
        )
        met, total = _report(package, verdicts, listed, settings["goal"])
        ok &= met
        summary[package] = dict(total)
    if args.retest_survivors:
        print("\nkilled mutants of the last run carried over; its survivors run again")
    print(f"\nseed {args.seed}; goal {settings['goal']:.0%} of non-equivalent mutants killed")
    for package, c in summary.items():
        kind = f"sample {fractions[package]:.0%}" if fractions[package] < 1 else "all"
        decided = c.get("killed", 0) + c.get("survived", 0)
        score = c.get("killed", 0) / decided if decided else 0.0
        mark = "ok" if score >= settings["goal"] else "BELOW GOAL"
        killed, survived, equiv, imp, not_run = (
            c.get(k, 0) for k in ("killed", "survived", "equivalent", "import-time", "not run")
        )
        print(
            f"{package:<12} {kind:<11} killed {killed:>4}  survived {survived:>4}  "
            f"equivalent {equiv:>3}  import-time {imp:>3}  not run {not_run:>3}  "
            f"score {score:6.1%}  {mark}"
        )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
