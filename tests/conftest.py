"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

FIXTURES = Path(__file__).parent / "fixtures"

# Property tests check results, not speed (speed goals live in benchmarks/): no deadline,
# so that a busy machine cannot fail them. The examples are derandomized, so that every run
# of the suite (and CI) tries the same cases; benchmarks/fuzz.py explores at random.
settings.register_profile("ivb", deadline=None, derandomize=True)
settings.load_profile("ivb")


@pytest.fixture
def mini_path() -> Path:
    """Path of a small valid policy file."""
    return FIXTURES / "mini-ivb.yaml"


@pytest.fixture
def mini_text(mini_path: Path) -> str:
    """Text of a small valid policy file."""
    return mini_path.read_text(encoding="utf-8")
