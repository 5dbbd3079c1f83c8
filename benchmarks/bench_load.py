"""Benchmark: parsing and validating a policy file.

Measures, in fresh processes, the time to ``import ivb`` and to load the bundled
policy (YAML parse, structuring, reference checks), and in-process the time to
load a synthetic policy file of a given size. Prints a table; asserts nothing.

Run: ``python benchmarks/bench_load.py [--repeat N] [--sizes 10,100,1000]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _fresh(code: str, repeat: int) -> float:
    """Median wall time of running *code* in a new interpreter, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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
    return ivb.dumps(attrs.evolve(base, themes=themes, principles=()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--sizes", default="10,100,1000", help="themes of the synthetic policies, comma-separated"
    )
    args = parser.parse_args()

    baseline = _fresh("import attrs, yaml", args.repeat)
    imp = _fresh("import ivb", args.repeat)
    load = _fresh("import ivb; ivb.load()", args.repeat)
    label = 'python -c "import attrs, yaml"'
    print(f"{label:<40} {baseline:8.1f} ms")
    print(f"{'import ivb':<40} {imp:8.1f} ms  ({imp / baseline:.2f}x)")
    print(f"{'import ivb; ivb.load()':<40} {load:8.1f} ms  ({load / baseline:.2f}x)")

    import ivb

    for n in (int(x) for x in args.sizes.split(",")):
        text = _synthetic(n)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "p.yaml"
            path.write_text(text, encoding="utf-8")
            times = []
            for _ in range(3):
                start = time.perf_counter()
                ivb.load(path)
                times.append(time.perf_counter() - start)
        kib = len(text.encode()) / 1024
        print(f"load synthetic policy, {n:>5} themes ({kib:8.0f} KiB) {min(times) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
