"""The expected meetings of the consultation bodies in a year, and iCalendar output."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ivb._records import Record, Records
from ivb.governance._errors import GraphError, GraphFormatError
from ivb.model import ConsultationBody, Policy

if TYPE_CHECKING:
    import pandas as pd

    from ivb.governance._typing import GovernanceGraph

__all__ = ["PREPARATION_LEAD", "Meeting", "MeetingCalendar", "meeting_calendar"]

_PRODID = "-//ivb//governance meeting calendar//NL"


@attrs.frozen(kw_only=True)
class Meeting(Record):
    """One expected meeting of a body.

    The date is nominal: the policy gives how often a body meets, not when;
    ivb spreads the meetings evenly over the year (the *k*-th of *n* falls at
    ``(k - 0.5) / n`` of the year), on a working day (Monday to Friday), and
    a body that prepares another meets a week before the meeting it
    prepares.
    """

    body: str
    name: str
    number: int
    per_year: int
    date: dt.date
    quarter: int


def _meeting_records(meetings: Iterable[Meeting]) -> Records[Meeting]:
    if isinstance(meetings, Records) and meetings.of is Meeting:
        return meetings
    return Records(meetings, of=Meeting)


@attrs.frozen(kw_only=True)
class MeetingCalendar(Record):
    """The expected meetings of every body with a known frequency in one year.

    Attributes
    ----------
    year:
        The calendar year.
    meetings:
        Every expected meeting, by body (in policy order), then date: records
        (a tuple) with ``to_frame()``, one row per meeting.
    unscheduled:
        Ids of bodies left out: no number of meetings per year in the source,
        or planned and not yet set up.
    policy:
        The id of the policy, part of every event's ``UID``.
    name:
        The name of the calendar (``NAME`` and ``X-WR-CALNAME``).
    """

    year: int
    meetings: Records[Meeting] = attrs.field(converter=_meeting_records)
    unscheduled: tuple[str, ...] = ()
    policy: str = ""
    name: str = ""

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
        ]
        if self.name:
            lines += [f"NAME:{_escape(self.name)}", f"X-WR-CALNAME:{_escape(self.name)}"]
        if self.policy:
            lines.append(f"X-IVB-POLICY:{_escape(self.policy)}")
        lines.append(f"X-IVB-YEAR:{self.year}")
        if self.unscheduled:
            lines.append(f"X-IVB-UNSCHEDULED:{_escape(','.join(self.unscheduled))}")
        for m in self.meetings:
            end = m.date + dt.timedelta(days=1)
            lines += [
                "BEGIN:VEVENT",
                f"UID:{_escape(self.uid(m))}",
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

    def uid(self, meeting: Meeting) -> str:
        """The iCalendar ``UID`` of *meeting*: policy, body, year and number, ``@ivb``.

        Examples
        --------
        >>> import ivb
        >>> cal = meeting_calendar(ivb.load(), 2025)
        >>> cal.uid(cal.meetings[0])
        'dnu-ivb-2024-2027/districtelijk-veiligheidscollege-flevoland/2025/1@ivb'
        """
        parts = [self.policy] if self.policy else []
        return "/".join([*parts, meeting.body, str(self.year), str(meeting.number)]) + "@ivb"

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
        policy = name = ""
        meetings: list[Meeting] = []
        event: dict[str, tuple[dict[str, list[str]], str]] | None = None
        for number, line in enumerate(_unfold(text), start=1):
            prop, params, value = _content_line(line, number)
            if event is not None and prop not in ("BEGIN", "END"):
                event.setdefault(prop, (params, value))
            elif prop == "X-IVB-YEAR":
                year = _int(value, number)
            elif prop == "X-IVB-POLICY":
                policy = _unescape(value)
            elif prop == "NAME" or (prop == "X-WR-CALNAME" and not name):
                name = _unescape(value)
            elif prop == "X-IVB-UNSCHEDULED":
                unscheduled = tuple(v for v in _unescape(value).split(",") if v)
            elif prop == "BEGIN" and value.upper() == "VEVENT":
                event = {}
            elif prop == "END" and value.upper() == "VEVENT":
                if event is None:
                    raise GraphFormatError(f"iCalendar line {number}: END:VEVENT without BEGIN")
                meetings.append(_meeting(event, number))
                event = None
        if year is None:
            raise GraphFormatError("iCalendar: expected an X-IVB-YEAR line, got none")
        return cls(
            year=year,
            meetings=tuple(meetings),
            unscheduled=unscheduled,
            policy=policy,
            name=name,
        )


def _int(value: str, line: int) -> int:
    try:
        return int(value)
    except ValueError:
        raise GraphFormatError(f"iCalendar line {line}: expected a number, got {value!r}") from None


def _date(params: dict[str, list[str]], value: str) -> dt.date:
    """The date of a DATE or DATE-TIME value (``20250214`` or ``20250214T100000Z``)."""
    kind = params.get("VALUE", ["DATE-TIME" if "T" in value else "DATE"])[0].upper()
    text = value.strip()
    if kind == "DATE" and not re.fullmatch(r"\d{8}", text):
        raise ValueError(f"DTSTART: expected a date YYYYMMDD, got {value!r}")
    if kind == "DATE-TIME" and not re.fullmatch(r"\d{8}T\d{6}Z?", text):
        raise ValueError(f"DTSTART: expected a date-time YYYYMMDDTHHMMSS, got {value!r}")
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _meeting(event: dict[str, tuple[dict[str, list[str]], str]], line: int) -> Meeting:
    try:
        number, per_year = event["X-IVB-MEETING"][1].split("/")
        date = _date(*event["DTSTART"])
        return Meeting(
            body=_unescape(event["X-IVB-BODY"][1]),
            name=_unescape(event["SUMMARY"][1]),
            number=int(number),
            per_year=int(per_year),
            date=date,
            quarter=(date.month - 1) // 3 + 1,
        )
    except KeyError as exc:
        raise GraphFormatError(
            f"iCalendar event ending at line {line}: expected an ivb meeting, "
            f"got no {exc.args[0]} property"
        ) from None
    except ValueError as exc:
        raise GraphFormatError(
            f"iCalendar event ending at line {line}: expected an ivb meeting, got {exc}"
        ) from None


_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')


def _content_line(line: str, number: int) -> tuple[str, dict[str, list[str]], str]:
    """Split an unfolded content line into its name, parameters and value (RFC 5545 3.1).

    Names and parameter names are upper-cased; parameter values lose their quotes.
    """
    m = _NAME.match(line)
    if m is None:
        raise GraphFormatError(f"iCalendar line {number}: expected NAME:VALUE, got {line[:40]!r}")
    pos = m.end()
    params: dict[str, list[str]] = {}
    while pos < len(line) and line[pos] == ";":
        p = _PARAM.match(line, pos)
        if p is None:
            raise GraphFormatError(
                f"iCalendar line {number}: expected a parameter NAME=VALUE after ';', "
                f"got {line[pos : pos + 40]!r}"
            )
        params[p.group(1).upper()] = _split_param(p.group(2))
        pos = p.end()
    if pos >= len(line) or line[pos] != ":":
        raise GraphFormatError(f"iCalendar line {number}: expected NAME:VALUE, got {line[:40]!r}")
    return m.group(0).upper(), params, line[pos + 1 :]


def _split_param(text: str) -> list[str]:
    """The values of a parameter, split at commas outside quotes, without the quotes."""
    out: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return out


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


def _unfold(text: str) -> Iterator[str]:
    """The logical content lines of *text*: folded lines joined, empty lines dropped."""
    logical: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw.startswith((" ", "\t")) and logical:
            logical[-1] += raw[1:]
        elif raw:
            logical.append(raw)
    yield from logical


def _source(source: Policy | GovernanceGraph) -> tuple[list[ConsultationBody], str, str]:
    """The bodies, the policy id and the policy title of a policy or graph."""
    if isinstance(source, Policy):
        return list(source.bodies), source.id, source.title
    bodies = [obj for _, kind, obj in _nodes(source) if kind == "body"]
    return bodies, str(source.graph.get("policy", "")), str(source.graph.get("title", ""))


def _nodes(G: GovernanceGraph) -> Iterator[tuple[str, str, Any]]:
    for n, data in G.nodes(data=True):
        yield n, data.get("kind", ""), data.get("obj")


#: How long before the meeting it prepares a preparing body meets.
PREPARATION_LEAD = dt.timedelta(days=7)


def _working_day(date: dt.date, year: int) -> dt.date:
    """*date* on a working day: a Saturday or Sunday moves to the Friday before, or to the
    Monday after when the Friday falls in another year."""
    if date.weekday() < 5:
        return date
    earlier = date - dt.timedelta(days=date.weekday() - 4)
    if earlier.year == year:
        return earlier
    return date + dt.timedelta(days=7 - date.weekday())


def _next_working_day(date: dt.date, year: int) -> dt.date | None:
    """The first working day after *date* in *year*, or ``None`` when the year has none."""
    date += dt.timedelta(days=1)
    while date.year == year:
        if date.weekday() < 5:
            return date
        date += dt.timedelta(days=1)
    return None


def _nominal(n: int, year: int) -> list[dt.date]:
    """*n* dates spread evenly over *year*, each on a working day, in order.

    The dates are strictly increasing while the year has working days left; a
    body that meets more often than that (a daily body: about 260 working days
    for up to 366 meetings) meets more than once on the last days it can.
    """
    days = 366 if calendar.isleap(year) else 365
    first = dt.date(year, 1, 1)
    out: list[dt.date] = []
    for k in range(n):
        date = _working_day(first + dt.timedelta(days=int((k + 0.5) * days / n)), year)
        if out and date <= out[-1]:
            date = _next_working_day(out[-1], year) or out[-1]
        out.append(date)
    return out


def _prepared(dates: list[dt.date], targets: list[list[dt.date]], year: int) -> list[dt.date]:
    """Move each of *dates* that falls on the day of a meeting it prepares to before it.

    A moved meeting goes to a week before (:data:`PREPARATION_LEAD`), or else to the
    latest working day of that week that is free of prepared meetings and after the
    body's own meeting before. A body that meets so often that its meeting before
    leaves no such day (it has prepared the meeting already) moves to the first free
    working day after, before its own next meeting; when there is none either (in the
    first days of the year, or for a body that meets almost daily) it stays.
    """
    if not targets:
        return dates
    busy = {d for t in targets for d in t}
    out: list[dt.date] = []
    for i, date in enumerate(dates):
        if date in busy:
            lead = PREPARATION_LEAD.days
            moved = None
            for days in (lead, *range(lead - 1, 0, -1)):
                earlier = date - dt.timedelta(days=days)
                if (
                    earlier.year == year
                    and earlier.weekday() < 5
                    and earlier not in busy
                    and (not out or earlier > out[-1])
                ):
                    moved = earlier
                    break
            if moved is None and out and out[-1] < date:
                after = date
                following = dates[i + 1] if i + 1 < len(dates) else dt.date(year, 12, 31)
                while (nxt := _next_working_day(after, year)) is not None and nxt < following:
                    if nxt not in busy:
                        moved = nxt
                        break
                    after = nxt
            if moved is not None:
                date = moved
        out.append(date)
    return out


def _order(bodies: list[ConsultationBody]) -> list[ConsultationBody]:
    """Bodies with every body a body prepares before it (a cycle keeps the given order)."""
    by_id = {b.id: b for b in bodies}
    done: dict[str, None] = {}
    visiting: set[str] = set()

    def visit(body: ConsultationBody) -> None:
        if body.id in done or body.id in visiting:
            return
        visiting.add(body.id)
        for target in body.prepares:
            if target in by_id:
                visit(by_id[target])
        visiting.discard(body.id)
        done[body.id] = None

    for body in bodies:
        visit(body)
    return [by_id[i] for i in done]


def meeting_calendar(policy: Policy | GovernanceGraph, year: int) -> MeetingCalendar:
    """The meetings the consultation bodies are expected to hold in *year*.

    Bodies meet as often as the source says (``meetings_per_year``); the
    dates spread the meetings evenly over the year and are nominal. Every
    meeting falls on a working day (Monday to Friday), and a body that
    prepares another (``prepares``) meets a week (:data:`PREPARATION_LEAD`)
    before a meeting it would otherwise share the day with (or on a free
    working day of that week). Bodies without a
    number of meetings, and planned bodies, are listed as unscheduled.

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
    >>> cal.meetings[0].date, cal.meetings[0].date.strftime("%A")
    (datetime.date(2025, 2, 14), 'Friday')
    >>> cal.name
    'Integraal Veiligheidsbeleid 2024-2027: vergaderingen 2025'
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise GraphError(f"year: expected a year from 1 to 9999, got {year!r}")
    bodies, policy_id, title = _source(policy)
    dates: dict[str, list[dt.date]] = {}
    unscheduled: list[str] = []
    for body in _order(bodies):
        n = body.meetings_per_year
        if not n or body.planned:
            continue
        targets = [dates[t] for t in body.prepares if t in dates and t != body.id]
        dates[body.id] = _prepared(_nominal(n, year), targets, year)
    meetings: list[Meeting] = []
    for body in bodies:
        if body.id not in dates:
            unscheduled.append(body.id)
            continue
        n = len(dates[body.id])
        for k, date in enumerate(dates[body.id]):
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
    name = f"{title}: vergaderingen {year}" if title else f"Vergaderingen {year}"
    return MeetingCalendar(
        year=year,
        meetings=meetings,
        unscheduled=tuple(unscheduled),
        policy=policy_id,
        name=name,
    )
