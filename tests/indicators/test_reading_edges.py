"""Edges of reading files: one-column CSV, aggregated order, streamed paths, fresh indexes."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import ivb
from ivb.indicators import (
    MeasurementsError,
    OpenDataError,
    iter_crime_areas,
    read_measurements,
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


@pytest.mark.skipif(
    int(pd.__version__.split(".")[0]) < 3,
    reason="pandas 2 reads a row with one field too many without an error (a known gap of "
    "the streamed reader on pandas 2)",
)
def test_a_path_like_file_is_streamed_chunk_by_chunk(tmp_path: Path) -> None:
    # chunks before a broken row come out before the file is read to its end
    lines = CRIMES.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "47022NED.csv"
    bad.write_text("\n".join([*lines, lines[1] + ';"extra"']) + "\n", encoding="utf-8")
    chunks = iter_crime_areas(_PathLike(bad), chunksize=2)  # type: ignore[arg-type]
    assert len(next(chunks)) == 2
    with pytest.raises(OpenDataError) as info:
        list(chunks)
    assert str(info.value).startswith(f"{bad}: cannot read as CSV after line {len(lines)}: ")


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
    assert str(info.value).startswith(f"{path}: cannot read as CSV: ")
    assert "Expected 2 fields in line 3, saw 3" in str(info.value)
