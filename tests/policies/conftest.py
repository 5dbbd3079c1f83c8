"""Paths, loaded policies, graphs and an in-process ``ivb`` runner for the example policies."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import ivb
from ivb.cli import main
from ivb.governance import GovernanceGraph, build_graph

POLICIES = Path(__file__).resolve().parents[2] / "examples" / "policies"
HEUVELLAND = POLICIES / "heuvelland-ivp-2020-2023.yaml"
SHERTOGENBOSCH = POLICIES / "shertogenbosch-veiligheidsplan-2019-2022.yaml"
ALL = (HEUVELLAND, SHERTOGENBOSCH)


@dataclass(frozen=True)
class Result:
    """What one ``ivb`` run printed and returned."""

    status: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Runner = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run ``ivb ARGS`` in this process; stdout and stderr come back separately.

    The runs are in Dutch on a terminal wide enough for whole lines, whatever the machine.
    """
    monkeypatch.setenv("IVB_LANG", "nl")
    monkeypatch.setenv("COLUMNS", "250")

    def run(*args: str | Path) -> Result:
        out = io.StringIO()
        capsys.readouterr()
        status = main([str(a) for a in args], out)
        return Result(status, out.getvalue(), capsys.readouterr().err)

    return run


@pytest.fixture(scope="session")
def heuvelland() -> ivb.Policy:
    return ivb.load(HEUVELLAND)


@pytest.fixture(scope="session")
def shertogenbosch() -> ivb.Policy:
    return ivb.load(SHERTOGENBOSCH)


@pytest.fixture(scope="session")
def heuvelland_graph(heuvelland: ivb.Policy) -> GovernanceGraph:
    return build_graph(heuvelland)


@pytest.fixture(scope="session")
def shertogenbosch_graph(shertogenbosch: ivb.Policy) -> GovernanceGraph:
    return build_graph(shertogenbosch)
