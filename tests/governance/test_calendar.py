"""meeting_calendar: expected meetings per body per quarter, and iCalendar (RFC 5545) output."""

from __future__ import annotations

import datetime as dt

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivb.governance import (
    GraphFormatError,
    Meeting,
    MeetingCalendar,
    Records,
    meeting_calendar,
)
from ivb.model import Policy
from tests.strategies import governance_policies, texts

_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: The three bodies the source gives a frequency for, each "vier keer per jaar".
FOUR_A_YEAR = [
    "districtelijk-veiligheidscollege-flevoland",
    "ambtelijk-vooroverleg",
    "basisteamdriehoek-dnu",
]


def test_meetings_per_quarter(dnu: Policy) -> None:
    cal = meeting_calendar(dnu, 2025)
    df = cal.to_frame()
    assert list(df.columns) == ["body", "name", "quarter", "meetings"]
    assert list(dict.fromkeys(df.body)) == FOUR_A_YEAR
    assert df.meetings.tolist() == [1] * 12
    assert df.quarter.tolist() == [1, 2, 3, 4] * 3
    assert cal.unscheduled == (
        "ambtelijke-basisteamdriehoek",
        "zorg-en-veiligheidstafel-urk",
        "regionale-pga-werkgroep",
        "jeugd-interventietafel-urk",
        "regionale-werkgroep-vuurwerk",
        "intergemeentelijke-samenwerking-oov-igw-sociaal-domein",
    )
    # Saturday 15 February, Saturday 17 May, Sunday 17 August and Sunday 16 November move to
    # the Friday before
    assert [m.date for m in cal.meetings[:4]] == [
        dt.date(2025, 2, 14),
        dt.date(2025, 5, 16),
        dt.date(2025, 8, 15),
        dt.date(2025, 11, 14),
    ]


def test_calendar_from_the_graph_equals_from_the_policy(dnu: Policy, G: nx.MultiDiGraph) -> None:
    assert meeting_calendar(G, 2026) == meeting_calendar(dnu, 2026)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 6, 12, 26, 52])
@pytest.mark.parametrize("year", [2024, 2025])
def test_meetings_spread_over_the_year(dnu: Policy, n: int, year: int) -> None:
    body = attrs.evolve(dnu.bodies[0], meetings_per_year=n)
    policy = attrs.evolve(dnu, bodies=(body, *dnu.bodies[1:]))
    cal = meeting_calendar(policy, year)
    meetings = [m for m in cal.meetings if m.body == body.id]
    assert len(meetings) == n
    assert [m.number for m in meetings] == list(range(1, n + 1))
    dates = [m.date for m in meetings]
    assert dates == sorted(set(dates))
    assert all(d.year == year for d in dates)
    per_quarter = [q for b, *_, q in cal.per_quarter() if b == body.id]
    assert sum(per_quarter) == n
    assert max(per_quarter) - min(per_quarter) <= 1 or n < 4


@pytest.mark.parametrize("n", [250, 261, 262, 300, 365, 366])
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_a_body_that_meets_daily_keeps_its_count_on_working_days(
    dnu: Policy, n: int, year: int
) -> None:
    # a year has about 260 working days: past that, meetings share the last days
    body = attrs.evolve(dnu.bodies[0], meetings_per_year=n)
    policy = attrs.evolve(dnu, bodies=(body, *dnu.bodies[1:]))
    dates = [m.date for m in meeting_calendar(policy, year).meetings if m.body == body.id]
    assert len(dates) == n
    assert all(d.year == year and d.weekday() < 5 for d in dates)
    assert dates == sorted(dates)
    working = sum(
        1
        for k in range(366 if year % 4 == 0 else 365)
        if (dt.date(year, 1, 1) + dt.timedelta(days=k)).weekday() < 5
    )
    assert len(set(dates)) >= min(n, working) - 2


def test_bad_year(dnu: Policy) -> None:
    with pytest.raises(ValueError, match="year: expected a year from 1 to 9999, got 0"):
        meeting_calendar(dnu, 0)
    with pytest.raises(ValueError, match="year"):
        meeting_calendar(dnu, "2025")  # type: ignore[arg-type]


def test_ical_follows_rfc_5545(dnu: Policy) -> None:
    text = meeting_calendar(dnu, 2025).to_ical()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 12
    unfolded = text.replace("\r\n ", "")
    assert "UID:dnu-ivb-2024-2027/districtelijk-veiligheidscollege-flevoland/2025/1@ivb" in unfolded
    assert "DTSTAMP:20250101T000000Z" in unfolded
    assert "DTSTART;VALUE=DATE:20250214\r\nDTEND;VALUE=DATE:20250215" in unfolded
    assert "NAME:Integraal Veiligheidsbeleid 2024-2027: vergaderingen 2025\r\n" in unfolded
    assert "X-WR-CALNAME:Integraal Veiligheidsbeleid 2024-2027: vergaderingen 2025\r\n" in unfolded
    # commas in text are escaped
    assert "SUMMARY:Basisteamdriehoek Dronten\\, Noordoostpolder en Urk" in unfolded
    uids = [line for line in unfolded.split("\r\n") if line.startswith("UID:")]
    assert len(uids) == len(set(uids))


def test_ical_stamp(dnu: Policy) -> None:
    when = dt.datetime(2024, 3, 1, 13, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    text = meeting_calendar(dnu, 2025).to_ical(stamp=when)
    assert "DTSTAMP:20240301T123000Z" in text


def test_ical_round_trips(dnu: Policy) -> None:
    cal = meeting_calendar(dnu, 2027)
    assert MeetingCalendar.from_ical(cal.to_ical()) == cal


def test_meetings_are_records(dnu: Policy) -> None:
    cal = meeting_calendar(dnu, 2027)
    for meetings in (cal.meetings, MeetingCalendar.from_ical(cal.to_ical()).meetings):
        assert isinstance(meetings, Records)
        assert meetings.of is Meeting
    frame = cal.meetings.to_frame()
    assert frame.columns.tolist() == [a.name for a in attrs.fields(Meeting)]
    assert len(frame) == len(cal.meetings) == sum(m for *_, m in cal.per_quarter())
    # still a tuple: a calendar made with a plain tuple is the same calendar
    made = MeetingCalendar(year=2027, meetings=tuple(cal.meetings), policy=cal.policy)
    assert made.meetings == cal.meetings == tuple(cal.meetings)
    assert isinstance(made.meetings, Records)
    assert MeetingCalendar(year=2027, meetings=()).meetings.to_frame().empty


def test_broken_ical() -> None:
    with pytest.raises(GraphFormatError, match="expected an X-IVB-YEAR line"):
        MeetingCalendar.from_ical("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    with pytest.raises(GraphFormatError, match="expected NAME:VALUE"):
        MeetingCalendar.from_ical("BEGIN:VCALENDAR\r\nnonsense\r\n")
    with pytest.raises(GraphFormatError, match="expected an ivb meeting, got no X-IVB-MEETING"):
        MeetingCalendar.from_ical("X-IVB-YEAR:2025\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\n")
    with pytest.raises(GraphFormatError, match="line 2: expected a parameter NAME=VALUE"):
        MeetingCalendar.from_ical("X-IVB-YEAR:2025\r\nDTSTART;VALUE:20250101\r\n")
    event = "X-IVB-BODY:b\r\nSUMMARY:B\r\nX-IVB-MEETING:1/1\r\n"
    with pytest.raises(GraphFormatError, match="DTSTART: expected a date YYYYMMDD, got '2025'"):
        MeetingCalendar.from_ical(
            f"X-IVB-YEAR:2025\r\nBEGIN:VEVENT\r\n{event}DTSTART;VALUE=DATE:2025\r\nEND:VEVENT\r\n"
        )


@_settings
@given(texts, st.integers(1, 52), st.integers(1900, 2100))
def test_any_name_folds_and_round_trips(name: str, n: int, year: int) -> None:
    meetings = tuple(
        Meeting(
            body="b",
            name=name + ";,\\",
            number=k + 1,
            per_year=n,
            date=dt.date(year, 1 + k % 12, 1),
            quarter=1 + (k % 12) // 3,
        )
        for k in range(n)
    )
    cal = MeetingCalendar(year=year, meetings=meetings, unscheduled=("x", "y"))
    text = cal.to_ical()
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert MeetingCalendar.from_ical(text) == cal


@_settings
@given(governance_policies(), st.integers(2000, 2040))
def test_generated_policies(policy: Policy, year: int) -> None:
    cal = meeting_calendar(policy, year)
    expected = sum(b.meetings_per_year or 0 for b in policy.bodies if not b.planned)
    assert len(cal.meetings) == expected
    assert MeetingCalendar.from_ical(cal.to_ical()) == cal


def test_meetings_fall_on_working_days(dnu: Policy) -> None:
    for year in range(2024, 2028):
        cal = meeting_calendar(dnu, year)
        assert all(m.date.weekday() < 5 for m in cal.meetings), year
        assert all(m.date.year == year for m in cal.meetings), year


def test_a_preparing_body_meets_before_the_meeting_it_prepares(dnu: Policy) -> None:
    preparers = {b.id: b.prepares for b in dnu.bodies}
    for year in range(2024, 2028):
        cal = meeting_calendar(dnu, year)
        dates: dict[str, list[dt.date]] = {}
        for m in cal.meetings:
            dates.setdefault(m.body, []).append(m.date)
        checked = 0
        for body, targets in preparers.items():
            for target in targets:
                if body not in dates or target not in dates:
                    continue
                for own, theirs in zip(dates[body], dates[target], strict=True):
                    assert dt.timedelta(days=1) <= theirs - own <= dt.timedelta(days=14)
                    checked += 1
        # the ambtelijk vooroverleg prepares the Districtelijk Veiligheidscollege, four times
        assert checked == 4, year
    cal = meeting_calendar(dnu, 2025)
    vooroverleg = [m.date for m in cal.meetings if m.body == "ambtelijk-vooroverleg"]
    assert vooroverleg == [
        dt.date(2025, 2, 7),
        dt.date(2025, 5, 9),
        dt.date(2025, 8, 8),
        dt.date(2025, 11, 7),
    ]


@_settings
@given(governance_policies(), st.integers(2000, 2040))
def test_generated_calendars_keep_working_days_and_preparation(policy: Policy, year: int) -> None:
    cal = meeting_calendar(policy, year)
    dates: dict[str, set[dt.date]] = {}
    for m in cal.meetings:
        assert m.date.weekday() < 5 and m.date.year == year
        dates.setdefault(m.body, set()).add(m.date)
    for body in policy.bodies:
        if (body.meetings_per_year or 0) > 52:
            continue  # more than weekly: its own meetings may leave no free day before or after
        for target in body.prepares:
            if body.id in dates and target in dates and target != body.id:
                # never on the day of a meeting it prepares, but in the first week of the year
                # (nowhere to go before it)
                first_week = dt.date(year, 1, 8)
                assert {d for d in dates[body.id] & dates[target] if d >= first_week} == set()


def test_uids_include_the_policy(dnu: Policy) -> None:
    other = attrs.evolve(dnu, id="andere-gemeenten-ivb")
    ours = meeting_calendar(dnu, 2025)
    theirs = meeting_calendar(other, 2025)
    assert ours.policy == "dnu-ivb-2024-2027" and theirs.policy == "andere-gemeenten-ivb"
    assert not {ours.uid(m) for m in ours.meetings} & {theirs.uid(m) for m in theirs.meetings}


def test_icalendar_reads_the_calendar(dnu: Policy) -> None:
    icalendar = pytest.importorskip("icalendar")
    cal = meeting_calendar(dnu, 2025)
    parsed = icalendar.Calendar.from_ical(cal.to_ical())
    assert str(parsed["X-WR-CALNAME"]) == cal.name
    assert str(parsed["NAME"]) == cal.name
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(cal.meetings) == 12
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(uid.startswith("dnu-ivb-2024-2027/") for uid in uids)
    for event, meeting in zip(events, cal.meetings, strict=True):
        start = event.decoded("DTSTART")
        assert start == meeting.date and start.weekday() < 5
        assert event.decoded("DTEND") == meeting.date + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == meeting.name


def test_reader_parses_parameters_in_any_order(dnu: Policy) -> None:
    cal = meeting_calendar(dnu, 2025)
    text = cal.to_ical()
    # what another tool may write: more parameters, in another order, quoted values with
    # ':' and ';', lower-case names, date-times, and lines folded elsewhere
    text = text.replace(
        "DTSTART;VALUE=DATE:", 'DTSTART;X-NOTE="a:b;c";VALUE=DATE;X-OTHER=x,"y,z":'
    ).replace("SUMMARY:", 'summary;LANGUAGE=nl;ALTREP="cid:x@y":')
    text = text.replace("X-IVB-BODY:", "X-IVB-BODY\r\n :")
    assert MeetingCalendar.from_ical(text) == cal
    timed = cal.to_ical().replace(
        "DTSTART;VALUE=DATE:20250214", "DTSTART;TZID=Europe/Amsterdam:20250214T100000"
    )
    assert MeetingCalendar.from_ical(timed) == cal
