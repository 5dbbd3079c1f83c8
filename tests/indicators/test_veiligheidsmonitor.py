"""The Veiligheidsmonitor (85146NED): codes and margins kept, changes judged against them."""

from __future__ import annotations

import json
import math
import sys
import types
from pathlib import Path

import pandas as pd
import pytest

from ivb.indicators import (
    VEILIGHEIDSMONITOR_COLUMNS,
    IndicatorError,
    MissingExtraError,
    OpenDataError,
    Significance,
    compare_measurements,
    fetch_veiligheidsmonitor,
    margin_change,
    read_veiligheidsmonitor,
)
from ivb.model import Policy

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "85146NED-sample.csv"
RESPONSE = FIXTURES / "85146NED-response.json"
RAPPORTCIJFER = "rapportcijfer-veiligheid-in-buurt"


@pytest.fixture(scope="module")
def vm() -> pd.DataFrame:
    return read_veiligheidsmonitor(SAMPLE)


def test_reads_the_export_with_codes_periods_and_margins(vm: pd.DataFrame) -> None:
    assert list(vm.columns) == list(VEILIGHEIDSMONITOR_COLUMNS)
    assert len(vm) == 2 * 6 * 2  # measures x regions x periods
    assert list(dict.fromkeys(vm["region"])) == [
        "NL01",
        "PV24",
        "RE03",
        "GM0171",
        "GM0303",
        "GM0184",
    ]
    assert set(vm["period"]) == {"2021", "2023"} and set(vm["period_code"]) == {
        "2021JJ00",
        "2023JJ00",
    }
    assert set(vm["indicator"]) == {RAPPORTCIJFER, "voelt-zich-weleens-onveilig"}
    row = vm[(vm.indicator == RAPPORTCIJFER) & (vm.region == "GM0171") & (vm.period == "2023")]
    assert row[["value", "margin_low", "margin_high"]].iloc[0].tolist() == [7.8, 7.5, 8.1]
    assert row["measure"].iloc[0] == "RapportcijferVeiligheidInBuurt_60"
    assert row["table"].iloc[0] == "85146NED"


def test_dot_and_empty_cells_are_not_published(vm: pd.DataFrame) -> None:
    urk = vm[vm.region == "GM0184"]
    assert urk[["value", "margin_low", "margin_high"]].isna().all().all()
    assert len(urk) == 4


def test_measures_and_regions_can_be_chosen() -> None:
    out = read_veiligheidsmonitor(
        SAMPLE, measures=["RapportcijferVeiligheidInBuurt"], regions=["GM0171", "NL01"]
    )
    assert set(out["indicator"]) == {RAPPORTCIJFER}
    assert sorted(set(out["region"])) == ["GM0171", "NL01"] and len(out) == 4


def test_compare_measurements_with_margins() -> None:
    # the baseline 7.6 lies inside the new interval [7.5, 8.1]: no significant change
    assert compare_measurements(7.8, 7.6, low=7.5, high=8.1) is Significance.NOT_SIGNIFICANT
    assert compare_measurements(7.8, 7.6, low=7.7, high=7.9) is Significance.HIGHER
    assert compare_measurements(7.3, 7.6, low=7.2, high=7.4) is Significance.LOWER
    # two intervals of 0.1 each: the combined margin is about 0.141
    assert compare_measurements(7.74, 7.6, low=7.64, base_high=7.7) is Significance.NOT_SIGNIFICANT
    assert compare_measurements(7.75, 7.6, low=7.65, base_high=7.7) is Significance.HIGHER
    assert compare_measurements(7.6, 7.6) is Significance.NOT_SIGNIFICANT
    assert compare_measurements(7.7, 7.6) is Significance.HIGHER  # exact figures
    with pytest.raises(IndicatorError, match="value: not published"):
        compare_measurements(math.nan, 7.6)
    with pytest.raises(IndicatorError, match="wrong side"):
        compare_measurements(7.6, 7.0, low=7.8)


def test_margin_change_judges_every_series(vm: pd.DataFrame) -> None:
    out = margin_change(vm[vm.indicator == RAPPORTCIJFER], "2021", "2023").set_index("region")
    verdicts = out["significance"].to_dict()
    assert verdicts["GM0171"] == "not significantly different"  # 7.6 -> 7.8 within margins
    assert verdicts["GM0303"] == "lower"  # 7.4 -> 7.0
    assert verdicts["PV24"] == "lower"  # 7.2 -> 7.0, margins 0.1
    assert verdicts["NL01"] == "lower"  # exact national figures
    assert verdicts["RE03"] == "not significantly different"
    assert verdicts["GM0184"] is None  # not published
    assert out.loc["GM0171", "change"] == pytest.approx(0.2)
    assert out.loc["GM0171", ["base_low", "base_high", "low", "high"]].tolist() == [
        7.5,
        7.7,
        7.5,
        8.1,
    ]


def test_the_policys_target_is_evaluated_from_the_table(policy: Policy, vm: pd.DataFrame) -> None:
    target = next(t for t in policy.targets if "veiligheidsbeleving" in t.indicators)
    assert target.baseline is not None and target.baseline.value == 7.6
    nop = vm[(vm.indicator == RAPPORTCIJFER) & (vm.region == "GM0171") & (vm.period == "2023")]
    row = nop.iloc[0]
    verdict = compare_measurements(
        row["value"], target.baseline.value, low=row["margin_low"], high=row["margin_high"]
    )
    # 7.8 is above the baseline, but the baseline lies within the 95% interval [7.5, 8.1]
    assert verdict is Significance.NOT_SIGNIFICANT
    assert target.comparison.value == "more-than" and row["value"] > target.baseline.value


def test_errors_name_file_line_and_column(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "vm.csv"
    bad.write_text("\n".join([*text[:5], text[5].replace('"7.1"', '"7,1"'), *text[6:]]) + "\n")
    with pytest.raises(OpenDataError) as info:
        read_veiligheidsmonitor(bad)
    message = str(info.value)
    assert f"{bad}, line 6, column 'RapportcijferVeiligheidInBuurt_60'" in message
    assert "'7,1'" in message
    bad.write_text("\n".join([*text[:3], text[3].replace("MBG0095", "MXX0095"), *text[4:]]))
    with pytest.raises(OpenDataError, match=r"line 4, column 'Marges': expected MW00000"):
        read_veiligheidsmonitor(bad)
    bad.write_text("\n".join([*text[:3], text[2], *text[4:]]))
    with pytest.raises(OpenDataError, match=r"line 4, column 'Marges': a second margin_low row"):
        read_veiligheidsmonitor(bad)
    bad.write_text("\n".join([*text[:3], text[3].replace("2021JJ00", "2021XX00"), *text[4:]]))
    with pytest.raises(OpenDataError, match=r"line 4, column 'Perioden'"):
        read_veiligheidsmonitor(bad)
    with pytest.raises(OpenDataError, match="missing columns Marges"):
        read_veiligheidsmonitor([{"RegioS": "GM0171", "Perioden": "2023JJ00", "X_1": 1}])
    with pytest.raises(OpenDataError, match="measures: 'Nope' not in"):
        read_veiligheidsmonitor(SAMPLE, measures=["Nope"])


def _fake_cbsodata(monkeypatch: pytest.MonkeyPatch, calls: list[dict[str, object]]) -> None:
    recorded = json.loads(RESPONSE.read_text(encoding="utf-8"))

    def download_data(table_id: str, **kwargs: object) -> dict[str, object]:
        calls.append({"table_id": table_id, **kwargs})
        return recorded

    module = types.ModuleType("cbsodata")
    module.download_data = download_data  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cbsodata", module)


def test_fetch_reads_a_recorded_response(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, object]] = []
    _fake_cbsodata(monkeypatch, calls)
    out = fetch_veiligheidsmonitor(
        regions=["GM0171"], measures=["RapportcijferVeiligheidInBuurt_60"]
    )
    assert calls == [
        {"table_id": "85146NED", "typed": True, "filters": "substringof('GM0171',RegioS)"}
    ]
    assert out[["region", "period", "value", "margin_low", "margin_high"]].values.tolist() == [
        ["GM0171", "2021", 7.6, 7.5, 7.7],
        ["GM0171", "2023", 7.8, 7.5, 8.1],
    ]


def test_fetch_without_cbsodata_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cbsodata", None)
    with pytest.raises(MissingExtraError, match=r"ivb\[opendata\]"):
        fetch_veiligheidsmonitor()


def test_fetch_reads_untyped_rows_as_cbsodata_1_3_returns_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorded = json.loads(RESPONSE.read_text(encoding="utf-8"))

    def text(v: object) -> object:
        return "       ." if v is None else f"{v:>8}" if isinstance(v, float) else v

    untyped = [{k: text(v) for k, v in row.items()} for row in recorded.pop("TypedDataSet")]
    recorded["UntypedDataSet"] = untyped
    module = types.ModuleType("cbsodata")
    module.download_data = lambda table_id, **kwargs: recorded  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cbsodata", module)
    out = fetch_veiligheidsmonitor(measures=["RapportcijferVeiligheidInBuurt_60"])
    assert out[["period", "value", "margin_low", "margin_high"]].values.tolist() == [
        ["2021", 7.6, 7.5, 7.7],
        ["2023", 7.8, 7.5, 8.1],
    ]
    recorded.pop("UntypedDataSet")
    with pytest.raises(OpenDataError, match="no TypedDataSet or UntypedDataSet"):
        fetch_veiligheidsmonitor()
