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

``--fraction 0.1`` runs a fixed, per-module (stratified) sample of a tenth of the
mutants, drawn with the seed in ``mutation.toml``; the figures are then those of the
sample, printed with the sample size, fraction and seed and a 95% Wilson interval of
the share killed. The run is incremental: the scratch copy and
mutmut's verdicts are kept, an interrupted run resumes where it stopped, and after a
change of the source only the mutants of the changed functions run again (mutmut
compares a hash of each function). After adding tests, ``--retest-survivors`` runs the
earlier survivors again and keeps the killed ones; ``--fresh`` starts over;
``--report-only`` prints the verdicts so far. The verdicts of the sample are also
written to ``build/mutation/<package>-verdicts.json`` after every batch. The exit
status is 1 when a package misses the goal. ``mutmut show NAME`` inside
``build/mutation/<package>`` shows a mutant's diff.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

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
from typing import Any
set_mutant_under_test("mutant_generation")
Path("mutants").mkdir(exist_ok=True)
copy_src_dir(); copy_also_copy_files(); setup_source_paths(); create_mutants({jobs})
"""


def _mutmut_section(spec: dict[str, Any]) -> str:
    args = ["-p", "no:cacheprovider", *(f"--ignore={path}" for path in spec.get("skip", []))]
    lines = [
        "",
        "[tool.mutmut]",
        'source_paths = ["src"]',
        'also_copy = ["benchmarks", "examples"]',
        f"only_mutate = {json.dumps(spec['mutate'])}",
        f"pytest_add_cli_args_test_selection = {json.dumps(spec['tests'])}",
        f"pytest_add_cli_args = {json.dumps(args)}",
        "use_git_change_detection = false",
        # the tests use polars, whose thread pool does not survive a fork from the
        # process that ran them: fork each mutant from a clean server process
        'process_isolation = "forkserver"',
        "",
    ]
    return "\n".join(lines)


def _prepare(scratch: str, spec: dict[str, Any], fresh: bool) -> Path:
    """The scratch copy of the sources, tests and configuration for *package*.

    A copy left by an earlier run is brought up to date file by file, so that mutmut
    keeps the verdicts of the functions whose source did not change (it compares a
    hash of each function) and regenerates only the changed modules.
    """
    work = SCRATCH / scratch
    if fresh and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    # some tests build policies with a benchmark, or read the example policies
    for tree in ("src", "tests", "benchmarks", "examples"):
        _sync(ROOT / tree, work / tree)
    # mutmut copies the package's data files (catalogs, templates) into its own copy
    # once, when it makes it: bring them up to date there too
    copied = work / "mutants" / "src"
    if copied.exists():
        for path in (ROOT / "src").rglob("*"):
            rel = path.relative_to(ROOT / "src")
            data = path.suffix not in (".py", ".pyc") and "__pycache__" not in rel.parts
            if path.is_file() and data:
                dest = copied / rel
                if not dest.exists() or dest.read_bytes() != path.read_bytes():
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, dest)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8") + _mutmut_section(spec)
    target = work / "pyproject.toml"
    if not target.exists() or target.read_text(encoding="utf-8") != pyproject:
        target.write_text(pyproject, encoding="utf-8")
    return work


def _sync(source: Path, target: Path) -> None:
    """Make *target* a copy of *source*, writing only the files whose bytes differ."""
    skip = {"__pycache__", ".hypothesis"}
    wanted = set()
    for path in source.rglob("*"):
        rel = path.relative_to(source)
        if skip & set(rel.parts) or path.suffix == ".pyc" or not path.is_file():
            continue
        wanted.add(rel)
        dest = target / rel
        if not dest.exists() or dest.read_bytes() != path.read_bytes():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)  # a fresh mtime tells mutmut the module changed
    if target.exists():
        for path in target.rglob("*"):
            rel = path.relative_to(target)
            if path.is_file() and not skip & set(rel.parts) and rel not in wanted:
                path.unlink()


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
    """A stratified sample: ``ceil(fraction * n)`` of the *n* mutants of each module.

    Each module's mutants are shuffled with a generator seeded by *seed* and the module's
    name, and the sample is a prefix of that order: the same seed gives the same sample,
    and a larger fraction keeps every mutant of a smaller one (and so its verdicts). The
    ceiling gives every module at least one mutant, so small modules are represented.
    The modules are interleaved in proportion, so the mutants decided so far in an
    unfinished run are spread over the modules as the sample is.
    """
    ranked: list[tuple[float, str, str]] = []
    for module, names in sorted(by_module.items()):
        ordered = sorted(names)
        random.Random(f"{seed}:{module}").shuffle(ordered)
        k = len(ordered) if fraction >= 1 else math.ceil(fraction * len(ordered))
        ranked.extend(((i + 0.5) / k, module, name) for i, name in enumerate(ordered[:k]))
    return [name for _, _, name in sorted(ranked)]


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
    spec: dict[str, Any],
    fraction: float,
    seed: int,
    jobs: int,
    retest: bool,
    fresh: bool,
    run: bool = True,
    only: list[str] | None = None,
    focused: bool = False,
) -> tuple[dict[str, int | None], dict[str, int]]:
    """Run the undecided mutants of the sample (and the survivors, with *retest*).

    mutmut records each verdict as it comes, so an interrupted run resumes where it
    stopped; the verdicts of the sample are also written after every batch. Returns the
    verdicts of the sample and the number of mutants of each module.
    """
    # a run against chosen tests keeps its own copy: mutmut forgets every verdict
    # when the test selection changes
    scratch = f"{package}-focused" if focused else package
    if run:
        work = _prepare(scratch, spec, fresh)
        subprocess.run(
            [sys.executable, "-c", _GENERATE.format(jobs=jobs)],
            cwd=work,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    else:  # read what is there; a run may be going on
        work = SCRATCH / scratch
        if not _meta_files(work, package):
            sys.exit(f"--report-only: no earlier run of {package} in {work}")
    generated = _mutants(work, package)
    population = {module: len(names) for module, names in generated.items()}
    sample = _sample(generated, fraction, seed)
    if only:
        sample = [n for n in sample if any(fnmatch.fnmatchcase(n, p) for p in only)]
    listed = _listed()

    def verdicts() -> dict[str, int | None]:
        codes = {n: c for names in _mutants(work, package).values() for n, c in names.items()}
        out = {name: codes.get(name) for name in sample}
        if run:
            _verdict_file(scratch).write_text(json.dumps(out, indent=1), encoding="utf-8")
        return out

    current = verdicts()
    chosen = [
        name
        for name in sample
        if _category(name, listed) is None
        and (current[name] is None or (retest and current[name] not in _KILLED))
    ]
    if not run:
        return current, population
    done = len(sample) - len(chosen)
    print(
        f"== {package}: {len(chosen)} mutants to run ({done} of the sample decided earlier "
        f"or listed), tests {' '.join(spec['tests'])}",
        flush=True,
    )
    log = work / "mutmut.log"
    with log.open("a", encoding="utf-8") as out:
        # mutmut takes the names as arguments; keep each command line short.
        step = 300
        for i in range(0, len(chosen), step):
            batch = chosen[i : i + step]
            before = sum(current[n] is None for n in chosen)
            done_run = subprocess.run(
                [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *batch],
                cwd=work,
                env={**os.environ, **spec.get("env", {})},
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
            current = verdicts()
            left = sum(current[n] is None for n in chosen)
            if done_run.returncode != 0 and left == before:
                # mutmut stops before any mutant when the tests fail on the unmutated
                # code (its "stats" run): say so, rather than report every mutant undecided
                out.flush()
                tail = log.read_text(encoding="utf-8", errors="replace")[-400:]
                sys.exit(
                    f"{package}: mutmut stopped (exit {done_run.returncode}) without a verdict; "
                    f"do the tests pass in {work / 'mutants'}? The end of {log}:\n"
                    + tail.split("\r")[-1]
                )
            print(
                f"   {package}: {i + len(batch)} of {len(chosen)} run, {left} undecided", flush=True
            )
    return current, population


def _focused_kills(package: str, spec: dict[str, Any]) -> dict[str, int]:
    """Mutants killed by a run against chosen tests that are part of *package*'s tests.

    A mutant that fails some of the package's tests fails the package's test run, so
    such a kill counts for the package (a survival against chosen tests does not).
    """
    work = SCRATCH / f"{package}-focused"
    config = work / "pyproject.toml"
    if not config.exists():
        return {}
    chosen = tomllib.loads(config.read_text(encoding="utf-8"))["tool"]["mutmut"][
        "pytest_add_cli_args_test_selection"
    ]
    roots = [Path(t) for t in spec["tests"]]
    skipped = [Path(t) for t in spec.get("skip", [])]
    for test in map(Path, chosen):
        inside = any(test == r or r in test.parents for r in roots)
        if not inside or any(test == s or s in test.parents for s in skipped):
            return {}
    codes = {n: c for names in _mutants(work, package).values() for n, c in names.items()}
    return {n: c for n, c in codes.items() if c in _KILLED}


def _module_of(name: str) -> str:
    # ivb.<package>.<module>.x_<function>__mutmut_<n> or ivb.<package>.<module>.xǁClassǁ...
    return name.split(".")[2]


def wilson(killed: int, decided: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of the share *killed* / *decided* (95% for z = 1.96).

    Unlike the normal approximation it stays within [0, 1] and does not shrink to a
    point when every sampled mutant was killed, so a small sample says how little it knows.

    >>> [round(x, 3) for x in wilson(9, 10)]
    [0.596, 0.982]
    >>> [round(x, 3) for x in wilson(10, 10)]
    [0.722, 1.0]
    """
    if decided == 0:
        return 0.0, 1.0
    p = killed / decided
    z2 = z * z
    centre = (p + z2 / (2 * decided)) / (1 + z2 / decided)
    half = z / (1 + z2 / decided) * math.sqrt(p * (1 - p) / decided + z2 / (4 * decided**2))
    return max(0.0, centre - half), min(1.0, centre + half)


def _report(
    package: str,
    verdicts: dict[str, int | None],
    population: dict[str, int],
    listed: dict[str, dict[str, str]],
    goal: float,
) -> tuple[bool, Counter[str]]:
    rows: dict[str, Counter[str]] = {m: Counter(mutants=n) for m, n in population.items()}
    survivors = []
    for name, code in sorted(verdicts.items()):
        c = rows.setdefault(_module_of(name), Counter())
        c["sampled"] += 1
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
    head = ("mutants", 8), ("sampled", 8), ("killed", 8), ("survived", 9), ("equivalent", 11)
    head += ("import-time", 12), ("not run", 8), ("score", 8), ("95% interval", 15)
    print(f"{'module':<32}" + "".join(f"{h:>{w}}" for h, w in head))
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
    low, high = wilson(c["killed"], decided)
    interval = f"{100 * low:.1f}-{100 * high:.1f}%" if decided else "-"
    return (
        f"{label:<32}{c['mutants']:>8}{c['sampled']:>8}{c['killed']:>8}{c['survived']:>9}"
        f"{c['equivalent']:>11}{c['import-time']:>12}{c['not run']:>8}{score:>8}{interval:>15}"
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
        help="run the survivors of earlier runs again (after adding tests), besides new mutants",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="PATTERN",
        help="only the mutants whose name matches (fnmatch; repeatable), e.g. "
        "'ivb.indicators._claims.x__check_trend__mutmut_*'",
    )
    parser.add_argument(
        "--tests",
        nargs="+",
        metavar="PATH",
        help="run the mutants against these tests only (a quick check of new tests; "
        "kept apart from the package's run, in build/mutation/<package>-focused; the "
        "mutants it kills with the package's tests count as killed in the package's report)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="forget earlier verdicts and start over (default: resume, keeping them)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="print the verdicts so far without running anything",
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
        if args.tests:
            spec = {**spec, "tests": args.tests}
        fractions[package] = args.fraction or spec.get("fraction", settings["fraction"])
        verdicts, population = _run_package(
            package,
            spec,
            fractions[package],
            args.seed,
            args.jobs,
            args.retest_survivors,
            args.fresh,
            run=not args.report_only,
            only=args.only,
            focused=bool(args.tests),
        )
        if not args.tests:
            kills = _focused_kills(package, spec)
            carried = [n for n, c in verdicts.items() if c not in _KILLED and n in kills]
            verdicts.update((n, kills[n]) for n in carried)
            if carried:
                print(
                    f"{package}: {len(carried)} mutants killed by a run against chosen tests "
                    f"of the package (build/mutation/{package}-focused) counted as killed"
                )
        met, total = _report(package, verdicts, population, listed, settings["goal"])
        ok &= met
        summary[package] = dict(total)
    if args.retest_survivors:
        print("\nkilled mutants of earlier runs carried over; their survivors ran again")
    goal = settings["goal"]
    print(f"\ngoal: at least {goal:.0%} of the non-equivalent mutants killed, per package")
    if args.tests:
        print(f"tests: {' '.join(args.tests)} only -- a check of those tests, not the score")
    if args.only:
        print(f"only the mutants matching {' '.join(args.only)} -- not the package's score")
    for package, c in summary.items():
        killed, survived, equiv, imp, not_run = (
            c.get(k, 0) for k in ("killed", "survived", "equivalent", "import-time", "not run")
        )
        mutants, sampled = c.get("mutants", 0), c.get("sampled", 0)
        decided = killed + survived
        score = killed / decided if decided else 0.0
        low, high = wilson(killed, decided)
        if args.only:
            kind = f"{sampled} mutants of the sample chosen with --only, of {mutants}"
            share = f"share killed {score:.1%}"
        elif sampled < mutants:
            kind = (
                f"sample of {sampled} of {mutants} mutants (fraction {fractions[package]:g} "
                f"of each module, seed {args.seed})"
            )
            share = f"share killed {score:.1%} (95% Wilson interval {low:.1%} to {high:.1%})"
        else:
            kind = f"all {mutants} mutants"
            share = f"share killed {score:.1%}"
        if not decided:
            share = "no verdicts yet"
        elif not_run:
            share += f"; {not_run} of the sample not run yet"
        mark = "ok" if decided and score >= goal else "BELOW GOAL"
        print(
            f"{package}: {kind}\n    killed {killed}, survived {survived}, equivalent {equiv}, "
            f"import-time {imp}, not run {not_run}; {share}  {mark}"
        )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
