"""pytest set-up for the doctests of the documentation pages (``docs/**/*.md``).

The pages are doctested with ``--doctest-glob``; the Sphinx configuration is no test
module. ``example_file`` is the example policy of the "own policy" pages. The command-line
examples run in Dutch on a terminal 100 columns wide, whatever the machine's locale.
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

collect_ignore = ["conf.py", "_build", "_generated"]


@pytest.fixture(autouse=True)
def _docs_namespace(doctest_namespace: dict[str, object], monkeypatch: pytest.MonkeyPatch) -> None:
    # the command line speaks Dutch on a terminal 100 columns wide in these pages
    monkeypatch.setenv("IVB_LANG", "nl")
    monkeypatch.setenv("COLUMNS", "100")
    doctest_namespace["example_file"] = str(HERE / "own-policy" / "voorbeeldstad.yaml")
