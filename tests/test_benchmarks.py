"""The benchmark scripts stay valid Python with a documented entry point and run at a tiny size."""

from __future__ import annotations

import ast
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
    import subprocess
    import sys

    path = next(p for p in BENCHMARKS if p.name == name)
    result = subprocess.run(
        [sys.executable, str(path), *args], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    for text in expected:
        assert text in result.stdout
