"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mini_path() -> Path:
    """Path of a small valid policy file."""
    return FIXTURES / "mini-ivb.yaml"


@pytest.fixture
def mini_text(mini_path: Path) -> str:
    """Text of a small valid policy file."""
    return mini_path.read_text(encoding="utf-8")
