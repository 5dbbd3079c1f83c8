"""A margin cell written as CBS writes a figure it does not publish ('.') counts as empty."""

from __future__ import annotations

from pathlib import Path

from ivb.indicators import TargetStatus, evaluate_targets, read_measurements
from ivb.model import Policy


def test_a_margin_published_as_a_dot_is_no_margin(tmp_path: Path, policy: Policy) -> None:
    path = tmp_path / "vm.csv"
    path.write_text(
        "indicator;region;period;value;margin_low;margin_high;unit\n"
        "veiligheidsbeleving;GM0171;2025;7,8;.; . ;rapportcijfer\n",
        encoding="utf-8",
    )
    result = evaluate_targets(policy, read_measurements(path))[0]
    assert (result.latest, result.latest_low, result.latest_high) == (7.8, None, None)
    assert result.status is TargetStatus.ON_TRACK
