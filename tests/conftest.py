"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

FIXTURES = Path(__file__).parent / "fixtures"

# No time limit per example: speed is measured in benchmarks/, and a busy machine (or the
# tracing of the mutation run) must not turn a slow example into a failure.
settings.register_profile("ivb", deadline=None)
settings.load_profile("ivb")


@pytest.fixture
def mini_path() -> Path:
    """Path of a small valid policy file."""
    return FIXTURES / "mini-ivb.yaml"


@pytest.fixture
def mini_text(mini_path: Path) -> str:
    """Text of a small valid policy file."""
    return mini_path.read_text(encoding="utf-8")
