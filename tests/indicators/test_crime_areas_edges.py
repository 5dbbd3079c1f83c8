"""Edges of the wijk and buurt tables: the file given, its columns, the levels rolled up."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from ivb.indicators import (
    IndicatorError,
    OpenDataError,
    crime_by_area,
    iter_crime_areas,
    read_population,
    roll_up,
)

FIXTURES = Path(__file__).parent / "fixtures"
CRIMES = FIXTURES / "47022NED-sample.csv"


class _PathLike:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return os.fspath(self.path)


def test_a_path_like_object_is_read_as_the_file_it_names() -> None:
    given = crime_by_area(_PathLike(CRIMES), "gemeente")  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(given, crime_by_area(CRIMES, "gemeente"))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "47022NED.csv"
    with pytest.raises(OpenDataError) as info:
        list(iter_crime_areas(missing))
    assert str(info.value) == f"{missing}: no such file"


def test_streamed_rows_are_counts_of_registered_crime() -> None:
    rows = pd.concat([c.astype(object) for c in iter_crime_areas(CRIMES)])
    assert set(rows["indicator"]) == {"geregistreerde-misdrijven"}
    assert set(rows["unit"]) == {"count"}


def test_records_that_are_no_mappings_are_refused() -> None:
    with pytest.raises(OpenDataError) as info:
        read_population([("GM0171", 50000)])
    assert str(info.value) == (
        "records: expected mappings (one per row, as the OData API returns them)"
    )


def test_rolling_up_to_the_same_level_is_refused() -> None:
    frame = pd.DataFrame(
        {"indicator": "x", "region": ["WK017100"], "period": "2023", "value": [1.0]}
    )
    with pytest.raises(IndicatorError) as info:
        roll_up(frame, "wijk", from_level="wijk")
    assert str(info.value) == "level: 'wijk' is not coarser than from_level 'wijk'"


def test_rolling_up_keeps_rows_whose_other_keys_are_empty() -> None:
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "category": ["1.1.1", None, None],
            "region": ["BU01710000", "BU01710000", "BU01710100"],
            "period": "2023",
            "value": [1.0, 2.0, 4.0],
        }
    )
    out = roll_up(frame, "gemeente")
    got = {
        (None if pd.isna(c) else c, v) for c, v in zip(out["category"], out["value"], strict=True)
    }
    assert got == {("1.1.1", 1.0), (None, 6.0)}
