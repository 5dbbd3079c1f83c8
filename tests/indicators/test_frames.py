"""The policy's statistics as tidy frames equal the source."""

from __future__ import annotations

import math

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ivb import UnknownIdError
from ivb.indicators import (
    TIDY_COLUMNS,
    MeasurementsError,
    add_aggregates,
    figures_frame,
    region_code,
    region_groups,
    series_keys,
    table_frame,
    validate_tidy,
)
from ivb.model import Policy
from tests.indicators.conftest import OnEngine
from tests.strategies import tidy_frames

# The two tables as printed in "Veiligheidsbeeld- en cijfers" (source lines 614-634).
TABEL_1 = {
    "GM0303": [204, 307, 313, 215],
    "GM0171": [201, 312, 309, 230],
    "GM0184": [63, 98, 77, 61],
}
TABEL_1_TOTAAL = [468, 717, 699, 506]
TABEL_2 = {
    "GM0303": [216, 196, 159, 215],
    "GM0171": [218, 282, 289, 343],
    "GM0184": [36, 31, 26, 32],
}
PERIODS = ["2019", "2020", "2021", "2022"]


def _series(frame: pd.DataFrame, table: str, region: str) -> list[float]:
    sub = frame[(frame["table"] == table) & (frame["region"] == region)]
    return [float(sub.loc[sub["period"] == p, "value"].iloc[0]) for p in PERIODS]


def test_frame_has_the_tidy_columns(policy: Policy) -> None:
    frame = table_frame(policy)
    assert list(frame.columns) == [*TIDY_COLUMNS, "table"]
    assert len(frame) == 2 * 4 * 4  # two tables, three municipalities + DNU, four years
    assert set(frame["region"]) == {"GM0303", "GM0171", "GM0184", "DNU"}
    assert set(frame["unit"]) == {"count"}
    assert frame["value"].dtype == float


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("tabel-1-gedigitaliseerde-criminaliteit", TABEL_1),
        ("tabel-2-overlast-personen-met-onbegrepen-gedrag", TABEL_2),
    ],
)
def test_each_table_equals_the_source(
    policy: Policy, table: str, expected: dict[str, list[int]]
) -> None:
    frame = table_frame(policy, table)
    for region, values in expected.items():
        assert _series(frame, table, region) == values
    assert set(frame["table"]) == {table}


def test_dnu_aggregate_is_computed_and_equals_the_printed_total(policy: Policy) -> None:
    frame = table_frame(policy)
    assert _series(frame, "tabel-1-gedigitaliseerde-criminaliteit", "DNU") == TABEL_1_TOTAAL
    # table 2 prints no total: the aggregate is computed, 470 and 590 as the text says
    dnu2 = _series(frame, "tabel-2-overlast-personen-met-onbegrepen-gedrag", "DNU")
    assert dnu2 == [470, 509, 474, 590]


def test_the_printed_total_is_not_what_the_frame_holds(policy: Policy) -> None:
    table = next(t for t in policy.tables if t.number == 1)
    wrong = attrs.evolve(
        table, stated_totals=[attrs.evolve(table.stated_totals[0], values=[1, 2, 3, 4])]
    )
    changed = attrs.evolve(policy, tables=[wrong, *policy.tables[1:]])
    frame = table_frame(changed, table.id)
    assert _series(frame, table.id, "DNU") == TABEL_1_TOTAAL


def test_missing_member_value_makes_the_aggregate_missing(policy: Policy) -> None:
    table = policy.tables[0]
    rows = list(table.rows)
    rows[2] = attrs.evolve(rows[2], values=[63, None, 77, 61])
    changed = attrs.evolve(policy, tables=[attrs.evolve(table, rows=rows)], trend_claims=[])
    frame = table_frame(changed)
    dnu = _series(frame, table.id, "DNU")
    assert dnu[0] == 468 and math.isnan(dnu[1]) and dnu[2] == 699


def test_unknown_table_names_close_matches(policy: Policy) -> None:
    with pytest.raises(UnknownIdError, match="tabel-1-gedigitaliseerde-criminaliteit"):
        table_frame(policy, "tabel-1-gedigitaliseerde")


def test_a_policy_without_tables_gives_an_empty_frame(policy: Policy) -> None:
    frame = table_frame(attrs.evolve(policy, tables=[], trend_claims=[]))
    assert frame.empty and list(frame.columns) == [*TIDY_COLUMNS, "table"]


def test_figures_frame_holds_every_stated_number(policy: Policy) -> None:
    frame = figures_frame(policy)
    assert len(frame) == len(policy.figures) == 32
    assert list(frame.columns[:6]) == list(TIDY_COLUMNS)
    row = frame.set_index("figure").loc["dnu-woninginbraken-2022-vs-2019"]
    assert (row["region"], row["period"], row["base_period"], row["value"], row["unit"]) == (
        "DNU",
        "2022",
        "2019",
        -54.0,
        "percent-change",
    )
    assert frame["unit"].value_counts().to_dict() == {
        "percent-change": 13,
        "count": 11,
        "persons": 3,
        "percent": 3,
        "rapportcijfer": 1,
        "fraction": 1,
    }
    vm = frame.set_index("figure").loc["noordoostpolder-veiligheidsbeleving-rapportcijfer"]
    assert (vm["region"], vm["value"], vm["unit"]) == ("GM0171", 7.6, "rapportcijfer")
    assert set(frame["region"]) >= {"NL01", "PV24", "RE03", "DNU", "GM0303"}


def test_region_codes(policy: Policy) -> None:
    assert region_groups(policy) == {"DNU": ("GM0303", "GM0171", "GM0184")}
    assert region_code(policy, "noordoostpolder") == "GM0171"
    with pytest.raises(UnknownIdError, match="'urk'"):
        region_code(policy, "urkk")


def test_validate_tidy_names_what_is_wrong() -> None:
    with pytest.raises(MeasurementsError, match="expected a pandas DataFrame, got list"):
        validate_tidy([1, 2])
    with pytest.raises(MeasurementsError, match=r"must be numeric.*'zeven'"):
        validate_tidy(
            pd.DataFrame(
                {"indicator": ["x"], "region": ["GM0171"], "period": ["2025"], "value": ["zeven"]}
            )
        )


def test_series_keys() -> None:
    frame = pd.DataFrame(
        columns=["indicator", "region", "period", "value", "category", "period_code"]
    )
    assert series_keys(frame) == ["indicator", "region", "category"]
    with pytest.raises(MeasurementsError, match="'period' varies"):
        series_keys(frame, ["period"])
    with pytest.raises(MeasurementsError, match="no column 'soort'"):
        series_keys(frame, ["soort"])


def test_add_aggregates_refuses_a_group_given_twice(on: OnEngine) -> None:
    frame = pd.DataFrame(
        {"indicator": "x", "region": ["A", "DNU"], "period": "2019", "value": [1.0, 2.0]}
    )
    with pytest.raises(MeasurementsError, match="already has rows for DNU"):
        on.add_aggregates(frame, {"DNU": ["A"]})


def test_add_aggregates_counts_an_absent_member_as_not_published(on: OnEngine) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "region": ["A", "B", "A"],
            "period": ["2019", "2019", "2020"],
            "value": [1.0, 2.0, 3.0],
        }
    )
    out = on.add_aggregates(frame, {"AB": ["A", "B"]})
    agg = out[out["region"] == "AB"].set_index("period")["value"]
    assert agg["2019"] == 3.0 and math.isnan(agg["2020"])


@given(tidy_frames(min_regions=2), st.data())
def test_aggregates_equal_the_sums_of_their_parts(frame: pd.DataFrame, data: st.DataObject) -> None:
    regions = sorted(set(frame["region"]))
    members = data.draw(st.lists(st.sampled_from(regions), min_size=1, unique=True))
    before = frame.copy()
    out = add_aggregates(frame, {"GRP": members})
    pd.testing.assert_frame_equal(frame, before)  # input never mutated
    agg = out[out["region"] == "GRP"]
    for (ind, period), value in agg.set_index(["indicator", "period"])["value"].items():
        parts = frame[
            (frame["indicator"] == ind)
            & (frame["period"] == period)
            & frame["region"].isin(members)
        ]["value"]
        if parts.isna().any():
            assert math.isnan(value)  # not published, never a partial sum
        else:
            assert value == pytest.approx(float(np.sum(parts.to_numpy())))
