"""The entities of an integral safety policy."""

from __future__ import annotations

import re
from typing import Any

import attrs

from ivb._message import Message, at, join
from ivb.model._base import (
    _SLUG_SCHEMA,
    CBS_BUURT_RE,
    CBS_MUNICIPALITY_RE,
    CBS_PROVINCE_RE,
    CBS_WIJK_RE,
    DOC,
    PROVINCES,
    REF,
    SCHEMA,
    SLUG_RE,
    ActionKind,
    ActionStatus,
    AgendaKind,
    AreaKind,
    DocumentKind,
    InstrumentKind,
    Level,
    MeetingKind,
    Modality,
    PartnerCategory,
    PartnerKind,
    RoleKind,
    Scope,
    SourceRef,
    Tier,
    TimingKind,
    TrendScope,
    VeiligheidsVeld,
    _check_slug,
    _check_slugs,
    aliases_field,
    check_chars,
    check_count,
    check_meetings_per_year,
    date_field,
    id_field,
    ids,
    name_field,
    opt_ref_field,
    opt_text_field,
    ref_field,
    refs_field,
    text_field,
    texts_field,
    tuple_field,
)

__all__ = [
    "Action",
    "Agenda",
    "AgendaTheme",
    "Area",
    "Authority",
    "BudgetLine",
    "Citation",
    "ConsultationBody",
    "Document",
    "Duty",
    "Instrument",
    "Milestone",
    "Municipality",
    "Partner",
    "PrincipleSet",
    "PriorityLevel",
    "PriorityTier",
    "Process",
    "Reference",
    "Role",
    "Session",
    "Speerpunt",
    "Statement",
    "Term",
    "Theme",
    "Trend",
]

ACTORS = ("municipality", "role", "partner", "body")
#: Who may lead a priority.
LEADS = ("municipality", "role", "body")
#: What a priority (theme or speerpunt) may sit under.
PRIORITIES = ("theme", "speerpunt")


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


_URL_RE = re.compile(r"^https?://\S+$")


def _check_url(_inst: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not _URL_RE.fullmatch(value):
        raise ValueError(
            at(
                attribute.name,
                Message(
                    "expected a web address starting with http:// or https://, got {value!r}",
                    value=value,
                ),
            )
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
    url: str | None = attrs.field(
        default=None,
        validator=[check_chars, _check_url],
        metadata={
            DOC: "Web address of the document (http or https).",
            SCHEMA: {"pattern": r"^https?://\S+$"},
        },
    )
    source: SourceRef | None = attrs.field(
        default=None, metadata={DOC: "Where another document names this one, if it does."}
    )

    @property
    def name(self) -> str:
        """The document's title."""
        return self.title


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
        if not CBS_MUNICIPALITY_RE.fullmatch(value):
            raise ValueError(
                at("cbs_code", Message("expected 'GM' and four digits, got {value!r}", value=value))
            )

    @province_code.validator
    def _check_province(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not CBS_PROVINCE_RE.fullmatch(value):
            raise ValueError(
                at(
                    "province_code",
                    Message("expected 'PV' and two digits, got {value!r}", value=value),
                )
            )
        names = PROVINCES.get(value)
        if names is None:
            raise ValueError(
                at(
                    "province_code",
                    Message("expected a CBS province code PV20..PV31, got {value!r}", value=value),
                )
            )
        if self.province not in names:
            raise ValueError(
                at(
                    "province",
                    Message(
                        "expected {items} for province code {value}, got {province!r}",
                        items=join([repr(n) for n in names], Message(" or ")),
                        value=value,
                        province=self.province,
                    ),
                )
            )

    @tooi.validator
    def _check_tooi(self, attribute: attrs.Attribute[str], value: str) -> None:
        expected = f"https://identifier.overheid.nl/tooi/id/gemeente/{self.cbs_code.lower()}"
        if value != expected:
            raise ValueError(
                at(
                    "tooi",
                    Message(
                        "expected {expected!r} for {cbs_code}, got {value!r}",
                        expected=expected,
                        cbs_code=self.cbs_code,
                        value=value,
                    ),
                )
            )


@attrs.frozen(kw_only=True)
class Authority:
    """Legal authority of a role over another actor, for a stated purpose."""

    over: str = ref_field("The actor under this authority.", "partner", "role")
    scope: str = text_field("For what the authority holds, in the words of the source.")
    legal_basis: tuple[str, ...] = texts_field("Laws and articles the source names for it.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Duty:
    """One duty or responsibility of a role, with the law it rests on."""

    text: str = name_field("The duty, in the words of the source.")
    legal_basis: tuple[str, ...] = texts_field(
        "Laws and articles the source names for this duty (e.g. 'Gemeentewet art. 172')."
    )
    source: SourceRef | None = attrs.field(
        default=None, metadata={DOC: "Where the duty is stated, if not where its role is."}
    )


@attrs.frozen(kw_only=True)
class Role:
    """A public office, governing body, team or function and its duties."""

    id: str = id_field()
    name: str = name_field()
    aliases: tuple[str, ...] = aliases_field()
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
    legal_basis: tuple[str, ...] = texts_field(
        "Laws and articles the role as a whole rests on (a duty's own basis goes with the duty)."
    )
    duties: tuple[Duty, ...] = tuple_field(
        "Duties and responsibilities named in the source, each with its legal basis."
    )
    authority: tuple[Authority, ...] = tuple_field("Authority the role holds over other actors.")
    informs: tuple[str, ...] = refs_field(
        "Actors the role informs and advises, where the source says so.", *ACTORS
    )
    office: str | None = opt_ref_field(
        "The shared office or role type this role is one holder of (e.g. the burgemeester of "
        "one municipality holds the office of burgemeester).",
        "role",
    )
    coordinates_policy: str | None = opt_text_field(
        "The coordination of the whole policy the source puts with this role, in its words "
        "(e.g. 'ambtelijke coördinatie'); None if it names none."
    )
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
    aliases: tuple[str, ...] = aliases_field()
    category: PartnerCategory = attrs.field(
        converter=PartnerCategory, metadata={DOC: "Sector of the partner."}
    )
    kind: PartnerKind = attrs.field(
        converter=PartnerKind,
        default=PartnerKind.ORGANISATION,
        metadata={DOC: "A named organisation, or a group the text names generically."},
    )
    abbreviation: str | None = opt_text_field("Abbreviation used in the source.")
    expansion: str | None = opt_text_field(
        "What the abbreviation stands for, where the source spells it out (as printed)."
    )
    description: str | None = opt_text_field("What the source says of the partner.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class ConsultationBody:
    """An overlegstructuur: a standing consultation or case table."""

    id: str = id_field()
    name: str = name_field()
    aliases: tuple[str, ...] = aliases_field()
    tier: Tier = attrs.field(
        converter=Tier, metadata={DOC: "Bestuurlijk, ambtelijk or uitvoerend."}
    )
    scope: Scope = attrs.field(converter=Scope, metadata={DOC: "Geographic scope of the body."})
    purpose: str = text_field("What the body does, as the source says.")
    municipalities: tuple[str, ...] = refs_field("Municipalities the body serves.", "municipality")
    members: tuple[str, ...] = refs_field("Actors that sit on the body.", *ACTORS)
    members_text: str | None = opt_text_field("Membership in the words of the source.")
    meets: MeetingKind = attrs.field(
        default=MeetingKind.NOT_STATED,
        converter=MeetingKind,
        metadata={DOC: "How often it meets: fixed (meetings_per_year), ad-hoc or not-stated."},
    )
    meetings_per_year: int | None = attrs.field(
        default=None,
        validator=check_meetings_per_year,
        metadata={
            DOC: "Meetings per year (1 to 366), exactly when meets is 'fixed'.",
            SCHEMA: {"minimum": 1, "maximum": 366},
        },
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

    @meetings_per_year.validator
    def _check_meets(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if (self.meets is MeetingKind.FIXED) != (value is not None):
            raise ValueError(
                at(
                    "meetings_per_year",
                    Message(
                        "expected a number exactly when meets is 'fixed', got meets {meets!r} and "
                        "meetings_per_year {value!r}",
                        meets=self.meets.value,
                        value=value,
                    ),
                )
            )


@attrs.frozen(kw_only=True)
class AgendaTheme:
    """A theme on an agenda of another priority level."""

    id: str = id_field()
    name: str = name_field()
    aliases: tuple[str, ...] = aliases_field()
    source: SourceRef | None = attrs.field(
        default=None, metadata={DOC: "Where it is named, if not where its agenda is."}
    )


@attrs.frozen(kw_only=True)
class Agenda:
    """An agenda, strategy, programme or norm at one priority level."""

    id: str = id_field()
    name: str = name_field()
    aliases: tuple[str, ...] = aliases_field()
    level: Level = attrs.field(
        converter=Level, metadata={DOC: "Priority level: national, regional, district, local."}
    )
    kind: AgendaKind = attrs.field(
        converter=AgendaKind, metadata={DOC: "Agenda, strategy, programme, plan or norm."}
    )
    period: str | None = opt_text_field("Period it covers, as printed (e.g. 2023-2026).")
    made_by: tuple[str, ...] = refs_field("Who agreed it (jointly set its contents).", *ACTORS)
    drawn_up_by: tuple[str, ...] = refs_field(
        "Who drew it up (wrote or developed it), where the source says so.", *ACTORS
    )
    committed_by: tuple[str, ...] = refs_field(
        "Who committed to it without having made it, where the source says so.", *ACTORS
    )
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
    aliases: tuple[str, ...] = aliases_field()
    kind: InstrumentKind = attrs.field(
        converter=InstrumentKind, metadata={DOC: "What kind of instrument."}
    )
    abbreviation: str | None = opt_text_field("Abbreviation used in the source.")
    description: str | None = opt_text_field("What the source says it is.")
    municipalities: tuple[str, ...] = refs_field("Municipalities that use it.", "municipality")
    owners: tuple[str, ...] = refs_field("Who runs or provides it.", *ACTORS)
    leads: tuple[str, ...] = refs_field("Who leads it, where the source says so.", *ACTORS)
    status: ActionStatus | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(ActionStatus),
        metadata={
            DOC: "Where it stands: 'planned', 'to-be-explored' (still to be explored or "
            "developed), 'ongoing' (in use), ...; None where the source does not say."
        },
    )
    timing: str | None = opt_text_field("When it comes or starts, in the words of the source.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Trend:
    """A trend or development the policy anticipates."""

    id: str = id_field()
    name: str = name_field("Short name of the trend, in Dutch.")
    aliases: tuple[str, ...] = aliases_field()
    scope: TrendScope = attrs.field(
        converter=TrendScope, metadata={DOC: "Cross-cutting, or of one participation session."}
    )
    session: str | None = opt_ref_field("The participation session it came from.", "session")
    description: str | None = opt_text_field("What the source says of it.")
    source: SourceRef = _source()

    @session.validator
    def _check_scope(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if (self.scope is TrendScope.SESSION) != (value is not None):
            raise ValueError(
                at(
                    "session",
                    Message(
                        "expected a session id exactly when scope is 'session', got scope "
                        "{scope!r} and session {value!r}",
                        scope=self.scope.value,
                        value=value,
                    ),
                )
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
    areas: tuple[str, ...] = refs_field("Areas (kernen, wijken, buurten) it concerns.", "area")
    date: str | None = date_field("Date the source gives for it (YYYY, YYYY-MM, YYYY-MM-DD).")
    timing: TimingKind | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(TimingKind),
        metadata={DOC: "How the date relates: started, planned, expected, done."},
    )
    status: ActionStatus | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(ActionStatus),
        metadata={
            DOC: "Where it stands, with or without a date: planned, to-be-explored, ongoing, "
            "done, stopped."
        },
    )
    start: str | None = date_field("First day, month or year of the period it runs.")
    end: str | None = date_field("Last day, month or year of the period it runs.")
    source: SourceRef = _source()

    @property
    def name(self) -> str:
        """The action's text: what names it in lists and graphs."""
        return self.text

    @end.validator
    def _check_range(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        _check_date_range(self.start, value)

    @timing.validator
    def _check_timing(self, attribute: attrs.Attribute[TimingKind | None], v: object) -> None:
        if (v is None) != (self.date is None):
            raise ValueError(
                at(
                    "timing",
                    Message(
                        "expected a timing exactly when a date is given, got date {date!r} and "
                        "timing {timing!r}",
                        date=self.date,
                        timing=v,
                    ),
                )
            )


def _check_date_range(start: str | None, end: str | None) -> None:
    if start is not None and end is not None and end[: len(start)] < start[: len(end)]:
        raise ValueError(
            at(
                "end",
                Message(
                    "expected a date not before start {start!r}, got {end!r}", start=start, end=end
                ),
            )
        )


def _leads() -> Any:
    return refs_field(
        "Who leads it (trekker): municipalities, roles or bodies; empty when the source names "
        "none (then say no_lead: true if the source says there is none).",
        *LEADS,
    )


def _check_no_lead(inst: Theme | Speerpunt, attribute: attrs.Attribute[bool], value: bool) -> None:
    if value and inst.leads:
        raise ValueError(
            at(
                "no_lead",
                Message(
                    "expected no leads when no_lead is true, got leads {leads!r}",
                    leads=list(inst.leads),
                ),
            )
        )


def _no_lead() -> Any:
    return attrs.field(
        default=False,
        validator=_check_no_lead,
        metadata={DOC: "True where the source says explicitly that it has no lead."},
    )


@attrs.frozen(kw_only=True)
class PriorityTier:
    """A tier of priorities as the policy names it (e.g. thema, accent, lokaal speerpunt).

    Overviews and reports take their headings and labels from here.
    """

    id: str = id_field()
    name: str = name_field("Name of one priority of this tier, in Dutch (e.g. 'thema').")
    aliases: tuple[str, ...] = aliases_field()
    heading: str = name_field('Heading over the priorities of this tier (e.g. "Thema\'s").')
    lead_label: str | None = opt_text_field(
        "What the policy calls a lead of such a priority (e.g. 'thematrekker')."
    )
    parent: str | None = opt_ref_field("The tier whose priorities these sit under.", "tier")
    description: str | None = opt_text_field("What the source says of this tier.")
    source: SourceRef | None = attrs.field(
        default=None, metadata={DOC: "Where the source names this tier, if it does."}
    )


@attrs.frozen(kw_only=True)
class Area:
    """A kern, wijk, buurt or other named area of a municipality."""

    id: str = id_field()
    name: str = name_field()
    kind: AreaKind = attrs.field(converter=AreaKind, metadata={DOC: "kern, wijk, buurt or other."})
    municipality: str = ref_field("The municipality it lies in.", "municipality")
    code: str | None = attrs.field(
        default=None,
        metadata={
            DOC: "CBS code: WK and six digits for a wijk, BU and eight digits for a buurt.",
            SCHEMA: {"pattern": f"{CBS_WIJK_RE.pattern}|{CBS_BUURT_RE.pattern}"},
        },
    )
    parent: str | None = opt_ref_field("The area it lies in (a buurt's wijk).", "area")
    source: SourceRef = _source()

    @code.validator
    def _check_code(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is None:
            return
        if self.kind is AreaKind.WIJK and not CBS_WIJK_RE.fullmatch(value):
            raise ValueError(
                at(
                    "code",
                    Message(
                        "expected a CBS wijkcode 'WK' and six digits, got {value!r}", value=value
                    ),
                )
            )
        if self.kind is AreaKind.BUURT and not CBS_BUURT_RE.fullmatch(value):
            raise ValueError(
                at(
                    "code",
                    Message(
                        "expected a CBS buurtcode 'BU' and eight digits, got {value!r}", value=value
                    ),
                )
            )
        if self.kind not in (AreaKind.WIJK, AreaKind.BUURT):
            raise ValueError(
                at(
                    "code",
                    Message(
                        "expected no CBS code for a {kind} (only wijk and buurt have one), got "
                        "{value!r}",
                        kind=self.kind.value,
                        value=value,
                    ),
                )
            )


def _amount(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            at("amount", Message("expected a number of euros, got {value!r}", value=value))
        )
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(
            at("amount", Message("expected a finite number of euros, got {value!r}", value=value))
        )
    return float(value)


@attrs.frozen(kw_only=True)
class BudgetLine:
    """Money set aside in one year for one purpose."""

    year: int = attrs.field(
        validator=[
            attrs.validators.instance_of(int),
            attrs.validators.ge(1900),
            attrs.validators.le(2100),
        ],
        metadata={DOC: "The year the amount is for."},
    )
    amount: float = attrs.field(
        converter=_amount,
        validator=attrs.validators.ge(0),
        metadata={DOC: "The amount in euro, as a number (no currency sign)."},
    )
    purpose: str = name_field("What the money is for, in the words of the source.")
    municipality: str | None = opt_ref_field("The municipality that budgets it.", "municipality")
    concerns: tuple[str, ...] = refs_field(
        "Priorities, actions, bodies or instruments it pays for.",
        "theme",
        "speerpunt",
        "action",
        "body",
        "instrument",
    )
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Theme:
    """A priority shared by the municipalities of the policy, with zero, one or more leads."""

    id: str = id_field()
    name: str = name_field()
    tier: str = ref_field("The tier it belongs to (declared under tiers).", "tier")
    parent: str | None = opt_ref_field("The priority it sits under.", *PRIORITIES)
    leads: tuple[str, ...] = _leads()
    no_lead: bool = _no_lead()
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
    areas: tuple[str, ...] = refs_field("Areas it focuses on.", "area")
    actions: tuple[Action, ...] = tuple_field("Lines of effort for the period.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Speerpunt:
    """A local priority of one or several municipalities."""

    id: str = id_field()
    name: str = name_field()
    tier: str = ref_field("The tier it belongs to (declared under tiers).", "tier")
    parent: str | None = opt_ref_field("The priority it sits under.", *PRIORITIES)
    municipalities: tuple[str, ...] = attrs.field(
        converter=ids,
        validator=[_check_slugs, attrs.validators.min_len(1)],
        metadata={
            DOC: "The municipality (or municipalities) whose speerpunt it is.",
            REF: ("municipality",),
            SCHEMA: {"uniqueItems": True, "minItems": 1, "items": {"pattern": SLUG_RE.pattern}},
        },
    )
    number: int | None = attrs.field(
        default=None,
        validator=check_count,
        metadata={DOC: "Its number in the municipality's list, where it has one."},
    )
    leads: tuple[str, ...] = _leads()
    no_lead: bool = _no_lead()
    coordinators: tuple[str, ...] = refs_field("Roles that lead or coordinate it.", *ACTORS)
    summary: str = text_field("What the speerpunt is about and why, after the source.")
    fields: tuple[VeiligheidsVeld, ...] = _fields()
    trends: tuple[str, ...] = refs_field("Trends the source ties to it.", "trend")
    areas: tuple[str, ...] = refs_field("Areas it focuses on.", "area")
    actions: tuple[Action, ...] = tuple_field("Lines of effort, goals and actions.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class PrincipleSet:
    """A list of principles (uitgangspunten) that the source enumerates as one."""

    id: str = id_field()
    name: str = name_field("What the source calls the list (e.g. 'uitgangspunten').")
    intro: str | None = opt_text_field("The sentence that introduces the list, as printed.")
    items: tuple[Action, ...] = tuple_field("The principles, in the order of the source.")
    source: SourceRef = _source()


@attrs.frozen(kw_only=True)
class Session:
    """A participation session (themasessie, werkconferentie, bewonersavond) of the process."""

    id: str = id_field()
    name: str = name_field()
    aliases: tuple[str, ...] = aliases_field()
    date: str | None = date_field("When it took place (YYYY, YYYY-MM, YYYY-MM-DD).")
    start: str | None = date_field("First day, month or year of the period it ran.")
    end: str | None = date_field("Last day, month or year of the period it ran.")
    period_text: str | None = opt_text_field("When, in the words of the source.")
    participants: tuple[str, ...] = refs_field("Who took part.", *ACTORS)
    participants_text: str | None = opt_text_field("Who took part, in the words of the source.")
    method: str | None = opt_text_field("Method of the session, where it differs from the process.")
    source: SourceRef = _source()

    @end.validator
    def _check_range(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        _check_date_range(self.start, value)


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated step in the making of the policy."""

    id: str = id_field()
    label: str = name_field("What happens, in Dutch as in the source.")
    aliases: tuple[str, ...] = aliases_field()
    date: str | None = date_field("When (YYYY, YYYY-MM, YYYY-MM-DD).")
    period_text: str | None = opt_text_field("When, in the words of the source.")
    bodies: tuple[str, ...] = refs_field("Bodies or councils involved.", "body", "role")
    programme: tuple[str, ...] = texts_field("Programme items, as listed.")
    source: SourceRef = _source()

    @property
    def name(self) -> str:
        """The milestone's label."""
        return self.label


@attrs.frozen(kw_only=True)
class Process:
    """How the policy was made."""

    summary: str = text_field("How the policy came about, after the source.")
    session_label: str | None = opt_text_field(
        "What the source calls its participation sessions (e.g. 'themasessie')."
    )
    method: str | None = opt_text_field("Method used in the sessions (e.g. 'scenariodenken').")
    period_text: str | None = opt_text_field("When the sessions took place, as printed.")
    participants: tuple[str, ...] = refs_field(
        "Who took part in the sessions (e.g. the organisations an appendix lists).", *ACTORS
    )
    participation: str | None = opt_ref_field(
        "The session or step of the timeline the participants took part in (e.g. the "
        "milestone that stands for all the sessions); None: the making of the policy.",
        "session",
        "milestone",
    )
    sessions: tuple[Session, ...] = tuple_field("The participation sessions.")
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

    @property
    def name(self) -> str:
        """The publication's title."""
        return self.title


@attrs.frozen(kw_only=True)
class Term:
    """A term the source defines."""

    id: str = id_field()
    term: str = name_field("The term, in Dutch.")
    definition: str = text_field("The definition as the source gives it.")
    source: SourceRef = _source()

    @property
    def name(self) -> str:
        """The term itself."""
        return self.term


@attrs.frozen(kw_only=True)
class Statement:
    """A fact of the policy that fits no other entity (funding, evaluation findings)."""

    id: str = id_field()
    topic: str = name_field("What it is about.")
    text: str = text_field("What the source says.")
    municipalities: tuple[str, ...] = refs_field("Municipalities it concerns.", "municipality")
    source: SourceRef = _source()

    @property
    def name(self) -> str:
        """What the statement is about."""
        return self.topic


def _check_ends(inst: Citation, _attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if value and inst.target is not None:
        raise ValueError(
            at(
                "targets",
                Message(
                    "give either 'target' or 'targets', got both ({target!r} and {targets!r}) "
                    "for {holder}.{field}",
                    target=inst.target,
                    targets=list(value),
                    holder=inst.holder,
                    field=inst.field,
                ),
            )
        )


@attrs.frozen(kw_only=True)
class Citation:
    """The passage that states one relation, where it is not the section of its holder.

    A relation comes from a reference field of an entity (the *holder*): a
    theme's ``leads``, a body's ``escalates_to``. By default the relation cites
    the holder's ``source``; a citation gives it its own passage and basis, and
    a modality where the source makes the relation conditional or future.

    One citation may cover several relations of the same field that one passage
    states: ``targets`` lists them; with neither ``target`` nor ``targets`` it
    covers every id in the field. A citation of one target takes precedence over
    one of the whole field.

    Examples
    --------
    >>> Citation(holder="tafel", field="escalates_to", target="huis",
    ...          source=SourceRef("ivb", "PGA"), modality="possible").modality
    <Modality.POSSIBLE: 'possible'>
    >>> Citation(holder="actie", field="actors", targets=["a", "b"],
    ...          source=SourceRef("ivb", "Thema")).ends
    ('a', 'b')
    >>> Citation(holder="actie", field="actors", source=SourceRef("ivb", "Thema")).ends
    ()
    """

    holder: str = attrs.field(
        validator=_check_slug,
        metadata={DOC: "Id of the entity whose field holds the relation (or the policy id)."},
    )
    field: str = name_field(
        "The field of the holder that holds the relation (e.g. 'leads', 'escalates_to', "
        "'adopts_policy', 'process.participants')."
    )
    target: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_check_slug),
        metadata={
            DOC: "Id of the entity the relation points at (or from, for a reversed one). "
            "Leave it and 'targets' out to cite the passage for every id in the field.",
            SCHEMA: _SLUG_SCHEMA,
        },
    )
    targets: tuple[str, ...] = attrs.field(
        converter=ids,
        factory=tuple,
        validator=[_check_slugs, _check_ends],
        metadata={
            DOC: "Ids of several entities in the field that the same passage states "
            "(instead of 'target').",
            SCHEMA: {"uniqueItems": True, "items": _SLUG_SCHEMA},
        },
    )
    modality: Modality | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(Modality),
        metadata={
            DOC: "'possible' where the source says the relation can hold, 'planned' where it "
            "is still to come; None for a relation that holds."
        },
    )
    reason: str | None = opt_text_field(
        "Why the cited section does not name both ends (e.g. it says 'zij' for them)."
    )
    source: SourceRef = _source()

    @property
    def ends(self) -> tuple[str, ...]:
        """The ids this citation covers; empty for every id in the field."""
        return (self.target,) if self.target is not None else self.targets
