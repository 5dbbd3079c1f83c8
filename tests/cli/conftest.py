"""Every command-line test runs in Dutch, on a wide terminal, unless it says otherwise.

The language and the width of a run come from the environment (``IVB_LANG``,
the locale, ``COLUMNS``); fixing them here keeps the tests independent of the
machine. Tests of other languages and widths pass ``--lang`` or set ``COLUMNS``.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _dutch_wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IVB_LANG", "nl")
    monkeypatch.setenv("COLUMNS", "250")
