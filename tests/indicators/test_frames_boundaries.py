"""Region aggregates by chosen keys, and the measurements the indicator functions accept.

``add_aggregates(..., keys=...)``: which columns make one series decides which rows add
up to a region total, in pandas and in polars alike. ``as_frame``: nothing, a frame or
the path of a CSV file, each read the same way, anything else refused naming the
argument.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from ivb.indicators import MeasurementsError, add_aggregates, read_measurements, verify_claims
from ivb.indicators._measurements import as_frame
from ivb.model import Policy

#: Two municipalities whose figures come from different publishers.
SOURCES = pd.DataFrame(
    {
        "indicator": "x",
        "region": ["A", "B", "A", "B"],
        "period": ["2019", "2019", "2020", "2020"],
        "value": [1.0, 2.0, 3.0, 4.0],
        "source": ["politie A", "politie B", "politie A", "politie B"],
    }
)


def _aggregate_rows(out: pd.DataFrame) -> dict[str, float]:
    rows = out[out["region"] == "AB"]
    return dict(zip(rows["period"], rows["value"], strict=True))


def test_by_default_every_other_column_keeps_series_apart() -> None:
    # "source" is part of the series: A's and B's rows are different series, so no
    # period has all members in one series and every total is not published
    out = add_aggregates(SOURCES, {"AB": ["A", "B"]})
    rows = out[out["region"] == "AB"]
    assert len(rows) == 4
    assert rows["value"].isna().all()
    assert sorted(rows["source"]) == ["politie A", "politie A", "politie B", "politie B"]


@pytest.mark.parametrize("engine", ["pandas", "polars"])
def test_keys_choose_the_columns_of_a_series(engine: str) -> None:
    frame = SOURCES if engine == "pandas" else pl.from_pandas(SOURCES)
    out = add_aggregates(frame, {"AB": ["A", "B"]}, keys=["indicator"])
    got = out if engine == "pandas" else out.to_pandas()
    assert isinstance(out, pd.DataFrame if engine == "pandas" else pl.DataFrame)
    assert _aggregate_rows(got) == {"2019": 3.0, "2020": 7.0}
    # the members' rows come first, unchanged; the total has no single source
    pd.testing.assert_frame_equal(got.iloc[:4].reset_index(drop=True), SOURCES)
    assert got.iloc[4:]["source"].isna().all()


@pytest.mark.parametrize("engine", ["pandas", "polars"])
def test_keys_with_the_region_are_the_same_keys(engine: str) -> None:
    frame = SOURCES if engine == "pandas" else pl.from_pandas(SOURCES)
    out = add_aggregates(frame, {"AB": ["A", "B"]}, keys=["indicator", "region"])
    got = out if engine == "pandas" else out.to_pandas()
    assert _aggregate_rows(got) == {"2019": 3.0, "2020": 7.0}


def test_keys_must_be_columns() -> None:
    with pytest.raises(MeasurementsError, match="keys: no column 'soort'"):
        add_aggregates(SOURCES, {"AB": ["A", "B"]}, keys=["soort"])
    with pytest.raises(MeasurementsError, match="keys: no column 'soort'"):
        add_aggregates(pl.from_pandas(SOURCES), {"AB": ["A", "B"]}, keys=["soort"])


def test_a_member_named_twice_counts_once() -> None:
    out = add_aggregates(SOURCES, {"AB": ["A", "B", "A"]}, keys=["indicator"])
    assert _aggregate_rows(out) == {"2019": 3.0, "2020": 7.0}


def test_a_group_without_rows_adds_nothing() -> None:
    out = add_aggregates(SOURCES, {"CD": ["C", "D"]}, keys=["indicator"])
    pd.testing.assert_frame_equal(out, SOURCES)


def test_an_absent_member_leaves_the_total_unpublished() -> None:
    out = add_aggregates(SOURCES, {"ABC": ["A", "B", "C"]}, keys=["indicator"])
    rows = out[out["region"] == "ABC"]
    assert list(rows["period"]) == ["2019", "2020"]
    assert all(math.isnan(v) for v in rows["value"])


# -- as_frame: what the target, claim and report functions accept ---------------------


def test_nothing_is_an_empty_tidy_frame() -> None:
    frame = as_frame(None)
    assert frame.columns.tolist() == ["indicator", "region", "period", "value", "unit", "source"]
    assert len(frame) == 0
    assert frame["value"].dtype == "float64"
    assert all(frame[c].dtype == object for c in frame.columns if c != "value")


def test_a_frame_is_checked_and_kept() -> None:
    assert as_frame(SOURCES) is SOURCES
    with pytest.raises(MeasurementsError, match=r"^police: missing columns indicator, "):
        as_frame(pd.DataFrame({"a": [1]}), what="police")


@pytest.mark.parametrize("kind", [str, Path])
def test_a_path_is_read_as_a_measurements_file(kind: type, vm_csv: Path) -> None:
    pd.testing.assert_frame_equal(as_frame(kind(vm_csv)), read_measurements(vm_csv))


@pytest.mark.parametrize("what", ["measurements", "police"])
def test_anything_else_is_refused_naming_the_argument(what: str) -> None:
    with pytest.raises(
        MeasurementsError,
        match=rf"^{what}: expected a DataFrame or the path of a CSV file, got int$",
    ):
        as_frame(3, what=what)
    with pytest.raises(MeasurementsError, match=r"got list$"):
        as_frame([SOURCES])


def test_by_default_the_argument_is_called_measurements(policy: Policy) -> None:
    message = r"^measurements: expected a DataFrame or the path of a CSV file, got int$"
    with pytest.raises(MeasurementsError, match=message):
        as_frame(3)
    with pytest.raises(MeasurementsError, match=message):
        verify_claims(policy, 3)  # type: ignore[arg-type]


def test_claims_read_a_path_as_they_read_its_frame(policy: Policy, vm_csv: Path) -> None:
    by_path = verify_claims(policy, str(vm_csv))
    by_frame = verify_claims(policy, read_measurements(vm_csv))
    assert by_path == by_frame
    assert verify_claims(policy, None) == verify_claims(policy, as_frame(None))


# -- add_aggregates: the rows it adds, in order, with a fresh index -------------------


def test_a_clash_names_every_group_given_twice() -> None:
    frame = pd.concat(
        [SOURCES, SOURCES.assign(region=["AB", "DNU", "AB", "DNU"])], ignore_index=True
    )
    with pytest.raises(
        MeasurementsError,
        match=r"^groups: the frame already has rows for AB, DNU; aggregates are computed "
        r"from the members, never given twice$",
    ):
        add_aggregates(frame, {"DNU": ["A"], "AB": ["A", "B"]}, keys=["indicator"])


def test_a_group_without_rows_does_not_stop_the_next() -> None:
    out = add_aggregates(SOURCES, {"CD": ["C", "D"], "AB": ["A", "B"]}, keys=["indicator"])
    assert _aggregate_rows(out) == {"2019": 3.0, "2020": 7.0}
    assert "CD" not in set(out["region"])


def test_aggregate_rows_follow_the_order_of_the_frame_with_a_fresh_index() -> None:
    frame = SOURCES.iloc[::-1].set_axis([10, 11, 12, 13])  # 2020 first, an index of its own
    out = add_aggregates(frame, {"AB": ["A", "B"]}, keys=["indicator"])
    assert out.index.tolist() == list(range(6))
    assert out["region"].tolist() == ["B", "A", "B", "A", "AB", "AB"]
    assert out["period"].tolist()[4:] == ["2020", "2019"]
    assert out["value"].tolist()[4:] == [7.0, 3.0]


def test_a_key_column_without_values_still_groups() -> None:
    # a unit nobody filled in is one (missing) unit, not a reason to drop the rows
    frame = SOURCES.drop(columns=["source"]).assign(unit=None)
    out = add_aggregates(frame, {"AB": ["A", "B"]})
    assert _aggregate_rows(out) == {"2019": 3.0, "2020": 7.0}


def test_a_member_with_two_rows_does_not_stand_in_for_an_absent_one() -> None:
    # A counted by two sources, B absent: two values, but one member; not published
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "region": ["A", "A"],
            "period": "2019",
            "value": [1.0, 2.0],
            "source": ["politie", "gemeente"],
        }
    )
    out = add_aggregates(frame, {"AB": ["A", "B"]}, keys=["indicator"])
    (value,) = out[out["region"] == "AB"]["value"]
    assert math.isnan(value)


def test_categorical_columns_stay_categorical_and_unused_categories_add_no_rows() -> None:
    frame = SOURCES.drop(columns=["source"]).astype(
        {
            "indicator": pd.CategoricalDtype(["x", "y"]),
            "region": pd.CategoricalDtype(["A", "B", "C"]),
        }
    )
    out = add_aggregates(frame, {"AB": ["A", "B"]})
    assert isinstance(out["region"].dtype, pd.CategoricalDtype)
    assert out["region"].astype(str).tolist() == ["A", "B", "A", "B", "AB", "AB"]
    assert _aggregate_rows(out.astype({"region": str})) == {"2019": 3.0, "2020": 7.0}
    assert set(out["indicator"].astype(str)) == {"x"}


def test_a_doubled_member_is_caught_whatever_the_order_of_the_periods() -> None:
    # 2020 first: A and B, complete; 2019: A twice (two sources), B absent
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "region": ["A", "B", "A", "A"],
            "period": ["2020", "2020", "2019", "2019"],
            "value": [1.0, 2.0, 10.0, 20.0],
            "source": ["politie", "politie", "politie", "gemeente"],
        }
    )
    out = add_aggregates(frame, {"AB": ["A", "B"]}, keys=["indicator"])
    rows = out[out["region"] == "AB"]
    assert rows["period"].tolist() == ["2020", "2019"]
    assert rows["value"].iloc[0] == 3.0 and math.isnan(rows["value"].iloc[1])
