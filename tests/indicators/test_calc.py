"""Change, index and share: pure, vectorised, NaN-aware."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivb.indicators import (
    IndicatorError,
    MeasurementsError,
    change,
    index_to,
    series_ids,
    share_of,
    table_frame,
)
from ivb.model import Policy
from tests.indicators.conftest import OnEngine
from tests.strategies import tidy_frames

T1 = "tabel-1-gedigitaliseerde-criminaliteit"
T2 = "tabel-2-overlast-personen-met-onbegrepen-gedrag"


def test_change_per_region_on_table_2(policy: Policy, on: OnEngine) -> None:
    out = on.change(table_frame(policy, T2), "2019", "2022").set_index("region")
    assert out.loc["DNU", "base_value"] == 470 and out.loc["DNU", "value"] == 590
    assert out.loc["DNU", "change"] == 120
    assert out.loc["DNU", "change_pct"] == pytest.approx(25.5319, abs=1e-4)
    assert out.loc["GM0171", "change_pct"] == pytest.approx(57.3394, abs=1e-4)
    assert out.loc["GM0184", "change"] == -4
    assert list(out.columns) == [
        "indicator",
        "unit",
        "source",
        "table",
        "base_period",
        "period",
        "base_value",
        "value",
        "change",
        "change_pct",
    ]


def test_index_and_share_on_table_1(policy: Policy, on: OnEngine) -> None:
    frame = table_frame(policy, T1)
    idx = on.index_to(frame, "2019")
    dnu = idx[idx["region"] == "DNU"].set_index("period")["index"]
    assert dnu["2019"] == 100.0 and dnu["2020"] == pytest.approx(717 / 468 * 100)
    shares = on.share_of(frame, "DNU")
    s2022 = shares[shares["period"] == "2022"].set_index("region")["share_pct"]
    assert s2022["GM0303"] == pytest.approx(215 / 506 * 100)
    assert s2022[["GM0303", "GM0171", "GM0184"]].sum() == pytest.approx(100.0)


def test_missing_values_mean_not_published_never_zero(on: OnEngine) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "region": ["A", "A", "B", "B", "C", "C"],
            "period": ["2019", "2022"] * 3,
            "value": [10.0, np.nan, np.nan, 5.0, 0.0, 4.0],
        }
    )
    out = on.change(frame, "2019", "2022").set_index("region")
    assert math.isnan(out.loc["A", "change"]) and math.isnan(out.loc["B", "change_pct"])
    assert out.loc["C", "change"] == 4 and math.isnan(out.loc["C", "change_pct"])  # base 0
    idx = on.index_to(frame, "2019").set_index(["region", "period"])["index"]
    assert math.isnan(idx[("B", "2022")]) and math.isnan(idx[("C", "2022")])


def test_a_series_present_in_one_period_only(on: OnEngine) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "region": ["A", "A", "B"],
            "period": ["2019", "2022", "2022"],
            "value": [1.0, 2.0, 3.0],
        }
    )
    out = on.change(frame, "2019", "2022").set_index("region")
    assert math.isnan(out.loc["B", "base_value"]) and out.loc["B", "value"] == 3.0


def test_errors_name_the_problem(on: OnEngine) -> None:
    frame = pd.DataFrame(
        {"indicator": "x", "region": ["A", "A"], "period": ["2019", "2019"], "value": [1.0, 2.0]}
    )
    with pytest.raises(
        IndicatorError, match="period: no rows for period '2030'; periods in the frame: 2019"
    ):
        on.change(frame, "2019", "2030")
    with pytest.raises(
        MeasurementsError,
        match="more than one value for period '2019' of the series indicator='x', region='A'",
    ):
        on.change(frame, "2019", "2019")
    with pytest.raises(IndicatorError, match="within: no column 'soort'"):
        on.share_of(frame, "A", within="soort")
    with pytest.raises(IndicatorError, match="total: no row has region = 'Z'"):
        on.share_of(frame, "Z")


def test_categorical_and_object_columns_give_the_same_result(policy: Policy, on: OnEngine) -> None:
    frame = table_frame(policy)
    cat = frame.astype({"region": "category", "period": "category", "indicator": "category"})
    a = on.change(frame, "2019", "2022")
    b = on.change(cat, "2019", "2022")
    np.testing.assert_allclose(a["change"], b["change"])
    assert list(a["region"].astype(str)) == list(b["region"].astype(str))


def test_series_ids_group_equal_keys() -> None:
    frame = pd.DataFrame({"a": ["x", "y", "x", None], "b": [1, 1, 1, 1]})
    ids = series_ids(frame, ["a", "b"])
    assert ids[0] == ids[2] and len(set(ids.tolist())) == 3


@given(tidy_frames())
def test_change_of_a_series_against_itself_is_zero(frame: pd.DataFrame) -> None:
    before = frame.copy()
    period = str(frame["period"].iloc[0])
    out = change(frame, period, period)
    pd.testing.assert_frame_equal(frame, before)  # input never mutated
    published = out["value"].notna()
    assert (out.loc[published, "change"] == 0).all()
    nonzero = published & (out["base_value"] != 0)
    assert (out.loc[nonzero, "change_pct"] == 0).all()
    assert out.loc[~published, "change"].isna().all()


@given(tidy_frames(allow_nan=False), st.data())
def test_change_is_value_minus_base_for_every_series(
    frame: pd.DataFrame, data: st.DataObject
) -> None:
    periods = sorted(set(frame["period"]))
    base, period = data.draw(st.sampled_from(periods)), data.draw(st.sampled_from(periods))
    out = change(frame, base, period)
    lookup = frame.set_index(["indicator", "region", "period"])["value"]
    for row in out.itertuples():
        b = lookup[(row.indicator, row.region, base)]
        v = lookup[(row.indicator, row.region, period)]
        assert row.change == pytest.approx(v - b)
        if b:
            assert row.change_pct == pytest.approx((v - b) / b * 100)


@given(tidy_frames(allow_nan=False))
def test_index_of_the_base_period_is_the_scale(frame: pd.DataFrame) -> None:
    before = frame.copy()
    base = str(frame["period"].iloc[0])
    out = index_to(frame, base, scale=1.0)
    pd.testing.assert_frame_equal(frame, before)
    at_base = out[(out["period"] == base) & (out["value"] != 0)]
    assert (at_base["index"] == 1.0).all()


@given(tidy_frames(min_regions=2, allow_nan=False))
def test_shares_of_a_total_row_are_100(frame: pd.DataFrame) -> None:
    total = str(frame["region"].iloc[0])
    out = share_of(frame, total)
    mine = out[(out["region"] == total) & (out["value"] != 0)]
    assert (mine["share_pct"] == 100.0).all()
