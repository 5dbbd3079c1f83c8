"""Edges of reading files: one-column CSV, aggregated order, streamed paths, fresh indexes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import ivb
from ivb.indicators import (
    MeasurementsError,
    OpenDataError,
    iter_crime_areas,
    read_measurements,
    read_population,
    read_veiligheidsmonitor,
    report_html,
    veiligheidsmonitor_measurements,
)
from ivb.indicators._csv import read_csv_table
from ivb.model import Policy

FIXTURES = Path(__file__).parent / "fixtures"
CRIMES = FIXTURES / "47022NED-sample.csv"
HEAD = "indicator;region;period;value;unit\n"


class _PathLike:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return os.fspath(self.path)


def test_a_one_column_file_keeps_its_filled_rows(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("code\nGM0171\n\nGM0303\n", encoding="utf-8")
    table = read_csv_table(path, error=MeasurementsError)
    assert table.frame.columns.tolist() == ["code"]
    assert table.frame["code"].tolist() == ["GM0171", "GM0303"]
    assert table.lines.tolist() == [2, 4]


def test_aggregated_measurements_keep_the_order_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        HEAD
        + "y;GM0303;2025;1;count\n"
        + "x;GM0171;2025;2;count\n"
        + "y;GM0303;2025;3;count\n"
        + "x;GM0171;2025;4;count\n",
        encoding="utf-8",
    )
    frame = read_measurements(path, aggregate="sum")
    assert frame[["indicator", "region", "value"]].values.tolist() == [
        ["y", "GM0303", 4.0],
        ["x", "GM0171", 6.0],
    ]


def test_a_path_like_file_is_streamed_chunk_by_chunk(tmp_path: Path) -> None:
    # chunks before an unreadable row come out before the file is read to its end
    lines = CRIMES.read_bytes().splitlines()
    body = lines[1:] * 1000  # well beyond what the parser decodes at a time
    bad = tmp_path / "47022NED.csv"
    broken = lines[1].replace(b"GM0171", b"GM\xff171")
    bad.write_bytes(b"\n".join([lines[0], *body, broken]) + b"\n")
    chunks = iter_crime_areas(_PathLike(bad), chunksize=5000)  # type: ignore[arg-type]
    assert len(next(chunks)) == 5000
    with pytest.raises(OpenDataError) as info:
        list(chunks)
    assert str(info.value).startswith(f"{bad}: cannot read as CSV after line ")


@pytest.mark.parametrize(
    ("change", "fields"),
    [(lambda line: line + ';"extra"', 6), (lambda line: line.rsplit(";", 1)[0], 4)],
    ids=["a field too many", "a field too few"],
)
def test_a_line_of_another_length_is_refused_before_any_row(
    tmp_path: Path, change: Any, fields: int
) -> None:
    # a download cut off in its last line, or a stray field: refused, naming the line,
    # before any chunk is given (pandas would read the missing field as an empty cell)
    lines = CRIMES.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "47022NED.csv"
    bad.write_text("\n".join([*lines, change(lines[1])]) + "\n", encoding="utf-8")
    expected = f"{bad}: line {len(lines) + 1}: expected 5 fields as in the header, got {fields}"
    with pytest.raises(OpenDataError) as info:
        next(iter_crime_areas(_PathLike(bad), chunksize=2))  # type: ignore[arg-type]
    assert str(info.value) == expected
    with pytest.raises(OpenDataError) as info:
        read_population(bad)
    assert str(info.value) == expected


def test_lines_the_csv_module_reads_as_the_header_are_accepted(tmp_path: Path) -> None:
    # a quoted separator, blank lines, CRLF line ends, a quoted line break and a last
    # line without its line break: as many fields as the header, so accepted
    path = tmp_path / "kwb.csv"
    path.write_bytes(
        b'"WijkenEnBuurten";"AantalInwoners_5";"Naam"\r\n'
        b'"GM0171    ";"50000";"Noordoost;polder"\r\n'
        b"\r\n"
        b'"GM0184    ";"21000";"Urk\nDorp"\r\n'
        b'"GM0303    ";"42000";"Dronten"'
    )
    out = read_population(path)
    assert out["region"].tolist() == ["GM0171", "GM0184", "GM0303"]
    assert out["population"].tolist() == [50000.0, 21000.0, 42000.0]
    # with the quoted line break, a line of another length is still found
    path.write_bytes(
        b'"WijkenEnBuurten";"AantalInwoners_5";"Naam"\n'
        b'"GM0184    ";"21000";"Urk\nDorp"\n'
        b'"GM0303    ";"42000"\n'
    )
    with pytest.raises(OpenDataError) as info:
        read_population(path)
    assert str(info.value) == f"{path}: line 4: expected 3 fields as in the header, got 2"


def test_veiligheidsmonitor_measurements_have_a_fresh_index() -> None:
    records = [
        {
            "Marges": m,
            "RegioS": region,
            "Perioden": "2025JJ00",
            "RapportcijferVeiligheidInBuurt_60": v,
        }
        for region in ("GM0171", "GM0303")
        for m, v in [("MW00000", 7.8), ("MOG0095", 7.5), ("MBG0095", 8.1)]
    ]
    table = read_veiligheidsmonitor(records)
    shuffled = table.iloc[::-1]  # an index not 0, 1, ...
    frame = veiligheidsmonitor_measurements(shuffled, ivb.load())
    assert len(frame) == 2
    assert frame.index.equals(pd.RangeIndex(2))


def test_report_html_uses_the_template_given(tmp_path: Path) -> None:
    own = tmp_path / "gemeente.html.j2"
    own.write_text(
        '{% extends "ivb/report.html.j2" %}'
        "{% block footer %}<footer>Gemeente Voorbeeld</footer>{% endblock %}",
        encoding="utf-8",
    )
    policy: Policy = ivb.load()
    page = report_html(policy, generated="2025-01-31", template=own)
    assert "<footer>Gemeente Voorbeeld</footer>" in page


def test_a_chunk_size_below_one_is_refused() -> None:
    from ivb.indicators import IndicatorError

    with pytest.raises(IndicatorError) as info:
        next(iter_crime_areas(CRIMES, chunksize=0))
    assert str(info.value) == "chunksize: expected a positive number of rows, got 0"


def test_population_names_an_area_given_twice() -> None:
    from ivb.indicators import read_population

    rows = [
        {"WijkenEnBuurten": "GM0171  ", "AantalInwoners_5": 1},
        {"WijkenEnBuurten": "GM0171", "AantalInwoners_5": 2},
    ]
    with pytest.raises(OpenDataError) as info:
        read_population(rows)
    assert str(info.value) == (
        "records, record 2, column 'WijkenEnBuurten': area 'GM0171' is given twice"
    )


def test_a_population_file_that_is_no_csv_is_named(tmp_path: Path) -> None:
    from ivb.indicators import read_population

    path = tmp_path / "kwb.csv"
    path.write_text("WijkenEnBuurten;AantalInwoners_5\nGM0171;1\nGM0303;2;3\n", encoding="utf-8")
    with pytest.raises(OpenDataError) as info:
        read_population(path)
    assert str(info.value) == f"{path}: line 3: expected 2 fields as in the header, got 3"
