"""What the report page shows: status labels and counts, the measurements given, and data
from elsewhere than this version's :func:`report_data`."""

from __future__ import annotations

import copy
import re

import pandas as pd
import pytest

from ivb.indicators import render_report, report_data, report_html
from ivb.model import Policy


def _counts(page: str) -> list[str]:
    """The count lines of the summary, as text."""
    lines = re.findall(r'<p class="counts">(.*?)</p>', page, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip() for line in lines]


def _measurements(page: str) -> str:
    """The folded section of all measurements given."""
    start = page.index('<details class="more">')
    return page[start : page.index("</details>", start)]


@pytest.fixture(scope="module")
def plain(policy: Policy) -> dict:
    """The report data of the bundled policy without measurements."""
    return report_data(policy, generated="2025-01-31")


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "en",
            [
                "4 targets: 4 no data",
                "Numbers checked: 1 contradicted 17 consistent 23 not checkable",
            ],
        ),
        (
            "nl",
            [
                "4 doelen: 4 geen gegevens",
                "Nagerekende getallen: 1 klopt niet 17 klopt 23 niet na te gaan",
            ],
        ),
    ],
)
def test_the_summary_counts_targets_and_numbers_checked(
    plain: dict, lang: str, lines: list[str]
) -> None:
    assert _counts(render_report(plain, lang=lang)) == lines


@pytest.mark.parametrize(
    ("lang", "label", "counts"),
    [
        (
            "en",
            "not significantly different",
            "4 targets: 3 no data 1 not significantly different",
        ),
        (
            "nl",
            "niet significant verschillend",
            "4 doelen: 3 geen gegevens 1 niet significant verschillend",
        ),
    ],
)
def test_a_target_neither_met_nor_missed_is_labelled_and_counted(
    policy: Policy, lang: str, label: str, counts: str
) -> None:
    # 7.8 is above the baseline 7.6, which lies inside the 95% interval 7.5 to 8.1
    vm = pd.DataFrame(
        {
            "indicator": ["veiligheidsbeleving"],
            "region": ["GM0171"],
            "period": ["2025"],
            "value": [7.8],
            "margin_low": [7.5],
            "margin_high": [8.1],
            "unit": ["rapportcijfer"],
            "source": ["Veiligheidsmonitor 2025"],
        }
    )
    data = report_data(policy, vm, generated="2025-01-31")
    assert data["summary"]["targets"] == {"not-significant": 1, "no-data": 3}
    page = render_report(data, lang=lang)
    # counted in the summary (after the targets without data), labelled in its row
    assert _counts(page)[0] == counts
    assert f'<span class="badge not-significant">{label}</span>' in page
    assert "not-significant<" not in page


def test_a_status_this_version_does_not_know_is_shown_as_it_is(plain: dict) -> None:
    # e.g. the data of a later version of ivb
    data = copy.deepcopy(plain)
    data["targets"][1]["status"] = "postponed"
    page = render_report(data, lang="en")
    assert '<span class="badge postponed">postponed</span>' in page


def test_data_without_the_basis_of_each_fact_still_renders(plain: dict) -> None:
    # e.g. the data of an earlier version of ivb, before the basis of facts was reported
    data = copy.deepcopy(plain)
    for tier in data["priorities"]:
        for item in tier["items"]:
            del item["facts"]
    page = render_report(data, lang="en")
    row = page[page.index('<tr><th scope="row">Ondermijning</th>') :]
    assert row.split("\n")[1].startswith(
        "<td>Dronten</td><td><details><summary>4 lines of effort, 3 commitments</summary>"
    )


def test_the_measurements_given_each_with_name_unit_and_values(policy: Policy) -> None:
    frame = pd.DataFrame(
        {
            "indicator": ["vertrouwen-landelijke-overheid"] * 2 + ["inwoners"],
            "region": ["GM0171", "GM0171", "GM0184"],
            "period": ["2022", "2023", "2023"],
            "value": [24.5, 23.0, 21000.0],
            "source": ["CBS"] * 3,
        }
    )
    data = report_data(policy, frame, generated="2025-01-31")
    section = _measurements(render_report(data, lang="en"))
    # an indicator the policy does not know goes by its id and in plain numbers
    assert "<h3>inwoners</h3>" in section
    assert '<tr><th scope="row">Urk</th><td class="num">21,000</td></tr>' in section
    # one the policy knows goes by its name, in its unit (percent)
    assert "<h3>Vertrouwen in de landelijke overheid en politici</h3>" in section
    assert (
        '<tr><th scope="row">Noordoostpolder</th><td class="num">24.5%</td>'
        '<td class="num">23%</td></tr>'
    ) in section
    assert "<desc>Noordoostpolder: 24.5% (2022) → 23% (2023)</desc>" in section
    assert 'font-size="12" fill="#1b1b1b">percent</text>' in section
    # short series: every period in the table, and no note that some are left out
    assert section.endswith("</tbody></table></div>\n")
    assert '<p class="muted">' not in section


def test_the_measurements_given_in_dutch(policy: Policy) -> None:
    frame = pd.DataFrame(
        {
            "indicator": ["vertrouwen-landelijke-overheid"] * 2,
            "region": ["GM0171", "GM0171"],
            "period": ["2022", "2023"],
            "value": [24.5, 23.0],
            "source": ["CBS"] * 2,
        }
    )
    page = report_html(policy, frame, generated="2025-01-31", lang="nl")
    assert (
        '<tr><th scope="row">Noordoostpolder</th><td class="num">24,5%</td>'
        '<td class="num">23%</td></tr></tbody></table></div>\n</details>'
    ) in page
