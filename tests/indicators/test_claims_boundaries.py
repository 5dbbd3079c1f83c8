"""Claim checks at their boundaries: signs, mirrored bounds, trend edges.

Each test changes the data of the bundled policy (its tables, or measurements given
beside it) and checks the verdict and the numbers a reader sees, through
:func:`verify_claims` only.
"""

from __future__ import annotations

import attrs
import pandas as pd
import pytest

from ivb.indicators import Verdict, verify_claims
from ivb.model import Policy

C, X = Verdict.CONSISTENT, Verdict.INCONSISTENT


def _checks(policy: Policy, measurements: pd.DataFrame | None = None) -> dict[str, object]:
    return {c.id: c for c in verify_claims(policy, measurements)}


def _change(indicator: str, region: str, base: float, now: float) -> pd.DataFrame:
    """Measurements of *indicator* in 2019 and 2022."""
    return pd.DataFrame(
        {
            "indicator": indicator,
            "region": region,
            "period": ["2019", "2022"],
            "value": [base, now],
            "unit": "count",
            "source": "test",
        }
    )


# -- a stated fall: the bounds shown are those of the fall -----------------------


BURGLARY = ("dnu-woninginbraken-2022-vs-2019", "woninginbraken", "DNU")
CRIME_DNU = ("dnu-geregistreerde-criminaliteit-2022-vs-2019", "geregistreerde-criminaliteit", "DNU")
CRIME_DRONTEN = (
    "dronten-geregistreerde-criminaliteit-2022-vs-2019",
    "geregistreerde-criminaliteit",
    "GM0303",
)


@pytest.mark.parametrize(
    ("claim", "now", "low", "high", "verdict"),
    [
        # "gedaald met 54%" (woninginbraken DNU 2022 vs 2019): 53.5-54.5% down
        (BURGLARY, 458, -54.5, -53.5, C),
        (BURGLARY, 450, -54.5, -53.5, X),
        (BURGLARY, 470, -54.5, -53.5, X),
        # "met ruim 8% gedaald" (geregistreerde criminaliteit DNU): 8 to 10.1% down
        (CRIME_DNU, 905, -10.1, -8.0, C),
        (CRIME_DNU, 925, -10.1, -8.0, X),
        # "met bijna 10% gedaald" (Dronten): 8.5 to 10% down
        (CRIME_DRONTEN, 910, -10.0, -8.5, C),
        (CRIME_DRONTEN, 880, -10.0, -8.5, X),
    ],
)
def test_a_stated_fall_has_mirrored_bounds(
    policy: Policy,
    claim: tuple[str, str, str],
    now: float,
    low: float,
    high: float,
    verdict: Verdict,
) -> None:
    figure, indicator, region = claim
    check = _checks(policy, _change(indicator, region, 1000, now))[figure]
    assert check.stated < 0
    assert (check.low, check.high) == (low, high)
    assert check.low < check.high
    assert check.computed == pytest.approx((now - 1000) / 10)
    assert check.verdict is verdict
    word = "within" if verdict is C else "outside"
    assert check.detail.endswith(f", {word} {low:g} to {high:g}")


def test_a_stated_fall_against_a_rise_names_both(policy: Policy) -> None:
    check = _checks(policy, _change("woninginbraken", "DNU", 1000, 1540))[
        "dnu-woninginbraken-2022-vs-2019"
    ]
    assert check.verdict is X
    assert check.detail == "the text says a fall, the data show a rise of 54"


# -- trend statements about table 1 --------------------------------------------


def _table1(policy: Policy, **by_period: tuple[float, float, float]) -> Policy:
    """*policy* with the rows (dronten, noordoostpolder, urk) of table 1 changed per period."""
    table = next(t for t in policy.tables if t.number == 1)
    rows = []
    for i, row in enumerate(table.rows):
        values = list(row.values)
        for period, triple in by_period.items():
            values[table.periods.index(period.removeprefix("p"))] = triple[i]
        rows.append(attrs.evolve(row, values=values))
    changed = attrs.evolve(table, rows=rows, stated_totals=[])
    return attrs.evolve(policy, tables=[changed if t is table else t for t in policy.tables])


def test_the_corona_rise_as_printed(policy: Policy) -> None:
    # Tabel 1: 468 in 2019, 717 in 2020 ("flink toenemen")
    check = _checks(policy)["tabel-1.dnu.corona-toename"]
    assert check.verdict is C
    assert check.computed == pytest.approx((717 - 468) / 468 * 100)
    assert (check.low, check.high) == (10.0, float("inf"))
    assert check.detail == "468 in 2019, 717 in 2020: 53.2%"


@pytest.mark.parametrize(
    ("p2020", "verdict", "computed"),
    [
        ((150, 150, 50), X, (350 - 468) / 468 * 100),  # a fall of 25%: no rise
        ((204, 201, 63), X, 0.0),  # unchanged
        ((204, 201, 100), X, (505 - 468) / 468 * 100),  # 7.9%: less than "flink"
        ((230, 201, 84), C, (515 - 468) / 468 * 100),  # 10.04%: enough
    ],
)
def test_a_rise_claim_refuses_a_fall_or_a_small_rise(
    policy: Policy, p2020: tuple[float, float, float], verdict: Verdict, computed: float
) -> None:
    check = _checks(_table1(policy, p2020=p2020))["tabel-1.dnu.corona-toename"]
    assert check.computed == pytest.approx(computed)
    assert check.verdict is verdict


def test_the_peak_has_come_down_as_printed(policy: Policy) -> None:
    # Tabel 1: 468, 717, 699, 506: "De piek ... is inmiddels iets afgenomen"
    check = _checks(policy)["tabel-1.dnu.piek-afgenomen"]
    assert check.verdict is C
    assert check.computed == pytest.approx((506 - 717) / 717 * 100)
    assert check.detail == "506 in 2022 against a peak of 717 (-29.4%)"


@pytest.mark.parametrize(
    ("p2022", "verdict", "detail"),
    [
        ((307, 312, 98), X, "717 in 2022 against a peak of 717 (0%)"),  # at the peak
        ((307, 312, 97), C, "716 in 2022 against a peak of 717 (-0.1%)"),  # just below
        ((307, 312, 99), X, "718 in 2022 against a peak of 717 (0.1%)"),  # a new peak
    ],
)
def test_below_the_peak_means_strictly_below(
    policy: Policy, p2022: tuple[float, float, float], verdict: Verdict, detail: str
) -> None:
    check = _checks(_table1(policy, p2022=p2022))["tabel-1.dnu.piek-afgenomen"]
    assert check.verdict is verdict
    assert check.detail == detail


@pytest.mark.parametrize(
    ("changes", "detail"),
    [
        # 2021 the highest (800); 2022 (750) below it but above 2020 (717)
        ({"p2021": (350, 350, 100), "p2022": (330, 330, 90)}, "750 in 2022 against a peak of 800"),
        # 2019 the highest (900); 2022 (750) above 2020 (717) and 2021 (699)
        ({"p2019": (400, 400, 100), "p2022": (330, 330, 90)}, "750 in 2022 against a peak of 900"),
    ],
)
def test_the_peak_is_the_highest_earlier_period(
    policy: Policy, changes: dict[str, tuple[float, float, float]], detail: str
) -> None:
    check = _checks(_table1(policy, **changes))["tabel-1.dnu.piek-afgenomen"]
    assert check.verdict is C
    assert check.detail.startswith(detail + " (")
