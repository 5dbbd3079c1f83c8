"""Police open data read as downloaded, with every quirk of the raw format."""

from __future__ import annotations

import json
import math
import sys
import types
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest

from ivb.indicators import (
    POLICE_TABLES,
    IndicatorError,
    MissingExtraError,
    PoliceCategory,
    PoliceDataError,
    cbs_period,
    fetch_police_table,
    police_categories,
    police_measurements,
    read_police_table,
)
from ivb.model import Policy


def test_47013ned_as_downloaded(crimes_csv: Path) -> None:
    frame = read_police_table(crimes_csv)
    assert list(frame.columns) == [
        "indicator",
        "region",
        "period",
        "value",
        "unit",
        "source",
        "table",
        "category",
        "period_code",
    ]
    # three measures, 420 raw rows
    assert len(frame) == 3 * 420
    assert list(frame["indicator"].cat.categories) == [
        "geregistreerde-misdrijven",
        "aangiften",
        "internetaangiften",
    ]
    # padding stripped, codes kept
    assert sorted(frame["region"].cat.categories) == ["GM0171", "GM0184", "GM0303", "NL01", "PV24"]
    assert "1.1.1" in set(frame["category"].cat.categories)
    # years and months side by side, the CBS code kept
    periods = frame[["period", "period_code"]].drop_duplicates().astype(str)
    assert dict(zip(periods["period_code"], periods["period"], strict=True)) == {
        "2019JJ00": "2019",
        "2022JJ00": "2022",
        "2023JJ00": "2023",
        "2024JJ00": "2024",
        "2024MM01": "2024-01",
        "2024MM02": "2024-02",
    }
    assert set(frame["table"]) == {"47013NED"} and set(frame["unit"]) == {"count"}


def _value(frame: pd.DataFrame, indicator: str, region: str, code: str, period: str) -> float:
    hit = frame[
        (frame["indicator"] == indicator)
        & (frame["region"] == region)
        & (frame["category"] == code)
        & (frame["period"] == period)
    ]
    assert len(hit) == 1
    return float(hit["value"].iloc[0])


def test_empty_cells_and_dots_mean_not_published(crimes_csv: Path) -> None:
    frame = read_police_table(crimes_csv)
    assert math.isnan(_value(frame, "geregistreerde-misdrijven", "GM0184", "1.4.2", "2023"))
    assert math.isnan(_value(frame, "geregistreerde-misdrijven", "GM0303", "1.2.4", "2019"))
    assert math.isnan(_value(frame, "aangiften", "NL01", "1.1.1", "2024-02"))
    assert _value(frame, "geregistreerde-misdrijven", "GM0303", "1.1.1", "2019") == 420.0
    assert frame["value"].isna().sum() == 3


def test_47021ned_comma_separated(nuisance_csv: Path) -> None:
    frame = read_police_table(nuisance_csv)
    assert set(frame["table"]) == {"47021NED"}
    assert list(frame["indicator"].cat.categories) == ["geregistreerde-overlast"]
    assert sorted(frame["category"].cat.categories) == ["A010", "A020", "T001"]
    assert set(frame["period"].astype(str)) == {"2019", "2022", "2023-01"}
    assert frame["value"].isna().sum() == 1


def test_keep_some_measures_and_regions(crimes_csv: Path) -> None:
    frame = read_police_table(
        crimes_csv, measures=["GeregistreerdeMisdrijven_1"], regions=["GM0303", "GM0171", "GM0184"]
    )
    assert len(frame) == 3 * 14 * 6
    assert set(frame["region"].astype(str)) == {"GM0303", "GM0171", "GM0184"}
    with pytest.raises(PoliceDataError, match="measures: Misdrijven_9 not in"):
        read_police_table(crimes_csv, measures=["Misdrijven_9"])


def test_records_as_the_api_returns_them() -> None:
    records = [
        {
            "ID": 7,
            "SoortMisdrijf": "3.7.4 ",
            "RegioS": "GM0184    ",
            "Perioden": "2023KW02",
            "GeregistreerdeMisdrijven_1": 3,
            "Aangiften_2": None,
            "Internetaangiften_3": 1,
        },
    ]
    frame = read_police_table(records)
    assert set(frame["period"].astype(str)) == {"2023-Q2"}
    assert frame["value"].isna().sum() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '"Soort";"RegioS";"Perioden";"X_1"\n"1";"GM0303";"2022JJ00";"1"\n',
            "expected a police table with a SoortMisdrijf",
        ),
        (
            '"SoortMisdrijf";"Perioden";"X_1"\n"1.1.1 ";"2022JJ00";"1"\n',
            "missing columns RegioS of table 47013NED",
        ),
        (
            '"SoortMisdrijf";"RegioS";"Perioden";"X_1"\n"1.1.1 ";"GM0303  ";"2022XX00";"1"\n',
            "line 2: Perioden: expected a CBS period code",
        ),
        (
            '"SoortMisdrijf";"RegioS";"Perioden";"X_1"\n"1.1.1 ";"GM0303  ";"2022MM13";"1"\n',
            "line 2: Perioden: '2022MM13' has no valid number after MM",
        ),
        (
            '"SoortMisdrijf";"RegioS";"Perioden";"X_1"\n"1.1.1 ";"GM0303  ";"2022JJ00";"veel"\n',
            "line 2, column 'X_1': expected a number or an empty cell "
            "\\(not published\\), got 'veel'",
        ),
        (
            '"SoortMisdrijf";"RegioS";"Perioden";"X_1"\n"1.1.1 ";"   ";"2022JJ00";"1"\n',
            "line 2: column 'RegioS' is empty",
        ),
        (
            '"SoortMisdrijf";"RegioS";"Perioden"\n"1.1.1 ";"GM0303";"2022JJ00"\n',
            "no measure column",
        ),
    ],
)
def test_bad_files_get_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PoliceDataError, match=message):
        read_police_table(path)


def test_not_a_file_or_source(tmp_path: Path) -> None:
    with pytest.raises(PoliceDataError, match="no such file"):
        read_police_table(tmp_path / "nope.csv")
    with pytest.raises(PoliceDataError, match="expected a CSV path, a DataFrame or a list"):
        read_police_table(42)  # type: ignore[arg-type]


def test_an_unknown_measure_gets_a_slug() -> None:
    frame = read_police_table(
        [{"Overlast": "X ", "RegioS": "GM0171", "Perioden": "2022JJ00", "NieuweMaat_4": 2}]
    )
    assert list(frame["indicator"].cat.categories) == ["nieuwe-maat"]


def test_categories_sum_their_codes(crimes_csv: Path, policy: Policy) -> None:
    out = police_measurements(read_police_table(crimes_csv), policy)
    # the sample has no 3.1.1 and 3.7.4 rows: those categories give no rows, not zeros
    assert set(out["indicator"]) == {
        c.id for c in police_categories(policy) if c.table == "47013NED" and c.codes
    } - {"drugshandel", "geregistreerde-cybercrime"}
    row = out[
        (out["indicator"] == "geweld") & (out["region"] == "GM0171") & (out["period"] == "2019")
    ]
    # 1.4.1, 1.4.3-1.4.7 with (code % 7) + 1 = 2, 4, 5, 6, 7, 1; scale 5, trend 10
    assert float(row["value"].iloc[0]) == (2 + 4 + 5 + 6 + 7 + 1) * 5 * 10
    hic_urk_2023 = out[
        (out["indicator"] == "high-impact-crimes")
        & (out["region"] == "GM0184")
        & (out["period"] == "2023")
    ]
    assert math.isnan(float(hic_urk_2023["value"].iloc[0]))  # 1.4.2 not published
    assert list(out.columns) == ["indicator", "region", "period", "value", "unit", "source"]
    assert out["source"].iloc[0].startswith("Politie open data 47013NED, SoortMisdrijf ")


def test_a_code_absent_from_the_table_makes_the_category_missing(policy: Policy) -> None:
    records = [
        {
            "SoortMisdrijf": "1.2.1 ",
            "RegioS": "GM0171",
            "Perioden": "2022JJ00",
            "GeregistreerdeMisdrijven_1": 5,
        }
    ]
    vvc = [c for c in police_categories(policy) if c.id == "veelvoorkomende-criminaliteit"]
    out = police_measurements(read_police_table(records), vvc)
    assert math.isnan(float(out["value"].iloc[0]))


def test_unconfirmed_nuisance_codes(nuisance_csv: Path, policy: Policy) -> None:
    frame = read_police_table(nuisance_csv)
    assert police_measurements(frame, policy).empty  # no confirmed 47021NED codes
    jeugd = next(c for c in police_categories(policy) if c.id == "jongerenoverlast")
    assert not jeugd.confirmed and jeugd.codes == ()
    with pytest.raises(
        IndicatorError, match="'jongerenoverlast': its 47021NED codes are not confirmed"
    ):
        police_measurements(frame, [jeugd])
    own = attrs.evolve(jeugd, codes=("A010",))
    out = police_measurements(frame, [own])
    assert set(out["indicator"]) == {"jongerenoverlast"} and len(out) == 9


def test_a_category_of_the_other_table_is_refused(nuisance_csv: Path, policy: Policy) -> None:
    hic = [c for c in police_categories(policy) if c.id == "high-impact-crimes"]
    with pytest.raises(IndicatorError, match="needs table 47013NED, the frame has 47021NED"):
        police_measurements(read_police_table(nuisance_csv), hic)


def test_the_mapping_is_data_of_the_policy(policy: Policy) -> None:
    categories = police_categories(policy)
    ids = [c.id for c in categories]
    assert len(ids) == len(set(ids)) == 17
    for c in categories:
        assert c.table in POLICE_TABLES
        assert c.confirmed == bool(c.codes)
        assert c.id == policy.get(c.id).id  # an indicator of the registry
    needed = {
        "high-impact-crimes",
        "veelvoorkomende-criminaliteit",
        "woninginbraken",
        "geregistreerde-cybercrime",
        "geweld",
        "geregistreerde-criminaliteit",
        "zakkenrollen",
        "openlijke-geweldpleging",
    }
    assert needed <= set(ids)
    by_id = {c.id: c for c in categories}
    assert by_id["high-impact-crimes"].codes == (
        "1.1.1",
        "1.4.1",
        "1.4.2",
        "1.4.3",
        "1.4.4",
        "1.4.5",
        "1.4.6",
        "1.4.7",
    )
    assert by_id["veelvoorkomende-criminaliteit"].codes == (
        "1.2.1",
        "1.2.3",
        "1.2.4",
        "2.2.1",
        "2.5.2",
    )
    assert [c.id for c in categories if not c.confirmed] == [
        "overlast-onbegrepen-gedrag",
        "jongerenoverlast",
    ]


def test_another_policy_brings_its_own_categories(crimes_csv: Path, policy: Policy) -> None:
    """The codes come from the policy file: change the data, and the sums follow."""
    ind = policy.get("woninginbraken")
    own = attrs.evolve(ind, data_source=attrs.evolve(ind.data_source, codes=("1.1.1", "1.2.1")))
    other = attrs.evolve(
        policy, indicators=[own if i.id == "woninginbraken" else i for i in policy.indicators]
    )
    frame = read_police_table(crimes_csv)
    base = police_measurements(frame, policy)
    wider = police_measurements(frame, other)

    def value(f: pd.DataFrame) -> float:
        row = f[
            (f["indicator"] == "woninginbraken")
            & (f["region"] == "GM0171")
            & (f["period"] == "2022")
        ]
        return float(row["value"].iloc[0])

    car = police_measurements(frame, [c for c in police_categories(policy) if c.id == "autokraak"])
    assert value(wider) == value(base) + float(
        car[(car["region"] == "GM0171") & (car["period"] == "2022")]["value"].iloc[0]
    )


def test_cbs_periods() -> None:
    assert cbs_period("2022JJ00") == "2022" and cbs_period("2022MM01") == "2022-01"
    with pytest.raises(IndicatorError, match="got '2022'"):
        cbs_period("2022")


def test_fetch_needs_the_optional_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cbsodata", None)  # import fails
    with pytest.raises(MissingExtraError, match=r"pip install 'ivb\[police\]'"):
        fetch_police_table("47013NED")
    with pytest.raises(PoliceDataError, match="expected one of 47013NED, 47021NED"):
        fetch_police_table("83648NED")


def test_fetch_reads_what_cbsodata_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def download_data(table: str, **kw: object) -> dict[str, object]:
        calls.append((table, kw))
        return {
            "TypedDataSet": [
                {
                    "ID": 0,
                    "SoortMisdrijf": "1.1.1 ",
                    "RegioS": "GM0171    ",
                    "Perioden": "2022JJ00",
                    "GeregistreerdeMisdrijven_1": 12,
                    "Aangiften_2": 10,
                    "Internetaangiften_3": None,
                }
            ]
        }

    fake = types.ModuleType("cbsodata")
    fake.download_data = download_data  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cbsodata", fake)
    frame = fetch_police_table("47013NED", regions=["GM0171"])
    assert calls == [
        (
            "47013NED",
            {
                "typed": True,
                "filters": "substringof('GM0171',RegioS)",
                "catalog_url": "dataderden.cbs.nl",
            },
        )
    ]
    assert set(frame["region"].astype(str)) == {"GM0171"} and len(frame) == 3


def test_the_offline_path_does_not_import_cbsodata(crimes_csv: Path, policy: Policy) -> None:
    read_police_table(crimes_csv)
    police_measurements(read_police_table(crimes_csv), policy)
    assert "cbsodata" not in sys.modules or sys.modules["cbsodata"] is None


ODATA = Path(__file__).parent / "fixtures" / "47013NED-odata.json"


class _Replay:
    """Stands in for the HTTP session of cbsodata: answers from recorded OData responses."""

    def __init__(self, recorded: dict[str, object], urls: list[str]) -> None:
        self.recorded, self.urls = recorded, urls

    def send(self, prepared: Any, **_kw: object) -> Any:
        from urllib.parse import unquote, urlsplit

        self.urls.append(unquote(prepared.url))
        name = urlsplit(prepared.url).path.rsplit("/", 1)[-1]
        body = json.dumps(self.recorded[name])
        return types.SimpleNamespace(raise_for_status=lambda: None, text=body, encoding="utf-8")


@pytest.fixture
def replayed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The installed cbsodata, its network replaced by the recorded 47013NED responses."""
    cbsodata3 = pytest.importorskip("cbsodata.cbsodata3")
    recorded = json.loads(ODATA.read_text(encoding="utf-8"))
    urls: list[str] = []
    monkeypatch.setattr(cbsodata3, "Session", lambda: _Replay(recorded, urls))
    return urls


def test_fetch_through_the_installed_cbsodata(replayed: list[str]) -> None:
    frame = fetch_police_table("47013NED", regions=["GM0171"])
    data_urls = [u for u in replayed if "DataSet" in u]
    assert len(data_urls) == 1 and "$filter=substringof('GM0171',RegioS)" in data_urls[0]
    assert all(u.startswith("https://dataderden.cbs.nl/") for u in replayed)
    assert len(frame) == 3 * 4  # three measures, four rows
    woning = frame[(frame.indicator == "geregistreerde-misdrijven") & (frame.category == "1.1.1")]
    by_period = woning.set_index(woning["period"].astype(str))["value"]
    assert (by_period["2022"], by_period["2023"]) == (41.0, 35.0)
    assert math.isnan(by_period["2023-01"])  # "       ." in the untyped rows
    totals = frame[(frame.category == "0.0.0") & (frame.period == "2023")]
    assert totals.set_index("indicator")["value"].to_dict() == {
        "geregistreerde-misdrijven": 2210.0,
        "aangiften": 1405.0,
        "internetaangiften": 390.0,
    }


def test_typed_and_untyped_rows_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = json.loads(ODATA.read_text(encoding="utf-8"))
    frames = []
    for name in ("TypedDataSet", "UntypedDataSet"):
        rows = recorded[name]["value"]
        fake = types.ModuleType("cbsodata")
        fake.download_data = lambda table, rows=rows, name=name, **kw: {name: rows}  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "cbsodata", fake)
        frames.append(fetch_police_table("47013NED"))
    pd.testing.assert_frame_equal(frames[0], frames[1])
    fake.download_data = lambda table, **kw: {"TableInfos": []}  # type: ignore[attr-defined]
    with pytest.raises(
        PoliceDataError, match=r"no TypedDataSet or UntypedDataSet \(it has TableInfos\)"
    ):
        fetch_police_table("47013NED")


def test_the_measure_of_a_category_is_data(crimes_csv: Path) -> None:
    frame = read_police_table(crimes_csv)
    codes = ["1.1.1"]
    counted = PoliceCategory(
        id="inbraak", name="Inbraak", table="47013NED", codes=codes, confirmed=True, basis="t"
    )
    reported = attrs.evolve(counted, measure="Aangiften_2")
    assert POLICE_TABLES["47013NED"].default_measure == "GeregistreerdeMisdrijven_1"
    a = police_measurements(frame, [counted])
    b = police_measurements(frame, [reported])
    c = police_measurements(frame, [counted], measure="aangiften")
    expected = frame[(frame.indicator == "aangiften") & (frame.category == "1.1.1")]
    np.testing.assert_array_equal(b["value"], expected["value"])
    np.testing.assert_array_equal(c["value"], expected["value"])
    assert not np.array_equal(a["value"], b["value"], equal_nan=True)
    with pytest.raises(IndicatorError, match="measure: expected one of GeregistreerdeMisdrijven_1"):
        police_measurements(frame, [attrs.evolve(counted, measure="Nope_9")])
    with pytest.raises(ValueError, match="default_measure: expected one of"):
        attrs.evolve(POLICE_TABLES["47013NED"], default_measure="Nope_9")
