"""ruff (configured in pyproject.toml) passes on the whole repository: lint rules and format."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("ruff") is None:
        pytest.fail("ruff is in the dev extra: python -m pip install -e '.[test,docs,dev]'")
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_ruff_check() -> None:
    run = _ruff("check")
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_format() -> None:
    run = _ruff("format", "--check")
    assert run.returncode == 0, run.stdout + run.stderr
