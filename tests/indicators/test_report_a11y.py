"""Accessibility of the report without a browser: contrast (WCAG 2.1 AA) and table headers."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from lxml import html as lxml_html

from ivb.indicators import report_html
from ivb.indicators._svg import PALETTE
from ivb.model import Policy

CSS = resources.files("ivb").joinpath("templates", "report.css").read_text(encoding="utf-8")
VARIABLES = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", CSS))


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (#rrggbb)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_text_contrast_is_aa() -> None:
    assert set(VARIABLES) >= {"ink", "muted", "brand", "ok", "bad", "warn", "track", "none"}
    for name in ("ok", "bad", "warn", "track", "none", "brand"):  # white text on badges, header
        assert contrast("#ffffff", VARIABLES[name]) >= 4.5, name
    for name in ("ink", "muted", "brand", "ok", "bad"):  # text on the page, trends
        assert contrast(VARIABLES[name], "#ffffff") >= 4.5, name
    nav = re.search(r"nav \{ background:(#[0-9a-f]{6})", CSS)
    assert nav is not None and contrast(VARIABLES["brand"], nav.group(1)) >= 4.5
    head = re.search(r"thead th \{ background:(#[0-9a-f]{6})", CSS)
    assert head is not None and contrast(VARIABLES["ink"], head.group(1)) >= 4.5


def test_chart_lines_stand_out_from_white() -> None:
    for colour in PALETTE:  # graphical objects: 3:1 (WCAG 1.4.11)
        assert contrast(colour, "#ffffff") >= 3.0, colour


def test_every_table_has_headers(policy: Policy) -> None:
    page = report_html(
        policy, Path(__file__).parent / "fixtures" / "measurements-vm.csv", generated="2025-01-31"
    )
    doc = lxml_html.fromstring(page)
    tables = doc.findall(".//table")
    assert len(tables) == 1 + 2 + 2 + 1 + 3  # summary, tiers, statistics, VM, verdicts
    for table in tables:
        heads = table.findall("./thead/tr/th")
        assert heads and all(th.get("scope") == "col" for th in heads)
        for row in table.findall("./tbody/tr"):
            first = row[0]
            assert first.tag == "th" and first.get("scope") == "row", lxml_html.tostring(row)[:200]
