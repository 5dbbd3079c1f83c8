"""The engines benchmark runs at a tiny size: every installed engine, both sides agree."""

from __future__ import annotations

import importlib.util

import pytest

from tests.scripts import load_script


@pytest.fixture(scope="module")
def bench() -> object:
    return load_script("benchmarks/bench_engines.py", register=True)


def test_tiny_run_on_every_installed_engine(
    bench: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from ivb.indicators import available_engines

    results = bench.main(["--rows", "3000", "--repeat", "1", "--in-process"])  # type: ignore[attr-defined]
    engines = list(available_engines()) if importlib.util.find_spec("polars") else ["pandas"]
    assert list(results) == ["change", "target"]
    for by_engine in results.values():
        assert list(by_engine) == engines
        for sides in by_engine.values():
            assert sides["ivb"]["seconds"] > 0 and sides["hand"]["seconds"] > 0
    printed = capsys.readouterr().out
    assert printed.startswith("2,880 rows") and "ratio" in printed
    assert "evaluate_series(base '2023-01', horizon '2024')" in printed


def test_the_hand_written_target_query_agrees_on_categorical_text(bench: object) -> None:
    from ivb.indicators import available_engines

    engines = [e for e in ("polars", "duckdb") if e in available_engines()]
    if not engines:
        pytest.skip("neither polars nor duckdb is installed")
    results = bench.main(  # type: ignore[attr-defined]
        ["--rows", "3000", "--repeat", "1", "--in-process", "--categorical", "--queries",
         "target", "--engines", *engines]
    )  # fmt: skip
    assert list(results["target"]) == engines


def test_the_synthetic_table_has_the_asked_shape(bench: object) -> None:
    frame = bench.synthetic(7200)  # type: ignore[attr-defined]
    assert len(frame) == 7200 and frame["region"].nunique() == 10
    assert frame["period"].nunique() == 24 and frame["category"].nunique() == 30
    assert set(frame["region"].astype(str).str[:2]) == {"BU"}
