"""Police tables at their edges: counts that cannot be, categories that cannot be summed.

Values of a police table are counts: a negative or an absurdly large one is refused,
naming the row and what came, whether the cell came as text or as a number. A category
sums its codes for one measure, and is not published when one of them is not.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from ivb.indicators import (
    IndicatorError,
    PoliceCategory,
    PoliceDataError,
    police_measurements,
    read_police_table,
)

MEASURE = "GeregistreerdeMisdrijven_1"


def _records(*values: Any) -> list[dict[str, Any]]:
    return [
        {"SoortMisdrijf": f"1.1.{i} ", "RegioS": "GM0171", "Perioden": "2022JJ00", MEASURE: v}
        for i, v in enumerate(values, start=1)
    ]


@pytest.mark.parametrize(
    ("value", "row", "expected", "got"),
    [
        (-1, 1, "a count of at least 0", "-1"),
        ("-1", 1, "a count of at least 0", "'-1'"),
        ("1e309", 1, "a finite number of at most 1e\\+15", "'1e309'"),
        ("2e16", 1, "a finite number of at most 1e\\+15", "'2e16'"),
        (1e16, 1, "a finite number of at most 1e\\+15", "1e\\+16"),
        (float("inf"), 1, "a finite number of at most 1e\\+15", "inf"),
    ],
)
def test_a_value_that_is_no_count_is_refused_naming_the_row(
    value: object, row: int, expected: str, got: str
) -> None:
    with pytest.raises(
        PoliceDataError,
        match=rf"^records: row {row}, column '{MEASURE}': expected {expected}.*, got {got}$",
    ):
        read_police_table(_records(value))


def test_the_row_named_is_the_one_with_the_bad_value() -> None:
    with pytest.raises(PoliceDataError, match=r"^records: row 3, column .*got '-2'$"):
        read_police_table(_records("1", "2", "-2", "4"))
    with pytest.raises(PoliceDataError, match=r"^records: row 2, column .*got 'veel'$"):
        read_police_table(_records("1", "veel", "veel"))


@pytest.mark.parametrize("value", [0, "0", "0.0", 1e15, "1000000000000000"])
def test_zero_and_the_largest_value_are_counts(value: object) -> None:
    assert read_police_table(_records(value))["value"].tolist() == [float(value)]  # type: ignore[arg-type]


def test_true_or_false_is_no_number() -> None:
    with pytest.raises(PoliceDataError, match=f"column '{MEASURE}': expected numbers, got true"):
        read_police_table(_records(True, False))


@pytest.mark.parametrize("cell", [None, "", " ", "."])
def test_an_empty_cell_or_a_dot_is_not_published(cell: object) -> None:
    values = read_police_table(_records(cell, "5"))["value"].tolist()
    assert pd.isna(values[0]) and values[1] == 5.0


# -- categories --------------------------------------------------------------------


THEFT = PoliceCategory(
    id="diefstal",
    name="Diefstal",
    table="47013NED",
    codes=["1.1.1", "1.1.2"],
    confirmed=True,
    basis="test",
)


def _frame() -> pd.DataFrame:
    rows = [
        {
            "SoortMisdrijf": code,
            "RegioS": "GM0171",
            "Perioden": "2022JJ00",
            MEASURE: n,
            "Aangiften_2": a,
        }
        for code, n, a in [("1.1.1 ", 3, 2), ("1.1.2 ", 4, None), ("1.1.3 ", 50, 50)]
    ]
    return read_police_table(rows)


def test_a_category_sums_its_codes_only() -> None:
    (row,) = police_measurements(_frame(), [THEFT]).to_dict("records")
    assert row == {
        "indicator": "diefstal",
        "region": "GM0171",
        "period": "2022",
        "value": 7.0,  # 3 + 4; code 1.1.3 is not one of its codes
        "unit": "count",
        "source": "Politie open data 47013NED, SoortMisdrijf 1.1.1+1.1.2",
    }


def test_another_measure_sums_that_measure() -> None:
    # aangiften: 2 and not published: the category is not published either
    (row,) = police_measurements(_frame(), [THEFT], measure="aangiften").to_dict("records")
    assert pd.isna(row["value"])
    one = PoliceCategory(
        id="een", name="Een", table="47013NED", codes=["1.1.1"], confirmed=True, basis="test"
    )
    (row,) = police_measurements(_frame(), [one], measure="aangiften").to_dict("records")
    assert row["value"] == 2.0


def test_no_category_is_an_empty_tidy_frame() -> None:
    out = police_measurements(_frame(), [])
    assert out.columns.tolist() == ["indicator", "region", "period", "value", "unit", "source"]
    assert len(out) == 0
    assert out["value"].dtype == "float64"
    assert all(out[c].dtype == object for c in out.columns if c != "value")


def test_a_category_that_cannot_be_summed_is_refused() -> None:
    nuisance = PoliceCategory(
        id="overlast", name="Overlast", table="47021NED", codes=["A1"], confirmed=True, basis="t"
    )
    with pytest.raises(
        IndicatorError, match=r"^category 'overlast': needs table 47021NED, the frame has 47013NED$"
    ):
        police_measurements(_frame(), [nuisance])
    unconfirmed = PoliceCategory(
        id="x", name="X", table="47013NED", codes=[], confirmed=False, basis="t"
    )
    with pytest.raises(
        IndicatorError, match=r"^category 'x': its 47013NED codes are not confirmed"
    ):
        police_measurements(_frame(), [unconfirmed])
    with pytest.raises(
        IndicatorError,
        match=r"^frame: missing columns category, table; read it with read_police_table$",
    ):
        police_measurements(_frame().drop(columns=["table", "category"]), [THEFT])
