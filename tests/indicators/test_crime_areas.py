"""Registered crime by wijk and buurt: streamed, rolled up, per 1,000 inhabitants."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from ivb.indicators import (
    CRIME_AREA_TABLES,
    IndicatorError,
    OpenDataError,
    area_hierarchy,
    area_level,
    crime_by_area,
    iter_crime_areas,
    parent_code,
    rate_per_1000,
    read_population,
    roll_up,
)

FIXTURES = Path(__file__).parent / "fixtures"
CRIMES = FIXTURES / "47022NED-sample.csv"
KWB = FIXTURES / "kwb-2024-sample.csv"
PROVINCES = {"GM0171": "PV24", "GM0184": "PV24", "GM0303": "PV24"}


def test_the_tables_are_named() -> None:
    assert set(CRIME_AREA_TABLES) == {"47018NED", "47022NED"}


def test_code_hierarchy() -> None:
    assert parent_code("BU01710000") == "WK017100"
    assert parent_code("WK017100  ") == "GM0171"
    assert parent_code("GM0171") is None and parent_code("PV24") is None
    assert [area_level(c) for c in ("BU01710000", "WK017100", "GM0171", "PV24", "NL00")] == [
        "buurt",
        "wijk",
        "gemeente",
        "group",
        "land",
    ]
    table = area_hierarchy(["BU01840001", "BU01840001", "WK017101", "GM0303"], PROVINCES)
    assert table.values.tolist() == [
        ["BU01840001", "buurt", "BU01840001", "WK018400", "GM0184", "PV24"],
        ["WK017101", "wijk", None, "WK017101", "GM0171", "PV24"],
        ["GM0303", "gemeente", None, None, "GM0303", "PV24"],
    ]
    assert area_hierarchy(["GM0999"], PROVINCES)["group"].tolist() == [None]


def test_streams_in_chunks_and_keeps_the_quirks() -> None:
    chunks = list(iter_crime_areas(CRIMES, chunksize=7))
    assert [len(c) for c in chunks] == [7, 7, 7, 7, 7, 5]  # 40 rows
    whole = pd.concat([c.astype(object).astype({"value": float}) for c in chunks])
    assert set(whole["period"]) == {"2023-01", "2023-02"}
    assert set(whole["period_code"]) == {"2023MM01", "2023MM02"}
    assert set(whole["category"]) == {"0.0.0", "1.1.1"}
    assert "WK017100" in set(whole["region"]) and "BU01710000" in set(whole["region"])
    # "." (January) and "" (February) are not published
    urk = whole[(whole.region == "BU01840000") & (whole.category == "0.0.0")]
    assert urk.set_index("period")["value"].isna().to_dict() == {"2023-01": False, "2023-02": True}
    missing = whole[whole.region == "GM0184"].set_index(["category", "period"])["value"]
    assert math.isnan(missing[("0.0.0", "2023-02")])


def test_filters_while_streaming() -> None:
    chunks = list(iter_crime_areas(CRIMES, chunksize=6, categories=["1.1.1"], areas=["BU01710000"]))
    rows = pd.concat([c.astype(object) for c in chunks])
    assert rows[["region", "period", "value"]].values.tolist() == [
        ["BU01710000", "2023-01", 1.0],
        ["BU01710000", "2023-02", 0.0],
    ]


@pytest.mark.parametrize("chunksize", [1, 4, 1000])
def test_crime_by_area_equals_the_published_totals(chunksize: int) -> None:
    gm = crime_by_area(CRIMES, "gemeente", chunksize=chunksize)
    published = pd.concat(
        [c.astype(object).astype({"value": float}) for c in iter_crime_areas(CRIMES)]
    )
    published = published[published.region.str.startswith("GM")]
    mine = gm.set_index(["category", "region", "period"])["value"]
    theirs = published.set_index(["category", "region", "period"])["value"]
    pd.testing.assert_series_equal(
        mine.sort_index(), theirs.sort_index(), check_names=False, check_index_type=False
    )
    wk = crime_by_area(CRIMES, "wijk", chunksize=chunksize)
    assert len(wk) == 3 * 2 * 2  # wijken x categories x months


def test_crime_by_province_from_a_mapping() -> None:
    pv = crime_by_area(CRIMES, "group", groups=PROVINCES, categories=["0.0.0"])
    assert pv[["region", "period", "value"]].values.tolist()[0] == ["PV24", "2023-01", 20.0]
    assert math.isnan(pv["value"].iloc[1])  # a buurt of Urk is not published in February
    with pytest.raises(IndicatorError, match="groups: rolling up to 'group' needs a mapping"):
        crime_by_area(CRIMES, "group")
    with pytest.raises(IndicatorError, match="level: expected one of"):
        crime_by_area(CRIMES, "provincie")


def test_roll_up_skips_other_levels() -> None:
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "region": ["BU01710000", "BU01710100", "WK017100", "GM0171"],
            "period": "2023",
            "value": [1.0, 2.0, 100.0, 1000.0],
        }
    )
    assert roll_up(frame, "gemeente")["value"].tolist() == [3.0]
    assert roll_up(frame, "gemeente", from_level="wijk")["value"].tolist() == [100.0]
    with pytest.raises(IndicatorError, match="not coarser"):
        roll_up(frame, "wijk", from_level="gemeente")


def test_population_and_rates() -> None:
    pop = read_population(KWB, period="2024")
    assert len(pop) == 10 and set(pop["period"]) == {"2024"}
    assert pop.set_index("region").loc["GM0171", "population"] == 50000.0
    assert math.isnan(pop.set_index("region").loc["BU01840001", "population"])
    gm = crime_by_area(CRIMES, "gemeente", categories=["0.0.0"])
    rates = rate_per_1000(gm, pop).set_index(["region", "period"])
    assert rates.loc[("GM0171", "2023-01"), "per_1000"] == pytest.approx(16 / 50000 * 1000)
    assert rates.loc[("GM0184", "2023-01"), "population"] == 22000.0
    assert math.isnan(rates.loc[("GM0184", "2023-02"), "per_1000"])  # count not published
    buurt = pd.DataFrame({"region": ["BU01840001"], "value": [2.0]})
    assert math.isnan(rate_per_1000(buurt, pop)["per_1000"].iloc[0])  # population not published
    with pytest.raises(IndicatorError, match="area 'GM0171' has more than one row"):
        rate_per_1000(gm, pd.concat([pop, pop]))


def test_errors_name_file_line_and_column(tmp_path: Path) -> None:
    lines = CRIMES.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "crimes.csv"
    line31 = lines[30].rsplit(";", 1)[0] + ';"x1"'
    bad.write_text("\n".join([*lines[:30], line31, *lines[31:]]) + "\n")
    with pytest.raises(OpenDataError) as info:
        crime_by_area(bad, "gemeente", chunksize=8)
    assert f"{bad}, line 31, column 'GeregistreerdeMisdrijven_1'" in str(info.value)
    assert "'x1'" in str(info.value)
    bad.write_text("\n".join([*lines[:25], lines[24].replace("2023MM01", "2023MM13"), *lines[26:]]))
    with pytest.raises(OpenDataError, match=r"line 26, column 'Perioden'"):
        list(iter_crime_areas(bad, chunksize=10))
    bad.write_text(
        "\n".join([*lines[:12], lines[12].replace("WK017100  ", "          "), *lines[13:]])
    )
    with pytest.raises(
        OpenDataError, match=r"line 13, column 'WijkenEnBuurten': the code is empty"
    ):
        list(iter_crime_areas(bad, chunksize=5))
    with pytest.raises(OpenDataError, match="missing columns SoortMisdrijf"):
        list(iter_crime_areas([{"WijkenEnBuurten": "BU01710000"}]))
    with pytest.raises(OpenDataError, match="expected an area column WijkenEnBuurten"):
        read_population([{"Gemeente": "x"}])
