"""The fuzzer on a short budget: mutants of policy files and CSVs through every stage.

``benchmarks/fuzz.py`` runs the same on a long budget and prints statistics.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ivb
from tests.fuzzing import MINI, base_csv, run_csv, run_policy_text
from tests.strategies import csv_mutants, policy_mutants

_settings = settings(
    max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
_BASE = ivb.loads(MINI)


def test_the_unchanged_files_go_through_every_stage() -> None:
    outcome = run_policy_text(MINI, _BASE)
    assert outcome.status == "loaded", outcome.detail
    assert {"graph", "export-graphml", "calendar", "report", "diff", "round-trip"} <= set(
        outcome.seconds
    )
    for kind in ("measurements", "police"):
        result = run_csv(base_csv(kind).encode(), kind)
        assert result.status == "loaded", result.detail


@_settings
@given(policy_mutants(MINI))
def test_policy_mutants_load_and_work_or_are_refused(text: str) -> None:
    outcome = run_policy_text(text, _BASE)
    assert outcome.status != "failed", f"{outcome.stage}: {outcome.detail}"


@pytest.mark.parametrize("kind", ["measurements", "police"])
@settings(_settings, max_examples=15)
@given(data=st.data())
def test_csv_mutants_are_read_and_reported_or_refused(kind: str, data: st.DataObject) -> None:
    outcome = run_csv(data.draw(csv_mutants(base_csv(kind))), kind)
    assert outcome.status != "failed", f"{outcome.stage}: {outcome.detail}"
