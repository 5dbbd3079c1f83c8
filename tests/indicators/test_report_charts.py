"""Charts that do not mislead: time, ranges, references, lines told apart, text for each."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
from lxml import etree

from ivb.indicators import report_html
from ivb.indicators._svg import (
    DASHES,
    MARKERS,
    MAX_POINTS,
    PALETTE,
    Reference,
    Series,
    time_chart,
    unit_range,
    year_position,
)
from ivb.model import Policy

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


def _points(root: etree._Element) -> list[tuple[float, float]]:
    """The data points (their tooltips say the value; the marker of the end label does not)."""
    return [
        (float(c.get("cx")), float(c.get("cy")))
        for c in root.iter(f"{SVG}circle")
        if ": " in c[0].text
    ]


def _y_labels(root: etree._Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]


def test_x_axis_is_proportional_to_time() -> None:
    svg = time_chart(
        "t", "d", [Series("Urk", [(2019.5, 36), (2022.5, 32), (2023.5, 30)])], unit="count"
    )
    (x1, _), (x2, _), (x3, _) = _points(_parse(svg))
    assert (x2 - x1) == pytest.approx(3 * (x3 - x2))


def test_a_month_sits_inside_its_year() -> None:
    assert year_position(date(2024, 1, 1), date(2024, 12, 31)) == 2024.5
    assert 2024.0 < year_position(date(2024, 1, 1), date(2024, 1, 31)) < 2024.1


@pytest.mark.parametrize(
    ("unit", "values", "first", "last"),
    [
        ("rapportcijfer", [7.8], "1", "10"),  # one measurement: still the whole scale
        ("count", [470, 590], "0", "600"),  # counts from 0
        ("percent", [55.0, 60.0], "0", "100"),
        ("percent", [7.3, 12.0], "0", "15"),  # low shares: fitted, still from 0
    ],
)
def test_y_range_fits_the_unit(unit: str, values: list[float], first: str, last: str) -> None:
    svg = time_chart(
        "t", "d", [Series("a", [(2019.5 + i, v) for i, v in enumerate(values)])], unit=unit
    )
    labels = _y_labels(_parse(svg))
    assert (labels[0], labels[-1]) == (first, last)


def test_a_cut_y_axis_is_marked() -> None:
    plain = time_chart("t", "d", [Series("a", [(2019.5, 7000), (2020.5, 7100)])], unit=None)
    assert "<title>axis does not start at 0</title>" in plain
    counts = time_chart("t", "d", [Series("a", [(2019.5, 7000), (2020.5, 7100)])], unit="count")
    assert "does not start at 0" not in counts
    assert unit_range("percent-change") == (None, None)


def test_references_are_drawn_and_named() -> None:
    svg = time_chart(
        "t",
        "d",
        [Series("Noordoostpolder", [(2025.5, 7.8)])],
        unit="rapportcijfer",
        references=[
            Reference("baseline", "nulmeting 7,6", 7.6),
            Reference("target", "doel 8", 8.0),
            Reference("milestone", "tussendoel 2026: 7,9", 7.9, 2026.5),
        ],
        x_span=(2024.0, 2028.0),
    )
    root = _parse(svg)
    lines = {t.text: t.getparent() for t in root.iter(f"{SVG}title")}
    assert {"nulmeting 7,6", "doel 8", "tussendoel 2026: 7,9"} <= set(lines)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "nulmeting 7,6" in texts and "Noordoostpolder" in texts  # named at the right end
    assert [t for t in texts if t and t.isdigit() and len(t) == 4] == [
        "2024",
        "2025",
        "2026",
        "2027",
    ]


def test_lines_differ_in_dash_marker_and_colour() -> None:
    series = [Series(name, [(2019.5, 10 + i), (2022.5, 12 + i)]) for i, name in enumerate("ABCD")]
    root = _parse(time_chart("t", "d", series, unit="count"))
    lines = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke") in PALETTE]
    assert len({p.get("stroke") for p in lines}) == 4
    assert len({p.get("stroke-dasharray", "") for p in lines}) == 4
    assert len(set(DASHES)) == len(DASHES) and len(set(MARKERS)) == len(MARKERS)
    shapes = {
        el.tag for el in root if el.tag in {f"{SVG}{s}" for s in ("circle", "rect", "polygon")}
    }
    assert len(shapes) == 3  # circle, square (rect) and triangle/diamond (polygon)


def test_labels_at_the_ends_do_not_overlap() -> None:
    series = [Series(name, [(2019.5, 100.0), (2022.5, 100.0 + i)]) for i, name in enumerate("ABC")]
    root = _parse(time_chart("t", "d", series, unit="count"))
    ys = sorted(float(t.get("y")) for t in root.iter(f"{SVG}text") if t.text in {"A", "B", "C"})
    assert len(ys) == 3 and all(b - a >= 14.9 for a, b in itertools.pairwise(ys))


def test_a_long_series_is_reduced() -> None:
    points = [(2000 + i / 12, float(i % 10)) for i in range(3000)]
    svg = time_chart("t", "d", [Series("a", points)], unit="count")
    line = next(_parse(svg).iter(f"{SVG}polyline"))
    assert len(line.get("points").split()) == MAX_POINTS
    assert len(svg) < 20_000


def test_every_chart_has_a_title_and_a_description(policy: Policy) -> None:
    from pathlib import Path

    page = report_html(policy, Path(__file__).parent / "fixtures" / "measurements-vm.csv")
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) == 4
    for svg in svgs:
        root = _parse(svg)
        assert root.get("role") == "img"
        assert root[0].tag == f"{SVG}title" and root[0].text
        assert root[1].tag == f"{SVG}desc" and root[1].text
    # the description says the numbers in words, in the report's language
    assert "Noordoostpolder: 2025: 7,8; nulmeting 7,6" in page
