"""Why each number checked has its verdict, as the report prints it, in English and Dutch."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from ivb.indicators import report_data, report_html
from ivb.model import Policy

VERDICTS = ("inconsistent", "consistent", "not-checkable")
DIGITAL = "dnu-gedigitaliseerde-criminaliteit-vs-2019"


def _claim_cells(data: dict[str, Any], page: str) -> dict[str, list[str]]:
    """The rows of the claims tables by claim id: the text of its cells, unescaped.

    The tables show the claims of *data* grouped by verdict, in the order of *data*.
    """
    rows = re.findall(r'<tr><th scope="row"><q lang="nl">(.*?)</q></th>(.*?)</tr>', page)
    claims = [c for v in VERDICTS for c in data["claims"] if c["verdict"] == v]
    assert [html.unescape(s) for s, _ in rows] == [c["statement"] for c in claims]
    return {
        c["id"]: [html.unescape(t) for t in re.findall(r"<td[^>]*>(.*?)</td>", rest)]
        for c, (_, rest) in zip(claims, rows, strict=True)
    }


def _as_is(policy: Policy) -> Policy:
    return policy


def _before_the_table(policy: Policy) -> Policy:
    """The figure on table 1 moved to 2017 against 2018, years the table does not have."""
    figures = [
        attrs.evolve(f, base_period="2017", period="2018") if f.id == DIGITAL else f
        for f in policy.figures
    ]
    return attrs.evolve(policy, figures=figures)


def _unpublished(policy: Policy) -> Policy:
    """Table 2 without Urk's value of 2020."""
    table = policy.tables[1]
    urk = table.rows[2]
    values = [urk.values[0], None, *urk.values[2:]]
    rows = [*table.rows[:2], attrs.evolve(urk, values=values)]
    return attrs.evolve(policy, tables=[policy.tables[0], attrs.evolve(table, rows=rows)])


CASES: list[tuple[Callable[[Policy], Policy], str, dict[str, Any], str, str]] = [
    (
        _as_is,
        "tabel-2.urk.ongeveer-gelijk",
        {"reason": "computed", "against": "table", "table": 2},
        "Recomputed from table 2 of the policy.",
        "Nagerekend met tabel 2 van het beleid.",
    ),
    (
        _as_is,
        "noordoostpolder-veiligheidsbeleving-rapportcijfer",
        {"reason": "computed", "against": "baseline"},
        "Recomputed from the baseline of the target in the policy.",
        "Nagerekend met de nulmeting van het doel in het beleid.",
    ),
    (
        _as_is,
        "dnu-organisaties-themasessies-voorwoord",
        {"reason": "computed", "against": "partners"},
        "Recomputed from the organisations the policy names as taking part.",
        "Nagerekend met de organisaties die volgens het beleid hebben deelgenomen.",
    ),
    (
        _as_is,
        "dnu-themasessies-ivb",
        {"reason": "computed", "against": "sessions"},
        "Recomputed from the sessions the policy lists.",
        "Nagerekend met de sessies die het beleid noemt.",
    ),
    (
        _as_is,
        "dnu-geregistreerde-criminaliteit-2022-vs-2019",
        {
            "reason": "police-data",
            "table": "47013NED",
            "indicator": "Totale geregistreerde criminaliteit",
        },
        "The policy gives no figures for totale geregistreerde criminaliteit. The police's open "
        "data (table 47013NED) can check it: add those figures to the report.",
        "Het beleid geeft geen cijfers over totale geregistreerde criminaliteit. De open data van "
        "de politie (tabel 47013NED) kunnen het nagaan: voeg die cijfers toe aan de rapportage.",
    ),
    (
        _as_is,
        "dnu-jongerenoverlast-vs-2019",
        {"reason": "police-code", "table": "47021NED", "indicator": "Jongerenoverlast"},
        "The policy gives no figures for jongerenoverlast. The police's open data (table "
        "47021NED) could check it once it is known which category of that table counts it.",
        "Het beleid geeft geen cijfers over jongerenoverlast. De open data van de politie (tabel "
        "47021NED) kunnen het nagaan zodra bekend is welke categorie van die tabel het telt.",
    ),
    (
        _as_is,
        "midden-nederland-gemeenten-veiligheidsstrategie",
        {
            "reason": "policy",
            "text": "het beleid noemt de gemeenten die de Regionale Veiligheidsstrategie "
            "ondertekenden niet",
        },
        "het beleid noemt de gemeenten die de Regionale Veiligheidsstrategie ondertekenden niet",
        "het beleid noemt de gemeenten die de Regionale Veiligheidsstrategie ondertekenden niet",
    ),
    (
        _before_the_table,
        DIGITAL,
        {
            "reason": "missing-value",
            "table": 1,
            "region": "DNU (Dronten, Noordoostpolder en Urk)",
            "periods": ["2017", "2018"],
        },
        "Table 1 of the policy has no published value for DNU (Dronten, Noordoostpolder en Urk) "
        "in 2017 and 2018.",
        "Tabel 1 van het beleid heeft geen gepubliceerd cijfer voor DNU (Dronten, Noordoostpolder "
        "en Urk) in 2017 en 2018.",
    ),
    (
        _unpublished,
        "tabel-2.urk.ongeveer-gelijk",
        {"reason": "missing-value", "table": 2, "region": "Urk", "periods": ["2020"]},
        "Table 2 of the policy has no published value for Urk in 2020.",
        "Tabel 2 van het beleid heeft geen gepubliceerd cijfer voor Urk in 2020.",
    ),
]


@pytest.mark.parametrize(("change", "claim_id", "explain", "en", "nl"), CASES)
def test_the_reason_of_a_claim(
    policy: Policy,
    change: Callable[[Policy], Policy],
    claim_id: str,
    explain: dict[str, Any],
    en: str,
    nl: str,
) -> None:
    changed = change(policy)
    data = report_data(changed, generated="2025-01-31")
    claim = next(c for c in data["claims"] if c["id"] == claim_id)
    assert claim["explain"] == explain
    english = _claim_cells(data, report_html(changed, generated="2025-01-31", lang="en"))
    assert english[claim_id][-1] == en
    dutch = _claim_cells(data, report_html(changed, generated="2025-01-31", lang="nl"))
    assert dutch[claim_id][-1] == nl
