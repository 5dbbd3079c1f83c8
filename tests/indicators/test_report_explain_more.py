"""Why a claim has its verdict: the reason codes of the report's JSON and the reasons it prints."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import pytest

from ivb.indicators import (
    add_aggregates,
    police_measurements,
    read_police_table,
    region_groups,
    report_data,
    report_html,
)
from ivb.model import Policy

FIXTURES = Path(__file__).parent / "fixtures"
NATIONAL = "nederland-slachtoffers-digitale-criminaliteit"
BURGLARY = "dnu-woninginbraken-2022-vs-2019"

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


def _unchecked(policy: Policy, figure_id: str) -> Policy:
    """*policy* with the check rule of figure *figure_id* taken away."""
    figures = [attrs.evolve(f, check=None) if f.id == figure_id else f for f in policy.figures]
    return attrs.evolve(policy, figures=figures)


@pytest.fixture(scope="module")
def police(policy: Policy) -> pd.DataFrame:
    """Police figures of the 47013NED sample, with the DNU totals."""
    codes = [m.cbs_code for m in policy.municipalities]
    raw = read_police_table(FIXTURES / "47013NED-sample.csv", regions=codes)
    return add_aggregates(police_measurements(raw, policy), region_groups(policy))


def test_a_figure_outside_the_region_names_the_region(policy: Policy) -> None:
    unchecked = _unchecked(policy, NATIONAL)
    data = report_data(unchecked, generated="2025-01-31")
    claim = next(c for c in data["claims"] if c["id"] == NATIONAL)
    assert claim["verdict"] == "not-checkable"
    # the region's name, not its id
    assert claim["explain"] == {"reason": "outside-region", "region": "Nederland"}
    en = _claim_cells(data, report_html(unchecked, generated="2025-01-31", lang="en"))
    assert en[NATIONAL] == [
        "ruim 2,200,000",
        "It is about Nederland; the policy has no figures for it.",
    ]
    nl = _claim_cells(data, report_html(unchecked, generated="2025-01-31", lang="nl"))
    assert nl[NATIONAL] == [
        "ruim 2.200.000",
        "Het gaat over Nederland; daarvan bevat het beleid geen cijfers.",
    ]


def test_a_claim_recomputed_from_measurements_names_their_source(
    policy: Policy, police: pd.DataFrame
) -> None:
    data = report_data(policy, police, generated="2025-01-31")
    claim = next(c for c in data["claims"] if c["id"] == BURGLARY)
    assert claim["explain"] == {
        "reason": "computed",
        "against": "measurements",
        "source": "Politie open data 47013NED, SoortMisdrijf 1.1.1",
    }
    en = _claim_cells(data, report_html(policy, police, generated="2025-01-31", lang="en"))
    assert en[BURGLARY] == [
        "-54%",
        "-10%",
        "Recomputed from the measurements given (Politie open data 47013NED, SoortMisdrijf 1.1.1).",
    ]
    nl = _claim_cells(data, report_html(policy, police, generated="2025-01-31", lang="nl"))
    assert nl[BURGLARY][2] == (
        "Nagerekend met de meegegeven metingen (Politie open data 47013NED, SoortMisdrijf 1.1.1)."
    )
