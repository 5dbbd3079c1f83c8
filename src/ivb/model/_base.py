"""Building blocks of the model: source references, enums, field helpers."""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Iterable
from typing import Any, Protocol

import attrs

from ivb._message import Message, at

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "PROVINCES",
    "ActionKind",
    "ActionStatus",
    "AgendaKind",
    "AreaKind",
    "Basis",
    "Direction",
    "DocumentKind",
    "Entity",
    "Identified",
    "InstrumentKind",
    "Level",
    "MeetingKind",
    "Modality",
    "PartnerCategory",
    "PartnerKind",
    "RoleKind",
    "Scope",
    "SourceRef",
    "Tier",
    "TimingKind",
    "TrendScope",
    "Unit",
    "VeiligheidsVeld",
]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
PARTIAL_DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
CBS_MUNICIPALITY_RE = re.compile(r"^GM\d{4}$")
CBS_PROVINCE_RE = re.compile(r"^PV\d{2}$")
CBS_WIJK_RE = re.compile(r"^WK\d{6}$")
CBS_BUURT_RE = re.compile(r"^BU\d{8}$")

#: The twelve Dutch provinces by CBS code, with the names the code may go by.
PROVINCES: dict[str, tuple[str, ...]] = {
    "PV20": ("Groningen",),
    "PV21": ("Fryslân", "Friesland"),
    "PV22": ("Drenthe",),
    "PV23": ("Overijssel",),
    "PV24": ("Flevoland",),
    "PV25": ("Gelderland",),
    "PV26": ("Utrecht",),
    "PV27": ("Noord-Holland",),
    "PV28": ("Zuid-Holland",),
    "PV29": ("Zeeland",),
    "PV30": ("Noord-Brabant",),
    "PV31": ("Limburg",),
}

#: ``metadata`` key under which a field documents itself.
DOC = "ivb.doc"
#: ``metadata`` key under which a field names the entity kinds its ids refer to.
REF = "ivb.ref"
#: ``metadata`` key under which a field gives extra JSON Schema keywords for its values.
SCHEMA = "ivb.schema"

_SLUG_SCHEMA = {"pattern": SLUG_RE.pattern}
_DATE_SCHEMA = {"pattern": PARTIAL_DATE_RE.pattern}


#: Characters no text of a policy may hold: control characters (newline and tab
#: aside, which text fields fold to spaces), surrogates, line and paragraph
#: separators and the Unicode noncharacters. They break XML, DOT, terminals and HTML.
#: The loader (:func:`ivb._io.check_tree`) and every text field of the model refuse them.
BAD_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef"
    "\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)
_BAD_SEARCH = BAD_CHARS.search


def _clean(value: str) -> bool:
    """Whether *value* holds no character of :data:`BAD_CHARS`.

    Every such character is unprintable, so printable text (most of it) is clean
    without the slower search.
    """
    return value.isprintable() or _BAD_SEARCH(value) is None


def char_problem(value: str) -> Message | None:
    r"""What is wrong with the characters of *value* (see :data:`BAD_CHARS`), or None.

    Examples
    --------
    >>> char_problem("a\x1b[2J")
    "expected text without control characters, got '\\x1b' at character 2"
    >>> char_problem("tab\tand newline\n") is None
    True
    """
    found = None if value.isprintable() else _BAD_SEARCH(value)
    if found is None:
        return None
    return Message(
        "expected text without control characters, got {char!r} at character {position}",
        char=found.group(),
        position=found.start() + 1,
    )


def check_chars(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: the text (or each text of a tuple) of a field passes :func:`char_problem`."""
    if isinstance(value, str):
        if not _clean(value):
            raise ValueError(at(attribute.name, char_problem(value) or ""))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            if isinstance(item, str) and not _clean(item):
                raise ValueError(at(f"{attribute.name}[{i}]", char_problem(item) or ""))


def text(value: object) -> str:
    """Normalise text: fold runs of white space (YAML line breaks) to one space.

    Text with a character of :data:`BAD_CHARS` is left as it is, for the field's
    validator (:func:`check_chars`) to refuse with the field's name: folding would
    hide the control characters that count as white space.
    """
    if not isinstance(value, str):
        raise TypeError(Message("expected text, got {cls}", cls=type(value).__name__))
    if not _clean(value):
        return value
    return " ".join(value.split())


def opt_text(value: object) -> str | None:
    return None if value is None else text(value)


def texts(values: Iterable[object]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise TypeError(Message("expected a list of texts, got a single text"))
    return tuple(text(v) for v in values)


def ids(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise TypeError(Message("expected a list of ids, got a single text"))
    return tuple(values)


_SLUG_MATCH = SLUG_RE.fullmatch


def _check_slug(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not SLUG_RE.fullmatch(value):
        raise ValueError(
            at(
                attribute.name,
                Message(
                    "expected a slug id (lower-case letters, digits, '-' or '.'), got {value!r}",
                    value=value,
                ),
            )
        )


def _check_slugs(_inst: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    if not value:
        return
    if all(map(_SLUG_MATCH, value)) and len(set(value)) == len(value):
        return  # the usual case, checked at once; the loop below names the problem
    for item in value:
        _check_slug(_inst, attribute, item)
    if len(set(value)) != len(value):
        dupes = sorted({v for v in value if value.count(v) > 1})
        raise ValueError(
            at(attribute.name, Message("ids listed twice: {items}", items=", ".join(dupes)))
        )


def _check_nonempty(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value:
        raise ValueError(at(attribute.name, Message("expected non-empty text, got ''")))


def _check_partial_date(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not PARTIAL_DATE_RE.fullmatch(value):
        raise ValueError(
            at(
                attribute.name,
                Message(
                    "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}", value=value
                ),
            )
        )


#: Earliest year a policy period or a calendar may be about.
MIN_YEAR = 1800
#: Latest year a policy period or a calendar may be about.
MAX_YEAR = 2200
#: Most meetings a body can hold in a year: it meets at most daily.
MAX_MEETINGS_PER_YEAR = 366


def check_year(value: object, what: str = "year") -> int:
    """Return *value* if it is a year from :data:`MIN_YEAR` to :data:`MAX_YEAR`.

    Raises
    ------
    ValueError
        Naming *what*, the range and the value that came.

    Examples
    --------
    >>> check_year(2025)
    2025
    >>> check_year(0, "period[0]")
    Traceback (most recent call last):
    ...
    ValueError: period[0]: expected a year from 1800 to 2200, got 0
    """
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(
            at(
                what,
                Message(
                    "expected a year from {min_year} to {max_year}, got {value!r}",
                    min_year=MIN_YEAR,
                    max_year=MAX_YEAR,
                    value=value,
                ),
            )
        )
    return value


def check_meetings_per_year(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a number of meetings per year, from 1 to :data:`MAX_MEETINGS_PER_YEAR`."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            at(attribute.name, Message("expected an integer, got {value!r}", value=value))
        )
    if not 1 <= value <= MAX_MEETINGS_PER_YEAR:
        raise ValueError(
            at(
                attribute.name,
                Message(
                    "expected 1 to {max_meetings_per_year} meetings a year (a body meets at most "
                    "daily), got {value}",
                    max_meetings_per_year=MAX_MEETINGS_PER_YEAR,
                    value=value,
                ),
            )
        )


def check_count(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a count or number (where given) is a whole number of at least 1."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(
            at(
                attribute.name,
                Message("expected a whole number of at least 1, got {value!r}", value=value),
            )
        )


def id_field(doc: str = "Stable slug id, unique within the policy.") -> Any:
    """An entity's own id."""
    return attrs.field(validator=_check_slug, metadata={DOC: doc, SCHEMA: _SLUG_SCHEMA})


def name_field(doc: str = "Name as in the source, in Dutch.") -> Any:
    return attrs.field(
        converter=text,
        validator=[check_chars, _check_nonempty],
        metadata={DOC: doc, SCHEMA: {"minLength": 1}},
    )


def text_field(doc: str, *, default: str | None = None) -> Any:
    if default is None:
        return attrs.field(converter=text, validator=check_chars, metadata={DOC: doc})
    return attrs.field(converter=text, default=default, validator=check_chars, metadata={DOC: doc})


def opt_text_field(doc: str) -> Any:
    return attrs.field(converter=opt_text, default=None, validator=check_chars, metadata={DOC: doc})


def texts_field(doc: str) -> Any:
    return attrs.field(converter=texts, factory=tuple, validator=check_chars, metadata={DOC: doc})


def aliases_field() -> Any:
    """The other words by which the source names an entity."""
    return texts_field(
        "Other words by which the source names it, as printed (e.g. 'de politie' for a police "
        "unit, a plural or a short form); a cited passage that uses one of them names it."
    )


def ref_field(doc: str, *kinds: str) -> Any:
    """A required reference to one entity of the given kinds."""
    return attrs.field(validator=_check_slug, metadata={DOC: doc, REF: kinds, SCHEMA: _SLUG_SCHEMA})


def opt_ref_field(doc: str, *kinds: str) -> Any:
    return attrs.field(
        default=None,
        validator=attrs.validators.optional(_check_slug),
        metadata={DOC: doc, REF: kinds, SCHEMA: _SLUG_SCHEMA},
    )


def refs_field(doc: str, *kinds: str) -> Any:
    """A list of references to entities of the given kinds."""
    return attrs.field(
        converter=ids,
        factory=tuple,
        validator=_check_slugs,
        metadata={DOC: doc, REF: kinds, SCHEMA: {"uniqueItems": True, "items": _SLUG_SCHEMA}},
    )


def date_field(doc: str) -> Any:
    return attrs.field(
        default=None, validator=_check_partial_date, metadata={DOC: doc, SCHEMA: _DATE_SCHEMA}
    )


def as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """The items of *values* as a tuple (a converter whose signature attrs reads quickly)."""
    return tuple(values)


def tuple_field(doc: str) -> Any:
    return attrs.field(converter=as_tuple, factory=tuple, metadata={DOC: doc})


def field_doc(attribute: attrs.Attribute[Any]) -> str | None:
    """The documentation string of a model field, if it has one."""
    doc = attribute.metadata.get(DOC)
    return doc if isinstance(doc, str) else None


def field_refs(attribute: attrs.Attribute[Any]) -> tuple[str, ...]:
    """The entity kinds a reference field may point to (empty if it is no reference)."""
    kinds = attribute.metadata.get(REF, ())
    return tuple(kinds)


class _Enum(enum.StrEnum):
    """A string enum whose value is what the file holds."""

    # Stated, so that attrs, which reads the signature of every converter when it
    # makes a class, need not work it out from the enum machinery (slow at import).
    __signature__ = inspect.Signature(
        [inspect.Parameter("value", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    )


class DocumentKind(_Enum):
    """What kind of source document."""

    #: The policy document itself.
    POLICY = "policy"
    #: Slides of a presentation (e.g. to the council).
    PRESENTATION = "presentation"
    #: An uitvoeringsplan or jaarplan that works the policy out.
    UITVOERINGSPLAN = "uitvoeringsplan"
    #: A begroting or other budget document.
    BEGROTING = "begroting"
    #: An evaluation of a policy.
    EVALUATION = "evaluation"
    #: A raadsinformatiebrief or other letter to the council.
    COUNCIL_LETTER = "council-letter"
    #: A raadsvoorstel or raadsbesluit.
    COUNCIL_DECISION = "council-decision"
    #: A jaarverslag or jaarstukken.
    ANNUAL_REPORT = "annual-report"
    #: A report, monitor or analysis (veiligheidsbeeld, veiligheidsanalyse).
    REPORT = "report"
    #: A news item or announcement.
    ANNOUNCEMENT = "announcement"
    #: A web page.
    WEB_PAGE = "web-page"
    #: Any other document.
    OTHER = "other"


class AreaKind(_Enum):
    """What kind of area within a municipality."""

    #: A village or town (kern, dorp, woonkern).
    KERN = "kern"
    #: A CBS wijk (code WK and six digits) or a wijk as the municipality names it.
    WIJK = "wijk"
    #: A CBS buurt (code BU and eight digits) or a buurt as the municipality names it.
    BUURT = "buurt"
    #: The rural area outside the kernen (buitengebied).
    BUITENGEBIED = "buitengebied"
    #: Any other named area (a bedrijventerrein, a centre, a park).
    OTHER = "other"


class ActionStatus(_Enum):
    """Where an action stands, with or without a date."""

    PLANNED = "planned"
    TO_BE_EXPLORED = "to-be-explored"
    ONGOING = "ongoing"
    DONE = "done"
    STOPPED = "stopped"


class MeetingKind(_Enum):
    """How often a consultation body meets."""

    #: A fixed number of meetings per year (``meetings_per_year``).
    FIXED = "fixed"
    #: When there is cause (ad hoc).
    AD_HOC = "ad-hoc"
    #: The source does not say.
    NOT_STATED = "not-stated"


class VeiligheidsVeld(_Enum):
    """The five veiligheidsvelden of the VNG *Kernbeleid Veiligheid*.

    Used to classify themes and speerpunten so that the policies of different
    municipalities can be compared.
    """

    VEILIGE_WOON_EN_LEEFOMGEVING = "veilige-woon-en-leefomgeving"
    BEDRIJVIGHEID_EN_VEILIGHEID = "bedrijvigheid-en-veiligheid"
    JEUGD_EN_VEILIGHEID = "jeugd-en-veiligheid"
    FYSIEKE_VEILIGHEID = "fysieke-veiligheid"
    INTEGRITEIT_EN_VEILIGHEID = "integriteit-en-veiligheid"

    @property
    def label(self) -> str:
        """The field's Dutch name."""
        return _VELD_LABELS[self]


_VELD_LABELS = {
    VeiligheidsVeld.VEILIGE_WOON_EN_LEEFOMGEVING: "Veilige woon- en leefomgeving",
    VeiligheidsVeld.BEDRIJVIGHEID_EN_VEILIGHEID: "Bedrijvigheid en veiligheid",
    VeiligheidsVeld.JEUGD_EN_VEILIGHEID: "Jeugd en veiligheid",
    VeiligheidsVeld.FYSIEKE_VEILIGHEID: "Fysieke veiligheid",
    VeiligheidsVeld.INTEGRITEIT_EN_VEILIGHEID: "Integriteit en veiligheid",
}


class ActionKind(_Enum):
    """What kind of line of effort an :class:`~ivb.model.Action` is."""

    #: A "zetten we in op" bullet: a line of effort.
    EFFORT = "effort"
    #: A "doelen" bullet: a goal the municipality works on.
    GOAL = "goal"
    #: An "acties" bullet: a concrete action.
    ACTION = "action"
    #: A dated or concrete commitment stated in running text.
    COMMITMENT = "commitment"
    #: An "uitgangspunt" of the cooperation between the municipalities.
    PRINCIPLE = "principle"


class TimingKind(_Enum):
    """How a date relates to an action."""

    STARTED = "started"
    PLANNED = "planned"
    EXPECTED = "expected"
    DONE = "done"


class PartnerCategory(_Enum):
    """Sector of a partner organisation."""

    GOVERNMENT = "government"
    POLICE_AND_JUSTICE = "police-and-justice"
    SAFETY_AND_EMERGENCY = "safety-and-emergency"
    CARE = "care"
    YOUTH = "youth"
    EDUCATION = "education"
    HOUSING = "housing"
    BUSINESS = "business"
    CIVIL_SOCIETY = "civil-society"
    KNOWLEDGE = "knowledge"


class PartnerKind(_Enum):
    """A named organisation, or a group of organisations the text names generically."""

    ORGANISATION = "organisation"
    GROUP = "group"


class RoleKind(_Enum):
    """What kind of public role."""

    #: A public office held by a person (burgemeester, Officier van Justitie).
    OFFICE = "office"
    #: A governing body of the municipality (college, gemeenteraad).
    COUNCIL = "council"
    #: An official team or department.
    TEAM = "team"
    #: A function held by an official or professional.
    FUNCTION = "function"


class Tier(_Enum):
    """Tier of a consultation body."""

    BESTUURLIJK = "bestuurlijk"
    AMBTELIJK = "ambtelijk"
    UITVOEREND = "uitvoerend"


class Scope(_Enum):
    """Geographic scope of a consultation body or agenda."""

    NATIONAL = "national"
    REGIONAL = "regional"
    DISTRICT = "district"
    BASISTEAM = "basisteam"
    LOCAL = "local"


class Level(_Enum):
    """The four priority levels of the safety domain."""

    NATIONAL = "national"
    REGIONAL = "regional"
    DISTRICT = "district"
    LOCAL = "local"


class AgendaKind(_Enum):
    """What kind of agenda document."""

    AGENDA = "agenda"
    STRATEGY = "strategy"
    PROGRAMME = "programme"
    PLAN = "plan"
    NORM = "norm"
    #: Agreements between parties (e.g. prestatieafspraken).
    AGREEMENTS = "agreements"


class InstrumentKind(_Enum):
    """What kind of instrument."""

    METHOD = "method"
    PROGRAMME = "programme"
    PROJECT = "project"
    MEASURE = "measure"
    TOOL = "tool"
    COVENANT = "covenant"
    POLICY = "policy"
    SURVEY = "survey"
    FUNCTION = "function"


class TrendScope(_Enum):
    """Whether a trend crosses themes or came from one participation session."""

    CROSS_CUTTING = "cross-cutting"
    SESSION = "session"


class Unit(_Enum):
    """Unit of a statistic or figure."""

    COUNT = "count"
    PERCENT = "percent"
    PERCENT_CHANGE = "percent-change"
    RAPPORTCIJFER = "rapportcijfer"
    PERSONS = "persons"
    FRACTION = "fraction"
    #: A rate per 1,000 inhabitants.
    PER_1000_INHABITANTS = "per-1000-inhabitants"
    EURO = "euro"


class Basis(_Enum):
    """On what a fact rests: the words of the source, a reading of them, or more readings."""

    #: The source says it (the place is the section, the sentence is the ``quote``).
    STATED = "stated"
    #: ivb derives it from the source; the ``note`` gives the reasoning.
    DERIVED = "derived"
    #: The source can be read more than one way; the ``readings`` list them.
    AMBIGUOUS = "ambiguous"


class Modality(_Enum):
    """How a relation holds where the source makes it conditional or future."""

    #: The source says it can happen ("kan opgeschaald worden"), not that it does.
    POSSIBLE = "possible"
    #: The source says it is still to come (planned, to be set up or developed).
    PLANNED = "planned"


class Direction(_Enum):
    """Which way a target wants its indicator to move."""

    HIGHER = "higher"
    LOWER = "lower"


class Identified(Protocol):
    """What every entity of a policy has: a stable id and where it comes from.

    ``source`` is ``None`` only where the format lets it be left out (a document,
    a tier, an agenda's theme). The model classes of :data:`~ivb.model.KINDS`
    satisfy this protocol; code that handles any entity can be typed with it.
    """

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> SourceRef | None: ...


class Entity(Identified, Protocol):
    """Any entity of a policy: an id, a name and where it comes from.

    Every model class of :data:`~ivb.model.KINDS` satisfies it; its ``name`` is the
    Dutch name as in the source, or what stands for one (an action's text, a
    document's title, a term). :meth:`ivb.Policy.get` without a class returns an
    ``Entity``; with a class (``policy.get(id, Theme)``) that class.

    Examples
    --------
    >>> import ivb
    >>> from ivb.model import Entity
    >>> def label(entity: Entity) -> str:
    ...     return f"{entity.name} [{entity.id}]"
    >>> label(ivb.load().get("urk"))
    'Urk [urk]'
    """

    @property
    def name(self) -> str: ...


def entity_repr(entity: Entity) -> str:
    """A short representation of an entity: its class, id and name.

    Examples
    --------
    >>> import ivb
    >>> ivb.load().get("ondermijning")
    <Theme ondermijning: 'Ondermijning'>
    """
    name = entity.name
    if len(name) > 60:
        name = name[:59] + "…"
    label = "" if name == entity.id else f": {name!r}"
    return f"<{type(entity).__name__} {entity.id}{label}>"


def _check_basis(inst: SourceRef, _attribute: attrs.Attribute[Any], value: Basis) -> None:
    if value is Basis.DERIVED and not inst.note:
        raise ValueError(
            at(
                "basis",
                Message(
                    "a derived fact needs its reasoning in 'note', got no note (section "
                    "{section!r})",
                    section=inst.section,
                ),
            )
        )
    if value is Basis.AMBIGUOUS and len(inst.readings) < 2:
        raise ValueError(
            at(
                "basis",
                Message(
                    "an ambiguous fact needs at least two 'readings', got {count} (section "
                    "{section!r})",
                    count=len(inst.readings),
                    section=inst.section,
                ),
            )
        )
    if value is not Basis.AMBIGUOUS and inst.readings:
        raise ValueError(
            at(
                "readings",
                Message(
                    "only an ambiguous fact has readings, got basis {value!r} (section "
                    "{section!r})",
                    value=value.value,
                    section=inst.section,
                ),
            )
        )


@attrs.frozen
class SourceRef:
    """Where in which source document a fact comes from, and on what it rests.

    ``basis`` says whether the source states the fact (``quote`` may give the
    Dutch sentence), whether ivb derives it (``note`` gives the reasoning), or
    whether the text is ambiguous (``readings`` gives the readings).

    Examples
    --------
    >>> SourceRef("ivb", "Ondermijning")
    SourceRef(document='ivb', section='Ondermijning', note=None)
    >>> SourceRef("ivb", "X", "volgt uit de plaats van de alinea", basis="derived").derived
    True
    """

    document: str = ref_field("Id of the source document.", "document")
    section: str = name_field(
        "Section of the document, as its headings in the source joined by ' > '."
    )
    note: str | None = opt_text_field(
        "Remarks on the source: OCR corrections, ambiguity, what the text leaves open; "
        "for a derived fact, the reasoning."
    )
    basis: Basis = attrs.field(
        default=Basis.STATED,
        converter=Basis,
        validator=_check_basis,
        repr=False,
        metadata={
            DOC: "On what the fact rests: 'stated' (the source says it), 'derived' (ivb's "
            "reading; 'note' gives the reasoning) or 'ambiguous' (see 'readings')."
        },
    )
    quote: str | None = attrs.field(
        default=None,
        converter=opt_text,
        validator=check_chars,
        repr=False,
        metadata={DOC: "The Dutch sentence of the source that states the fact (OCR corrected)."},
    )
    readings: tuple[str, ...] = attrs.field(
        default=(),
        converter=texts,
        validator=check_chars,
        repr=False,
        metadata={DOC: "The ways an ambiguous passage can be read, one per item."},
    )

    def __str__(self) -> str:
        return f"{self.document} § {self.section}"

    @property
    def stated(self) -> bool:
        """Whether the source states the fact (neither derived nor ambiguous)."""
        return self.basis is Basis.STATED

    @property
    def derived(self) -> bool:
        """Whether the fact is ivb's reading of the source (derived or ambiguous)."""
        return self.basis is not Basis.STATED
