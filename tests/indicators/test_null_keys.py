"""A series whose key holds a missing value is one series, on every engine.

Grouping keeps a null key as a group of its own (pandas with ``dropna=False``, the
other engines by default), but the engines' joins leave null keys unmatched. Every
indicator function that joins a series with its own aggregate (its base value, its
total, its latest period) must therefore still find the series' row, or its result
would silently be missing on one engine and present on another.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ivb.indicators import MeasurementsError
from tests.indicators.conftest import OnEngine

ROWS = [
    ("GM0171", None, "2023", 1.0),
    ("GM0171", None, "2024", 2.0),
    ("GM0171", "", "2023", 6.0),
    ("GM0171", "", "2024", 3.0),
    ("GM0303", "x", "2023", 4.0),
    ("GM0303", "x", "2024", 2.0),
    ("NL", None, "2023", 10.0),
    ("NL", None, "2024", 20.0),
    ("NL", "", "2023", 12.0),
    ("NL", "", "2024", 12.0),
    ("NL", "x", "2023", 8.0),
    ("NL", "x", "2024", 8.0),
]


def frame(rows: list[tuple[str, str | None, str, float]] = ROWS) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": "x",
            "region": [r for r, _, _, _ in rows],
            "category": pd.Series([c for _, c, _, _ in rows], dtype=object),
            "period": [p for _, _, p, _ in rows],
            "value": [v for _, _, _, v in rows],
        }
    )


def column(out: pd.DataFrame, name: str) -> list[tuple[str, str, float]]:
    """(region, category, value) of each row, a missing category as ``"-"``."""
    cats = out["category"].astype(object).where(out["category"].notna(), "-")
    periods = out["period"] if "period" in out.columns else out["latest_period"]
    return sorted(
        (str(r), str(c), str(p), float(v))
        for r, c, p, v in zip(out["region"], cats, periods, out[name], strict=True)
    )


def test_index_to_finds_the_base_of_a_series_with_a_missing_key(on: OnEngine) -> None:
    out = on.index_to(frame(), "2023")
    got = {(r, c, p): v for r, c, p, v in column(out, "index")}
    assert got[("GM0171", "-", "2024")] == 200.0
    assert got[("GM0171", "", "2024")] == 50.0
    assert got[("NL", "-", "2024")] == 200.0
    assert len(got) == len(ROWS)


def test_share_of_finds_the_total_of_a_series_with_a_missing_key(on: OnEngine) -> None:
    out = on.share_of(frame(), "NL")
    got = {(r, c, p): v for r, c, p, v in column(out, "share_pct")}
    assert got[("GM0171", "-", "2023")] == 10.0
    assert got[("GM0171", "-", "2024")] == 10.0
    assert got[("GM0171", "", "2023")] == 50.0
    assert got[("GM0171", "", "2024")] == 25.0
    assert got[("GM0303", "x", "2024")] == 25.0


def test_change_keeps_a_series_with_a_missing_key(on: OnEngine) -> None:
    out = on.change(frame(), "2023", "2024")
    assert column(out, "change") == [
        ("GM0171", "", "2024", -3.0),
        ("GM0171", "-", "2024", 1.0),
        ("GM0303", "x", "2024", -2.0),
        ("NL", "", "2024", 0.0),
        ("NL", "-", "2024", 10.0),
        ("NL", "x", "2024", 0.0),
    ]


def test_a_target_reads_the_latest_value_of_a_series_with_a_missing_key(
    on: OnEngine,
) -> None:
    out = on.evaluate_series(frame(), direction="lower", horizon="2024", base_period="2023")
    assert column(out, "latest") == [
        ("GM0171", "", "2024", 3.0),
        ("GM0171", "-", "2024", 2.0),
        ("GM0303", "x", "2024", 2.0),
        ("NL", "", "2024", 12.0),
        ("NL", "-", "2024", 20.0),
        ("NL", "x", "2024", 8.0),
    ]
    assert sorted(out["status"]) == ["achieved"] * 2 + ["not-achieved"] * 4


@pytest.mark.parametrize("period", ["2023", "2024"])
def test_two_values_in_a_series_with_a_missing_key_are_refused(on: OnEngine, period: str) -> None:
    data = frame([*ROWS, ("GM0171", None, period, 5.0)])
    with pytest.raises(MeasurementsError) as info:
        on.evaluate_series(data, direction="lower", horizon="2024", base_period="2023")
    # the missing key is written None, the empty one in quotes
    assert str(info.value) == (
        f"frame: more than one value for period '{period}' of the series indicator='x', "
        "region='GM0171', category=None; give one row per series and period"
    )
    data = frame([*ROWS, ("GM0171", "", period, 5.0), ("GM0171", None, period, 5.0)])
    with pytest.raises(MeasurementsError, match="category=None;"):
        on.evaluate_series(data, direction="lower", horizon="2024", base_period="2023")
    data = frame([*ROWS, ("GM0171", "", period, 5.0)])
    with pytest.raises(MeasurementsError, match="category='';"):
        on.evaluate_series(data, direction="lower", horizon="2024", base_period="2023")


def test_many_values_beside_a_missing_key_need_the_exact_count(on: OnEngine) -> None:
    # 300 values for 2024, between the baseline and the latest period, flag the series
    # for an exact count, which must find the series with the missing key again
    rows = [
        ("GM0171", None, "2023", 1.0),
        *[("GM0171", None, "2024", 2.0)] * 300,
        ("GM0171", None, "2025", 3.0),
        ("GM0171", "x", "2023", 1.0),
        ("GM0171", "x", "2025", 0.5),
    ]
    out = on.evaluate_series(frame(rows), direction="lower", horizon="2025", base_period="2023")
    assert column(out, "latest") == [("GM0171", "-", "2025", 3.0), ("GM0171", "x", "2025", 0.5)]
    with pytest.raises(MeasurementsError, match="more than one value for period '2025'"):
        on.evaluate_series(
            frame([*rows, ("GM0171", None, "2025", 3.0)]),
            direction="lower",
            horizon="2025",
            base_period="2023",
        )
