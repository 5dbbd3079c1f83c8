"""Fixtures of the governance tests: the bundled policy and its graph."""

from __future__ import annotations

import networkx as nx
import pytest

import ivb
from ivb.governance import build_graph
from ivb.model import Policy


@pytest.fixture(scope="session")
def dnu() -> Policy:
    """The bundled DNU IVB 2024-2027."""
    return ivb.load()


@pytest.fixture
def G(dnu: Policy) -> nx.MultiDiGraph:
    """A fresh graph of the bundled policy (tests may change it)."""
    return build_graph(dnu)
