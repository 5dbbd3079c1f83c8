"""Strict CSV reading: encodings, field counts, duplicates, numbers; bounded reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ivb
from ivb.indicators import (
    MeasurementsError,
    PoliceDataError,
    read_measurements,
    read_police_table,
    render_report,
    report_data,
)

HEAD = "indicator;region;period;value;unit\n"
ROW = "veiligheidsbeleving;GM0171;2025;7,8;rapportcijfer\n"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "cp1252"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = HEAD + ROW.replace("rapportcijfer", "rapportcijfer é")
    data = (
        b"\xff\xfe" + text.encode("utf-16-le")
        if encoding == "utf-16-le-bom"
        else text.encode(encoding)
    )
    path = tmp_path / "m.csv"
    path.write_bytes(data)
    frame = read_measurements(path)
    assert frame["unit"].tolist() == ["rapportcijfer é"]
    assert frame["value"].tolist() == [7.8]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "indicator,region,period,value\nveiligheidsbeleving,GM0171,2025,7,8\n",
            "line 2: expected 4 fields as in the header, got 5",
        ),
        (HEAD + ROW + "x;GM0171;2025\n", "line 3: expected 5 fields as in the header, got 3"),
        (HEAD + ROW + ROW, "line 2 and line 3 have the same indicator='veiligheidsbeleving'"),
        (HEAD + "x;GM0171;2025;-4;count\n", "line 2, column 'value': expected a count of at least"),
        (HEAD + "x;GM0171;2025;-4;persons\n", "expected a count of at least 0, got '-4'"),
        (HEAD + "x;GM0171;2025;inf;count\n", "line 2, column 'value': expected a finite number"),
        (HEAD + "x;GM0171;2025;Infinity;x\n", "got 'Infinity'"),
        (HEAD + "x;GM0171;2025;1e309;x\n", "got '1e309'"),
        (HEAD + "x;GM0171;2025;1e308;x\n", "got '1e308'"),
        (HEAD + "x;GM0171;0000;1;x\n", "line 2, column 'period': period: year 0 is out of range"),
        (HEAD + "x\x1b[2J;GM0171;2025;1;x\n", "line 2, column 'indicator': expected text without"),
        ("", "expected a header line"),
        ("indicator;region;period;waarde\nx;GM0171;2025;1\n", "missing columns value;"),
        ("indicator;region;x;value\nx;GM0171;2025;1\n", "missing columns period;"),
        ("indicator;indicator;period;value\n", "column 'indicator' appears twice"),
        (HEAD + "\n\n" + "x;GM0171;2025;hoog;x\n", "line 4, column 'value': expected a number"),
    ],
)
def test_bad_measurement_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MeasurementsError, match=re.escape(message)):
        read_measurements(path)


def test_negative_change_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(HEAD + "x;GM0171;2025;-4,5;percent-change\n", encoding="utf-8")
    assert read_measurements(path)["value"].tolist() == [-4.5]


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(HEAD.encode() + b"x\x81;GM0171;2025;1;x\n")
    with pytest.raises(MeasurementsError, match="undecodable byte b'\\\\x81'"):
        read_measurements(path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.csv"
    path.write_text(HEAD + ROW, encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(MeasurementsError, match="cannot be read \\(Permission denied\\)"):
        read_measurements(path)


@pytest.mark.parametrize(("how", "value"), [("sum", 82.0), ("mean", 41.0)])
def test_duplicates_can_be_aggregated(tmp_path: Path, how: str, value: float) -> None:
    path = tmp_path / "m.csv"
    path.write_text(HEAD + "x;GM0171;2025;41;count\n" * 2, encoding="utf-8")
    frame = read_measurements(path, aggregate=how)  # type: ignore[arg-type]
    assert frame["value"].tolist() == [value]
    assert frame.columns.tolist() == ["indicator", "region", "period", "value", "unit"]


POLICE_HEAD = '"SoortMisdrijf";"RegioS";"Perioden";"GeregistreerdeMisdrijven_1"\n'
POLICE_ROW = '"1.1.1 ";"GM0171    ";"2022JJ00";"41"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            POLICE_HEAD + POLICE_ROW + POLICE_ROW,
            "line 2 and line 3 have the same SoortMisdrijf='1.1.1', RegioS='GM0171'",
        ),
        (POLICE_HEAD + POLICE_ROW.replace('"41"', '"-41"'), "expected a count of at least 0"),
        (POLICE_HEAD + POLICE_ROW.replace('"41"', '"inf"'), "expected a finite number"),
        (POLICE_HEAD + POLICE_ROW.replace('"41"', '"1e309"'), "got '1e309'"),
        (POLICE_HEAD + POLICE_ROW.replace('"41"', '"41";"7"'), "line 2: expected 4 fields"),
        (POLICE_HEAD + POLICE_ROW.replace("2022JJ00", "0000JJ00"), "line 2: period"),
    ],
)
def test_bad_police_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PoliceDataError, match=re.escape(message)):
        read_police_table(path)


def test_police_duplicates_in_records_and_aggregation(tmp_path: Path) -> None:
    record = {
        "SoortMisdrijf": "1.1.1 ",
        "RegioS": "GM0171",
        "Perioden": "2022JJ00",
        "GeregistreerdeMisdrijven_1": 41,
    }
    with pytest.raises(PoliceDataError, match="row 1 and row 2 have the same"):
        read_police_table([record, record])
    assert read_police_table([record, record], aggregate=True)["value"].tolist() == [82.0]
    with pytest.raises(PoliceDataError, match="expected a count of at least 0"):
        read_police_table([{**record, "GeregistreerdeMisdrijven_1": -1}])
    with pytest.raises(PoliceDataError, match="expected a finite number"):
        read_police_table([{**record, "GeregistreerdeMisdrijven_1": float("inf")}])


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_police_table_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    text = (FIXTURES / "47013NED-sample.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "p.csv"
    path.write_bytes(text.encode(encoding))
    assert len(read_police_table(path)) == len(read_police_table(FIXTURES / "47013NED-sample.csv"))


def test_a_long_series_is_sampled_in_the_report(tmp_path: Path) -> None:
    rows = [HEAD] + [
        f"veiligheidsbeleving;GM0171;{1900 + i // 12}-{i % 12 + 1:02d};{i % 10};rapportcijfer\n"
        for i in range(3000)
    ]
    path = tmp_path / "long.csv"
    path.write_text("".join(rows), encoding="utf-8")
    data = report_data(ivb.load(), read_measurements(path), generated="2025-01-31")
    html = render_report(data)
    assert "3.000 perioden: de grafiek toont er 120 en de tabel 24" in html
    assert len(html) < 200_000
    series = next(m for m in data["measurements"] if m["indicator"] == "veiligheidsbeleving")
    assert len(series["periods"]) == 3000  # the data keeps every value
