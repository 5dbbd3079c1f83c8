"""A year timeline as SVG: one row per body, a dot per expected meeting."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ivb_sphinx.svg import (
    EDGE_STYLES,
    FONT,
    FONT_SIZE,
    NODE_STYLES,
    SMALL_SIZE,
    _fmt,
    text_width,
    wrap,
)

__all__ = ["Timeline", "TimelineRow", "render_timeline"]

MONTH_W = 36.0
LABEL_CHARS = 28
ROW_H = 40.0
TOP = 46.0
MARGIN = 16.0


@dataclass(frozen=True)
class TimelineRow:
    """One body: its label, its meeting dates, a note for a body without dates."""

    id: str
    label: str
    dates: tuple[dt.date, ...] = ()
    note: str | None = None
    prepares: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timeline:
    """The rows of one year."""

    name: str
    title: str
    year: int
    rows: tuple[TimelineRow, ...]
    description: str = ""


def render_timeline(tl: Timeline) -> str:
    """The timeline as a standalone SVG document.

    >>> row = TimelineRow("a", "A", (dt.date(2025, 2, 15),))
    >>> svg = render_timeline(Timeline("t", "T", 2025, (row,)))
    >>> svg.count("<circle")  # the meeting, and the legend's example
    2
    """
    label_w = (
        max(
            (text_width(line) for r in tl.rows for line in wrap(r.label, LABEL_CHARS)),
            default=0.0,
        )
        + 24
    )
    chart_x = MARGIN + label_w
    chart_w = 12 * MONTH_W
    width = chart_x + chart_w + MARGIN
    legend_y = TOP + len(tl.rows) * ROW_H + 14
    height = legend_y + 28
    days = 366 if calendar.isleap(tl.year) else 365
    start = dt.date(tl.year, 1, 1)
    slug = "".join(ch if ch.isalnum() else "-" for ch in tl.name)
    body = NODE_STYLES["body"]
    prep = EDGE_STYLES["prepares"]

    def x_of(d: dt.date) -> float:
        return chart_x + chart_w * ((d - start).days + 0.5) / days

    row_y = {r.id: TOP + i * ROW_H + ROW_H / 2 for i, r in enumerate(tl.rows)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" height="{_fmt(height)}" '
        f'viewBox="0 0 {_fmt(width)} {_fmt(height)}" role="img" '
        f'aria-labelledby="{slug}-title {slug}-desc" font-family="{escape(FONT)}">',
        f'<title id="{slug}-title">{escape(tl.title)}</title>',
        f'<desc id="{slug}-desc">{escape(tl.description or tl.title)}</desc>',
        "<defs>"
        f'<marker id="{slug}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{prep.colour}"/></marker></defs>',
        f'<rect x="0" y="0" width="{_fmt(width)}" height="{_fmt(height)}" rx="8" fill="#ffffff"/>',
    ]
    # quarters and months
    bottom = TOP + len(tl.rows) * ROW_H
    for q in range(4):
        x = chart_x + q * 3 * MONTH_W
        fill = "#f4f6f8" if q % 2 == 0 else "#ffffff"
        out.append(
            f'<rect x="{_fmt(x)}" y="{_fmt(TOP - 30)}" width="{_fmt(3 * MONTH_W)}" '
            f'height="{_fmt(bottom - TOP + 30)}" fill="{fill}"/>'
        )
        out.append(
            f'<text x="{_fmt(x + 1.5 * MONTH_W)}" y="{_fmt(TOP - 18)}" '
            f'font-size="{_fmt(FONT_SIZE)}" text-anchor="middle" fill="#333333" '
            f'font-weight="bold">Q{q + 1}</text>'
        )
    for m in range(12):
        x = chart_x + m * MONTH_W
        out.append(
            f'<line x1="{_fmt(x)}" y1="{_fmt(TOP - 10)}" x2="{_fmt(x)}" y2="{_fmt(bottom)}" '
            'stroke="#d0d4d8" stroke-width="0.8"/>'
        )
        out.append(
            f'<text x="{_fmt(x + MONTH_W / 2)}" y="{_fmt(TOP - 3)}" font-size="{_fmt(SMALL_SIZE)}" '
            f'text-anchor="middle" fill="#555555">{calendar.month_abbr[m + 1]}</text>'
        )
    # rows
    for r in tl.rows:
        y = row_y[r.id]
        out.append(
            f'<line x1="{_fmt(MARGIN)}" y1="{_fmt(y + ROW_H / 2)}" x2="{_fmt(chart_x + chart_w)}" '
            f'y2="{_fmt(y + ROW_H / 2)}" stroke="#e3e6e9" stroke-width="0.8"/>'
        )
        lines = wrap(r.label, LABEL_CHARS)
        first = y + 4.5 - (len(lines) - 1) * 7.5
        for i, line in enumerate(lines):
            out.append(
                f'<text x="{_fmt(chart_x - 12)}" y="{_fmt(first + 15 * i)}" '
                f'font-size="{_fmt(FONT_SIZE)}" text-anchor="end" fill="#1a1a1a">'
                f"{escape(line)}</text>"
            )
        if not r.dates and r.note:
            # as many characters a line as fit the chart
            chars = int((chart_w - 20) / (0.62 * SMALL_SIZE))
            notes = wrap(r.note, chars)
            top = y + 4 - (len(notes) - 1) * 7
            for i, line in enumerate(notes):
                out.append(
                    f'<text x="{_fmt(chart_x + 10)}" y="{_fmt(top + 14 * i)}" '
                    f'font-size="{_fmt(SMALL_SIZE)}" fill="#666666" font-style="italic">'
                    f"{escape(line)}</text>"
                )
    # preparation arrows: from each meeting of the preparer to the same meeting of the body
    for r in tl.rows:
        for target in r.prepares:
            if target not in row_y:
                continue
            t_row = next(x for x in tl.rows if x.id == target)
            for a, b in zip(r.dates, t_row.dates, strict=False):
                y1, y2 = row_y[r.id], row_y[target]
                sign = 1 if y2 > y1 else -1
                out.append(
                    f'<path d="M{_fmt(x_of(a))},{_fmt(y1 + sign * 7)} '
                    f'L{_fmt(x_of(b))},{_fmt(y2 - sign * 8)}" stroke="{prep.colour}" '
                    f'stroke-width="1.6" fill="none" marker-end="url(#{slug}-arrow)"/>'
                )
    for r in tl.rows:
        y = row_y[r.id]
        for i, d in enumerate(r.dates, start=1):
            out.append(
                f'<circle cx="{_fmt(x_of(d))}" cy="{_fmt(y)}" r="6.5" fill="{body.fill}" '
                f'stroke="{body.stroke}" stroke-width="1.6"><title>{escape(r.label)}: '
                f"meeting {i} of {len(r.dates)}, nominal date {d.isoformat()}</title></circle>"
            )
    # legend
    x = MARGIN
    out.append(
        f'<circle cx="{_fmt(x + 8)}" cy="{_fmt(legend_y + 7)}" r="6" fill="{body.fill}" '
        f'stroke="{body.stroke}" stroke-width="1.6"/>'
    )
    text = "an expected meeting (nominal date)"
    out.append(
        f'<text x="{_fmt(x + 22)}" y="{_fmt(legend_y + 11)}" font-size="{_fmt(SMALL_SIZE)}" '
        f'fill="#333333">{text}</text>'
    )
    x += 22 + text_width(text, SMALL_SIZE) + 24
    out.append(
        f'<path d="M{_fmt(x)},{_fmt(legend_y + 7)} L{_fmt(x + 26)},{_fmt(legend_y + 7)}" '
        f'stroke="{prep.colour}" stroke-width="1.6" marker-end="url(#{slug}-arrow)"/>'
    )
    out.append(
        f'<text x="{_fmt(x + 34)}" y="{_fmt(legend_y + 11)}" font-size="{_fmt(SMALL_SIZE)}" '
        'fill="#333333">prepares</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"
