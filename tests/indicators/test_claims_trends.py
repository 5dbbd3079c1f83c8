"""Trend statements about the tables of the policy, at their edges.

The statements about tabel 2 (overlast personen met onbegrepen gedrag, 2019-2022) as the
policy prints them, and each kind of trend at the edge of its verdict: a flat year in
"elk jaar toe", a change of exactly the stated percentage, the rounding of a percentage
to one decimal, an unpublished cell. Everything goes through :func:`verify_claims`.
"""

from __future__ import annotations

import attrs
import pytest

from ivb.indicators import Verdict, verify_claims
from ivb.indicators._claims import ClaimCheck
from ivb.model import Policy

C, X, N = Verdict.CONSISTENT, Verdict.INCONSISTENT, Verdict.NOT_CHECKABLE

TABLE_2 = "tabel 2 (tabel-2-overlast-personen-met-onbegrepen-gedrag)"
RISES_EVERY_YEAR = "tabel-2.noordoostpolder.elk-jaar-toe"
DRONTEN_EQUAL = "tabel-2.dronten.ongeveer-gelijk"
URK_EQUAL = "tabel-2.urk.ongeveer-gelijk"
CORONA_RISE = "tabel-1.dnu.corona-toename"
PEAK = "tabel-1.dnu.piek-afgenomen"


def _trend(policy: Policy, claim: str) -> ClaimCheck:
    return next(c for c in verify_claims(policy) if c.id == claim)


_Row = tuple[float | None, float | None, float | None, float | None]


def _with_rows(policy: Policy, number: int, **rows: _Row) -> Policy:
    """*policy* with rows of table *number* (by region: dronten, noordoostpolder, urk)
    replaced by the values of 2019-2022; printed totals dropped."""
    table = next(t for t in policy.tables if t.number == number)
    new = [attrs.evolve(r, values=list(rows.get(r.region, r.values))) for r in table.rows]
    changed = attrs.evolve(table, rows=new, stated_totals=[])
    return attrs.evolve(policy, tables=[changed if t is table else t for t in policy.tables])


# -- tabel 2 as printed ------------------------------------------------------------


def test_noordoostpolder_rises_every_year_as_printed(policy: Policy) -> None:
    # Tabel 2, Noordoostpolder: 218, 282, 289, 343 ("nemen elk jaar verder toe")
    check = _trend(policy, RISES_EVERY_YEAR)
    assert check.verdict is C
    assert (check.kind, check.region, check.unit) == ("trend", "GM0171", "percent-change")
    assert (check.period, check.base_period) == ("", None)
    assert (check.low, check.high, check.computed, check.stated) == (None, None, None, None)
    assert check.tolerance == "each period higher than the one before"
    assert check.checked_against == TABLE_2
    assert check.detail == "218 → 282 → 289 → 343 (2019-2022)"
    assert check.statement.startswith("Vooral in de gemeente Noordoostpolder")
    # where the statement stands in the policy
    assert check.source == "ivb § [Trends en ontwikkelingen] > Veiligheidsbeeld- en cijfers"


@pytest.mark.parametrize(
    ("claim", "region", "verdict", "base", "now", "detail"),
    [
        # Dronten 216 in 2019, 215 in 2022: "ongeveer gelijk gebleven", -0.5%
        (DRONTEN_EQUAL, "GM0303", C, 216, 215, "216 in 2019, 215 in 2022: -0.5%"),
        # Urk 36 in 2019, 32 in 2022: -11.1%, more than "about equal" allows
        (URK_EQUAL, "GM0184", X, 36, 32, "36 in 2019, 32 in 2022: -11.1%"),
    ],
)
def test_about_equal_as_printed(
    policy: Policy, claim: str, region: str, verdict: Verdict, base: float, now: float, detail: str
) -> None:
    check = _trend(policy, claim)
    assert check.verdict is verdict
    assert (check.region, check.base_period, check.period) == (region, "2019", "2022")
    assert check.computed == pytest.approx((now - base) / base * 100)
    assert (check.low, check.high) == (-10.0, 10.0)
    assert check.tolerance == "within 10% either way"
    assert check.detail == detail
    assert check.checked_against == TABLE_2


def test_the_tolerances_say_what_each_kind_means(policy: Policy) -> None:
    checks = {c.id: c for c in verify_claims(policy) if c.kind == "trend"}
    assert checks[CORONA_RISE].tolerance == "a rise of at least 10%"
    assert checks[PEAK].tolerance == "the last period below the highest earlier one"
    assert checks[PEAK].base_period is None and checks[PEAK].period == ""
    assert (checks[CORONA_RISE].base_period, checks[CORONA_RISE].period) == ("2019", "2020")
    assert {c.region for c in checks.values()} == {"DNU", "GM0171", "GM0303", "GM0184"}
    assert {c.source for c in checks.values()} == {
        "ivb § [Trends en ontwikkelingen] > Veiligheidsbeeld- en cijfers"
    }


# -- each period higher than the one before -----------------------------------------


@pytest.mark.parametrize(
    ("values", "verdict", "detail"),
    [
        ((218, 282, 282, 343), X, "218 → 282 → 282 → 343 (2019-2022)"),  # a flat year
        ((218, 282, 281, 343), X, "218 → 282 → 281 → 343 (2019-2022)"),  # one fall
        ((218, 282, 289, 288), X, "218 → 282 → 289 → 288 (2019-2022)"),  # the last year falls
        ((282, 218, 289, 343), X, "282 → 218 → 289 → 343 (2019-2022)"),  # the first year falls
        ((218, 219, 220, 221), C, "218 → 219 → 220 → 221 (2019-2022)"),  # one more each year
        ((343, 289, 282, 218), X, "343 → 289 → 282 → 218 (2019-2022)"),  # a fall every year
    ],
)
def test_rises_every_year_means_every_year_strictly_higher(
    policy: Policy, values: tuple[float, float, float, float], verdict: Verdict, detail: str
) -> None:
    check = _trend(_with_rows(policy, 2, noordoostpolder=values), RISES_EVERY_YEAR)
    assert check.verdict is verdict
    assert check.detail == detail
    assert check.computed is None


# -- about equal: the stated percentage either way, rounded as printed ----------------


@pytest.mark.parametrize(
    ("now", "verdict", "computed"),
    [
        (2750, C, 10.0),  # exactly 10% up
        (2250, C, -10.0),  # exactly 10% down
        (2751, C, 10.04),  # printed as 10.0%
        (2249, C, -10.04),
        (2752, X, 10.08),  # printed as 10.1%
        (2248, X, -10.08),
        (2500, C, 0.0),
    ],
)
def test_about_equal_at_the_stated_percentage(
    policy: Policy, now: float, verdict: Verdict, computed: float
) -> None:
    changed = _with_rows(policy, 2, dronten=(2500, 196, 159, now))
    check = _trend(changed, DRONTEN_EQUAL)
    assert check.computed == pytest.approx(computed)
    assert check.verdict is verdict
    assert (check.low, check.high) == (-10.0, 10.0)


def test_about_equal_measures_a_change_from_a_negative_base_by_its_size(policy: Policy) -> None:
    # a balance (a net figure) can be negative: -200 to -180 is a rise of 10%
    changed = _with_rows(policy, 2, dronten=(-200, 196, 159, -180))
    check = _trend(changed, DRONTEN_EQUAL)
    assert check.computed == pytest.approx(10.0)
    assert check.verdict is C


# -- a rise of at least the stated percentage ------------------------------------------


@pytest.mark.parametrize(
    ("p2020", "verdict", "computed"),
    [
        ((1100, 1100, 550), C, 10.0),  # exactly 10%
        ((1100, 1100, 549), C, 9.96),  # printed as 10.0%
        ((1100, 1100, 548), X, 9.92),  # printed as 9.9%
    ],
)
def test_a_rise_of_exactly_the_stated_percentage(
    policy: Policy, p2020: tuple[float, float, float], verdict: Verdict, computed: float
) -> None:
    rows = {
        region: (base, new, 300, 300)
        for region, base, new in zip(
            ("dronten", "noordoostpolder", "urk"), (1000, 1000, 500), p2020, strict=True
        )
    }
    check = _trend(_with_rows(policy, 1, **rows), CORONA_RISE)
    assert check.computed == pytest.approx(computed)
    assert check.verdict is verdict
    assert (check.low, check.high) == (10.0, float("inf"))


# -- an unpublished cell: no verdict ---------------------------------------------------


def test_an_unpublished_year_makes_a_trend_not_checkable(policy: Policy) -> None:
    changed = _with_rows(policy, 2, noordoostpolder=(218, None, 289, 343))
    check = _trend(changed, RISES_EVERY_YEAR)
    assert check.verdict is N
    assert check.detail == f"GM0171 has unpublished values in {TABLE_2}: 218 → n/a → 289 → 343"
    assert (check.low, check.high, check.computed) == (None, None, None)
    assert check.tolerance == "each period higher than the one before"
    assert check.checked_against == TABLE_2


def test_an_unpublished_member_makes_the_region_total_not_checkable(policy: Policy) -> None:
    # DNU is the sum of its members: with Urk unpublished in 2022 there is no total
    changed = _with_rows(policy, 1, urk=(63, 98, 77, None))
    for claim in (CORONA_RISE, PEAK):
        check = _trend(changed, claim)
        assert check.verdict is N, claim
        assert check.detail.startswith("DNU has unpublished values in tabel 1 ")
        assert check.detail.endswith(": 468 → 717 → 699 → n/a")
        assert check.computed is None


def test_an_unpublished_year_outside_the_compared_ones_still_blocks(policy: Policy) -> None:
    # about equal compares 2019 with 2022, but the statement is about the whole table
    changed = _with_rows(policy, 2, dronten=(216, None, 159, 215))
    assert _trend(changed, DRONTEN_EQUAL).verdict is N
