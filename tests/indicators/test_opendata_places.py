"""A count that cannot be read is refused at its place: a file's line, or a record's number."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivb.indicators import OpenDataError, read_population

REFUSAL = (
    "expected a number with a decimal point, or an empty cell or '.' (not published); got 'veel'"
)


def test_a_population_that_is_no_number_is_named_by_its_line_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kwb.csv"
    path.write_text(
        "WijkenEnBuurten;AantalInwoners_5\nGM0171;50000\nBU01710000;veel\n", encoding="utf-8"
    )
    with pytest.raises(OpenDataError) as info:
        read_population(path)
    assert str(info.value) == f"{path}, line 3, column 'AantalInwoners_5': {REFUSAL}"


def test_a_population_that_is_no_number_is_named_by_its_record() -> None:
    rows = [
        {"WijkenEnBuurten": "GM0171", "AantalInwoners_5": "50000"},
        {"WijkenEnBuurten": "BU01710000", "AantalInwoners_5": "veel"},
    ]
    with pytest.raises(OpenDataError) as info:
        read_population(rows)
    assert str(info.value) == f"records, record 2, column 'AantalInwoners_5': {REFUSAL}"


def test_an_area_code_that_is_missing_is_refused_as_empty() -> None:
    with pytest.raises(OpenDataError) as info:
        read_population([{"WijkenEnBuurten": None, "AantalInwoners_5": "1"}])
    assert str(info.value) == "records, record 1, column 'WijkenEnBuurten': the code is empty"
