"""The entities of an integral safety policy."""

from __future__ import annotations

from typing import Any

import attrs

from ivb.model._base import (
    CBS_MUNICIPALITY_RE,
    CBS_PROVINCE_RE,
    DOC,
    SCHEMA,
    ActionKind,
    AgendaKind,
    Direction,
    DocumentKind,
    InstrumentKind,
    Level,
    PartnerCategory,
    PartnerKind,
    RoleKind,
    Scope,
    SourceRef,
    Tier,
    TimingKind,
    TrendScope,
    Unit,
    VeiligheidsVeld,
    check_count,
    check_meetings_per_year,
    date_field,
    id_field,
    name_field,
    opt_ref_field,
    opt_text_field,
    ref_field,
    refs_field,
    text,
    text_field,
    texts_field,
    tuple_field,
)

__all__ = [
    "Action",
    "Agenda",
    "AgendaTheme",
    "Authority",
    "Baseline",
    "ConsultationBody",
    "Document",
    "Figure",
    "Instrument",
    "Milestone",
    "Municipality",
    "Partner",
    "PriorityLevel",
    "Process",
    "Reference",
    "RegionGroup",
    "Role",
    "Speerpunt",
    "Statement",
    "Table",
    "TableRow",
    "Target",
    "Term",
    "Themasessie",
    "Theme",
    "Trend",
]

ACTORS = ("municipality", "role", "partner", "body")


def _source() -> Any:
    return attrs.field(metadata={DOC: "Where in the source this comes from."})


def _veld_tuple(values: Any) -> tuple[VeiligheidsVeld, ...]:
    return tuple(VeiligheidsVeld(v) for v in values)


def _fields() -> Any:
    return attrs.field(
        converter=_veld_tuple,
        factory=tuple,
        metadata={
            DOC: "VNG Kernbeleid Veiligheid veiligheidsvelden this priority falls under, "
            "the main one first (a classification made for comparison; not in the source)."
        },
    )


@attrs.frozen(kw_only=True)
class Document:
    """A source document the policy is encoded from."""

    id: str = id_field()
    title: str = name_field("Title of the document as printed.")
    kind: DocumentKind = attrs.field(
        converter=DocumentKind, metadata={DOC: "What kind of document."}
    )
    date: str | None = date_field("Date of the document (YYYY, YYYY-MM or YYYY-MM-DD).")
    publisher: str | None = opt_text_field("Who issued the document.")
    author: str | None = opt_text_field("Who wrote or presented it, as named in it.")
    description: str | None = opt_text_field("What the document is.")


@attrs.frozen(kw_only=True)
class Municipality:
    """A municipality that the policy belongs to."""

    id: str = id_field()
    name: str = name_field()
    cbs_code: str = attrs.field(
        metadata={
            DOC: "CBS gemeentecode, e.g. GM0303.",
            SCHEMA: {"pattern": CBS_MUNICIPALITY_RE.pattern},
        }
    )
    province: str = name_field("Province the municipality lies in.")
    province_code: str = attrs.field(
        metadata={
            DOC: "CBS code of the province, e.g. PV24.",
            SCHEMA: {"pattern": CBS_PROVINCE_RE.pattern},
        }
    )
    tooi: str = attrs.field(
        metadata={
            DOC: "TOOI identifier: https://identifier.overheid.nl/tooi/id/gemeente/gmNNNN.",
            SCHEMA: {"pattern": r"^https://identifier\.overheid\.nl/tooi/id/gemeente/gm\d{4}$"},
        }
    )
    source: SourceRef = _source()

    @cbs_code.validator
    def _check_cbs(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not CBS_MUNICIPALITY_RE.match(value):
            raise ValueError(f"cbs_code: expected 'GM' and four digits, got {value!r}")

    @province_code.validator
    def _check_province(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not CBS_PROVINCE_RE.match(value):
            raise ValueError(f"province_code: expected 'PV' and two digits, got {value!r}")

    @tooi.validator
    def _check_tooi(self, attribute: attrs.Attribute[str], value: str) -> None:
        expected = f"https://identifier.overheid.nl/tooi/id/gemeente/{self.cbs_code.lower()}"
        if value != expected:
            raise ValueError(f"tooi: expected {expected!r} for {self.cbs_code}, got {value!r}")


@attrs.frozen(kw_only=True)
class RegionGroup:
    """A named group of municipalities whose figures the policy adds up (e.g. DNU)."""

    id: str = id_field()
    name: str = name_field()
    code: str = attrs.field(
        converter=text, metadata={DOC: "Code used for the group in tidy tables, e.g. DNU."}
    )
    members: tuple[str, ...] = refs_field("Municipalities in the group.", "municipality")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Authority:
    """Legal authority of a role over another actor, for a stated purpose."""

    over: str = ref_field("The actor under this authority.", "partner", "role")
    scope: str = text_field("For what the authority holds, in the words of the source.")
    legal_basis: tuple[str, ...] = texts_field("Laws and articles the source names for it.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Role:
    """A public office, governing body, team or function and its duties."""

    id: str = id_field()
    name: str = name_field()
    kind: RoleKind = attrs.field(converter=RoleKind, metadata={DOC: "What kind of role."})
    municipalities: tuple[str, ...] = refs_field(
        "Municipalities in which the role exists (empty for roles outside the municipalities).",
        "municipality",
    )
    organisation: str | None = opt_ref_field(
        "Partner organisation the role belongs to, for roles outside the municipalities.",
        "partner",
    )
    description: str | None = opt_text_field("What the source says of the role.")
    legal_basis: tuple[str, ...] = texts_field("Laws and articles the role rests on.")
    duties: tuple[str, ...] = texts_field("Duties and responsibilities named in the source.")
    authority: tuple[Authority, ...] = tuple_field("Authority the role holds over other actors.")
    adopts_policy: bool = attrs.field(
        default=False,
        metadata={DOC: "True for the role that adopts (vaststelt) the policy: the gemeenteraad."},
    )
    controls_policy: bool = attrs.field(
        default=False,
        metadata={DOC: "True for a role with a controlling task over the policy's execution."},
    )
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Partner:
    """An organisation, or a group of organisations, that the policy names."""

    id: str = id_field()
    name: str = name_field()
    category: PartnerCategory = attrs.field(
        converter=PartnerCategory, metadata={DOC: "Sector of the partner."}
    )
    kind: PartnerKind = attrs.field(
        converter=PartnerKind,
        default=PartnerKind.ORGANISATION,
        metadata={DOC: "A named organisation, or a group the text names generically."},
    )
    abbreviation: str | None = opt_text_field("Abbreviation used in the source.")
    themasessie: bool = attrs.field(
        default=False,
        metadata={DOC: "Whether it took part in the themasessies (listed in the appendix)."},
    )
    description: str | None = opt_text_field("What the source says of the partner.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class ConsultationBody:
    """An overlegstructuur: a standing consultation or case table."""

    id: str = id_field()
    name: str = name_field()
    tier: Tier = attrs.field(
        converter=Tier, metadata={DOC: "Bestuurlijk, ambtelijk or uitvoerend."}
    )
    scope: Scope = attrs.field(converter=Scope, metadata={DOC: "Geographic scope of the body."})
    purpose: str = text_field("What the body does, as the source says.")
    municipalities: tuple[str, ...] = refs_field("Municipalities the body serves.", "municipality")
    members: tuple[str, ...] = refs_field("Actors that sit on the body.", *ACTORS)
    members_text: str | None = opt_text_field("Membership in the words of the source.")
    meetings_per_year: int | None = attrs.field(
        default=None,
        validator=check_meetings_per_year,
        metadata={DOC: "How often the body meets per year, where the source says."},
    )
    frequency: str | None = opt_text_field("Meeting frequency in the words of the source.")
    prepares: tuple[str, ...] = refs_field("Bodies whose meetings this body prepares.", "body")
    informs: tuple[str, ...] = refs_field(
        "Actors this body informs and advises.", "municipality", "role", "partner", "body"
    )
    coordinators: tuple[str, ...] = refs_field("Who coordinates or leads the body.", *ACTORS)
    escalates_to: tuple[str, ...] = refs_field(
        "Where a case escalates to when this body's approach does not suffice.", "body", "partner"
    )
    started: str | None = date_field("When the body started, where the source says.")
    planned: bool = attrs.field(
        default=False, metadata={DOC: "True for a body the policy plans to set up."}
    )
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class AgendaTheme:
    """A theme on an agenda of another priority level."""

    id: str = id_field()
    name: str = name_field()


@attrs.frozen(kw_only=True)
class Agenda:
    """An agenda, strategy, programme or norm at one priority level."""

    id: str = id_field()
    name: str = name_field()
    level: Level = attrs.field(
        converter=Level, metadata={DOC: "Priority level: national, regional, district, local."}
    )
    kind: AgendaKind = attrs.field(
        converter=AgendaKind, metadata={DOC: "Agenda, strategy, programme, plan or norm."}
    )
    period: str | None = opt_text_field("Period it covers, as printed (e.g. 2023-2026).")
    made_by: tuple[str, ...] = refs_field("Who agreed it.", *ACTORS)
    made_by_text: str | None = opt_text_field("Who agreed it, in the words of the source.")
    description: str | None = opt_text_field("What the source says of it.")
    themes: tuple[AgendaTheme, ...] = tuple_field("Themes it prioritises.")
    builds_on: tuple[str, ...] = refs_field("Agendas it translates or builds on.", "agenda")
    date: str | None = date_field("When it was agreed or committed to, where the source says.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class PriorityLevel:
    """One of the four levels at which safety priorities are set."""

    level: Level = attrs.field(converter=Level, metadata={DOC: "The level."})
    description: str = text_field("What the source says of this level.")
    agendas: tuple[str, ...] = refs_field("Agendas that are leading at this level.", "agenda")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Instrument:
    """A named method, programme, measure or tool."""

    id: str = id_field()
    name: str = name_field()
    kind: InstrumentKind = attrs.field(
        converter=InstrumentKind, metadata={DOC: "What kind of instrument."}
    )
    abbreviation: str | None = opt_text_field("Abbreviation used in the source.")
    description: str | None = opt_text_field("What the source says it is.")
    municipalities: tuple[str, ...] = refs_field("Municipalities that use it.", "municipality")
    owners: tuple[str, ...] = refs_field("Who runs or provides it.", *ACTORS)
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Trend:
    """A trend or development the policy anticipates."""

    id: str = id_field()
    name: str = name_field("Short name of the trend, in Dutch.")
    scope: TrendScope = attrs.field(
        converter=TrendScope, metadata={DOC: "Cross-cutting, or of one themasessie."}
    )
    themasessie: str | None = opt_ref_field("The themasessie it came from.", "themasessie")
    description: str | None = opt_text_field("What the source says of it.")
    source: SourceRef = _source()

    @themasessie.validator
    def _check_scope(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if (self.scope is TrendScope.THEMASESSIE) != (value is not None):
            raise ValueError(
                "themasessie: expected a themasessie id exactly when scope is 'themasessie', "
                f"got scope {self.scope.value!r} and themasessie {value!r}"
            )


@attrs.frozen(kw_only=True)
class Action:
    """A line of effort, goal, action or dated commitment."""

    id: str = id_field()
    text: str = text_field("The bullet or sentence, in Dutch as in the source (OCR corrected).")
    kind: ActionKind = attrs.field(
        converter=ActionKind, metadata={DOC: "Effort, goal, action, commitment, principle."}
    )
    actors: tuple[str, ...] = refs_field("Who carries it out.", *ACTORS)
    partners: tuple[str, ...] = refs_field("Partners it names.", "partner")
    instruments: tuple[str, ...] = refs_field("Instruments it names.", "instrument")
    bodies: tuple[str, ...] = refs_field("Consultation bodies it concerns.", "body")
    date: str | None = date_field("Date the source gives for it (YYYY, YYYY-MM, YYYY-MM-DD).")
    timing: TimingKind | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(TimingKind),
        metadata={DOC: "How the date relates: started, planned, expected, done."},
    )
    source: SourceRef = _source()

    @timing.validator
    def _check_timing(self, attribute: attrs.Attribute[TimingKind | None], v: object) -> None:
        if (v is None) != (self.date is None):
            raise ValueError(
                f"timing: expected a timing exactly when a date is given, "
                f"got date {self.date!r} and timing {v!r}"
            )


@attrs.frozen(kw_only=True)
class Theme:
    """A joint priority of the municipalities, worked out by one thematrekker."""

    id: str = id_field()
    name: str = name_field()
    owner: str = ref_field("The municipality that is thematrekker.", "municipality")
    municipalities: tuple[str, ...] = refs_field(
        "Municipalities that share the theme.", "municipality"
    )
    coordinators: tuple[str, ...] = refs_field("Roles that coordinate the theme.", *ACTORS)
    summary: str = text_field("What the theme is about and why it matters, after the source.")
    fields: tuple[VeiligheidsVeld, ...] = _fields()
    trends: tuple[str, ...] = refs_field("Trends the source ties to the theme.", "trend")
    aligns_with: tuple[str, ...] = refs_field(
        "Themes of national, regional and district agendas this theme serves.", "agenda-theme"
    )
    programmes: tuple[str, ...] = refs_field(
        "Agendas and programmes the theme builds on.", "agenda"
    )
    actions: tuple[Action, ...] = tuple_field("Lines of effort for the period.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Speerpunt:
    """A local priority of one municipality."""

    id: str = id_field()
    name: str = name_field()
    municipality: str = ref_field("The municipality that owns the speerpunt.", "municipality")
    number: int | None = attrs.field(
        default=None,
        validator=check_count,
        metadata={DOC: "Its number in the municipality's list, where it has one."},
    )
    coordinators: tuple[str, ...] = refs_field("Roles that lead or coordinate it.", *ACTORS)
    summary: str = text_field("What the speerpunt is about and why, after the source.")
    fields: tuple[VeiligheidsVeld, ...] = _fields()
    trends: tuple[str, ...] = refs_field("Trends the source ties to it.", "trend")
    actions: tuple[Action, ...] = tuple_field("Lines of effort, goals and actions.")
    source: SourceRef = _source()


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
    indicator: str = id_field("Id of the indicator the table measures.")
    unit: Unit = attrs.field(converter=Unit, metadata={DOC: "Unit of the values."})
    periods: tuple[str, ...] = attrs.field(
        converter=tuple, metadata={DOC: "Column headings: the periods, as printed."}
    )
    rows: tuple[TableRow, ...] = attrs.field(
        converter=tuple, metadata={DOC: "The rows for single municipalities."}
    )
    stated_totals: tuple[TableRow, ...] = tuple_field(
        "Total rows printed in the table (kept as stated, to be checked against the rows)."
    )
    publisher: str | None = opt_text_field("Source of the figures, as the table credits it.")
    source: SourceRef = _source()

    def __attrs_post_init__(self) -> None:
        for row in (*self.rows, *self.stated_totals):
            if len(row.values) != len(self.periods):
                raise ValueError(
                    f"rows: region {row.region!r} has {len(row.values)} values, "
                    f"expected one per period ({len(self.periods)})"
                )


@attrs.frozen(kw_only=True)
class Figure:
    """A number stated in the running text, with what it is about."""

    id: str = id_field()
    indicator: str = id_field("Id of the indicator the figure is about.")
    description: str = text_field("What the figure measures, in English.")
    region: str = attrs.field(
        metadata={
            DOC: "Municipality or region-group id, or a region outside the policy "
            "(nederland, midden-nederland, flevoland)."
        }
    )
    period: str = attrs.field(metadata={DOC: "Period the figure is about, as printed."})
    value: float = attrs.field(metadata={DOC: "The number as stated."})
    unit: Unit = attrs.field(converter=Unit, metadata={DOC: "Unit of the value."})
    base_period: str | None = attrs.field(
        default=None, metadata={DOC: "For a change: the period it is compared with."}
    )
    qualifier: str | None = opt_text_field(
        "Hedge word of the statement as printed: ruim, bijna, zo'n, een kleine, minder dan."
    )
    quote: str = text_field("The sentence it stands in, OCR corrected.", default="")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Baseline:
    """The starting value of a target."""

    value: float | None = attrs.field(metadata={DOC: "The value; null where none is given."})
    unit: Unit = attrs.field(converter=Unit, metadata={DOC: "Unit of the value."})
    period: str | None = attrs.field(
        default=None, metadata={DOC: "Period of the measurement, where the source gives it."}
    )
    measured_by: str | None = opt_text_field("Where the value comes from, as the source says.")


@attrs.frozen(kw_only=True)
class Target:
    """A goal with a baseline, a direction and a horizon."""

    id: str = id_field()
    name: str = name_field()
    municipality: str = ref_field("Municipality that set the target.", "municipality")
    speerpunt: str | None = opt_ref_field("Speerpunt the target belongs to.", "speerpunt", "theme")
    indicator: str = id_field("Id of the indicator the target is about.")
    statement: str = text_field("The target as the source states it.")
    direction: Direction = attrs.field(
        converter=Direction, metadata={DOC: "Higher or lower is better."}
    )
    rule: str = text_field("When the target counts as achieved.")
    baseline: Baseline | None = attrs.field(default=None, metadata={DOC: "The starting value."})
    horizon: str = attrs.field(metadata={DOC: "Period by whose end it should be achieved."})
    subtargets: tuple[Target, ...] = tuple_field("Sub-goals of the target.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Themasessie:
    """One of the theme sessions in which partners built the policy."""

    id: str = id_field()
    name: str = name_field()
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated step in the making of the policy."""

    id: str = id_field()
    label: str = name_field("What happens, in Dutch as in the source.")
    date: str | None = date_field("When (YYYY, YYYY-MM, YYYY-MM-DD).")
    period_text: str | None = opt_text_field("When, in the words of the source.")
    bodies: tuple[str, ...] = refs_field("Bodies or councils involved.", "body", "role")
    programme: tuple[str, ...] = texts_field("Programme items, as listed.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Process:
    """How the policy was made."""

    summary: str = text_field("How the policy came about, after the source.")
    method: str = name_field("Method used in the themasessies.")
    period_text: str = text_field("When the themasessies took place, as printed.")
    themasessies: tuple[Themasessie, ...] = tuple_field("The theme sessions.")
    milestones: tuple[Milestone, ...] = tuple_field("Steps of the council timeline.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Reference:
    """A publication the source cites."""

    id: str = id_field()
    title: str = name_field("Title as cited.")
    publisher: str | None = opt_text_field("Who published it.")
    date: str | None = date_field("Publication date.")
    url: str | None = opt_text_field("Address as cited.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Term:
    """A term the source defines."""

    id: str = id_field()
    term: str = name_field("The term, in Dutch.")
    definition: str = text_field("The definition as the source gives it.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Statement:
    """A fact of the policy that fits no other entity (funding, evaluation findings)."""

    id: str = id_field()
    topic: str = name_field("What it is about.")
    text: str = text_field("What the source says.")
    municipalities: tuple[str, ...] = refs_field("Municipalities it concerns.", "municipality")
    source: SourceRef = _source()
