"""Small inline SVG charts, written by hand: no plotting library, no CDN.

A chart must not mislead its reader: the x axis is proportional to time (2019 to
2022 is three times as wide as 2022 to 2023), the y axis fits the unit (a
rapportcijfer runs from 1 to 10, counts start at 0, percentages run from 0 to
100), a cut-off y axis is marked with a break, reference values (baseline, target
value, milestones) are drawn and named, and lines differ in dash and marker as
well as in colour, each named at its end. Every chart has a ``<title>`` and a
``<desc>`` for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from typing import NamedTuple

__all__ = [
    "MAX_POINTS",
    "PALETTE",
    "Reference",
    "Series",
    "nice_ticks",
    "sample_indices",
    "time_chart",
    "unit_range",
    "year_position",
]

#: Colour-blind safe colours (after Okabe-Ito, the light ones left out so that every
#: line has a contrast of at least 3:1 against white), in the order series get them.
PALETTE = ("#0072B2", "#D55E00", "#007A5A", "#000000", "#AD4F87", "#6B5300")
#: Dash patterns, in the order series get them (with the colours, so two lines
#: never look alike in grey print either).
DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 2", "1 0")
#: Marker shapes, in the order series get them.
MARKERS = ("circle", "square", "triangle", "diamond", "down", "cross")

#: Most points per series a chart shows; longer series are sampled down to this.
MAX_POINTS = 120

#: Colours of the reference lines (contrast against white at least 3:1).
_BASELINE_COLOUR = "#595959"
_TARGET_COLOUR = "#1A6B2F"
_TEXT = "#1b1b1b"
_MUTED = "#4a4a4a"


class Series(NamedTuple):
    """One line of a chart: a label and ``(x, value)`` points; ``x`` in years (2019.5)."""

    label: str
    points: Sequence[tuple[float, float | None]]


class Reference(NamedTuple):
    """A value drawn for reference.

    ``kind`` is ``baseline`` or ``target`` (a horizontal line over the whole chart)
    or ``milestone`` (a mark at ``x``).
    """

    kind: str
    label: str
    value: float
    x: float | None = None


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high], about *count* of them.

    Examples
    --------
    >>> nice_ticks(0, 717)
    [0.0, 200.0, 400.0, 600.0, 800.0]
    >>> nice_ticks(7.2, 7.9)
    [7.2, 7.4, 7.6, 7.8, 8.0]
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    if not math.isfinite(high - low):  # beyond what a float axis can divide
        return [float(low), float(high)]
    raw = (high - low) / max(count - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(float(round(value, 10)))
        value += step
        if len(ticks) > 50:  # pragma: no cover - guard
            break
    return ticks


def _label(value: float) -> str:
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.3g}"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def sample_indices(n: int, limit: int = MAX_POINTS) -> list[int]:
    """Evenly spread indices into ``range(n)``, at most *limit*, first and last kept.

    Examples
    --------
    >>> sample_indices(5, 3)
    [0, 2, 4]
    >>> len(sample_indices(10**6))
    120
    """
    if n <= limit:
        return list(range(n))
    return sorted({round(i * (n - 1) / (limit - 1)) for i in range(limit)})


def year_position(first: date, last: date) -> float:
    """The middle of a period in years (for the x axis): 2019 -> 2019.5.

    Examples
    --------
    >>> year_position(date(2019, 1, 1), date(2019, 12, 31))
    2019.5
    >>> round(year_position(date(2024, 1, 1), date(2024, 1, 31)), 3)
    2024.042
    """

    def pos(d: date) -> float:
        start = date(d.year, 1, 1).toordinal()
        days = date(d.year + 1, 1, 1).toordinal() - start
        return d.year + (d.toordinal() - start) / days

    end = pos(last) + 1 / (366 if last.year % 4 == 0 else 365)
    return round((pos(first) + end) / 2, 6)


def unit_range(unit: str | None) -> tuple[float | None, float | None]:
    """The fixed ends of a y axis for a unit: ``(low, high)``, None where the data decide.

    Examples
    --------
    >>> unit_range("rapportcijfer"), unit_range("count"), unit_range("percent-change")
    ((1.0, 10.0), (0.0, None), (None, None))
    """
    return {
        "rapportcijfer": (1.0, 10.0),
        "percent": (0.0, 100.0),  # fitted below 100 where the values stay low
        "fraction": (0.0, 1.0),
        "count": (0.0, None),
        "persons": (0.0, None),
        "euro": (0.0, None),
        "per-1000-inhabitants": (0.0, None),
    }.get(unit or "", (None, None))


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    title = f"<title>{escape(tip)}</title>"
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">{title}</circle>'
    if shape == "square":
        return (
            f'<rect x="{x - 3.6:.1f}" y="{y - 3.6:.1f}" width="7.2" height="7.2" '
            f'fill="{colour}">{title}</rect>'
        )
    pts = {
        "triangle": ((0, -5), (4.6, 3.4), (-4.6, 3.4)),
        "down": ((0, 5), (4.6, -3.4), (-4.6, -3.4)),
        "diamond": ((0, -5), (5, 0), (0, 5), (-5, 0)),
        "cross": ((-4, -4), (4, 4), (0, 0), (4, -4), (-4, 4), (0, 0)),
    }[shape]
    points = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in pts)
    if shape == "cross":
        return (
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2">'
            f"{title}</polyline>"
        )
    return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'


def _spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Move label positions apart to at least *gap*, keeping their order, within bounds."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [wanted[i] for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    overflow = placed[-1] - high if placed else 0.0
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    placed = [max(low, p) for p in placed]
    out = [0.0] * len(wanted)
    for k, i in enumerate(order):
        out[i] = placed[k]
    return out


def time_chart(
    title: str,
    desc: str,
    series: Sequence[Series],
    *,
    unit: str | None = None,
    y_title: str = "",
    x_title: str = "",
    references: Sequence[Reference] = (),
    x_span: tuple[float, float] | None = None,
    number: Callable[[float], str] = _label,
    break_label: str = "axis does not start at 0",
    width: int = 480,
    height: int = 230,
) -> str:
    """An SVG line chart over time.

    Parameters
    ----------
    title, desc:
        The chart's ``<title>`` and ``<desc>`` (what it shows, in words).
    series:
        The lines; each point's x is a time in years (see :func:`year_position`),
        a None or NaN value leaves a gap. More than :data:`MAX_POINTS` points are
        sampled down to that many (evenly spread, first and last kept).
    unit:
        The unit of the values: it fixes the y range (see :func:`unit_range`).
    y_title, x_title:
        The axis titles.
    references:
        Baseline, target value and milestones to draw.
    x_span:
        Years the x axis must cover at least (e.g. the policy period).
    number:
        Formats a value for the axis and the tooltips.
    break_label:
        Said (as a tooltip) where a y axis does not start at 0.
    width, height:
        Size in pixels (the chart scales with the page).

    Returns
    -------
    str
        An ``<svg>`` element.

    Examples
    --------
    >>> svg = time_chart("Overlast", "Urk: 36 in 2019, 32 in 2022",
    ...                  [Series("Urk", [(2019.5, 36), (2022.5, 32)])], unit="count")
    >>> svg.startswith('<svg') and svg.count("<circle") == 2 + 1  # two points, one at the name
    True
    >>> "<desc>Urk: 36 in 2019, 32 in 2022</desc>" in svg
    True
    """
    lines = []
    for s in series:
        pts = [(float(x), v) for x, v in s.points]
        keep = sample_indices(len(pts))
        if len(keep) < len(pts):
            pts = [pts[i] for i in keep]
        lines.append((s.label, pts))
    left, right, top, bottom = 58, 136, 12, 46
    plot_w, plot_h = width - left - right, height - top - bottom

    xs = [x for _, pts in lines for x, _ in pts]
    xs += [r.x for r in references if r.x is not None]
    if x_span is not None:
        xs += list(x_span)
    x_lo = math.floor(min(xs, default=2000.0))
    x_hi = math.ceil(max(xs, default=x_lo + 1.0))
    if x_hi <= x_lo:
        x_hi = x_lo + 1

    values = [v for _, pts in lines for _, v in pts if v is not None and math.isfinite(v)]
    values += [r.value for r in references if math.isfinite(r.value)]
    fixed_lo, fixed_hi = unit_range(unit)
    low = min(values, default=0.0)
    high = max(values, default=1.0)
    if fixed_lo is not None and low >= fixed_lo:
        low = fixed_lo
    if fixed_hi is not None and high <= fixed_hi and (unit != "percent" or high > 40):
        high = fixed_hi
    if unit == "percent-change" or fixed_lo is None:
        if unit == "percent-change":
            low, high = min(low, 0.0), max(high, 0.0)
    ticks = nice_ticks(low, high)
    if fixed_lo is not None and fixed_hi is not None and low == fixed_lo and high == fixed_hi:
        step = 1.0 if unit == "rapportcijfer" else (fixed_hi - fixed_lo) / 5
        count = round((fixed_hi - fixed_lo) / step)
        ticks = [round(fixed_lo + i * step, 10) for i in range(count + 1)]
    y0, y1 = ticks[0], ticks[-1]
    broken = y0 > 0 and unit != "rapportcijfer"

    def px(x: float) -> float:
        return left + plot_w * (x - x_lo) / (x_hi - x_lo)

    def py(v: float) -> float:
        return top + plot_h * (1 - (v - y0) / ((y1 - y0) or 1.0))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="system-ui, sans-serif">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    # grid and y axis
    for t in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{py(t):.1f}" y2="{py(t):.1f}" '
            f'stroke="#e2e2e2" stroke-width="1"/>'
            f'<text x="{left - 7}" y="{py(t) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{_MUTED}">{escape(number(t))}</text>'
        )
    # x axis: a tick at every year boundary, the year's label in its middle
    years = list(range(x_lo, x_hi))
    every = max(1, math.ceil(len(years) / (6 if width < 560 else 10)))
    for k, yr in enumerate(years):
        parts.append(
            f'<line x1="{px(yr):.1f}" x2="{px(yr):.1f}" y1="{top + plot_h}" '
            f'y2="{top + plot_h + 5}" stroke="#767676"/>'
        )
        if k % every == 0:
            parts.append(
                f'<text x="{px(yr + 0.5):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
                f'font-size="12" fill="{_MUTED}">{yr}</text>'
            )
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#767676"/>'
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="#767676"/>'
    )
    if broken:  # the y axis does not start at zero: a zigzag on it says so
        b = top + plot_h - 6
        parts.append(
            f'<polyline points="{left - 6},{b + 4} {left + 6},{b} {left - 6},{b - 4} '
            f'{left + 6},{b - 8}" fill="none" stroke="{_TEXT}" stroke-width="1.5">'
            f"<title>{escape(break_label)}</title></polyline>"
        )
    if y_title:
        parts.append(
            f'<text transform="translate(14 {top + plot_h / 2:.1f}) rotate(-90)" '
            f'text-anchor="middle" font-size="12" fill="{_TEXT}">{escape(y_title)}</text>'
        )
    if x_title:
        parts.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle" '
            f'font-size="12" fill="{_TEXT}">{escape(x_title)}</text>'
        )
    # reference values
    end_labels: list[tuple[float, str, str, str, str]] = []  # y, text, colour, dash, marker
    for r in references:
        if not math.isfinite(r.value):
            continue
        y = py(r.value)
        if r.kind == "milestone" and r.x is not None:
            parts.append(
                f'<rect x="{px(r.x) - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" '
                f'fill="none" stroke="{_TARGET_COLOUR}" stroke-width="2" '
                f'transform="rotate(45 {px(r.x):.1f} {y:.1f})"><title>{escape(r.label)}'
                f"</title></rect>"
            )
            continue
        colour = _BASELINE_COLOUR if r.kind == "baseline" else _TARGET_COLOUR
        dash = "5 4" if r.kind == "baseline" else "1 0"
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dash}">'
            f"<title>{escape(r.label)}</title></line>"
        )
        end_labels.append((y, r.label, colour, dash, ""))
    # the series
    for n, (label, pts) in enumerate(lines):
        colour = PALETTE[n % len(PALETTE)]
        dash = DASHES[n % len(DASHES)]
        shape = MARKERS[n % len(MARKERS)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        segments: list[list[str]] = []
        for x, v in pts:
            if v is None or not math.isfinite(v):
                if run:
                    segments.append(run)
                run = []
                continue
            run.append(f"{px(x):.1f},{py(v):.1f}")
        if run:
            segments.append(run)
        for seg in segments:
            if len(seg) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2.2"{dash_attr} '
                    f'points="{" ".join(seg)}"/>'
                )
        last = None
        for x, v in pts:
            if v is None or not math.isfinite(v):
                continue
            last = (x, v)
            if len(pts) <= 40:
                parts.append(_marker(shape, px(x), py(v), colour, f"{label}: {number(v)}"))
        if last is not None:
            end_labels.append((py(last[1]), label, colour, dash, shape))
    # names at the right end, moved apart where they would overlap
    ys = _spread([e[0] for e in end_labels], 15.0, top + 4, top + plot_h)
    lx = left + plot_w + 8
    for (_, text, colour, dash, shape), y in zip(end_labels, ys, strict=True):
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx}" x2="{lx + 18}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="2"{dash_attr}/>'
        )
        if shape:
            parts.append(_marker(shape, lx + 9, y, colour, text))
        parts.append(
            f'<text x="{lx + 23}" y="{y + 4:.1f}" font-size="12" fill="{_TEXT}">'
            f"{escape(_shorten(text, 15))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
