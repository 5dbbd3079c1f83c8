"""The measures side of a policy: indicators, regions, statistics, figures, targets, claims.

Everything a policy says about numbers is data of the policy file:

- an **indicator registry** (:class:`Indicator`): what is measured, in which unit and
  where the numbers come from (police or CBS open data with their codes, the
  Veiligheidsmonitor, an own registration);
- **regions**: groups of the policy's municipalities (:class:`RegionGroup`) and regions
  outside the policy with their CBS codes (:class:`OutsideRegion`);
- **tables** and **figures** printed in the source, with how each figure is checked
  (:class:`FigureCheck`) and the **trend statements** made about tables
  (:class:`TrendClaim`);
- **targets** (:class:`Target`): for a municipality, several, or a region group, with a
  baseline, a comparison and its value, yearly milestones, a horizon, or a qualitative
  goal with a status.

:func:`check_measures` checks what spans several entities (units, periods, kinds of
the entities referred to) and returns every problem with its path.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ivb._errors import Problem
from ivb._message import Message, at, message_of
from ivb.model._base import (
    DOC,
    SCHEMA,
    Direction,
    SourceRef,
    Unit,
    aliases_field,
    check_chars,
    check_count,
    date_field,
    id_field,
    name_field,
    opt_ref_field,
    opt_text,
    opt_text_field,
    ref_field,
    refs_field,
    text,
    text_field,
    tuple_field,
)

if TYPE_CHECKING:
    from ivb.model._base import Entity
    from ivb.model._policy import Policy

__all__ = [
    "QUALIFIERS",
    "Baseline",
    "CheckKind",
    "Comparison",
    "DataSourceKind",
    "Figure",
    "FigureCheck",
    "GoalStatus",
    "Indicator",
    "IndicatorSource",
    "IndicatorSubject",
    "Measurement",
    "OutsideRegion",
    "OutsideRegionKind",
    "QualitativeStatus",
    "RegionGroup",
    "Table",
    "TableRow",
    "Target",
    "TargetStep",
    "TrendClaim",
    "TrendKind",
    "check_measures",
    "normalise_qualifier",
    "period_years",
]

#: CBS open data table ids: five digits and a language code (``47013NED``, ``85146NED``).
CBS_TABLE_RE = re.compile(r"^\d{5}[A-Z]{3}$")
#: A period as a year (``2027``) or a span of years (``2024-2027``).
YEAR_PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{4}))?$")


class _Enum(enum.StrEnum):
    """A string enum whose value is what the file holds."""


def _source() -> Any:
    return attrs.field(metadata={DOC: "Where in the source this comes from."})


# -- qualifiers ----------------------------------------------------------------

#: The hedge words a stated figure may carry, as printed (lower case), with what each
#: means. The claim checker gives each a numeric tolerance
#: (:data:`ivb.indicators.TOLERANCES`, one per word of this list). Before any word,
#: "gemiddeld" ("on average") is ignored; "een zestal", "een tiental" (any
#: "een ...tal") are the word ``een ...tal``.
QUALIFIERS: Mapping[str, str] = {
    "ruim": "at least the number, a little more",
    "meer dan": "more than the number",
    "bijna": "a little less than the number",
    "een kleine": "a little less than the number",
    "minder dan": "less than the number",
    "zo'n": "about the number",
    "ongeveer": "about the number",
    "circa": "about the number",
    "een ...tal": "about the number",
}


def normalise_qualifier(word: str | None) -> str:
    """The hedge word of :data:`QUALIFIERS` that *word* is, or ``""`` for none.

    Parameters
    ----------
    word:
        The word as printed (``"ruim"``, ``"zo’n"``, ``"gemiddeld zo'n"``,
        ``"een zestal"``), or None.

    Returns
    -------
    str
        A key of :data:`QUALIFIERS`, or ``""`` for a plain number.

    Raises
    ------
    ValueError
        If the word is none of :data:`QUALIFIERS`; the message lists them.

    Examples
    --------
    >>> normalise_qualifier("Gemiddeld zo’n"), normalise_qualifier("een zestal")
    ("zo'n", 'een ...tal')
    >>> normalise_qualifier("ruimschoots")
    Traceback (most recent call last):
    ...
    ValueError: qualifier: expected one of 'ruim', 'meer dan', 'bijna', 'een kleine', \
'minder dan', "zo'n", 'ongeveer', 'circa', 'een ...tal' (or none), got 'ruimschoots'
    """
    text = " ".join((word or "").lower().replace("’", "'").replace("‘", "'").split())
    text = re.sub(r"^gemiddeld\s*", "", text)
    if re.fullmatch(r"een \w+tal", text):
        text = "een ...tal"
    if text and text not in QUALIFIERS:
        known = ", ".join(repr(k) for k in QUALIFIERS)
        raise ValueError(
            at(
                "qualifier",
                Message("expected one of {known} (or none), got {word!r}", known=known, word=word),
            )
        )
    return text


def _check_qualifier(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        normalise_qualifier(value)


# -- periods -------------------------------------------------------------------


def period_years(period: str) -> tuple[int, int]:
    """First and last year of a target period: ``2027`` or ``2024-2027``.

    Raises
    ------
    ValueError
        If the period is no year and no span of years.

    Examples
    --------
    >>> period_years("2027"), period_years("2024-2027")
    ((2027, 2027), (2024, 2027))
    """
    m = YEAR_PERIOD_RE.fullmatch(period)
    if m is None:
        raise ValueError(
            Message(
                "expected a year (2027) or a span of years (2024-2027), got {period!r}",
                period=period,
            )
        )
    first = int(m.group(1))
    last = int(m.group(2) or first)
    if last < first:
        raise ValueError(
            Message("expected the first year before the last, got {period!r}", period=period)
        )
    return first, last


def _check_year_period(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise ValueError(
            at(attribute.name, Message("expected a year as text, got {value!r}", value=value))
        )
    try:
        period_years(value)
    except ValueError as exc:
        raise ValueError(at(attribute.name, message_of(exc))) from None


_YEAR_PERIOD_SCHEMA = {"pattern": YEAR_PERIOD_RE.pattern}


# -- indicators ----------------------------------------------------------------


class DataSourceKind(_Enum):
    """Where the numbers of an indicator come from."""

    #: Police open data (CBS catalogue "Politie", e.g. 47013NED, 47021NED).
    POLICE = "police"
    #: A CBS StatLine table other than the Veiligheidsmonitor.
    CBS = "cbs"
    #: The Veiligheidsmonitor (CBS 85146NED, or the municipality's own edition).
    VEILIGHEIDSMONITOR = "veiligheidsmonitor"
    #: A registration of the municipality or a partner.
    OWN_REGISTRATION = "own-registration"
    #: The source states the number without saying where it comes from.
    NOT_STATED = "not-stated"


_TABLE_KINDS = (DataSourceKind.POLICE, DataSourceKind.CBS, DataSourceKind.VEILIGHEIDSMONITOR)


def _codes(values: Any) -> tuple[str, ...]:
    if isinstance(values, str):
        raise TypeError(Message("expected a list of codes, got a single text"))
    return tuple(str(v).strip() for v in values)


@attrs.frozen(kw_only=True)
class IndicatorSource:
    """Where the numbers of an indicator come from, with the codes to find them.

    Examples
    --------
    >>> IndicatorSource(kind="police", table="47013NED", dimension="SoortMisdrijf",
    ...                 codes=["1.1.1"]).codes
    ('1.1.1',)
    >>> IndicatorSource(kind="police", codes=["1.1.1"])
    Traceback (most recent call last):
    ...
    ValueError: table: a police source needs the id of its open data table (e.g. 47013NED) \
or the name of the publication
    """

    kind: DataSourceKind = attrs.field(
        converter=DataSourceKind, metadata={DOC: "Police, CBS, Veiligheidsmonitor, own, ..."}
    )
    name: str | None = opt_text_field(
        "Name of the survey, registration or publication, as the source gives it."
    )
    table: str | None = attrs.field(
        default=None,
        validator=check_chars,
        metadata={
            DOC: "CBS (or police) open data table id, e.g. 47013NED or 85146NED.",
            SCHEMA: {"pattern": CBS_TABLE_RE.pattern},
        },
    )
    dimension: str | None = opt_text_field(
        "The table's dimension the codes are of (SoortMisdrijf, Overlast)."
    )
    codes: tuple[str, ...] = attrs.field(
        converter=_codes,
        factory=tuple,
        validator=check_chars,
        metadata={DOC: "Codes in that dimension whose sum is the indicator (e.g. 1.1.1)."},
    )
    topic: str | None = opt_text_field(
        "The table's topic (measure) key, e.g. RapportcijferVeiligheidInBuurt_60."
    )
    confirmed: bool = attrs.field(
        default=True,
        metadata={DOC: "Whether the codes and topic were checked against the table's metadata."},
    )
    registered_by: str | None = opt_text_field("For an own registration: who keeps it.")
    basis: str | None = opt_text_field(
        "Why these codes: the policy's own words or a police or CBS definition."
    )

    def __attrs_post_init__(self) -> None:
        if self.table is not None and not CBS_TABLE_RE.fullmatch(self.table):
            raise ValueError(
                at(
                    "table",
                    Message(
                        "expected a CBS table id (five digits and a language code, e.g. "
                        "47013NED), got {table!r}",
                        table=self.table,
                    ),
                )
            )
        if self.kind in _TABLE_KINDS and self.table is None and self.name is None:
            raise ValueError(
                at(
                    "table",
                    Message(
                        "a {kind} source needs the id of its open data table (e.g. 47013NED) or "
                        "the name of the publication",
                        kind=self.kind.value,
                    ),
                )
            )
        if self.codes and self.table is None:
            raise ValueError(
                at("table", Message("codes need the open data table they are codes of"))
            )
        if self.kind not in _TABLE_KINDS and (self.table or self.codes or self.topic):
            raise ValueError(
                at(
                    "table",
                    Message(
                        "a {kind} source has no open data table, codes or topic",
                        kind=self.kind.value,
                    ),
                )
            )
        if self.codes and self.dimension is None:
            raise ValueError(at("dimension", Message("codes need the dimension they belong to")))
        if (
            self.kind is DataSourceKind.POLICE
            and self.table is not None
            and self.confirmed
            and not self.codes
        ):
            raise ValueError(
                at(
                    "codes",
                    Message(
                        "a police table source needs its codes, or 'confirmed: false' where they "
                        "could not be confirmed"
                    ),
                )
            )


class IndicatorSubject(_Enum):
    """What the numbers of an indicator are about."""

    #: Statistics of a place: what happens there or who lives there (crime, nuisance,
    #: population, how safe residents feel).
    AREA = "area"
    #: Counts of the policy's own process and organisation: sessions held, their
    #: participants and scenarios, members of a body, makers of an agenda.
    PROCESS = "process"


@attrs.frozen(kw_only=True)
class Indicator:
    """Something the policy measures: its unit and where its numbers come from.

    Figures, tables and targets refer to an indicator by its id.

    Examples
    --------
    >>> Indicator(id="sessies", name="aantal sessies", unit="count", subject="process",
    ...           data_source=IndicatorSource(kind="not-stated"),
    ...           source=SourceRef("ivb", "Inleiding")).subject
    <IndicatorSubject.PROCESS: 'process'>
    """

    id: str = id_field()
    name: str = name_field("Name of the indicator, in Dutch.")
    aliases: tuple[str, ...] = aliases_field()
    unit: Unit = attrs.field(converter=Unit, metadata={DOC: "Unit of its values."})
    description: str | None = opt_text_field("What it counts or measures.")
    data_source: IndicatorSource = attrs.field(
        metadata={DOC: "Where the numbers come from, with their codes."}
    )
    subject: IndicatorSubject = attrs.field(
        default=IndicatorSubject.AREA,
        converter=IndicatorSubject,
        metadata={
            DOC: "What its numbers are about: 'area' (statistics of a place, the default) or "
            "'process' (counts of the policy's own process and organisation)."
        },
    )
    source: SourceRef = _source()


# -- regions -------------------------------------------------------------------


class OutsideRegionKind(_Enum):
    """What kind of region outside the policy a figure or target may be about."""

    COUNTRY = "country"
    PROVINCE = "province"
    POLICE_UNIT = "police-unit"
    VEILIGHEIDSREGIO = "veiligheidsregio"
    MUNICIPALITY = "municipality"


_REGION_CODE_RE: Mapping[OutsideRegionKind, re.Pattern[str]] = {
    OutsideRegionKind.COUNTRY: re.compile(r"^NL\d{2}$"),
    OutsideRegionKind.PROVINCE: re.compile(r"^PV\d{2}$"),
    OutsideRegionKind.POLICE_UNIT: re.compile(r"^RE\d{2}$"),
    OutsideRegionKind.VEILIGHEIDSREGIO: re.compile(r"^VR\d{2}$"),
    OutsideRegionKind.MUNICIPALITY: re.compile(r"^GM\d{4}$"),
}
_REGION_CODE_SHAPE = {
    OutsideRegionKind.COUNTRY: "NL and two digits",
    OutsideRegionKind.PROVINCE: "PV and two digits",
    OutsideRegionKind.POLICE_UNIT: "RE and two digits",
    OutsideRegionKind.VEILIGHEIDSREGIO: "VR and two digits",
    OutsideRegionKind.MUNICIPALITY: "GM and four digits",
}


@attrs.frozen(kw_only=True)
class OutsideRegion:
    """A region outside the policy (the country, a province, a police unit, ...).

    Examples
    --------
    >>> OutsideRegion(id="gelderland", name="Gelderland", kind="province", code="PV25",
    ...               source=SourceRef("ivb", "Inleiding")).code
    'PV25'
    >>> OutsideRegion(id="gelderland", name="Gelderland", kind="province", code="GM0200",
    ...               source=SourceRef("ivb", "Inleiding"))
    Traceback (most recent call last):
    ...
    ValueError: code: expected a province code (PV and two digits), got 'GM0200'
    """

    id: str = id_field()
    name: str = name_field()
    kind: OutsideRegionKind = attrs.field(
        converter=OutsideRegionKind, metadata={DOC: "Country, province, police unit, ..."}
    )
    code: str = attrs.field(
        metadata={
            DOC: "CBS region code: NL01, PVnn (province), REnn (police unit), "
            "VRnn (veiligheidsregio) or GMnnnn (municipality)."
        }
    )
    source: SourceRef = _source()

    @code.validator
    def _check_code(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not _REGION_CODE_RE[self.kind].match(value):
            raise ValueError(
                at(
                    "code",
                    Message(
                        "expected a {kind} code ({shape}), got {value!r}",
                        kind=self.kind.value.replace("-", " "),
                        shape=_REGION_CODE_SHAPE[self.kind],
                        value=value,
                    ),
                )
            )


@attrs.frozen(kw_only=True)
class RegionGroup:
    """A named group of municipalities whose figures the policy adds up (e.g. DNU)."""

    id: str = id_field()
    name: str = name_field()
    code: str = attrs.field(
        converter=text,
        validator=check_chars,
        metadata={DOC: "Code used for the group in tidy tables, e.g. DNU."},
    )
    members: tuple[str, ...] = refs_field("Municipalities in the group.", "municipality")
    source: SourceRef = _source()


REGION_KINDS = ("municipality", "region", "outside-region")


# -- tables and figures --------------------------------------------------------


@attrs.frozen(kw_only=True)
class TableRow:
    """One row of a statistics table: a region and a value per period."""

    region: str = ref_field("Municipality or region group.", "municipality", "region")
    values: tuple[float | None, ...] = attrs.field(
        converter=tuple,
        metadata={DOC: "One value per period of the table; null where none is published."},
    )


@attrs.frozen(kw_only=True)
class Table:
    """A table of statistics printed in the source."""

    id: str = id_field()
    number: int | None = attrs.field(
        validator=check_count, metadata={DOC: "The table's number in the source."}
    )
    caption: str = name_field("Caption as printed.")
    indicator: str = ref_field("The indicator the table measures.", "indicator")
    unit: Unit = attrs.field(converter=Unit, metadata={DOC: "Unit of the values."})
    periods: tuple[str, ...] = attrs.field(
        converter=tuple,
        validator=check_chars,
        metadata={DOC: "Column headings: the periods, as printed."},
    )
    rows: tuple[TableRow, ...] = attrs.field(
        converter=tuple, metadata={DOC: "The rows for single municipalities."}
    )
    stated_totals: tuple[TableRow, ...] = tuple_field(
        "Total rows printed in the table (kept as stated, to be checked against the rows)."
    )
    areas: tuple[str, ...] = refs_field(
        "Areas (kernen, wijken, buurten) the table is about, where it is about some.", "area"
    )
    publisher: str | None = opt_text_field("Source of the figures, as the table credits it.")
    source: SourceRef = _source()

    @property
    def name(self) -> str:
        """The table's caption."""
        return self.caption

    def __attrs_post_init__(self) -> None:
        for row in (*self.rows, *self.stated_totals):
            if len(row.values) != len(self.periods):
                raise ValueError(
                    at(
                        "rows",
                        Message(
                            "region {region!r} has {count} values, expected one per period "
                            "({periods})",
                            region=row.region,
                            count=len(row.values),
                            periods=len(self.periods),
                        ),
                    )
                )


class CheckKind(_Enum):
    """What a stated figure is checked against, other than a table of its indicator."""

    #: The baseline value of a target of the policy.
    TARGET_BASELINE = "target-baseline"
    #: The number of partners marked as taking part in the participation sessions.
    COUNT_SESSION_PARTNERS = "count-session-partners"
    #: The number of participation sessions of the process.
    COUNT_SESSIONS = "count-sessions"
    #: Nothing in the policy can check it; ``reason`` says why.
    NOT_CHECKABLE = "not-checkable"


@attrs.frozen(kw_only=True)
class FigureCheck:
    """How a stated figure is checked, or why it cannot be (a claim rule).

    A figure without one is checked against the tables (and measurements) of its
    indicator. A ``not-checkable`` check needs a ``reason`` that says why (blank text is
    refused); the other kinds take none.

    Examples
    --------
    >>> FigureCheck(against="not-checkable", reason="a national survey figure").against.value
    'not-checkable'
    >>> FigureCheck(against="target-baseline")
    Traceback (most recent call last):
    ...
    ValueError: target: expected the id of a target exactly when against is 'target-baseline', \
got None
    >>> FigureCheck(against="not-checkable", reason="  ")
    Traceback (most recent call last):
    ...
    ValueError: reason: expected text saying why the figure cannot be checked, got blank text
    """

    against: CheckKind = attrs.field(
        converter=CheckKind, metadata={DOC: "What the figure is checked against."}
    )
    target: str | None = opt_ref_field("For target-baseline: the target.", "target")
    reason: str | None = attrs.field(
        default=None,
        converter=opt_text,
        validator=check_chars,
        metadata={
            DOC: "For not-checkable (and only then): why it cannot be checked, not blank.",
            SCHEMA: {"pattern": r"\S"},
        },
    )

    def __attrs_post_init__(self) -> None:
        if (self.against is CheckKind.TARGET_BASELINE) != (self.target is not None):
            raise ValueError(
                at(
                    "target",
                    Message(
                        "expected the id of a target exactly when against is 'target-baseline', "
                        "got {target!r}",
                        target=self.target,
                    ),
                )
            )
        if (self.against is CheckKind.NOT_CHECKABLE) != (self.reason is not None):
            raise ValueError(
                at(
                    "reason",
                    Message(
                        "expected a reason exactly when against is 'not-checkable', got {reason!r}",
                        reason=self.reason,
                    ),
                )
            )
        if self.reason is not None and not self.reason:
            raise ValueError(
                at(
                    "reason",
                    Message(
                        "expected text saying why the figure cannot be checked, got blank text"
                    ),
                )
            )


@attrs.frozen(kw_only=True)
class Figure:
    """A number stated in the running text, with what it is about."""

    id: str = id_field()
    indicator: str = ref_field("The indicator the figure is about.", "indicator")
    description: str = text_field("What the figure measures, in English.")
    region: str = ref_field(
        "Municipality, region group or outside region the figure is about.", *REGION_KINDS
    )
    period: str = attrs.field(
        validator=check_chars, metadata={DOC: "Period the figure is about, as printed."}
    )
    value: float = attrs.field(metadata={DOC: "The number as stated."})
    unit: Unit = attrs.field(converter=Unit, metadata={DOC: "Unit of the value."})
    base_period: str | None = attrs.field(
        default=None,
        validator=check_chars,
        metadata={DOC: "For a change: the period it is compared with."},
    )
    qualifier: str | None = attrs.field(
        default=None,
        converter=opt_text,
        validator=[check_chars, _check_qualifier],
        metadata={
            DOC: "Hedge word of the statement as printed, one of: "
            + ", ".join(QUALIFIERS)
            + " (optionally after 'gemiddeld')."
        },
    )
    quote: str = text_field("The sentence it stands in, OCR corrected.", default="")
    areas: tuple[str, ...] = refs_field(
        "Areas (kernen, wijken, buurten) within the region the figure is about.", "area"
    )
    check: FigureCheck | None = attrs.field(
        default=None,
        metadata={DOC: "What it is checked against, or why it cannot be; default: its tables."},
    )
    source: SourceRef = _source()

    @property
    def name(self) -> str:
        """What the figure measures."""
        return self.description


class TrendKind(_Enum):
    """What a trend statement about a table says."""

    #: Each period higher than the one before.
    RISES_EVERY_YEAR = "rises-every-year"
    #: The ``period`` value within ``percent`` % of the ``base`` value.
    ABOUT_EQUAL = "about-equal"
    #: The ``period`` value at least ``percent`` % above the ``base`` value.
    RISES = "rises"
    #: The last period below the highest earlier one.
    BELOW_PEAK = "below-peak"


@attrs.frozen(kw_only=True)
class TrendClaim:
    """A statement about a table of the policy that is not one number.

    It names its table by id, so it is only ever judged against that table.
    """

    id: str = id_field()
    table: str = ref_field("The table the statement is about.", "table")
    region: str = ref_field("Municipality or region group.", "municipality", "region")
    kind: TrendKind = attrs.field(converter=TrendKind, metadata={DOC: "What it says."})
    base: str | None = attrs.field(
        default=None,
        validator=check_chars,
        metadata={DOC: "For about-equal and rises: the period compared with."},
    )
    period: str | None = attrs.field(
        default=None,
        validator=check_chars,
        metadata={DOC: "For about-equal and rises: the period compared."},
    )
    percent: float = attrs.field(
        default=10.0,
        metadata={DOC: "The threshold the wording implies, in percent (e.g. 'flink': 10)."},
    )
    quote: str = text_field("The sentence, OCR corrected.")
    source: SourceRef = _source()

    @property
    def name(self) -> str:
        """The claim's id (its sentence is :attr:`quote`)."""
        return self.id

    def __attrs_post_init__(self) -> None:
        needs = self.kind in (TrendKind.ABOUT_EQUAL, TrendKind.RISES)
        if needs != (self.base is not None and self.period is not None):
            raise ValueError(
                at(
                    "base",
                    Message(
                        "expected base and period exactly when kind is 'about-equal' or 'rises', "
                        "got kind {kind!r} with base {base!r} and period {period!r}",
                        kind=self.kind.value,
                        base=self.base,
                        period=self.period,
                    ),
                )
            )
        if not self.percent >= 0:
            raise ValueError(
                at(
                    "percent",
                    Message(
                        "expected a number of at least 0, got {percent!r}", percent=self.percent
                    ),
                )
            )


# -- targets -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Baseline:
    """The starting value of a target."""

    value: float | None = attrs.field(metadata={DOC: "The value; null where none is given."})
    unit: Unit = attrs.field(converter=Unit, metadata={DOC: "Unit of the value."})
    period: str | None = attrs.field(
        default=None,
        validator=_check_year_period,
        metadata={
            DOC: "Year of the measurement (2022) where the source gives it.",
            SCHEMA: _YEAR_PERIOD_SCHEMA,
        },
    )
    measured_by: str | None = opt_text_field("Where the value comes from, as the source says.")


class Comparison(_Enum):
    """How a measurement is compared with a target's value."""

    #: At least the value (``minimaal``).
    AT_LEAST = "at-least"
    #: At most the value (``maximaal``).
    AT_MOST = "at-most"
    #: Higher than the value (``hoger dan``); without a value: than the baseline.
    MORE_THAN = "more-than"
    #: Lower than the value (``lager dan``, ``afname``); without a value: than the baseline.
    LESS_THAN = "less-than"
    #: Not worse than the baseline (``behouden``); needs ``direction``.
    KEEP = "keep"
    #: A change of ``change_pct`` percent from the baseline or more (``-10%``).
    CHANGE_BY = "change-by"


class GoalStatus(_Enum):
    """Where a qualitative goal stands, as a source reports it."""

    ACHIEVED = "achieved"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"
    UNKNOWN = "unknown"


@attrs.frozen(kw_only=True)
class QualitativeStatus:
    """The reported status of a goal without a number, and who reports it."""

    value: GoalStatus = attrs.field(converter=GoalStatus, metadata={DOC: "The status."})
    date: str | None = date_field("When the status was reported.")
    note: str | None = opt_text_field("What the source says of it.")
    source: SourceRef | None = attrs.field(
        default=None, metadata={DOC: "Where the status is reported (needed unless unknown)."}
    )

    def __attrs_post_init__(self) -> None:
        if self.value is not GoalStatus.UNKNOWN and self.source is None:
            raise ValueError(
                at(
                    "source",
                    Message(
                        "a status {value!r} needs the source that reports it",
                        value=self.value.value,
                    ),
                )
            )


@attrs.frozen(kw_only=True)
class Measurement:
    """A measured value of a target's indicator that the policy (or a later report) gives."""

    year: int = attrs.field(metadata={DOC: "The year measured."})
    value: float = attrs.field(metadata={DOC: "The value, in the indicator's unit."})
    source: SourceRef = _source()

    @year.validator
    def _check_year(self, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            raise ValueError(
                at("year", Message("expected a year such as 2019, got {value!r}", value=value))
            )


@attrs.frozen(kw_only=True)
class TargetStep:
    """A yearly milestone of a target: the value to reach by the end of a year."""

    year: int = attrs.field(metadata={DOC: "The year."})
    value: float = attrs.field(metadata={DOC: "The value to reach in that year."})

    @year.validator
    def _check_year(self, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            raise ValueError(
                at("year", Message("expected a year such as 2025, got {value!r}", value=value))
            )


_UP = (Comparison.AT_LEAST, Comparison.MORE_THAN)
_DOWN = (Comparison.AT_MOST, Comparison.LESS_THAN)


@attrs.frozen(kw_only=True)
class Target:
    """A goal: with indicators and a value to reach, or qualitative with a status.

    A target is for one or several municipalities (each scored on its own) or for a
    region group (scored on the group's total). A measurable target names one or more
    indicators and a comparison; a qualitative one names none and may carry a status.

    Examples
    --------
    >>> t = Target(id="minder-inbraken", name="Minder woninginbraken",
    ...            municipalities=["dronten"], indicators=["woninginbraken"],
    ...            statement="10% minder woninginbraken", comparison="change-by",
    ...            change_pct=-10, source=SourceRef("ivb", "Ondermijning"))
    >>> t.better.value
    'lower'
    >>> Target(id="x", name="X", municipalities=["dronten"], indicators=["woninginbraken"],
    ...        statement="beter", comparison="keep", source=SourceRef("ivb", "X"))
    Traceback (most recent call last):
    ...
    ValueError: direction: a 'keep' target needs the direction that is better \
(higher or lower)
    """

    id: str = id_field()
    name: str = name_field()
    municipalities: tuple[str, ...] = refs_field(
        "Municipalities the target is for, each scored on its own.", "municipality"
    )
    region: str | None = opt_ref_field(
        "A region group the target is for, scored on the group's total.", "region"
    )
    areas: tuple[str, ...] = refs_field(
        "Areas (kernen, wijken, buurten) of those municipalities the target is for; each is "
        "scored on its own (on the area's CBS code, or its id where it has none).",
        "area",
    )
    priority: str | None = opt_ref_field(
        "The priority (theme or speerpunt) the target belongs to.", "speerpunt", "theme"
    )
    indicators: tuple[str, ...] = refs_field(
        "Indicators the target is about (none for a qualitative goal).", "indicator"
    )
    statement: str = text_field("The target as the source states it.")
    comparison: Comparison | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(Comparison),
        metadata={DOC: "How a measurement meets the target (none for a qualitative goal)."},
    )
    value: float | None = attrs.field(
        default=None,
        metadata={
            DOC: "The value to reach, in the indicator's unit; for more-than/less-than "
            "without a value, the baseline is the value."
        },
    )
    change_pct: float | None = attrs.field(
        default=None,
        metadata={DOC: "For change-by: the change from the baseline in percent (-10 for -10%)."},
    )
    direction: Direction | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(Direction),
        metadata={DOC: "Which way is better; needed for 'keep', implied by the others."},
    )
    rule: str | None = opt_text_field("When the target counts as achieved, in words.")
    baseline: Baseline | None = attrs.field(default=None, metadata={DOC: "The starting value."})
    milestones: tuple[TargetStep, ...] = tuple_field("Yearly values to reach on the way.")
    measured: tuple[Measurement, ...] = tuple_field(
        "Values measured so far that the file records (e.g. a 'realisatie' of a year); "
        "for a target of one indicator and one region."
    )
    horizon: str | None = attrs.field(
        default=None,
        validator=_check_year_period,
        metadata={
            DOC: "Year (or span of years) by whose end it should be met; default: the "
            "policy's last year.",
            SCHEMA: _YEAR_PERIOD_SCHEMA,
        },
    )
    status: QualitativeStatus | None = attrs.field(
        default=None, metadata={DOC: "For a qualitative goal: its reported status."}
    )
    subtargets: tuple[Target, ...] = tuple_field("Sub-goals of the target.")
    source: SourceRef = _source()

    def __attrs_post_init__(self) -> None:
        if self.region is not None and self.municipalities:
            raise ValueError(
                at(
                    "region",
                    Message(
                        "give either municipalities or a region group, not both (got region "
                        "{region!r} and municipalities {municipalities!r})",
                        region=self.region,
                        municipalities=list(self.municipalities),
                    ),
                )
            )
        if not self.indicators:
            extra = [
                n
                for n in ("comparison", "value", "change_pct", "baseline")
                if getattr(self, n) is not None
            ]
            if self.milestones:
                extra.append("milestones")
            if self.measured:
                extra.append("measured")
            if extra:
                raise ValueError(
                    at(
                        extra[0],
                        Message(
                            "a qualitative target (no indicators) has no {items}",
                            items=", ".join(extra),
                        ),
                    )
                )
            return
        if self.status is not None:
            raise ValueError(
                at("status", Message("only a qualitative target (no indicators) has a status"))
            )
        c = self.comparison
        if c is None:
            raise ValueError(
                at("comparison", Message("a target with indicators needs a comparison"))
            )
        if (c is Comparison.CHANGE_BY) != (self.change_pct is not None):
            raise ValueError(
                at(
                    "change_pct",
                    Message(
                        "expected a percentage exactly when comparison is 'change-by', got "
                        "comparison {comparison!r} and change_pct {change_pct!r}",
                        comparison=c.value,
                        change_pct=self.change_pct,
                    ),
                )
            )
        if c is Comparison.CHANGE_BY and self.change_pct == 0:
            raise ValueError(at("change_pct", Message("a change of 0% is 'keep'")))
        if c in (Comparison.KEEP, Comparison.CHANGE_BY) and self.value is not None:
            raise ValueError(
                at(
                    "value",
                    Message(
                        "a {comparison!r} target is measured from its baseline", comparison=c.value
                    ),
                )
            )
        if c in (Comparison.AT_LEAST, Comparison.AT_MOST) and self.value is None:
            raise ValueError(
                at(
                    "value",
                    Message(
                        "an {comparison!r} target needs the value to reach", comparison=c.value
                    ),
                )
            )
        implied = self._implied_direction()
        if c is Comparison.KEEP and self.direction is None:
            raise ValueError(
                at(
                    "direction",
                    Message("a 'keep' target needs the direction that is better (higher or lower)"),
                )
            )
        if implied is not None and self.direction is not None and self.direction is not implied:
            raise ValueError(
                at(
                    "direction",
                    Message(
                        "{direction!r} contradicts comparison {comparison!r}",
                        direction=self.direction.value,
                        comparison=c.value,
                    ),
                )
            )
        if self.measured and (
            len(self.indicators) > 1 or len(self.areas or self.municipalities) > 1
        ):
            raise ValueError(
                at(
                    "measured",
                    Message("recorded values need a target of one indicator and one region"),
                )
            )
        got = [m.year for m in self.measured]
        if got != sorted(set(got)):
            raise ValueError(
                at(
                    "measured",
                    Message("expected one value per year, in order, got years {got}", got=got),
                )
            )
        years = [s.year for s in self.milestones]
        if years != sorted(set(years)):
            raise ValueError(
                at(
                    "milestones",
                    Message("expected one per year, in order, got years {years}", years=years),
                )
            )
        if self.horizon is not None and years and years[-1] > period_years(self.horizon)[1]:
            raise ValueError(
                at(
                    "milestones",
                    Message(
                        "year {years} lies after the horizon {horizon}",
                        years=years[-1],
                        horizon=self.horizon,
                    ),
                )
            )

    def _implied_direction(self) -> Direction | None:
        c = self.comparison
        if c in _UP:
            return Direction.HIGHER
        if c in _DOWN:
            return Direction.LOWER
        if c is Comparison.CHANGE_BY and self.change_pct is not None:
            return Direction.HIGHER if self.change_pct > 0 else Direction.LOWER
        return None

    @property
    def qualitative(self) -> bool:
        """True for a goal without indicators."""
        return not self.indicators

    @property
    def better(self) -> Direction | None:
        """Which way the target wants its indicators to move (None if qualitative)."""
        if self.direction is not None:
            return self.direction
        return self._implied_direction()

    def horizon_or(self, last_year: int) -> str:
        """The horizon, or *last_year* (the policy's last year) when none is given."""
        return self.horizon if self.horizon is not None else str(last_year)


# -- checks across entities ------------------------------------------------------


def _walk_targets(targets: tuple[Target, ...], path: str) -> Iterator[tuple[str, Target]]:
    for i, t in enumerate(targets):
        here = f"{path}[{i}]"
        yield here, t
        yield from _walk_targets(t.subtargets, f"{here}.subtargets")


def check_measures(policy: Policy, index: Mapping[str, tuple[str, Entity]]) -> list[Problem]:
    """Checks of the measures that span several entities, each problem with its path.

    - a table's unit is its indicator's; a figure's unit is its indicator's, or
      ``percent-change`` (with a base period), ``percent``/``fraction`` alike;
    - a target's baseline unit and its indicators' units agree; its horizon and
      milestones lie in or after the policy period; a target names whom it is for;
    - a trend claim's periods are periods of its table and its region has a row there;
    - outside regions do not reuse the code of a municipality or region group.
    """
    problems: list[Problem] = []
    units: dict[str, Unit] = {i.id: i.unit for i in policy.indicators}

    def unit_of(ref: str) -> Unit | None:
        return units.get(ref)

    for i, table in enumerate(policy.tables):
        u = unit_of(table.indicator)
        if u is not None and u is not table.unit:
            problems.append(
                Problem(
                    f"tables[{i}].unit",
                    Message(
                        "expected {expected!r}, the unit of indicator {indicator!r}, got {unit!r}",
                        expected=u.value,
                        indicator=table.indicator,
                        unit=table.unit.value,
                    ),
                )
            )
    alike = {Unit.PERCENT, Unit.FRACTION}
    for i, fig in enumerate(policy.figures):
        u = unit_of(fig.indicator)
        if fig.unit is Unit.PERCENT_CHANGE:
            if fig.base_period is None:
                problems.append(
                    Problem(
                        f"figures[{i}].base_period",
                        Message("expected the period a percent-change is compared with, got none"),
                    )
                )
        elif u is not None and fig.unit is not u and not {fig.unit, u} <= alike:
            problems.append(
                Problem(
                    f"figures[{i}].unit",
                    Message(
                        "expected {expected!r} (the unit of indicator {indicator!r}) or "
                        "'percent-change', got {unit!r}",
                        expected=u.value,
                        indicator=fig.indicator,
                        unit=fig.unit.value,
                    ),
                )
            )
    first, last = policy.period
    for path, t in _walk_targets(policy.targets, "targets"):
        top = path.count("subtargets") == 0
        if top and not t.municipalities and t.region is None:
            problems.append(
                Problem(
                    f"{path}.municipalities",
                    Message(
                        "expected the municipalities or the region group the target is for, got "
                        "none"
                    ),
                )
            )
        if t.areas and t.municipalities:
            for j, area_id in enumerate(t.areas):
                found = index.get(area_id)
                area = found[1] if found is not None and found[0] == "area" else None
                where = getattr(area, "municipality", None)
                if area is not None and where not in t.municipalities:
                    problems.append(
                        Problem(
                            f"{path}.areas[{j}]",
                            Message(
                                "expected an area of {items}, got {area_id!r}, which lies in "
                                "{where}",
                                items=", ".join(t.municipalities),
                                area_id=area_id,
                                where=where,
                            ),
                        )
                    )
        if t.areas and t.region is not None:
            problems.append(
                Problem(
                    f"{path}.areas",
                    Message("expected areas of the target's municipalities, not of a region group"),
                )
            )
        if t.baseline is not None:
            for j, ind in enumerate(t.indicators):
                u = unit_of(ind)
                if u is not None and u is not t.baseline.unit:
                    problems.append(
                        Problem(
                            f"{path}.baseline.unit",
                            Message(
                                "expected {expected!r}, the unit of indicator {indicator!r} "
                                "(indicators[{index}]), got {unit!r}",
                                expected=u.value,
                                indicator=ind,
                                index=j,
                                unit=t.baseline.unit.value,
                            ),
                        )
                    )
        if t.horizon is not None and period_years(t.horizon)[1] < first:
            problems.append(
                Problem(
                    f"{path}.horizon",
                    Message(
                        "expected a year in or after the policy period {first}-{last}, got "
                        "{horizon!r}",
                        first=first,
                        last=last,
                        horizon=t.horizon,
                    ),
                )
            )
        horizon_last = period_years(t.horizon_or(last))[1]
        for j, step in enumerate(t.milestones):
            if step.year > horizon_last:
                problems.append(
                    Problem(
                        f"{path}.milestones[{j}].year",
                        Message(
                            "expected a year up to the horizon {horizon_last}, got {year}",
                            horizon_last=horizon_last,
                            year=step.year,
                        ),
                    )
                )
        if t.baseline is not None and t.baseline.period is not None:
            base_last = period_years(t.baseline.period)[1]
            for j, step in enumerate(t.milestones):
                if step.year <= base_last:
                    problems.append(
                        Problem(
                            f"{path}.milestones[{j}].year",
                            Message(
                                "expected a year after the baseline {period}, got {year}",
                                period=t.baseline.period,
                                year=step.year,
                            ),
                        )
                    )
    tables = {t.id: t for t in policy.tables}
    for i, claim in enumerate(policy.trend_claims):
        claimed = tables.get(claim.table)
        if claimed is None:
            continue  # reported as an unknown reference
        for name in ("base", "period"):
            value = getattr(claim, name)
            if value is not None and value not in claimed.periods:
                problems.append(
                    Problem(
                        f"trend_claims[{i}].{name}",
                        Message(
                            "expected a period of table {id!r} ({items}), got {value!r}",
                            id=claimed.id,
                            items=", ".join(claimed.periods),
                            value=value,
                        ),
                    )
                )
        regions = {r.region for r in claimed.rows}
        group = next((g for g in policy.regions if g.id == claim.region), None)
        covered = claim.region in regions or (group is not None and set(group.members) <= regions)
        if not covered:
            problems.append(
                Problem(
                    f"trend_claims[{i}].region",
                    Message(
                        "expected a region with a row in table {id!r}, got {region!r}",
                        id=claimed.id,
                        region=claim.region,
                    ),
                )
            )
    inside = {m.cbs_code for m in policy.municipalities} | {g.code for g in policy.regions}
    for i, r in enumerate(policy.outside_regions):
        if r.code in inside:
            problems.append(
                Problem(
                    f"outside_regions[{i}].code",
                    Message(
                        "expected the code of a region outside the policy, got {code!r}, which is "
                        "a municipality or region group of the policy",
                        code=r.code,
                    ),
                )
            )
    return problems
