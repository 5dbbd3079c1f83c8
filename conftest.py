"""Settings for every test, doctest and docs page: a policy cache of their own."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="ivb-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    # Tests never use (or fill) the user's cache; subprocesses inherit the setting.
    os.environ["IVB_CACHE_DIR"] = _CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)
