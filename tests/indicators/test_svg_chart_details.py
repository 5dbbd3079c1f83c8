"""What a reader of a progress-report chart sees, element by element.

The charts are parsed as a browser would read them; the plot area of the default
480x230 chart runs from x=58 to x=344 and from y=12 to y=184, so an x axis over
2019-2023 puts 2021 at x=201 and a rapportcijfer axis (1 to 10) puts 5,5 at y=98.
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from lxml import etree

from ivb.indicators._svg import (
    MARKERS,
    PALETTE,
    Reference,
    Series,
    nice_ticks,
    time_chart,
    year_position,
)

SVG = "{http://www.w3.org/2000/svg}"
SHAPE_TAGS = {"circle", "rect", "polygon", "polyline"}


def _parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _tip(el: etree._Element) -> str | None:
    title = el.find(f"{SVG}title")
    return None if title is None else title.text


def _coords(el: etree._Element) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in el.get("points", "").split())]


def _six_series_chart() -> etree._Element:
    # one point each, all at (2021, 5,5): pixel (201, 98)
    series = [Series(f"Reeks {n}", [(2021.0, 5.5)]) for n in range(len(MARKERS))]
    return _parse(time_chart("t", "d", series, unit="rapportcijfer", x_span=(2019.0, 2023.0)))


def _data_marker(root: etree._Element, label: str) -> etree._Element:
    (marker,) = [
        el
        for el in root.iter()
        if isinstance(el.tag, str) and _local(el) in SHAPE_TAGS and _tip(el) == f"{label}: 5,5"
    ]
    return marker


# --- marker shapes ------------------------------------------------------------------------


def test_each_series_has_its_marker_shape_around_the_point() -> None:
    root = _six_series_chart()
    expected = {
        "circle": ("circle", None),
        "square": ("rect", None),
        "triangle": ("polygon", [(201.0, 93.0), (205.6, 101.4), (196.4, 101.4)]),
        "diamond": ("polygon", [(201.0, 93.0), (206.0, 98.0), (201.0, 103.0), (196.0, 98.0)]),
        "down": ("polygon", [(201.0, 103.0), (205.6, 94.6), (196.4, 94.6)]),
        "cross": (
            "polyline",
            # one stroke corner to corner, back to the centre, the other stroke, back again
            [
                (197.0, 94.0),
                (205.0, 102.0),
                (201.0, 98.0),
                (205.0, 94.0),
                (197.0, 102.0),
                (201.0, 98.0),
            ],
        ),
    }
    for n, shape in enumerate(MARKERS):
        marker = _data_marker(root, f"Reeks {n}")
        tag, points = expected[shape]
        assert _local(marker) == tag, shape
        if points is not None:
            assert _coords(marker) == points, shape
    circle = _data_marker(root, "Reeks 0")
    assert (circle.get("cx"), circle.get("cy"), circle.get("r")) == ("201.0", "98.0", "4")
    square = _data_marker(root, "Reeks 1")
    assert [square.get(a) for a in ("x", "y", "width", "height")] == [
        "197.4",
        "94.4",
        "7.2",
        "7.2",
    ]


def test_the_down_triangle_mirrors_the_up_triangle() -> None:
    root = _six_series_chart()
    up = _coords(_data_marker(root, f"Reeks {MARKERS.index('triangle')}"))
    down = _coords(_data_marker(root, f"Reeks {MARKERS.index('down')}"))
    # mirrored in the horizontal line through the point (y=98), and symmetric around x=201
    assert down == [(x, round(2 * 98.0 - y, 1)) for x, y in up]
    apex, right, left = down
    assert apex[0] == 201.0 and apex[1] > right[1] == left[1]
    assert right[0] - 201.0 == pytest.approx(201.0 - left[0])


def test_markers_have_the_colour_of_their_line() -> None:
    root = _six_series_chart()
    for n, shape in enumerate(MARKERS):
        marker = _data_marker(root, f"Reeks {n}")
        attribute = "stroke" if shape == "cross" else "fill"
        assert marker.get(attribute) == PALETTE[n], shape


def test_markers_of_a_line_share_the_colour_of_the_line() -> None:
    root = _parse(
        time_chart(
            "t",
            "d",
            [Series("A", [(2019.5, 3), (2020.5, 4)]), Series("B", [(2019.5, 5), (2020.5, 6)])],
            unit="count",
        )
    )
    lines = {
        el.get("stroke") for el in root.iter(f"{SVG}polyline") if el.get("stroke-width") == "2.2"
    }
    assert lines == {PALETTE[0], PALETTE[1]}
    circles = [c for c in root.iter(f"{SVG}circle") if _tip(c) in ("A: 3", "A: 4")]
    squares = [r for r in root.iter(f"{SVG}rect") if _tip(r) in ("B: 5", "B: 6")]
    assert [c.get("fill") for c in circles] == [PALETTE[0]] * 2
    assert [r.get("fill") for r in squares] == [PALETTE[1]] * 2


# --- names at the right end ---------------------------------------------------------------


def _end_labels(root: etree._Element) -> list[tuple[float, str, float]]:
    """(y of the legend stroke, text, y of the text) for each name at the right end."""
    strokes = [
        el for el in root.iter(f"{SVG}line") if el.get("x1") == "352" and el.get("x2") == "370"
    ]
    texts = [el for el in root.iter(f"{SVG}text") if el.get("x") == "375"]
    assert len(strokes) == len(texts)
    return [
        (float(s.get("y1")), t.text, float(t.get("y"))) for s, t in zip(strokes, texts, strict=True)
    ]


def test_end_names_sit_on_their_line() -> None:
    root = _parse(
        time_chart(
            "t",
            "d",
            [Series("Dronten", [(2019.5, 7.0), (2022.5, 7.5)]), Series("Urk", [(2019.5, 4.0)])],
            unit="rapportcijfer",
            references=[Reference("target", "doel 8", 8.0)],
        )
    )
    labels = _end_labels(root)
    assert [text for _, text, _ in labels] == ["doel 8", "Dronten", "Urk"]
    for stroke_y, _, text_y in labels:
        # the 12 px text's baseline 4 px below the stroke centres the name on it
        assert text_y == pytest.approx(stroke_y + 4)
    # Urk's last value 4 sits at y = 12 + 172 * (1 - 3/9)
    urk = next(label for label in labels if label[1] == "Urk")
    assert urk[0] == pytest.approx(126.7, abs=0.05)
    assert urk[2] == pytest.approx(130.7, abs=0.05)


def test_a_long_name_is_cut_without_a_space_before_the_ellipsis() -> None:
    root = _parse(
        time_chart(
            "t",
            "d",
            [Series("Woninginbraak en diefstal", [(2019.5, 10), (2020.5, 12)])],
            unit="count",
            references=[Reference("baseline", "Nulmeting 2019 (bron)", 10.0)],
        )
    )
    texts = [text for _, text, _ in _end_labels(root)]
    assert texts == ["Nulmeting 2019…", "Woninginbraak…"]
    # the full names stay in the tooltips
    tips = {_tip(el) for el in root.iter() if isinstance(el.tag, str)}
    assert {"Woninginbraak en diefstal", "Nulmeting 2019 (bron)"} <= tips


def test_a_name_of_fifteen_characters_is_kept() -> None:
    root = _parse(time_chart("t", "d", [Series("Noordoostpolder", [(2019.5, 1)])], unit="count"))
    assert [text for _, text, _ in _end_labels(root)] == ["Noordoostpolder"]


# --- reference values ---------------------------------------------------------------------


def test_a_target_with_a_year_is_still_a_line_over_the_whole_chart() -> None:
    root = _parse(
        time_chart(
            "t",
            "d",
            [Series("DNU", [(2019.5, 7.0), (2022.5, 7.4)])],
            unit="rapportcijfer",
            references=[
                Reference("baseline", "nulmeting", 7.0, 2019.5),
                Reference("target", "doel", 8.0, 2027.5),
                Reference("milestone", "tussendoel", 7.5, 2025.5),
            ],
        )
    )
    lines = {_tip(el): el for el in root.iter(f"{SVG}line") if _tip(el)}
    assert set(lines) == {"nulmeting", "doel"}
    for name, value, colour, dash in (
        ("nulmeting", 7.0, "#595959", "5 4"),
        ("doel", 8.0, "#1A6B2F", "1 0"),
    ):
        line = lines[name]
        y = 12 + 172 * (1 - (value - 1) / 9)
        assert (line.get("x1"), line.get("x2")) == ("58", "344")
        assert float(line.get("y1")) == float(line.get("y2")) == pytest.approx(y, abs=0.05)
        assert (line.get("stroke"), line.get("stroke-dasharray")) == (colour, dash)
    # only the milestone is a mark (a square turned 45 degrees) at its year
    marks = [el for el in root.iter(f"{SVG}rect") if el.get("transform")]
    assert [_tip(m) for m in marks] == ["tussendoel"]
    assert [text for _, text, _ in _end_labels(root)] == ["nulmeting", "doel", "DNU"]


# --- tick values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high"),
    [(math.nan, 5.0), (0.0, math.inf), (-math.inf, 3.0), (math.nan, math.nan)],
)
def test_ticks_of_no_finite_range_are_zero_and_one(low: float, high: float) -> None:
    assert nice_ticks(low, high) == [0.0, 1.0]


def test_ticks_of_a_range_wider_than_a_float_are_its_ends() -> None:
    assert nice_ticks(-1e308, 1e308) == [-1e308, 1e308]
    assert nice_ticks(-1.5e308, 1e308) == [-1.5e308, 1e308]


def test_a_chart_over_the_widest_range_still_draws() -> None:
    root = _parse(time_chart("t", "d", [Series("x", [(2019.5, -1e308), (2020.5, 1e308)])]))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels == ["-1e+308", "1e+308"]


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (7.2, 7.9, [7.2, 7.4, 7.6, 7.8, 8.0]),
        (-50, 50, [-50.0, -25.0, 0.0, 25.0, 50.0]),
        (-12, 3, [-15.0, -10.0, -5.0, 0.0, 5.0]),  # steps of 5, not 3,75
        (100, 103, [100.0, 101.0, 102.0, 103.0]),
        (1000, 1010, [1000.0, 1002.5, 1005.0, 1007.5, 1010.0]),
    ],
)
def test_ticks_step_by_the_width_of_the_range(low: float, high: float, ticks: list[float]) -> None:
    assert nice_ticks(low, high) == ticks


@pytest.mark.parametrize(
    ("value", "ticks"),
    [
        (5.0, [4.0, 6.0, 8.0, 10.0]),  # one value: an axis up to twice it
        (-2.0, [-2.0, -1.5, -1.0, -0.5, 0.0]),  # up to zero
        (0.0, [0.0, 0.25, 0.5, 0.75, 1.0]),  # zero: an axis of one unit
    ],
)
def test_ticks_of_a_single_value(value: float, ticks: list[float]) -> None:
    assert nice_ticks(value, value) == ticks


def test_a_chart_of_zeros_has_an_axis_of_one_unit() -> None:
    root = _parse(time_chart("t", "d", [Series("x", [(2019.5, 0), (2020.5, 0)])]))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels == ["0", "0,25", "0,5", "0,75", "1"]
    # the line lies on the bottom of the plot
    (line,) = [el for el in root.iter(f"{SVG}polyline") if el.get("stroke-width") == "2.2"]
    assert {y for _, y in _coords(line)} == {184.0}


# --- axes fixed by the unit ---------------------------------------------------------------


def _y_labels(svg: str) -> list[str]:
    return [t.text for t in _parse(svg).iter(f"{SVG}text") if t.get("text-anchor") == "end"]


@pytest.mark.parametrize(
    ("unit", "values", "labels"),
    [
        ("percent", [45.0, 62.0], ["0", "20", "40", "60", "80", "100"]),
        ("fraction", [0.3, 0.45], ["0", "0,2", "0,4", "0,6", "0,8", "1"]),
        ("rapportcijfer", [6.8, 7.4], [str(n) for n in range(1, 11)]),
        ("percent", [12.0, 31.0], ["0", "10", "20", "30", "40"]),  # low values: fitted
    ],
)
def test_a_unit_with_two_ends_fixes_the_whole_axis(
    unit: str, values: list[float], labels: list[str]
) -> None:
    points = [(2019.5 + i, v) for i, v in enumerate(values)]
    assert _y_labels(time_chart("t", "d", [Series("x", points)], unit=unit)) == labels


def test_a_quarter_sits_in_the_middle_of_its_months() -> None:
    # 1 July to 30 September 2023: days 181 to 273 of 365, the middle at day 227
    assert year_position(date(2023, 7, 1), date(2023, 9, 30)) == round(2023 + 227 / 365, 6)
