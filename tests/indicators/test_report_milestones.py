"""Each target lists its milestones as text: year, value, and how the latest measurement stands."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import ivb
from ivb.indicators import render_report, report_data

EXAMPLE = (
    Path(__file__).resolve().parents[2]
    / "examples"
    / "policies"
    / "shertogenbosch-veiligheidsplan-2019-2022.yaml"
)


@pytest.fixture(scope="module")
def data() -> dict[str, object]:
    policy = ivb.load(EXAMPLE)
    code = policy.municipalities[0].cbs_code
    later = pd.DataFrame(
        {
            "indicator": ["veel-criminaliteit-in-buurt", "diefstal-uit-vanaf-motorvoertuigen"],
            "region": [code, code],
            "period": ["2021", "2021"],
            "value": [11.0, 6.0],
        }
    )
    return report_data(policy, later, generated="2025-01-31")


def _milestones(page: str, target: str) -> list[str]:
    """The milestone items of the row of *target* (by its name), tags removed."""
    row = page.split(f'<th scope="row">{target}', 1)[1].split("</tr>", 1)[0]
    found = re.search(r'<ul class="milestones"[^>]*>(.*?)</ul>', row, re.S)
    assert found is not None, row
    items = re.findall(r"<li>(.*?)</li>", found.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", i) for i in items]


def test_milestones_are_listed_with_the_latest_measurement(data: dict[str, object]) -> None:
    nl = render_report(data, lang="nl")
    en = render_report(data, lang="en")
    policy = ivb.load(EXAMPLE)
    names = {t.id: t.name for t in policy.targets}
    crime = names["veel-criminaliteit-in-buurt-2022"]
    theft = names["diefstal-uit-vanaf-motorvoertuigen-2022"]
    assert _milestones(nl, crime) == [
        "2019: 10% gemeten in 2019: 12%, niet gehaald; laatste (2021): 11%, nog 1% te gaan"
    ]
    assert _milestones(en, crime) == [
        "2019: 10% measured in 2019: 12%, not reached; latest (2021): 11%, 1% short of it"
    ]
    assert _milestones(nl, theft) == [
        "2019: 7 gemeten in 2019: 5,1, gehaald; laatste (2021): 6, gehaald"
    ]
    assert _milestones(en, theft) == [
        "2019: 7 measured in 2019: 5.1, reached; latest (2021): 6, reaches it"
    ]


def test_a_milestone_of_the_latest_year_is_told_once(data: dict[str, object]) -> None:
    nl = render_report(data, lang="nl")
    names = {t.id: t.name for t in ivb.load(EXAMPLE).targets}
    assert _milestones(nl, names["rapportcijfer-veiligheid-buurt-2022"]) == [
        "2019: 7,1 gemeten in 2019: 7, niet gehaald"
    ]


def test_targets_without_milestones_list_none(data: dict[str, object]) -> None:
    page = render_report(report_data(ivb.load(), generated="2025-01-31"), lang="nl")
    assert 'class="milestones"' not in page
