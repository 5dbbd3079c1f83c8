"""Periods as printed ("2022", "2022-01", "2024-2027") and as CBS codes ("2022JJ00")."""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from ivb._message import Message, at, message_of
from ivb.indicators._errors import IndicatorError

__all__ = ["cbs_period", "period_bounds", "period_kind"]

_YEAR = re.compile(r"^(\d{4})$")
_YEARS = re.compile(r"^(\d{4})\s*[-/]\s*(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_CBS = re.compile(r"^\s*(\d{4})(JJ|MM|KW|HJ)(\d{2})\s*$")

#: Kinds of period, from the form of the text.
KINDS = ("year", "years", "half", "quarter", "month", "day")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=65536)
def period_bounds(text: str) -> tuple[date, date]:
    """First and last day of a period.

    Parameters
    ----------
    text:
        A year (``2022``), span of years (``2024-2027``), half year (``2023-H1``),
        quarter (``2022-Q3``), month (``2022-01``), day (``2023-02-01``) or a CBS
        period code (``2022JJ00``, ``2022MM01``, ``2022KW03``).

    Returns
    -------
    tuple of datetime.date
        The first and the last day of the period.

    Raises
    ------
    IndicatorError
        If the text is none of these forms.

    Examples
    --------
    >>> period_bounds("2024-2027")
    (datetime.date(2024, 1, 1), datetime.date(2027, 12, 31))
    >>> period_bounds("2022MM02")
    (datetime.date(2022, 2, 1), datetime.date(2022, 2, 28))
    """
    try:
        return _bounds(text)
    except IndicatorError:
        raise
    except (ValueError, OverflowError) as exc:  # a date out of range, e.g. year 0
        raise IndicatorError(
            at("period", Message("{problem} in {text!r}", problem=message_of(exc), text=text))
        ) from None


def _bounds(text: str) -> tuple[date, date]:
    s = str(text).strip()
    if len(s) == 4 and s.isascii() and s.isdigit():  # fast paths: year and day
        y = int(s)
        return date(y, 1, 1), date(y, 12, 31)
    if len(s) == 10 and s.isascii() and _DAY.match(s):
        d = date.fromisoformat(s)
        return d, d
    if m := _CBS.match(s):
        s = cbs_period(s)
    if m := _YEAR.match(s):
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31)
    if m := _YEARS.match(s):
        a, b = int(m[1]), int(m[2])
        if a <= b:
            return date(a, 1, 1), date(b, 12, 31)
    if (m := _MONTH.match(s)) and 1 <= int(m[2]) <= 12:
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), _month_end(y, mo)
    if m := _QUARTER.match(s):
        y, q = int(m[1]), int(m[2])
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    if m := _HALF.match(s):
        y, h = int(m[1]), int(m[2])
        return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
    if m := _DAY.match(s):
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
        else:
            return d, d
    raise IndicatorError(
        at(
            "period",
            Message(
                "expected a year (2022), years (2024-2027), half year (2023-H1), quarter "
                "(2022-Q3), month (2022-01), day (2023-02-01) or CBS code (2022JJ00), got {text!r}",
                text=text,
            ),
        )
    )


def period_kind(text: str) -> str:
    """The kind of a period: year, years, half, quarter, month or day.

    Examples
    --------
    >>> [period_kind(p) for p in ("2022", "2022-01", "2024-2027", "2022KW01")]
    ['year', 'month', 'years', 'quarter']
    """
    start, end = period_bounds(text)
    if start == end:
        return "day"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 12 and start.month == 1:
        return "year"
    if months > 12:
        return "years"
    return {1: "month", 3: "quarter", 6: "half"}.get(months, "years")


@lru_cache(maxsize=4096)
def cbs_period(code: str) -> str:
    """Turn a CBS ``Perioden`` code into the period as this library writes it.

    ``JJ00`` is a year, ``MMnn`` a month, ``KWnn`` a quarter and ``HJnn`` a half year.

    Raises
    ------
    IndicatorError
        If the code is not of that form.

    Examples
    --------
    >>> [cbs_period(c) for c in ("2022JJ00", "2022MM01", "2022KW04", "2023HJ01")]
    ['2022', '2022-01', '2022-Q4', '2023-H1']
    """
    m = _CBS.match(code)
    if not m:
        raise IndicatorError(
            Message(
                "Perioden: expected a CBS period code such as 2022JJ00, 2022MM01 or 2022KW01, got "
                "{code!r}",
                code=code,
            )
        )
    year, kind, n = m[1], m[2], int(m[3])
    if kind == "JJ" and n == 0:
        return year
    if kind == "MM" and 1 <= n <= 12:
        return f"{year}-{n:02d}"
    if kind == "KW" and 1 <= n <= 4:
        return f"{year}-Q{n}"
    if kind == "HJ" and 1 <= n <= 2:
        return f"{year}-H{n}"
    raise IndicatorError(
        Message(
            "Perioden: {code!r} has no valid number after {kind} ({number:02d})",
            code=code,
            kind=kind,
            number=n,
        )
    )
