"""Readers refuse what they cannot read, and say where, in the words of their messages.

Each case pins the message (or the value) a user sees, so that a reader that
skipped a check, named another place, or reworded a message would fail here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ivb.indicators import (
    IndicatorError,
    MeasurementsError,
    OpenDataError,
    PoliceDataError,
    crime_by_area,
    fetch_police_table,
    iter_crime_areas,
    margin_change,
    rate_per_1000,
    read_population,
)
from ivb.indicators._csv import read_csv_table
from ivb.indicators._opendata import dataset_records


def test_quoted_line_breaks_and_blank_lines(tmp_path: Path) -> None:
    # a quoted line break makes the reader follow the file line by line; blank lines
    # (also of spaces only) are skipped and the rows keep the lines they start on
    path = tmp_path / "m.csv"
    path.write_text(
        'indicator,region,period,value\nx,"GM\n0171",2023,1\n\n  \nx,GM0184,2024,2\n',
        encoding="utf-8",
    )
    table = read_csv_table(path, error=MeasurementsError)
    assert table.frame["region"].tolist() == ["GM\n0171", "GM0184"]
    assert table.lines.tolist() == [2, 6]


def test_a_broken_quote_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(
        'indicator,region,period,value\nx,"GM\n0171",2023,1\nx,"GM0184"b,2024,2\n',
        encoding="utf-8",
    )
    with pytest.raises(MeasurementsError) as info:
        read_csv_table(path, error=MeasurementsError, what="m.csv")
    assert str(info.value) == "m.csv: line 4: cannot read as CSV (',' expected after '\"')"


def test_download_rows_that_are_not_records() -> None:
    with pytest.raises(OpenDataError) as info:
        dataset_records({"TypedDataSet": [{"a": 1}, "b"]}, "85146NED")
    assert str(info.value) == "85146NED: the rows of the download are not a list of records"
    with pytest.raises(OpenDataError):
        dataset_records({"TypedDataSet": {"a": 1}}, "85146NED")
    assert dataset_records({"UntypedDataSet": [{"a": "1"}]}, "85146NED") == [{"a": "1"}]


def test_an_unknown_police_table_is_named_as_the_table_argument() -> None:
    with pytest.raises(PoliceDataError) as info:
        fetch_police_table("47099NED")
    assert str(info.value) == "table: expected one of 47013NED, 47021NED, got '47099NED'"


def _vm(**columns: object) -> pd.DataFrame:
    data: dict[str, object] = {
        "indicator": "rapportcijfer",
        "region": ["GM0171", "GM0171", "GM0184", "GM0184"],
        "period": ["2021", "2023", "2021", "2023"],
        "value": [7.6, 7.4, 7.0, np.nan],
        "margin_low": [7.4, 7.2, 6.8, np.nan],
        "margin_high": [7.8, 7.6, 7.2, np.nan],
    }
    data.update(columns)
    return pd.DataFrame(data)


def test_margin_change_needs_its_columns() -> None:
    with pytest.raises(IndicatorError) as info:
        margin_change(_vm().drop(columns=["margin_low", "region"]), "2021", "2023")
    assert str(info.value) == (
        "frame: missing columns region, margin_low; read it with read_veiligheidsmonitor"
    )


def test_margin_change_without_one_of_the_values_has_no_verdict() -> None:
    out = margin_change(_vm(), "2021", "2023")
    assert out["significance"].tolist() == ["not significantly different", None]
    # the base value missing, the later one published: no verdict either
    later = _vm(value=[7.6, 7.4, np.nan, 7.0], margin_low=[7.4, 7.2, np.nan, 6.8],
                margin_high=[7.8, 7.6, np.nan, 7.2])  # fmt: skip
    assert margin_change(later, "2021", "2023")["significance"].tolist() == [
        "not significantly different",
        None,
    ]


def test_rate_per_1000_names_the_table_that_lacks_a_column() -> None:
    counts = pd.DataFrame({"region": ["GM0171"], "value": [3.0]})
    population = pd.DataFrame({"region": ["GM0171"], "population": [1000.0]})
    with pytest.raises(IndicatorError) as info:
        rate_per_1000(counts.drop(columns="value"), population)
    assert str(info.value) == "frame: missing columns value"
    with pytest.raises(IndicatorError) as info:
        rate_per_1000(counts, population.drop(columns="population"))
    assert str(info.value) == "population: missing columns population"


def test_a_crime_table_without_its_columns() -> None:
    records = [{"WijkenEnBuurten": "BU01710000", "Perioden": "2023MM01"}]
    with pytest.raises(OpenDataError) as info:
        next(iter_crime_areas(records))
    assert str(info.value) == (
        "records: missing columns SoortMisdrijf, GeregistreerdeMisdrijven_1 (a police "
        "wijk/buurt table such as 47022NED, 47018NED; found WijkenEnBuurten, Perioden)"
    )


def test_population_without_its_columns_and_with_a_bad_count(tmp_path: Path) -> None:
    with pytest.raises(OpenDataError) as info:
        read_population([{"Gemeente": "GM0171"}])
    assert str(info.value) == (
        "records: expected an area column WijkenEnBuurten and a column AantalInwoners_5 "
        "(CBS Kerncijfers wijken en buurten); found Gemeente"
    )
    # in a file, a place is a line of the file (the header is line 1)
    path = tmp_path / "kwb.csv"
    path.write_text(
        "WijkenEnBuurten;AantalInwoners_5\nGM0171    ;50000\nGM0171    ;4\n", encoding="utf-8"
    )
    with pytest.raises(OpenDataError, match=r"kwb.csv, line 3, column 'WijkenEnBuurten': area"):
        read_population(path)
    # in records, a record
    with pytest.raises(OpenDataError, match=r"records, record 2, column 'WijkenEnBuurten': area"):
        read_population(
            [
                {"WijkenEnBuurten": "GM0171", "AantalInwoners_5": "1"},
                {"WijkenEnBuurten": "GM0171", "AantalInwoners_5": "2"},
            ]
        )


def test_crime_by_area_sums_the_level_asked_for() -> None:
    # the table's own wijk row and its buurt rows: from wijk rows, the wijk row alone
    # counts; from buurt rows (the default), the buurten
    records = [
        {"SoortMisdrijf": "0.0.0", "WijkenEnBuurten": code, "Perioden": "2023MM01",
         "GeregistreerdeMisdrijven_1": n}
        for code, n in [("WK017100", 100), ("BU01710000", 3), ("BU01710001", 5)]
    ]  # fmt: skip
    from_buurten = crime_by_area(records, "gemeente")
    assert from_buurten["value"].tolist() == [8.0]
    from_wijken = crime_by_area(records, "gemeente", from_level="wijk")
    assert from_wijken["value"].tolist() == [100.0]
    # an unpublished buurt makes the sum unpublished, as NaN of a float column
    records[2]["GeregistreerdeMisdrijven_1"] = "."
    out = crime_by_area(records, "gemeente")
    assert out["value"].dtype == np.float64 and np.isnan(out["value"].iloc[0])


def test_a_history_frame_adds_its_periods(policy: object, tmp_path: Path) -> None:
    from ivb.indicators import report_data

    earlier = pd.DataFrame(
        {
            "indicator": ["veiligheidsbeleving"],
            "region": ["GM0171"],
            "period": ["2023"],
            "value": [7.5],
            "unit": ["rapportcijfer"],
            "source": ["Veiligheidsmonitor 2023"],
        }
    )
    now = Path(__file__).parent / "fixtures" / "measurements-vm.csv"
    data = report_data(policy, now, generated="2025-06-30", history=earlier)  # type: ignore[arg-type]
    assert data["targets"][0]["series"][0]["points"] == [["2023", 7.5], ["2025", 7.8]]
    # an earlier report that cannot be read as text
    bad = tmp_path / "old.json"
    bad.write_bytes(b'{"measurements": "\xff"}')
    with pytest.raises(MeasurementsError) as info:
        report_data(policy, now, history=bad)  # type: ignore[arg-type]
    assert "old.json: cannot read the earlier report (" in str(info.value)
    assert "utf-8" in str(info.value) and str(info.value).endswith(")")


def test_a_row_without_its_period_is_named() -> None:
    from ivb.indicators import available_engines, evaluate_series, to_engine

    data = pd.DataFrame(
        {
            "indicator": ["x"] * 4,
            "region": ["A"] * 4,
            "period": ["2022", "2023", None, "2025"],
            "value": [1.0, 2.0, 2.0, 3.0],
        }
    )
    for engine in ["pandas", "polars"]:
        if engine not in available_engines():
            continue
        with pytest.raises(MeasurementsError) as info:
            evaluate_series(
                to_engine(data, engine), direction="lower", horizon="2027", base_period="2022"
            )
        assert str(info.value) == "period: missing in row 2", engine


VM_SAMPLE = Path(__file__).parent / "fixtures" / "85146NED-sample.csv"


def test_a_veiligheidsmonitor_table_without_a_measure(tmp_path: Path) -> None:
    from ivb.indicators import read_veiligheidsmonitor

    path = tmp_path / "vm.csv"
    path.write_text('"ID";"Marges";"RegioS";"Perioden"\n"0";"MW00000";"NL01  ";"2021JJ00"\n')
    with pytest.raises(OpenDataError) as info:
        read_veiligheidsmonitor(path)
    assert str(info.value) == (
        f"{path}: no measure column (e.g. RapportcijferVeiligheidInBuurt_60)"
    )


def test_no_region_of_the_table_chosen_gives_an_empty_table_of_numbers() -> None:
    from ivb.indicators import read_veiligheidsmonitor

    out = read_veiligheidsmonitor(VM_SAMPLE, regions=["GM9999"])
    assert out.empty
    assert {c: str(out[c].dtype) for c in ("value", "margin_low", "margin_high")} == {
        "value": "float64",
        "margin_low": "float64",
        "margin_high": "float64",
    }
    # chosen regions: rows as in the whole table, numbered from 0
    some = read_veiligheidsmonitor(VM_SAMPLE, regions=["GM0171"])
    whole = read_veiligheidsmonitor(VM_SAMPLE)
    assert some.columns.tolist() == whole.columns.tolist()
    assert some.index.tolist() == list(range(len(some)))
    expected = whole[whole.region == "GM0171"].reset_index(drop=True)
    pd.testing.assert_frame_equal(some, expected)


def test_an_empty_area_code_in_a_file_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "kwb.csv"
    path.write_text(
        "WijkenEnBuurten;AantalInwoners_5\nGM0171    ;50000\n          ;4\n", encoding="utf-8"
    )
    with pytest.raises(OpenDataError) as info:
        read_population(path)
    assert str(info.value) == f"{path}, line 3, column 'WijkenEnBuurten': the code is empty"


def test_a_source_of_another_kind_is_named_by_its_type() -> None:
    with pytest.raises(OpenDataError) as info:
        read_population(42)  # type: ignore[arg-type]
    assert str(info.value) == (
        "source: expected a CSV path, a DataFrame or a list of records, got int"
    )


POLICE_SAMPLE = Path(__file__).parent / "fixtures" / "47013NED-sample.csv"


def test_a_police_table_with_a_row_twice_names_both_lines(tmp_path: Path) -> None:
    from ivb.indicators import read_police_table

    lines = POLICE_SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "47013NED.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(PoliceDataError) as info:
        read_police_table(path)
    assert str(info.value) == (
        f"{path}: line 2 and line {len(lines) + 1} have the same SoortMisdrijf='0.0.0', "
        "RegioS='NL01', Perioden='2019JJ00'; pass aggregate= to combine such rows"
    )


def test_a_police_table_of_one_row_and_one_measure(tmp_path: Path) -> None:
    from ivb.indicators import read_police_table

    lines = POLICE_SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "47013NED.csv"
    path.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    for aggregate in (False, True):
        out = read_police_table(path, measures=["GeregistreerdeMisdrijven_1"], aggregate=aggregate)
        assert out[["indicator", "region", "period", "value", "unit", "table"]].astype(
            object
        ).values.tolist() == [
            ["geregistreerde-misdrijven", "NL01", "2019", 600000.0, "count", "47013NED"]
        ]


def test_an_empty_code_is_named_by_its_column() -> None:
    records = [
        {"SoortMisdrijf": "  ", "WijkenEnBuurten": "BU01710000", "Perioden": "2023MM01",
         "GeregistreerdeMisdrijven_1": 3}
    ]  # fmt: skip
    with pytest.raises(OpenDataError) as info:
        next(iter_crime_areas(records))
    assert str(info.value) == "records, record 1, column 'SoortMisdrijf': the code is empty"


def test_an_empty_region_of_a_veiligheidsmonitor_file_is_named_by_its_line(
    tmp_path: Path,
) -> None:
    from ivb.indicators import read_veiligheidsmonitor

    lines = VM_SAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "vm.csv"
    path.write_text(
        "\n".join([lines[0], lines[1].replace('"NL01  "', '"      "')]) + "\n", encoding="utf-8"
    )
    with pytest.raises(OpenDataError) as info:
        read_veiligheidsmonitor(path)
    assert str(info.value) == f"{path}, line 2, column 'RegioS': the code is empty"


def test_population_from_the_codering_column() -> None:
    out = read_population(
        [{"Codering_3": "GM0171    ", "AantalInwoners_5": "50000"}], period="2024"
    )
    assert out.to_dict("records") == [
        {"region": "GM0171", "level": "gemeente", "population": 50000.0, "period": "2024"}
    ]


def test_a_rate_over_no_inhabitants_is_not_published_without_a_warning() -> None:
    import warnings

    counts = pd.DataFrame({"region": ["GM0171", "GM0184"], "value": [30.0, 3.0]})
    population = pd.DataFrame({"region": ["GM0171", "GM0184"], "population": [1000.0, 0.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = rate_per_1000(counts, population)
    assert out["per_1000"].tolist()[0] == 30.0 and np.isnan(out["per_1000"].tolist()[1])
