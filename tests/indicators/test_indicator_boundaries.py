"""Small pieces of the indicators at their edges: period kinds, chart ticks, printed totals."""

from __future__ import annotations

import attrs
import pytest

from ivb.indicators import Verdict, verify_claims
from ivb.indicators._periods import period_kind
from ivb.indicators._svg import nice_ticks
from ivb.model import Policy


@pytest.mark.parametrize(
    ("period", "kind"),
    [
        ("2022", "year"),
        ("2022JJ00", "year"),
        ("2024-2027", "years"),
        ("2023-H1", "half"),
        ("2022HJ01", "half"),
        ("2022-Q3", "quarter"),
        ("2022KW01", "quarter"),
        ("2022-01", "month"),
        ("2022MM03", "month"),
        ("2023-02-01", "day"),
    ],
)
def test_period_kinds(period: str, kind: str) -> None:
    assert period_kind(period) == kind


@pytest.mark.parametrize(
    ("high", "ticks"),
    [
        (20, [0, 5, 10, 15, 20]),
        (55, [0, 20, 40, 60]),  # steps of 1, 2, 2.5 or 5 times a power of ten
        (717, [0, 200, 400, 600, 800]),  # tabel 1: at most 717
    ],
)
def test_chart_ticks_are_round_numbers(high: float, ticks: list[float]) -> None:
    assert nice_ticks(0, high) == ticks


def test_a_total_over_an_unpublished_row_is_not_checkable(policy: Policy) -> None:
    # tabel 1 with Urk's 2019 figure left out: the printed DNU total 468 cannot be summed
    table = policy.tables[0]
    rows = [
        attrs.evolve(r, values=[None, *r.values[1:]]) if r.region == "urk" else r
        for r in table.rows
    ]
    changed = attrs.evolve(table, rows=rows)
    checks = {
        c.id: c
        for c in verify_claims(attrs.evolve(policy, tables=[changed, *policy.tables[1:]]))
        if c.kind == "stated-total"
    }
    check = checks["tabel-1-gedigitaliseerde-criminaliteit.total.dnu.2019"]
    assert check.verdict is Verdict.NOT_CHECKABLE
    assert check.computed is None and check.low is None
    assert "do not add up to DNU for 2019" in check.detail
    assert checks["tabel-1-gedigitaliseerde-criminaliteit.total.dnu.2020"].verdict is (
        Verdict.CONSISTENT
    )
