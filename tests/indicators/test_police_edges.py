"""A police table of another kind of source is refused, naming what it got."""

from __future__ import annotations

import pytest

from ivb.indicators import PoliceDataError, read_police_table


def test_a_source_of_another_kind_is_refused_by_its_type() -> None:
    with pytest.raises(PoliceDataError) as info:
        read_police_table(42)  # type: ignore[arg-type]
    assert str(info.value) == (
        "source: expected a CSV path, a DataFrame or a list of records, got int"
    )


def test_a_table_without_columns_says_it_found_none() -> None:
    import pandas as pd

    with pytest.raises(PoliceDataError) as info:
        read_police_table(pd.DataFrame())
    assert str(info.value) == (
        "frame: expected a police table with a SoortMisdrijf (47013NED) or Overlast "
        "(47021NED) column, found columns none"
    )


def test_a_category_without_codes_says_where_codes_come_from() -> None:
    from ivb.indicators import IndicatorError, PoliceCategory, police_measurements

    records = [
        {
            "SoortMisdrijf": "1.1.1 ",
            "RegioS": "GM0171  ",
            "Perioden": "2022JJ00",
            "GeregistreerdeMisdrijven_1": 41,
        }
    ]
    unconfirmed = PoliceCategory(
        id="x", name="X", table="47013NED", codes=(), confirmed=False, basis="example"
    )
    with pytest.raises(IndicatorError) as info:
        police_measurements(read_police_table(records), [unconfirmed])
    assert str(info.value) == (
        "category 'x': its 47013NED codes are not confirmed; give a PoliceCategory "
        "with the codes from the table's metadata"
    )


def test_nullable_counts_without_a_value_are_missing() -> None:
    import math

    import pandas as pd

    frame = pd.DataFrame(
        {
            "SoortMisdrijf": ["1.1.1 ", "1.1.1 "],
            "RegioS": ["GM0171  ", "GM0303  "],
            "Perioden": ["2022JJ00", "2022JJ00"],
            "GeregistreerdeMisdrijven_1": pd.array([41, None], dtype="Int64"),
        }
    )
    values = read_police_table(frame).sort_values("region")["value"].tolist()
    assert values[0] == 41.0 and math.isnan(values[1])
