"""Small inline SVG charts, written by hand: no plotting library, no CDN."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = ["MAX_POINTS", "PALETTE", "line_chart", "nice_ticks", "sample_indices"]

#: Colour-blind safe colours (Okabe-Ito), in the order series get them.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")


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


#: Most points per series a chart shows; longer series are sampled down to this.
MAX_POINTS = 120


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


def line_chart(
    title: str,
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], bool]],
    *,
    from_zero: bool = True,
    width: int = 640,
    height: int = 260,
) -> str:
    """An SVG line chart of one or more series over the same periods.

    Parameters
    ----------
    title:
        Title, for screen readers (``<title>``).
    periods:
        The x-axis labels, in order.
    series:
        ``(label, values, dashed)`` per line; a None or NaN value leaves a gap.
        More than :data:`MAX_POINTS` periods are sampled down to that many
        (evenly spread, first and last kept).
    from_zero:
        Start the y axis at zero (for counts).
    width, height:
        Size in pixels.

    Returns
    -------
    str
        An ``<svg>`` element.

    Examples
    --------
    >>> svg = line_chart("Overlast", ["2019", "2022"], [("Urk", [36, 32], False)])
    >>> svg.startswith('<svg') and svg.count("<circle") == 2
    True
    """
    keep = sample_indices(len(periods))
    if len(keep) < len(periods):
        periods = [periods[i] for i in keep]
        series = [(label, [vs[i] for i in keep], dashed) for label, vs, dashed in series]
    left, right, top, bottom = 56, 170, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _, vs, _ in series for v in vs if v is not None and not math.isnan(v)]
    low = min(values, default=0.0)
    high = max(values, default=1.0)
    if from_zero:
        low = min(0.0, low)
    ticks = nice_ticks(low, high)
    y0, y1 = ticks[0], ticks[-1]

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / max(len(periods), 1))

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - y0) / ((y1 - y0) or 1.0))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    for t in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#444">{_label(t)}</text>'
        )
    label_every = max(1, math.ceil(len(periods) / 12))
    for i, p in enumerate(periods):
        if i % label_every and i != len(periods) - 1:
            continue
        parts.append(
            f'<text x="{x(i):.1f}" y="{top + plot_h + 20}" text-anchor="middle" font-size="11" '
            f'fill="#444">{escape(p)}</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#888"/>'
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="#888"/>'
    )
    for n, (label, vs, dashed) in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        run: list[str] = []
        segments: list[list[str]] = []
        for i, v in enumerate(vs):
            if v is None or math.isnan(v):
                if run:
                    segments.append(run)
                run = []
                continue
            run.append(f"{x(i):.1f},{y(v):.1f}")
        if run:
            segments.append(run)
        for seg in segments:
            if len(seg) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} '
                    f'points="{" ".join(seg)}"/>'
                )
        for i, v in enumerate(vs):
            if v is None or math.isnan(v):
                continue
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(label)} {escape(periods[i])}: {_label(v)}</title></circle>"
            )
        ly = top + 8 + n * 18
        parts.append(
            f'<line x1="{left + plot_w + 14}" x2="{left + plot_w + 36}" y1="{ly}" y2="{ly}" '
            f'stroke="{colour}" stroke-width="2"{dash}/>'
            f'<text x="{left + plot_w + 42}" y="{ly + 4}" font-size="12" fill="#222">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
