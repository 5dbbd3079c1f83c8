"""The expected meetings of the consultation bodies in a year, and iCalendar output."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ivb.governance._errors import GraphError, GraphFormatError
from ivb.model import ConsultationBody, Policy

if TYPE_CHECKING:
    import pandas as pd

    from ivb.governance._typing import GovernanceGraph

__all__ = ["Meeting", "MeetingCalendar", "meeting_calendar"]

_PRODID = "-//ivb//governance meeting calendar//NL"


@attrs.frozen(kw_only=True)
class Meeting:
    """One expected meeting of a body.

    The date is nominal: the policy gives how often a body meets, not when;
    ivb spreads the meetings evenly over the year (the *k*-th of *n* falls at
    ``(k - 0.5) / n`` of the year).
    """

    body: str
    name: str
    number: int
    per_year: int
    date: dt.date
    quarter: int


@attrs.frozen(kw_only=True)
class MeetingCalendar:
    """The expected meetings of every body with a known frequency in one year.

    Attributes
    ----------
    year:
        The calendar year.
    meetings:
        Every expected meeting, by body (in policy order), then date.
    unscheduled:
        Ids of bodies left out: no number of meetings per year in the source,
        or planned and not yet set up.
    """

    year: int
    meetings: tuple[Meeting, ...]
    unscheduled: tuple[str, ...] = ()

    def per_quarter(self) -> tuple[tuple[str, str, int, int], ...]:
        """``(body, name, quarter, meetings)`` for every scheduled body and quarter 1-4."""
        counts: dict[str, list[int]] = {}
        names: dict[str, str] = {}
        for m in self.meetings:
            counts.setdefault(m.body, [0, 0, 0, 0])[m.quarter - 1] += 1
            names[m.body] = m.name
        return tuple(
            (body, names[body], q + 1, n) for body, per in counts.items() for q, n in enumerate(per)
        )

    def to_frame(self) -> pd.DataFrame:
        """Expected meetings per body per quarter, as a tidy DataFrame.

        Returns
        -------
        pandas.DataFrame
            Columns ``body``, ``name``, ``quarter`` (1-4) and ``meetings``;
            four rows per body, quarters with no meeting included.
        """
        import pandas as pd

        return pd.DataFrame(
            list(self.per_quarter()), columns=["body", "name", "quarter", "meetings"]
        )

    def to_ical(self, *, stamp: dt.datetime | None = None) -> str:
        """The meetings as an iCalendar (RFC 5545) text, one all-day event each.

        Parameters
        ----------
        stamp:
            The ``DTSTAMP`` of every event (when the calendar was made). By
            default 1 January of the year, 00:00 UTC, so that the output is
            reproducible.

        Returns
        -------
        str
            Lines ended by CRLF and folded at 75 octets, as the RFC asks.
        """
        when = stamp or dt.datetime(self.year, 1, 1, tzinfo=dt.UTC)
        if when.tzinfo is not None:
            when = when.astimezone(dt.UTC)
        stamp_text = when.strftime("%Y%m%dT%H%M%SZ")
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{_PRODID}",
            "CALSCALE:GREGORIAN",
            f"X-IVB-YEAR:{self.year}",
        ]
        if self.unscheduled:
            lines.append(f"X-IVB-UNSCHEDULED:{_escape(','.join(self.unscheduled))}")
        for m in self.meetings:
            end = m.date + dt.timedelta(days=1)
            lines += [
                "BEGIN:VEVENT",
                f"UID:{m.body}-{self.year}-{m.number}@ivb",
                f"DTSTAMP:{stamp_text}",
                f"DTSTART;VALUE=DATE:{m.date:%Y%m%d}",
                f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                f"SUMMARY:{_escape(m.name)}",
                "DESCRIPTION:"
                + _escape(
                    f"Verwachte vergadering {m.number} van {m.per_year} in {self.year} "
                    f"(kwartaal {m.quarter}); de datum is indicatief."
                ),
                "STATUS:TENTATIVE",
                "TRANSP:TRANSPARENT",
                f"X-IVB-BODY:{_escape(m.body)}",
                f"X-IVB-MEETING:{m.number}/{m.per_year}",
                "END:VEVENT",
            ]
        lines.append("END:VCALENDAR")
        return "".join(_fold(line) + "\r\n" for line in lines)

    @classmethod
    def from_ical(cls, text: str) -> MeetingCalendar:
        """Read back a calendar written by :meth:`to_ical`.

        Raises
        ------
        GraphFormatError
            If the text is no calendar of ivb meetings; names the line.
        """
        year: int | None = None
        unscheduled: tuple[str, ...] = ()
        meetings: list[Meeting] = []
        event: dict[str, str] | None = None
        for number, (name, value) in enumerate(_unfold(text), start=1):
            if name == "X-IVB-YEAR":
                year = _int(value, number)
            elif name == "X-IVB-UNSCHEDULED":
                unscheduled = tuple(v for v in _unescape(value).split(",") if v)
            elif name == "BEGIN" and value == "VEVENT":
                event = {}
            elif name == "END" and value == "VEVENT":
                if event is None:
                    raise GraphFormatError(f"iCalendar line {number}: END:VEVENT without BEGIN")
                meetings.append(_meeting(event, number))
                event = None
            elif event is not None:
                event[name] = value
        if year is None:
            raise GraphFormatError("iCalendar: expected an X-IVB-YEAR line, got none")
        return cls(year=year, meetings=tuple(meetings), unscheduled=unscheduled)


def _int(value: str, line: int) -> int:
    try:
        return int(value)
    except ValueError:
        raise GraphFormatError(f"iCalendar line {line}: expected a number, got {value!r}") from None


def _meeting(event: dict[str, str], line: int) -> Meeting:
    try:
        number, per_year = event["X-IVB-MEETING"].split("/")
        start = event["DTSTART;VALUE=DATE"]
        date = dt.date(int(start[:4]), int(start[4:6]), int(start[6:8]))
        return Meeting(
            body=_unescape(event["X-IVB-BODY"]),
            name=_unescape(event["SUMMARY"]),
            number=int(number),
            per_year=int(per_year),
            date=date,
            quarter=(date.month - 1) // 3 + 1,
        )
    except (KeyError, ValueError) as exc:
        raise GraphFormatError(
            f"iCalendar event ending at line {line}: "
            f"expected an ivb meeting, got a problem with {exc}"
        ) from None


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _unescape(value: str) -> str:
    out = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    parts = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append(current)
            current = ""
            size = 1  # the leading space of a continuation line
            limit = 75
        current += ch
        size += n
    parts.append(current)
    return "\r\n ".join(parts)


def _unfold(text: str) -> Iterator[tuple[str, str]]:
    logical: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw.startswith((" ", "\t")) and logical:
            logical[-1] += raw[1:]
        elif raw:
            logical.append(raw)
    for line in logical:
        name, sep, value = line.partition(":")
        if not sep:
            raise GraphFormatError(f"iCalendar: expected NAME:VALUE, got {line[:40]!r}")
        yield name, value


def _bodies(source: Policy | GovernanceGraph) -> Iterable[ConsultationBody]:
    if isinstance(source, Policy):
        return source.bodies
    return [obj for _, kind, obj in _nodes(source) if kind == "body"]


def _nodes(G: GovernanceGraph) -> Iterator[tuple[str, str, Any]]:
    for n, data in G.nodes(data=True):
        yield n, data.get("kind", ""), data.get("obj")


def meeting_calendar(policy: Policy | GovernanceGraph, year: int) -> MeetingCalendar:
    """The meetings the consultation bodies are expected to hold in *year*.

    Bodies meet as often as the source says (``meetings_per_year``); the
    dates spread the meetings evenly over the year and are nominal. Bodies
    without a number of meetings, and planned bodies, are listed as
    unscheduled.

    Parameters
    ----------
    policy:
        A policy, or a graph from :func:`build_graph`.
    year:
        The calendar year, e.g. 2025.

    Returns
    -------
    MeetingCalendar
        With :meth:`~MeetingCalendar.to_frame` (meetings per body per
        quarter) and :meth:`~MeetingCalendar.to_ical` (iCalendar text).

    Raises
    ------
    GraphError
        If *year* is not between 1 and 9999 (a ``ValueError`` too).

    Examples
    --------
    >>> import ivb
    >>> cal = meeting_calendar(ivb.load(), 2025)
    >>> [(q, n) for body, _, q, n in cal.per_quarter() if body == "ambtelijk-vooroverleg"]
    [(1, 1), (2, 1), (3, 1), (4, 1)]
    >>> cal.meetings[0].date
    datetime.date(2025, 2, 15)
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise GraphError(f"year: expected a year from 1 to 9999, got {year!r}")
    days = 366 if calendar.isleap(year) else 365
    first = dt.date(year, 1, 1)
    meetings: list[Meeting] = []
    unscheduled: list[str] = []
    for body in _bodies(policy):
        n = body.meetings_per_year
        if not n or body.planned:
            unscheduled.append(body.id)
            continue
        for k in range(n):
            date = first + dt.timedelta(days=int((k + 0.5) * days / n))
            meetings.append(
                Meeting(
                    body=body.id,
                    name=body.name,
                    number=k + 1,
                    per_year=n,
                    date=date,
                    quarter=(date.month - 1) // 3 + 1,
                )
            )
    return MeetingCalendar(year=year, meetings=tuple(meetings), unscheduled=tuple(unscheduled))
