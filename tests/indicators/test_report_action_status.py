"""The report says where each commitment stands, in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest

import ivb
from ivb.indicators import report_html

MINI = Path(__file__).parents[1] / "fixtures" / "mini-ivb.yaml"


@pytest.mark.parametrize(
    ("status", "lang", "shown"),
    [
        ("planned", "en", "(line of effort, planned)"),
        ("planned", "nl", "(inzet, gepland)"),
        ("to-be-explored", "en", "(line of effort, to be explored)"),
        ("ongoing", "en", "(line of effort, ongoing)"),
        ("done", "en", "(line of effort, done)"),
        ("stopped", "en", "(line of effort, stopped)"),
        ("to-be-explored", "nl", "(inzet, te verkennen)"),
        ("ongoing", "nl", "(inzet, loopt)"),
        ("done", "nl", "(inzet, gereed)"),
        ("stopped", "nl", "(inzet, gestopt)"),
    ],
)
def test_a_commitment_shows_its_status(status: str, lang: str, shown: str) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "        timing: planned\n", f"        timing: planned\n        status: {status}\n", 1
    )
    page = report_html(ivb.loads(text), generated="2025-01-31", lang=lang)
    assert f'<span class="muted">{shown}</span>' in page
