"""The report's summary and statistics: off-track targets, the date of judgement, goals,
and which rows of a statistics table are municipalities."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ivb.indicators import render_report, report_data
from ivb.model import Policy


def _vm(value: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": ["veiligheidsbeleving"],
            "region": ["GM0171"],
            "period": ["2025"],
            "value": [value],
            "unit": ["rapportcijfer"],
            "source": ["Veiligheidsmonitor 2025"],
        }
    )


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("en", "4 targets: 1 off track 3 no data"),
        ("nl", "4 doelen: 1 niet op koers 3 geen gegevens"),
    ],
)
def test_a_target_off_track(policy: Policy, lang: str, counts: str) -> None:
    data = report_data(policy, _vm(7.4), generated="2025-01-31")
    page = render_report(data, lang=lang)
    line = re.findall(r'<p class="counts">(.*?)</p>', page, flags=re.S)[0]
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip() == counts


def test_after_the_horizon_a_target_is_judged_final(policy: Policy) -> None:
    before = report_data(policy, _vm(7.8), generated="2025-01-31")
    after = report_data(policy, _vm(7.8), as_of="2028-01-01", generated="2028-01-31")
    assert (before["targets"][0]["status"], before["as_of"]) == ("on-track", None)
    assert (after["targets"][0]["status"], after["as_of"]) == ("achieved", "2028-01-01")


def test_statistics_rows_mark_the_region_total(policy: Policy) -> None:
    data = report_data(policy, generated="2025-01-31")
    rows = [(r["region"], r["aggregate"]) for r in data["statistics"][0]["rows"]]
    assert rows == [("GM0303", False), ("GM0171", False), ("GM0184", False), ("DNU", True)]


def test_goals_are_counted_per_priority(policy: Policy) -> None:
    page = render_report(report_data(policy, generated="2025-01-31"), lang="en")
    assert re.findall(r"<summary>[^<]*goals?[^<]*</summary>", page) == [
        "<summary>3 goals, 5 commitments</summary>",
        "<summary>5 commitments, 4 goals</summary>",
    ]
