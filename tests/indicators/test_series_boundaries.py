"""``evaluate_series`` at the start of the policy period and at the baseline period.

A policy running from 2024 compares what is measured from 2024 on with the last value
before 2024 (or with the value of its baseline period). The year 2024 itself is the first
that counts; a value of the baseline period itself never counts as progress.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ivb.indicators import TargetStatus, evaluate_series

COLUMNS = [
    "indicator",
    "region",
    "baseline_period",
    "baseline",
    "baseline_from",
    "latest_period",
    "latest",
    "change",
    "change_pct",
    "status",
]

#: A: 2022-2024; B: 2023 (zero) and 2025; C: only 2024 (nothing before the start).
FRAME = pd.DataFrame(
    {
        "indicator": "x",
        "region": ["A", "A", "A", "B", "B", "C"],
        "period": ["2022", "2023", "2024", "2023", "2025", "2024"],
        "value": [5.0, 6.0, 7.0, 0.0, 2.0, 9.0],
    }
)


def _by_region(result: pd.DataFrame) -> dict[str, dict[str, object]]:
    assert result.columns.tolist() == COLUMNS
    return {r["region"]: r for r in result.to_dict("records")}


def test_the_first_year_of_the_policy_counts_and_the_year_before_is_the_baseline() -> None:
    rows = _by_region(evaluate_series(FRAME, direction="higher", horizon="2027", start="2024"))
    assert list(rows) == ["A", "B", "C"]  # in the order of the frame
    a = rows["A"]
    assert (a["baseline_period"], a["baseline"]) == ("2023", 6.0)
    assert a["baseline_from"] == "measurements"
    assert (a["latest_period"], a["latest"], a["change"]) == ("2024", 7.0, 1.0)
    assert a["change_pct"] == pytest.approx(100 / 6)
    assert a["status"] == TargetStatus.ON_TRACK.value
    # a baseline of zero: a change, but no percentage
    b = rows["B"]
    assert (b["baseline"], b["latest_period"], b["change"]) == (0.0, "2025", 2.0)
    assert math.isnan(b["change_pct"])
    # nothing before the start: the 2024 value is the latest, and there is no baseline
    c = rows["C"]
    assert pd.isna(c["baseline_period"]) and math.isnan(c["baseline"])
    assert c["baseline_from"] == "none"
    assert (c["latest_period"], c["latest"]) == ("2024", 9.0)
    assert c["status"] == TargetStatus.NO_DATA.value


def test_a_value_of_the_first_year_is_never_its_own_baseline() -> None:
    frame = pd.DataFrame({"indicator": "x", "region": "A", "period": ["2024"], "value": [7.0]})
    (row,) = evaluate_series(frame, direction="higher", horizon="2027", start="2024").to_dict(
        "records"
    )
    assert row["baseline_from"] == "none" and row["latest_period"] == "2024"
    assert row["status"] == TargetStatus.NO_DATA.value


@pytest.mark.parametrize(
    ("before", "first", "start"),
    [
        ("2023-Q4", "2024-Q1", "2024-Q1"),
        ("2023-12", "2024-01", "2024"),
        ("2023-12-31", "2024-01-01", "2024"),  # the first day counts, the day before does not
    ],
)
def test_the_first_quarter_month_or_day_counts_from_the_start(
    before: str, first: str, start: str
) -> None:
    frame = pd.DataFrame(
        {"indicator": "x", "region": "A", "period": [before, first], "value": [6.0, 7.0]}
    )
    (row,) = evaluate_series(frame, direction="higher", horizon="2027", start=start).to_dict(
        "records"
    )
    assert (row["baseline_period"], row["latest_period"]) == (before, first)
    assert row["status"] == TargetStatus.ON_TRACK.value


def test_the_baseline_period_wins_over_the_year_before_the_start() -> None:
    rows = _by_region(
        evaluate_series(FRAME, direction="higher", horizon="2027", base_period="2022", start="2024")
    )
    assert (rows["A"]["baseline_period"], rows["A"]["baseline"]) == ("2022", 5.0)
    assert rows["A"]["change"] == 2.0 and rows["A"]["change_pct"] == pytest.approx(40.0)
    # B has no 2022 value: the last one before the start stands in
    assert (rows["B"]["baseline_period"], rows["B"]["baseline"]) == ("2023", 0.0)


def test_only_what_follows_the_baseline_period_is_progress() -> None:
    rows = _by_region(
        evaluate_series(FRAME, direction="higher", horizon="2027", base_period="2023")
    )
    # A: 2024 follows 2023; the 2022 value is older than the baseline and ignored
    assert (rows["A"]["baseline"], rows["A"]["latest_period"]) == (6.0, "2024")
    # C has no 2023 value and no start was given: no baseline, no verdict
    assert rows["C"]["baseline_from"] == "none"
    assert rows["C"]["status"] == TargetStatus.NO_DATA.value
    only_base = FRAME[FRAME["period"] == "2023"]
    rows = _by_region(
        evaluate_series(only_base, direction="higher", horizon="2027", base_period="2023")
    )
    assert pd.isna(rows["A"]["latest_period"]) and math.isnan(rows["A"]["latest"])
    assert rows["A"]["status"] == TargetStatus.NO_DATA.value


def test_a_policy_baseline_is_used_for_every_series() -> None:
    rows = _by_region(
        evaluate_series(
            FRAME, direction="lower", horizon="2024", baseline=8.0, base_period="2023", as_of="2025"
        )
    )
    for region, latest, status in [
        ("A", 7.0, TargetStatus.ACHIEVED),
        ("B", 2.0, TargetStatus.ACHIEVED),
        ("C", 9.0, TargetStatus.NOT_ACHIEVED),
    ]:
        row = rows[region]
        assert (row["baseline"], row["baseline_from"], row["baseline_period"]) == (
            8.0,
            "policy",
            "2023",
        )
        assert row["latest"] == latest and row["status"] == status.value
        assert row["change_pct"] == pytest.approx((latest - 8.0) / 8.0 * 100)


def test_a_change_from_a_negative_baseline_is_measured_by_its_size() -> None:
    frame = pd.DataFrame(
        {"indicator": "saldo", "region": "A", "period": ["2023", "2025"], "value": [-200.0, -180.0]}
    )
    (row,) = evaluate_series(frame, direction="higher", horizon="2027", start="2024").to_dict(
        "records"
    )
    assert row["change"] == 20.0 and row["change_pct"] == pytest.approx(10.0)
    assert row["status"] == TargetStatus.ON_TRACK.value
