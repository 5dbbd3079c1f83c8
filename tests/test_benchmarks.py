"""The benchmark scripts stay valid Python with a documented entry point, and run on a tiny size.

Speed is not measured here; the point is that the scripts keep working.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parents[1] / "benchmarks").glob("bench_*.py"))


def test_there_are_benchmarks() -> None:
    assert {p.name for p in BENCHMARKS} >= {
        "bench_load.py",
        "bench_governance.py",
        "bench_indicators.py",
    }


@pytest.mark.parametrize("path", BENCHMARKS, ids=lambda p: p.name)
def test_benchmark_compiles_and_has_main(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    compile(tree, str(path), "exec")
    assert ast.get_docstring(tree), f"{path.name} has no docstring saying what it measures"
    names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert "main" in names


#: Arguments that make each benchmark tiny: it runs end to end in seconds.
TINY = {
    "bench_crime_areas.py": ["--rows", "2000", "--repeat", "1"],
    "bench_engines.py": ["--rows", "3000", "--repeat", "1", "--in-process"],
    "bench_load.py": ["--repeat", "1", "--sizes", "2"],
    "bench_indicators.py": ["--regions", "3", "--codes", "2", "--repeat", "1"],
    "bench_governance.py": ["--repeat", "1", "--municipalities", "2", "--skip-cli"],
}

#: A line each benchmark prints when it ran to the end.
LAST_WORDS = {
    "bench_crime_areas.py": "the field check is ",
    "bench_engines.py": "ratio",
    "bench_load.py": "load a policy of     2 themes",
    "bench_indicators.py": "series: ",
    "bench_governance.py": "popolo",
}


@pytest.mark.parametrize("name", sorted(TINY))
def test_benchmark_runs_on_a_tiny_size(name: str, tmp_path: Path) -> None:
    path = BENCHMARKS[0].parent / name
    result = subprocess.run(
        [sys.executable, str(path), *TINY[name]],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=600,  # a guard against a hang, not a speed test
    )
    assert result.returncode == 0, result.stderr
    assert LAST_WORDS[name] in result.stdout, result.stdout
    assert list(tmp_path.iterdir()) == [], "the benchmark left files in the working folder"


def test_every_benchmark_has_a_tiny_size() -> None:
    assert {p.name for p in BENCHMARKS} == set(TINY)


def test_the_mutation_run_is_configured() -> None:
    root = BENCHMARKS[0].parent
    config = tomllib.loads((root / "mutation.toml").read_text(encoding="utf-8"))
    assert set(config["packages"]) == {"model", "governance", "indicators"}
    for package, spec in config["packages"].items():
        # each package's mutants are checked by that package's own unit tests only
        assert spec["tests"] == [f"tests/{package}"]
        assert spec["mutate"] == [f"src/ivb/{package}/_*.py"]
        assert 0 < spec.get("fraction", 1) <= 1
    equivalents = tomllib.loads((root / "mutation-equivalents.toml").read_text(encoding="utf-8"))
    entries = equivalents.get("equivalent", []) + equivalents.get("import_time", [])
    assert set(equivalents) <= {"equivalent", "import_time"}
    for entry in entries:
        assert set(entry) == {"mutant", "reason"}, entry
        assert entry["mutant"].split(".")[1] in config["packages"]
        assert len(entry["reason"]) > 20, entry
    result = subprocess.run(
        [sys.executable, str(root / "mutation.py"), "nope"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "unknown package(s) nope" in result.stderr


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        (
            "bench_load.py",
            ["--repeat", "1", "--sizes", "2"],
            ["import ivb; ivb.load() (cache warm)", "from the cache"],
        ),
        (
            "bench_governance.py",
            ["--repeat", "1", "--municipalities", "6"],
            [
                "ivb who-owns imports: neither networkx nor pandas",
                "ivb overview imports: neither networkx nor pandas",
                "ratio build_graph / networkx",
                "diff(policy, policy with one theme changed)",
                "Goals",
                "all queries over every node",
                "read",
            ],
        ),
    ],
)
def test_benchmark_runs_at_a_tiny_size(name: str, args: list[str], expected: list[str]) -> None:
    """Each benchmark runs end to end on a tiny input (its figures are not checked)."""
    path = next(p for p in BENCHMARKS if p.name == name)
    result = subprocess.run(
        [sys.executable, str(path), *args], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in result.stdout
