"""Benchmark: importing ivb and loading a policy file, with and without the policy cache.

Measures, in fresh processes and against ``python -c "import attrs, yaml"`` run
in the same rounds (paired and interleaved, medians of the per-round ratios),
``import ivb`` and ``import ivb; ivb.load()`` of the bundled policy, with the
cache warm (as after a first load) and turned off; then, in this process, the
time to load synthetic policy files of a few sizes, parsed and checked (cache
off) and from the cache. Bytecode goes to a temporary ``PYTHONPYCACHEPREFIX``.
Prints a table; asserts nothing. ``--repeat 1 --sizes 2`` runs in seconds.

Run: ``python benchmarks/bench_load.py [--repeat N] [--sizes 10,100,1000]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of running *cmd* once in a new process, in milliseconds."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)
    return (time.perf_counter() - start) * 1000


def _synthetic(n_themes: int) -> str:
    """A valid policy text with *n_themes* themes of five actions each."""
    import attrs

    import ivb

    base = ivb.load()
    theme = base.themes[0]

    themes = []
    for i in range(n_themes):
        actions = [attrs.evolve(a, id=f"t{i}.a{j}") for j, a in enumerate(theme.actions[:5])]
        themes.append(attrs.evolve(theme, id=f"t{i}", actions=actions))
    return ivb.dumps(attrs.evolve(base, themes=themes, principles=(), citations=()))


def _fresh(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
        env["IVB_CACHE_DIR"] = os.path.join(tmp, "cache")
        off = {**env, "IVB_CACHE_DIR": "off"}
        py = sys.executable
        baseline = [py, "-c", "import attrs, yaml"]
        commands = {
            "import ivb": ([py, "-c", "import ivb"], env),
            "import ivb; ivb.load() (cache warm)": ([py, "-c", "import ivb; ivb.load()"], env),
            "import ivb; ivb.load() (cache off)": ([py, "-c", "import ivb; ivb.load()"], off),
        }
        for cmd, e in [(baseline, env), *commands.values()]:  # bytecode and cache written
            _run(cmd, e)
        bases: list[float] = []
        times: dict[str, list[float]] = {label: [] for label in commands}
        ratios: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(repeat):
            for label, (cmd, e) in commands.items():
                b = _run(baseline, env)
                t = _run(cmd, e)
                bases.append(b)
                times[label].append(t)
                ratios[label].append(t / b)
    label = 'python -c "import attrs, yaml"'
    print(f"Fresh processes ({repeat} interleaved rounds, medians)")
    print(f"  {label:<40} {statistics.median(bases):8.1f} ms     1.00x")
    for label in commands:
        ms, ratio = statistics.median(times[label]), statistics.median(ratios[label])
        print(f"  {label:<40} {ms:8.1f} ms  {ratio:6.2f}x")


def _in_process(sizes: list[int]) -> None:
    import ivb

    print("In this process (best of three):")
    saved = os.environ.get("IVB_CACHE_DIR")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            for n in sizes:
                text = _synthetic(n)
                path = Path(tmp) / f"p{n}.yaml"
                path.write_text(text, encoding="utf-8")
                found = {}
                for mode, where in (("parsed", "off"), ("cached", os.path.join(tmp, "cache"))):
                    os.environ["IVB_CACHE_DIR"] = where
                    ivb.load(path)  # fills the cache
                    times = []
                    for _ in range(3):
                        start = time.perf_counter()
                        ivb.load(path)
                        times.append(time.perf_counter() - start)
                    found[mode] = min(times) * 1000
                kib = len(text.encode()) / 1024
                print(
                    f"  load a policy of {n:>5} themes ({kib:6.0f} KiB): "
                    f"parsed and checked {found['parsed']:8.1f} ms, "
                    f"from the cache {found['cached']:7.1f} ms"
                )
        finally:
            if saved is None:
                os.environ.pop("IVB_CACHE_DIR", None)
            else:
                os.environ["IVB_CACHE_DIR"] = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--sizes", default="10,100,1000", help="comma-separated numbers of themes to load"
    )
    args = parser.parse_args()
    _fresh(args.repeat)
    _in_process([int(n) for n in args.sizes.split(",") if n])


if __name__ == "__main__":
    main()
