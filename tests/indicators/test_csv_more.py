"""Strict CSV reading: what is no file, a file too large, the separator of the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivb.indicators import MeasurementsError, read_measurements

HEAD = "indicator;region;period;value;unit;source\n"
#: A source text with more commas than a row has semicolons.
SOURCE = "CBS, Politie, Veiligheidsmonitor, Dronten, Noordoostpolder, Urk, Lelystad, Kampen"


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(MeasurementsError) as info:
        read_measurements(tmp_path)
    assert str(info.value) == f"{tmp_path}: is not a file"


def test_a_missing_file_is_no_such_file(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    with pytest.raises(MeasurementsError) as info:
        read_measurements(path)
    assert str(info.value) == f"{path}: no such file"


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as out:  # sparse: its size is read, never its bytes
        out.write(HEAD.encode())
        out.truncate(512 * 1024 * 1024 + 1)
    with pytest.raises(MeasurementsError) as info:
        read_measurements(path)
    assert str(info.value) == f"{path}: expected at most 536870912 bytes"


def test_the_separator_is_read_from_the_header_line_alone(tmp_path: Path) -> None:
    # the rows hold more commas (decimal commas, a source list) than semicolons: only
    # the header says the fields are separated by semicolons
    rows = [
        f"veiligheidsbeleving;GM0171;{year};7,{i};rapportcijfer;{SOURCE}\n"
        for i, year in enumerate(["2019", "2021", "2023", "2025"])
    ]
    body = "".join(rows)
    assert body.count(",") > body.count(";") + HEAD.count(";")
    path = tmp_path / "m.csv"
    path.write_text(HEAD + body, encoding="utf-8")
    frame = read_measurements(path)
    assert frame.columns.tolist() == ["indicator", "region", "period", "value", "unit", "source"]
    assert frame["period"].tolist() == ["2019", "2021", "2023", "2025"]
    assert frame["value"].tolist() == [7.0, 7.1, 7.2, 7.3]
    assert frame["source"].tolist() == [SOURCE] * 4


@pytest.mark.parametrize(
    ("header", "column"), [("indicator;;period;value", 2), ("indicator;region;\x01;value", 3)]
)
def test_an_empty_or_unreadable_header_column_is_named(
    tmp_path: Path, header: str, column: int
) -> None:
    path = tmp_path / "m.csv"
    path.write_text(header + "\nx;GM0303;2025;1\n", encoding="utf-8")
    with pytest.raises(MeasurementsError) as info:
        read_measurements(path)
    assert (
        str(info.value) == f"{path}: line 1: column {column} of the header is empty or unreadable"
    )
