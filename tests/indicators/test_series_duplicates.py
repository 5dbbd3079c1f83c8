"""A series with more than one value for a period whose value is read is refused on every engine.

:func:`ivb.indicators.evaluate_series` reads, per series, the value at the baseline
period, at the latest period after it and (without one) at the last period before the
start. Two published values for one of those periods make the result depend on which
row an engine reads first, so every engine refuses the frame with the same error,
naming the first such series (in the order of its key texts) and the period.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from ivb.indicators import (
    MeasurementsError,
    available_engines,
    evaluate_series,
    to_engine,
    to_pandas,
)
from ivb.model import Baseline, SourceRef, Target, Unit
from tests.indicators.conftest import OnEngine, engine_param

ENGINES = [engine_param(e) for e in ("pandas", "polars", "duckdb", "dask")]


def frame(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    """A tidy frame of (region, period, value) rows of one indicator."""
    return pd.DataFrame(
        {
            "indicator": "x",
            "region": [r for r, _, _ in rows],
            "period": [p for _, p, _ in rows],
            "value": [v for _, _, v in rows],
        }
    )


def message(period: str, region: str) -> str:
    return (
        f"frame: more than one value for period '{period}' of the series indicator='x', "
        f"region='{region}'; give one row per series and period"
    )


def refused(engine: str, data: pd.DataFrame, **kwargs: Any) -> str:
    """The error message of evaluate_series on *engine* (a Polars frame: also lazily)."""
    kwargs = {"direction": "lower", "horizon": "2027", **kwargs}
    natives = [to_engine(data, engine)]
    if engine == "polars":
        natives.append(natives[0].lazy())
    texts = set()
    for native in natives:
        with pytest.raises(MeasurementsError) as info:
            evaluate_series(native, **kwargs)
        texts.add(str(info.value))
    assert len(texts) == 1, texts
    return texts.pop()


@pytest.mark.parametrize("engine", ENGINES)
def test_two_values_for_the_latest_period(engine: str) -> None:
    data = frame([("A", "2022", 1.0), ("A", "2025", 2.0), ("A", "2025", 3.0)])
    assert refused(engine, data, base_period="2022") == message("2025", "A")
    assert refused(engine, data, start="2024") == message("2025", "A")
    # the same value twice is still two rows
    same = frame([("A", "2022", 1.0), ("A", "2025", 2.0), ("A", "2025", 2.0)])
    assert refused(engine, same, base_period="2022") == message("2025", "A")


@pytest.mark.parametrize("engine", ENGINES)
def test_two_values_for_the_baseline_period(engine: str) -> None:
    data = frame([("A", "2022", 1.0), ("A", "2022", 5.0), ("A", "2025", 2.0)])
    assert refused(engine, data, base_period="2022") == message("2022", "A")


@pytest.mark.parametrize("engine", ENGINES)
def test_two_values_for_the_period_before_the_start(engine: str) -> None:
    # no baseline period: the last value before the start is the baseline
    data = frame([("A", "2021", 1.0), ("A", "2023", 4.0), ("A", "2023", 5.0), ("A", "2025", 2.0)])
    assert refused(engine, data, start="2024") == message("2023", "A")
    # a baseline period without a value: the last value before the start again
    assert refused(engine, data, base_period="2022", start="2024") == message("2023", "A")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_first_series_in_key_order_is_named(engine: str) -> None:
    data = frame(
        [
            ("C", "2022", 1.0),
            ("C", "2022", 2.0),
            ("C", "2025", 1.0),
            ("B", "2022", 1.0),
            ("B", "2025", 1.0),
            ("B", "2025", 4.0),
            ("A", "2022", 1.0),
            ("A", "2025", 1.0),
        ]
    )
    assert refused(engine, data, base_period="2022") == message("2025", "B")


def test_duplicates_whose_values_are_not_read_are_accepted(on: OnEngine) -> None:
    data = frame(
        [
            # a second row without a value for the latest period: one published value
            ("A", "2022", 1.0),
            ("A", "2025", 2.0),
            ("A", "2025", np.nan),
            # two values for a period between the baseline and the latest
            ("B", "2022", 1.0),
            ("B", "2023", 3.0),
            ("B", "2023", 4.0),
            ("B", "2025", 5.0),
            # two values before the start, where the baseline period has a value
            ("C", "2019", 1.0),
            ("C", "2019", 2.0),
            ("C", "2022", 3.0),
            ("C", "2025", 2.0),
        ]
    )
    out = on.evaluate_series(data, direction="lower", horizon="2027", base_period="2022")
    assert out["latest"].tolist() == [2.0, 5.0, 2.0]
    assert out["baseline"].tolist() == [1.0, 1.0, 3.0]
    out = on.evaluate_series(
        data, direction="lower", horizon="2027", base_period="2022", start="2024"
    )
    assert out["baseline_period"].tolist() == ["2022", "2022", "2022"]


def test_duplicates_are_refused_through_the_cross_engine_check(on: OnEngine) -> None:
    data = frame([("A", "2022", 1.0), ("A", "2025", 2.0), ("A", "2025", 3.0)])
    with pytest.raises(MeasurementsError, match="more than one value for period '2025'"):
        on.evaluate_series(data, direction="lower", horizon="2027", base_period="2022")


def test_a_target_over_duplicate_rows_is_refused(on: OnEngine) -> None:
    target = Target(
        id="inbraken",
        name="Minder inbraken",
        indicators=["x"],
        statement="-10%",
        comparison="change-by",
        change_pct=-10,
        baseline=Baseline(value=100, unit=Unit.COUNT, period="2023"),
        horizon="2027",
        source=SourceRef("ivb", "Inbraken"),
    )
    data = frame([("GM0303", "2025", 90.0), ("GM0303", "2025", 95.0)])
    with pytest.raises(MeasurementsError, match=r"period '2025' of the series indicator='x'"):
        on.evaluate_target(target, data, region="GM0303")


@pytest.mark.skipif("polars" not in available_engines(), reason="polars is not installed")
def test_clean_frames_give_the_same_results_on_every_engine() -> None:
    rng = np.random.default_rng(7)
    rows = [
        (f"R{r}", f"{2020 + m // 12}-{1 + m % 12:02d}", float(rng.integers(0, 9)))
        for r in range(30)
        for m in range(48)
        if rng.random() > 0.1
    ]
    data = frame(rows)
    data.loc[rng.random(len(data)) < 0.1, "value"] = np.nan
    kwargs = {"direction": "higher", "horizon": "2023", "base_period": "2021-06"}
    expected = evaluate_series(data, **kwargs).sort_values("region").reset_index(drop=True)
    for engine in available_engines()[1:]:
        got = to_pandas(evaluate_series(to_engine(data, engine), **kwargs))
        got = got.sort_values("region").reset_index(drop=True)
        pd.testing.assert_frame_equal(
            got.astype(object).where(got.notna(), None),
            expected.astype(object).where(expected.notna(), None),
        )


def test_many_values_for_a_period_that_is_not_read_are_accepted(on: OnEngine) -> None:
    # 300 values for 2023 between the baseline and the latest value, which is one
    data = frame([("A", "2022", 1.0), *[("A", "2023", 2.0)] * 300, ("A", "2025", 3.0)])
    out = on.evaluate_series(data, direction="lower", horizon="2027", base_period="2022")
    assert out["latest"].tolist() == [3.0]
    # and two values for the latest period next to them are still refused
    many = frame(
        [("A", "2022", 1.0), *[("A", "2023", 2.0)] * 300, ("A", "2025", 3.0), ("A", "2025", 3.0)]
    )
    with pytest.raises(MeasurementsError, match="more than one value for period '2025'"):
        on.evaluate_series(many, direction="lower", horizon="2027", base_period="2022")


@pytest.mark.parametrize("engine", ENGINES)
def test_numeric_periods_are_refused_on_every_engine(engine: str) -> None:
    # 2022 as a number matches no period given as text: refused, not read as no data
    data = pd.DataFrame(
        {
            "indicator": "x",
            "region": ["GM0171"] * 3,
            "period": [2024, 2022, 2023],
            "value": [3.0, 1.0, 2.0],
        }
    )
    assert refused(engine, data, base_period="2022") == (
        "period: expected text period codes such as '2024' or '2024-03', got int 2022; "
        "convert the column to text first"
    )


def months(first: int, last: int) -> list[str]:
    """The months ``2024-01`` .. of 2024 and 2025 with the given 0-based numbers."""
    return [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(first, last + 1)]


def monthly(region: str, periods: list[str], value: float = 1.0) -> list[tuple[str, str, float]]:
    return [(region, p, value + i) for i, p in enumerate(periods)]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("last", [23, 22, 17, 12, 3])
def test_a_duplicate_at_a_series_own_latest_period_is_refused(engine: str, last: int) -> None:
    # A ends in the last month of all; B ends *last*: at one of the last months, or
    # long before them (where its number of values is counted once more, exactly)
    rows = monthly("A", months(0, 23)) + monthly("B", months(0, last))
    ended = months(last, last)[0]
    data = frame([*rows, ("B", ended, 9.0)])
    assert refused(engine, data, base_period="2024-01") == message(ended, "B")
    # without the second row: accepted, with B's own latest value
    out = to_pandas(
        evaluate_series(
            to_engine(frame(rows), engine),
            direction="lower",
            horizon="2027",
            base_period="2024-01",
        )
    ).sort_values("region")
    assert out["latest_period"].tolist() == ["2025-12", ended]
    assert out["latest"].tolist() == [24.0, float(last + 1)]


@pytest.mark.parametrize("engine", ENGINES)
def test_series_ending_early_without_duplicates_are_accepted(engine: str) -> None:
    # twelve series end long before the last month, each at another month; those of
    # three months or more have two values for February (read by none of them), and
    # one has a second row without a value for its latest month
    rows = monthly("A", months(0, 23))
    for i in range(1, 13):
        rows += monthly(f"R{i:02d}", months(0, i))
        if i >= 3:
            rows.append((f"R{i:02d}", "2024-02", 5.0))
    data = frame(rows)
    extra = pd.DataFrame(
        {"indicator": "x", "region": ["R05"], "period": ["2024-06"], "value": [np.nan]}
    )
    data = pd.concat([data, extra], ignore_index=True)
    out = to_pandas(
        evaluate_series(
            to_engine(data, engine), direction="lower", horizon="2027", base_period="2024-01"
        )
    ).sort_values("region")
    assert out["latest_period"].tolist() == ["2025-12", *(months(i, i)[0] for i in range(1, 13))]
    assert out["latest"].tolist() == [24.0, *(float(i + 1) for i in range(1, 13))]
