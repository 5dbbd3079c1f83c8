"""The claims tables of the report: the number as the policy states it and the reason printed."""

from __future__ import annotations

import html
import re
from typing import Any

import attrs
import pytest

from ivb.indicators import report_data, report_html
from ivb.model import Policy, Unit

TRUST = "nederland-vertrouwen-landelijke-overheid"

VERDICTS = ("inconsistent", "consistent", "not-checkable")


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


def _figure_in_dnu(
    policy: Policy, figure_id: str, indicator: str, table: str | None, **changes: Any
) -> Policy:
    """*policy* with figure *figure_id* about the DNU, on *indicator*, without a check rule;
    *table* (where given) is the open data table of that indicator; *changes* change the figure."""
    figures = [
        attrs.evolve(f, check=None, region="dnu", indicator=indicator, **changes)
        if f.id == figure_id
        else f
        for f in policy.figures
    ]
    indicators = [
        attrs.evolve(i, data_source=attrs.evolve(i.data_source, table=table))
        if i.id == indicator and table is not None
        else i
        for i in policy.indicators
    ]
    return attrs.evolve(policy, figures=figures, indicators=indicators)


def test_the_stated_number_keeps_its_qualifier(policy: Policy) -> None:
    data = report_data(policy, generated="2025-01-31")
    en = _claim_cells(data, report_html(policy, generated="2025-01-31", lang="en"))
    nl = _claim_cells(data, report_html(policy, generated="2025-01-31", lang="nl"))
    stated = {c["id"]: (en[c["id"]][0], nl[c["id"]][0]) for c in data["claims"] if c["qualifier"]}
    assert stated == {
        "dnu-geregistreerde-criminaliteit-2022-vs-2019": ("ruim -8%", "ruim -8%"),
        "dronten-geregistreerde-criminaliteit-2022-vs-2021": ("zo'n 11%", "zo'n 11%"),
        "dnu-openlijke-geweldpleging-2022-vs-2019": ("bijna 420%", "bijna 420%"),
        "dnu-veelvoorkomende-criminaliteit-vs-2019": ("een kleine -6%", "een kleine -6%"),
        "dnu-zakkenrollen-vs-2019": ("gemiddeld zo'n -73%", "gemiddeld zo'n -73%"),
        "dnu-gedigitaliseerde-criminaliteit-vs-2019": ("zo'n 8%", "zo'n 8%"),
        "dnu-jongerenoverlast-vs-2019": ("zo'n 10%", "zo'n 10%"),
        "dnu-overlast-onbegrepen-gedrag-2022-vs-2019": ("bijna 26%", "bijna 26%"),
        "nederland-slachtoffers-digitale-criminaliteit": ("ruim 2,200,000", "ruim 2.200.000"),
        "nederland-vertrouwen-landelijke-overheid": ("minder dan 25%", "minder dan 25%"),
        "dronten-geregistreerde-criminaliteit-2022-vs-2019": ("bijna -10%", "bijna -10%"),
        "noordoostpolder-jongeren-aandeel": ("bijna 33.3%", "bijna 33,3%"),
        "dnu-professionals-themasessies-voorwoord": ("zo'n 150", "zo'n 150"),
        "dnu-organisaties-themasessies-voorwoord": ("ruim 50", "ruim 50"),
        "dnu-themasessies-ivb": ("een zestal 6", "een zestal 6"),
        "dnu-deelnemers-themasessies-presentatie": ("meer dan 150", "meer dan 150"),
        "dnu-organisaties-themasessies-presentatie": ("meer dan 50", "meer dan 50"),
    }


def test_a_number_without_qualifier_is_printed_bare(policy: Policy) -> None:
    data = report_data(policy, generated="2025-01-31")
    claim = next(c for c in data["claims"] if c["id"] == "dnu-woninginbraken-2022-vs-2019")
    assert claim["qualifier"] is None
    cells = _claim_cells(data, report_html(policy, generated="2025-01-31", lang="en"))
    assert cells[claim["id"]][0] == "-54%"


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        (
            "en",
            "The policy gives no figures for vertrouwen in de landelijke overheid en politici. "
            "CBS open data (table 83651NED) can check it: add those figures to the report.",
        ),
        (
            "nl",
            "Het beleid geeft geen cijfers over vertrouwen in de landelijke overheid en politici. "
            "De open data van het CBS (tabel 83651NED) kunnen het nagaan: voeg die cijfers toe "
            "aan de rapportage.",
        ),
    ],
)
def test_a_cbs_indicator_points_to_its_table(policy: Policy, lang: str, reason: str) -> None:
    changed = _figure_in_dnu(policy, TRUST, "vertrouwen-landelijke-overheid", "83651NED")
    data = report_data(changed, generated="2025-01-31")
    claim = next(c for c in data["claims"] if c["id"] == TRUST)
    assert claim["explain"] == {
        "reason": "cbs-data",
        "table": "83651NED",
        "indicator": "Vertrouwen in de landelijke overheid en politici",
    }
    cells = _claim_cells(data, report_html(changed, generated="2025-01-31", lang=lang))
    assert cells[TRUST] == ["minder dan 25%", reason]


def test_a_veiligheidsmonitor_indicator_points_to_its_table(policy: Policy) -> None:
    changed = _figure_in_dnu(
        policy, TRUST, "veiligheidsbeleving", None, unit=Unit.RAPPORTCIJFER, value=7.5
    )
    data = report_data(changed, generated="2025-01-31")
    claim = next(c for c in data["claims"] if c["id"] == TRUST)
    assert claim["explain"] == {
        "reason": "cbs-data",
        "table": "85146NED",
        "indicator": "Veiligheidsbeleving (rapportcijfer)",
    }
    cells = _claim_cells(data, report_html(changed, generated="2025-01-31", lang="en"))
    assert cells[TRUST][-1] == (
        "The policy gives no figures for veiligheidsbeleving (rapportcijfer). CBS open data "
        "(table 85146NED) can check it: add those figures to the report."
    )


def test_an_indicator_without_open_data_has_no_data_to_check(policy: Policy) -> None:
    changed = _figure_in_dnu(policy, TRUST, "vertrouwen-landelijke-overheid", None)
    data = report_data(changed, generated="2025-01-31")
    claim = next(c for c in data["claims"] if c["id"] == TRUST)
    assert claim["explain"] == {"reason": "not-in-policy"}
    cells = _claim_cells(data, report_html(changed, generated="2025-01-31", lang="en"))
    assert cells[TRUST][-1] == ("The policy holds no data to check this number against.")
