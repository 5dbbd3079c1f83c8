"""The benchmark scripts stay valid Python with a documented entry point (they are not run here)."""

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
