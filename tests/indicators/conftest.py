"""Fixtures of the indicators tests."""

from __future__ import annotations

from pathlib import Path

import pytest

import ivb
from ivb.model import Policy

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def policy() -> Policy:
    """The bundled DNU policy."""
    return ivb.load()


@pytest.fixture
def crimes_csv() -> Path:
    """A raw 47013NED sample, as downloaded."""
    return FIXTURES / "47013NED-sample.csv"


@pytest.fixture
def nuisance_csv() -> Path:
    """A raw 47021NED sample, as downloaded."""
    return FIXTURES / "47021NED-sample.csv"


@pytest.fixture
def vm_csv() -> Path:
    """A tidy measurements CSV with a Veiligheidsmonitor result."""
    return FIXTURES / "measurements-vm.csv"
