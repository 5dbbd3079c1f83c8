"""The series of a target in the report's data: of one kind of period, in time order."""

from __future__ import annotations

import attrs
import pandas as pd

from ivb.indicators import report_data
from ivb.model import Policy

HIC = "noordoostpolder-veiligheidsbeleving-target.afname-high-impact-crimes"


def _in_two_municipalities(policy: Policy) -> Policy:
    """*policy* with its sub-target on high impact crimes for Noordoostpolder and Urk."""
    top = policy.targets[0]
    first, *others = top.subtargets
    assert first.id == HIC
    both = attrs.evolve(first, municipalities=("noordoostpolder", "urk"))
    return attrs.evolve(policy, targets=[attrs.evolve(top, subtargets=(both, *others))])


def test_a_target_of_several_parts_shows_the_years_of_each(policy: Policy) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "high-impact-crimes",
            "region": ["GM0171", "GM0171", "GM0184", "GM0184", "GM0184"],
            "period": ["2025", "2023", "2023", "2024KW01", "2024KW02"],
            "value": [30.0, 40.0, 12.0, 3.0, 4.0],
            "unit": "count",
            "source": "Politie",
        }
    )
    data = report_data(_in_two_municipalities(policy), frame, generated="2025-01-31")
    target = next(t for t in data["targets"] if t["target"] == HIC)
    # the target as a whole has no period of its own: each part shows its years (Urk's
    # quarters, more of them than years, are left out), in time order
    assert (target["latest_period"], target["baseline_period"]) == (None, None)
    assert [(s["name"], s["points"]) for s in target["series"]] == [
        ("Noordoostpolder", [["2023", 40.0], ["2025", 30.0]]),
        ("Urk", [["2023", 12.0]]),
    ]
    assert target["trend"] is None
    assert [(p["region"], p["status"]) for p in target["parts"]] == [
        ("GM0171", "on-track"),
        ("GM0184", "no-data"),
    ]
