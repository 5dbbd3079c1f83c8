"""A claim the policy's tables cannot check names exactly what the table lacks.

A change compares two years; when the table lacks one of them (no column, or a value
not published), the reason names that year and not the other. The detail of the
check (English), the reason code of the report and the sentence of the report in
English and Dutch all say the same.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from ivb.indicators import Verdict, report_data, report_html, verify_claims
from ivb.model import Policy, Unit

DIGITAL = "dnu-gedigitaliseerde-criminaliteit-vs-2019"
TREND = "tabel-2.urk.ongeveer-gelijk"
TABLE_1 = "tabel 1 (tabel-1-gedigitaliseerde-criminaliteit)"
DNU = "DNU (Dronten, Noordoostpolder en Urk)"
GENERATED = "2025-01-31"


def _figure(**changes: Any) -> Callable[[Policy], Policy]:
    """The figure on table 1 (DNU, 2022 against 2019) with *changes*."""

    def change(policy: Policy) -> Policy:
        figures = [attrs.evolve(f, **changes) if f.id == DIGITAL else f for f in policy.figures]
        return attrs.evolve(policy, figures=figures)

    return change


def _table(
    number: int, region: str, values: list[float | None] | None
) -> Callable[[Policy], Policy]:
    """Table *number* with the row of *region* given *values*, or without it (None)."""

    def change(policy: Policy) -> Policy:
        tables = []
        for t in policy.tables:
            if t.number == number:
                rows = [r for r in t.rows if r.region != region or values is not None]
                rows = [attrs.evolve(r, values=values) if r.region == region else r for r in rows]
                t = attrs.evolve(t, rows=rows)
            tables.append(t)
        return attrs.evolve(policy, tables=tables)

    return change


def _without_trends(policy: Policy) -> Policy:
    """The policy without its trend statements (a table must have the rows they name)."""
    return attrs.evolve(policy, trend_claims=[])


def _both(*changes: Callable[[Policy], Policy]) -> Callable[[Policy], Policy]:
    def change(policy: Policy) -> Policy:
        for c in changes:
            policy = c(policy)
        return policy

    return change


def _claim_cells(data: dict[str, Any], page: str) -> dict[str, str]:
    """The last cell (the reason) of each row of the claims tables, by claim id."""
    rows = re.findall(r'<tr><th scope="row"><q lang="nl">(.*?)</q></th>(.*?)</tr>', page)
    by_statement = {html.unescape(s): rest for s, rest in rows}
    return {
        c["id"]: html.unescape(re.findall(r"<td[^>]*>(.*?)</td>", by_statement[c["statement"]])[-1])
        for c in data["claims"]
        if c["statement"] in by_statement
    }


def _missing(periods: list[str]) -> dict[str, Any]:
    return {"reason": "missing-value", "table": 1, "region": DNU, "periods": periods}


# (change, claim, detail, explain, English, Dutch)
CASES: list[tuple[Callable[[Policy], Policy], str, str, dict[str, Any], str, str]] = [
    (  # only the base year is not in the table
        _figure(base_period="2018"),
        DIGITAL,
        f"{TABLE_1}: no value for DNU in 2018",
        _missing(["2018"]),
        f"Table 1 of the policy has no published value for {DNU} in 2018.",
        f"Tabel 1 van het beleid heeft geen gepubliceerd cijfer voor {DNU} in 2018.",
    ),
    (  # only the later year is not in the table
        _figure(period="2023"),
        DIGITAL,
        f"{TABLE_1}: no value for DNU in 2023",
        _missing(["2023"]),
        f"Table 1 of the policy has no published value for {DNU} in 2023.",
        f"Tabel 1 van het beleid heeft geen gepubliceerd cijfer voor {DNU} in 2023.",
    ),
    (  # neither year is in the table
        _figure(base_period="2017", period="2018"),
        DIGITAL,
        f"{TABLE_1}: no value for DNU in 2017 and 2018",
        _missing(["2017", "2018"]),
        f"Table 1 of the policy has no published value for {DNU} in 2017 and 2018.",
        f"Tabel 1 van het beleid heeft geen gepubliceerd cijfer voor {DNU} in 2017 en 2018.",
    ),
    (  # the base year is a column, but Urk's value (and so DNU's) is not published
        _table(1, "urk", [None, 98, 77, 61]),
        DIGITAL,
        f"{TABLE_1}: not published for DNU in 2019",
        _missing(["2019"]),
        f"Table 1 of the policy has no published value for {DNU} in 2019.",
        f"Tabel 1 van het beleid heeft geen gepubliceerd cijfer voor {DNU} in 2019.",
    ),
    (  # the later year is published, but not the base year
        _table(1, "urk", [63, 98, 77, None]),
        DIGITAL,
        f"{TABLE_1}: not published for DNU in 2022",
        _missing(["2022"]),
        f"Table 1 of the policy has no published value for {DNU} in 2022.",
        f"Tabel 1 van het beleid heeft geen gepubliceerd cijfer voor {DNU} in 2022.",
    ),
    (  # one year not published, the other not a column
        _both(_table(1, "urk", [None, 98, 77, 61]), _figure(period="2023")),
        DIGITAL,
        f"{TABLE_1}: no value for DNU in 2023, not published in 2019",
        _missing(["2019", "2023"]),
        f"Table 1 of the policy has no published value for {DNU} in 2019 and 2023.",
        f"Tabel 1 van het beleid heeft geen gepubliceerd cijfer voor {DNU} in 2019 en 2023.",
    ),
    (  # a number of one year, a year the table lacks
        _figure(unit=Unit.COUNT, base_period=None, period="2018", value=400),
        DIGITAL,
        f"{TABLE_1}: no value for DNU in 2018",
        _missing(["2018"]),
        f"Table 1 of the policy has no published value for {DNU} in 2018.",
        f"Tabel 1 van het beleid heeft geen gepubliceerd cijfer voor {DNU} in 2018.",
    ),
    (  # a member without a row: the table has nothing for the region at all
        _both(_without_trends, _table(1, "urk", None)),
        DIGITAL,
        f"{TABLE_1}: no values for DNU",
        {"reason": "missing-region", "table": 1, "region": DNU},
        f"Table 1 of the policy has no values for {DNU}.",
        f"Tabel 1 van het beleid heeft geen cijfers voor {DNU}.",
    ),
    (  # both years there, the base is 0
        _both(
            _table(1, "dronten", [0, 307, 313, 215]),
            _table(1, "noordoostpolder", [0, 312, 309, 230]),
            _table(1, "urk", [0, 98, 77, 61]),
        ),
        DIGITAL,
        f"{TABLE_1}: the 2019 value is 0, so no percentage change",
        {"reason": "zero-base", "table": 1, "region": DNU, "period": "2019"},
        f"Table 1 of the policy gives 0 for {DNU} in 2019, so there is no percentage change.",
        f"Tabel 1 van het beleid geeft 0 voor {DNU} in 2019, dus is er geen procentuele "
        "verandering.",
    ),
    (  # a trend statement: the one year the table does not publish
        _table(2, "urk", [36, None, 26, 32]),
        TREND,
        "GM0184 has unpublished values in tabel 2 (tabel-2-overlast-personen-met-onbegrepen-"
        "gedrag): 36 → n/a → 26 → 32",
        {"reason": "missing-value", "table": 2, "region": "Urk", "periods": ["2020"]},
        "Table 2 of the policy has no published value for Urk in 2020.",
        "Tabel 2 van het beleid heeft geen gepubliceerd cijfer voor Urk in 2020.",
    ),
    (  # a trend statement of a change whose base is 0
        _both(
            _table(1, "dronten", [0, 307, 313, 215]),
            _table(1, "noordoostpolder", [0, 312, 309, 230]),
            _table(1, "urk", [0, 98, 77, 61]),
        ),
        "tabel-1.dnu.corona-toename",
        "the 2019 value is 0, so no percentage change",
        {"reason": "zero-base", "table": 1, "region": DNU, "period": "2019"},
        f"Table 1 of the policy gives 0 for {DNU} in 2019, so there is no percentage change.",
        f"Tabel 1 van het beleid geeft 0 voor {DNU} in 2019, dus is er geen procentuele "
        "verandering.",
    ),
]


IDS = [
    "base-year-absent",
    "later-year-absent",
    "both-years-absent",
    "base-year-unpublished",
    "later-year-unpublished",
    "one-unpublished-one-absent",
    "one-year-absent",
    "region-absent",
    "zero-base",
    "trend-year-unpublished",
    "trend-zero-base",
]


@pytest.mark.parametrize(("change", "claim_id", "detail", "explain", "en", "nl"), CASES, ids=IDS)
def test_the_reason_names_exactly_what_the_table_lacks(
    policy: Policy,
    change: Callable[[Policy], Policy],
    claim_id: str,
    detail: str,
    explain: dict[str, Any],
    en: str,
    nl: str,
) -> None:
    changed = change(policy)
    check = next(c for c in verify_claims(changed) if c.id == claim_id)
    assert (check.verdict, check.computed, check.detail) == (Verdict.NOT_CHECKABLE, None, detail)
    data = report_data(changed, generated=GENERATED)
    claim = next(c for c in data["claims"] if c["id"] == claim_id)
    assert claim["explain"] == explain
    english = _claim_cells(data, report_html(changed, generated=GENERATED, lang="en"))
    assert english[claim_id] == en
    dutch = _claim_cells(data, report_html(changed, generated=GENERATED, lang="nl"))
    assert dutch[claim_id] == nl


def test_a_figure_the_table_can_check_is_recomputed(policy: Policy) -> None:
    check = next(c for c in verify_claims(policy) if c.id == DIGITAL)
    assert (check.verdict, check.checked_against) == (Verdict.CONSISTENT, TABLE_1)


def test_a_peak_of_0_is_judged_without_a_percentage(policy: Policy) -> None:
    changed = _both(
        _table(1, "dronten", [0, 0, 0, 215]),
        _table(1, "noordoostpolder", [0, 0, 0, 230]),
        _table(1, "urk", [0, 0, 0, 61]),
    )(policy)
    check = next(c for c in verify_claims(changed) if c.id == "tabel-1.dnu.piek-afgenomen")
    assert (check.verdict, check.computed, check.detail) == (
        Verdict.INCONSISTENT,
        None,
        "506 in 2022 against a peak of 0",
    )
