"""The Policy: the whole of an integral safety policy, with its references checked."""

from __future__ import annotations

import warnings
from collections.abc import Collection, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, cast, overload

import attrs

from ivb._errors import (
    Problem,
    UnknownIdError,
    close_matches,
    validation_error,
)
from ivb._lookup import PREFERRED_KINDS as _PREFERRED_KINDS
from ivb._lookup import find_id, suggestions
from ivb._message import Message, at, join
from ivb.model._base import (
    DOC,
    SCHEMA,
    Entity,
    check_year,
    entity_repr,
    field_refs,
    id_field,
    name_field,
    opt_text_field,
    text_field,
    tuple_field,
)
from ivb.model._entities import (
    Action,
    Agenda,
    AgendaTheme,
    Area,
    BudgetLine,
    Citation,
    ConsultationBody,
    Document,
    Instrument,
    Milestone,
    Municipality,
    Partner,
    PrincipleSet,
    PriorityLevel,
    PriorityTier,
    Process,
    Reference,
    Role,
    Session,
    Speerpunt,
    Statement,
    Term,
    Theme,
    Trend,
)
from ivb.model._measures import (
    Figure,
    Indicator,
    OutsideRegion,
    RegionGroup,
    Table,
    Target,
    TrendClaim,
    check_measures,
)

__all__ = ["KINDS", "PREFERRED_KINDS", "Policy"]

_E = TypeVar("_E")

#: The kinds :meth:`Policy.find` means, first first, when one name belongs to entities of
#: several kinds: the priorities (theme, speerpunt), then the actors.
PREFERRED_KINDS: tuple[str, ...] = _PREFERRED_KINDS

#: The kind name of each entity class, as used in reference checks and graph nodes.
KINDS: Mapping[type, str] = MappingProxyType(
    {
        Action: "action",
        Agenda: "agenda",
        AgendaTheme: "agenda-theme",
        Area: "area",
        ConsultationBody: "body",
        Document: "document",
        Figure: "figure",
        Indicator: "indicator",
        Instrument: "instrument",
        Milestone: "milestone",
        Municipality: "municipality",
        OutsideRegion: "outside-region",
        Partner: "partner",
        PrincipleSet: "principle-set",
        PriorityTier: "tier",
        Reference: "reference",
        RegionGroup: "region",
        Role: "role",
        Session: "session",
        Speerpunt: "speerpunt",
        Statement: "statement",
        Table: "table",
        Target: "target",
        Term: "term",
        Theme: "theme",
        Trend: "trend",
        TrendClaim: "trend-claim",
    }
)

# Entities print short, as their class, id and name: a policy holds hundreds, nested.
for _cls in KINDS:
    setattr(_cls, "__repr__", entity_repr)  # noqa: B010
del _cls


class _Actions(tuple[Action, ...]):
    """The actions of a policy; calling it, as the method it once was, still works."""

    __slots__ = ()

    def __call__(self) -> tuple[Action, ...]:
        warnings.warn(
            "Policy.actions() is deprecated: Policy.actions is a tuple, as Policy.themes is",
            DeprecationWarning,
            stacklevel=2,
        )
        return self


#: The file format version this library reads.
SCHEMA_VERSION = 2
#: Earlier versions that ``ivb migrate`` upgrades.
MIGRATABLE_VERSIONS = (1,)


def _schema_version(_inst: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if type(value) is not int or value != SCHEMA_VERSION:
        raise ValueError(schema_version_message(value))


def schema_version_message(value: object, origin: str | None = None) -> str:
    """What to say of a file whose ``schema_version`` is *value* (not the current one)."""
    if type(value) is int and value in MIGRATABLE_VERSIONS:
        return at(
            "schema_version",
            Message(
                "this is a version {value} file; this ivb reads version {version}: "
                "run `ivb migrate {file}` to upgrade it",
                value=value,
                version=SCHEMA_VERSION,
                file=origin or "FILE",
            ),
        )
    known = ", ".join(str(v) for v in (*MIGRATABLE_VERSIONS, SCHEMA_VERSION))
    return at(
        "schema_version",
        Message(
            "expected {version} (known versions: {known}; "
            "upgrade older ones with `ivb migrate`), got {value!r}",
            version=SCHEMA_VERSION,
            known=known,
            value=value,
        ),
    )


def _period(_inst: object, attribute: attrs.Attribute[Any], value: tuple[int, int]) -> None:
    if len(value) != 2 or not all(isinstance(v, int) for v in value) or value[0] > value[1]:
        raise ValueError(
            at(
                "period",
                Message("expected [first year, last year], got {value!r}", value=list(value)),
            )
        )
    for i, year in enumerate(value):
        check_year(year, f"period[{i}]")


@attrs.frozen(kw_only=True, repr=False)
class Policy:
    """An integral safety policy of one municipality or a group of them.

    A Policy is immutable. Constructing one checks that every id is unique and
    that every reference names an entity of the right kind; a Policy that
    exists is therefore whole. Use :func:`attrs.evolve` to derive a changed one.

    Examples
    --------
    >>> import ivb
    >>> policy = ivb.load()
    >>> policy.get("ondermijning").leads
    ('dronten',)
    >>> [m.cbs_code for m in policy.municipalities]
    ['GM0303', 'GM0171', 'GM0184']
    """

    schema_version: int = attrs.field(
        validator=_schema_version,
        metadata={DOC: "Version of the file format: 2.", SCHEMA: {"const": SCHEMA_VERSION}},
    )
    id: str = id_field()
    title: str = name_field("Title of the policy.")
    motto: str | None = opt_text_field("Motto or subtitle of the policy, as printed.")
    period: tuple[int, int] = attrs.field(
        converter=tuple, validator=_period, metadata={DOC: "First and last year it covers."}
    )
    summary: str = text_field("What the policy is, in a few sentences.")
    documents: tuple[Document, ...] = tuple_field(
        "Source and related documents (policy, uitvoeringsplan, begroting, evaluation, ...)."
    )
    municipalities: tuple[Municipality, ...] = tuple_field("Municipalities of the policy.")
    areas: tuple[Area, ...] = tuple_field("Kernen, wijken and buurten the policy refers to.")
    regions: tuple[RegionGroup, ...] = tuple_field("Groups of municipalities used in statistics.")
    outside_regions: tuple[OutsideRegion, ...] = tuple_field(
        "Regions outside the policy (country, provinces, police units, ...) figures are about."
    )
    roles: tuple[Role, ...] = tuple_field("Public roles and their duties.")
    partners: tuple[Partner, ...] = tuple_field("Partner organisations.")
    bodies: tuple[ConsultationBody, ...] = tuple_field("Consultation bodies (overlegstructuren).")
    agendas: tuple[Agenda, ...] = tuple_field("Agendas, strategies and programmes of all levels.")
    priority_levels: tuple[PriorityLevel, ...] = tuple_field("The priority levels.")
    instruments: tuple[Instrument, ...] = tuple_field("Named methods, programmes and tools.")
    process: Process | None = attrs.field(default=None, metadata={DOC: "How the policy was made."})
    trends: tuple[Trend, ...] = tuple_field("Cross-cutting and themasessie trends.")
    principle_sets: tuple[PrincipleSet, ...] = tuple_field(
        "Principles the source enumerates as one list (e.g. its uitgangspunten)."
    )
    principles: tuple[Action, ...] = tuple_field(
        "Other principles of cooperation, stated in the running text."
    )
    tiers: tuple[PriorityTier, ...] = tuple_field(
        "The tiers of priorities and their labels (headings of overviews and reports)."
    )
    themes: tuple[Theme, ...] = tuple_field(
        "Priorities shared by the municipalities, with their leads."
    )
    speerpunten: tuple[Speerpunt, ...] = tuple_field(
        "Local priorities of one or several municipalities."
    )
    indicators: tuple[Indicator, ...] = tuple_field(
        "What the policy measures: unit and data source of each indicator."
    )
    tables: tuple[Table, ...] = tuple_field("Statistics tables printed in the source.")
    figures: tuple[Figure, ...] = tuple_field("Numbers stated in the running text.")
    trend_claims: tuple[TrendClaim, ...] = tuple_field(
        "Statements about a table that are not one number, each naming its table."
    )
    targets: tuple[Target, ...] = tuple_field(
        "Targets: with indicators, a comparison and values, or qualitative with a status."
    )
    references: tuple[Reference, ...] = tuple_field("Publications the source cites.")
    terms: tuple[Term, ...] = tuple_field("Terms the source defines.")
    budget: tuple[BudgetLine, ...] = tuple_field("Budget lines: amounts in euro per year.")
    statements: tuple[Statement, ...] = tuple_field("Other facts: funding, evaluation, ...")
    citations: tuple[Citation, ...] = tuple_field(
        "Relations that cite their own passage (and basis, modality) rather than the "
        "section of the entity that holds them."
    )

    _index: Mapping[str, tuple[str, Entity]] = attrs.field(
        init=False, repr=False, eq=False, alias="_index"
    )

    def __attrs_post_init__(self) -> None:
        index, problems = _build_index(self)
        problems.extend(_check_references(self, index))
        problems.extend(check_measures(self, index))
        problems.extend(_check_governance(self, index))
        problems.extend(_check_citations(self, index))
        if problems:
            raise validation_error(problems)
        object.__setattr__(self, "_index", MappingProxyType(index))

    def __repr__(self) -> str:
        first, last = self.period
        return f"<Policy {self.id}: {self.title!r} ({first}-{last}), {len(self._index)} entities>"

    # -- lookups ---------------------------------------------------------

    @overload
    def get(self, id: str) -> Entity: ...

    @overload
    def get(self, id: str, cls: type[_E]) -> _E: ...

    def get(self, id: str, cls: type[Any] | None = None) -> Any:
        """Return the entity with this id, optionally insisting on its class.

        Parameters
        ----------
        id:
            The entity's id.
        cls:
            If given, the entity must be of this model class (``Theme``,
            ``ConsultationBody``, ...); type checkers then know the result's type.
            Without it the result is an :class:`~ivb.model.Entity`: its ``id``,
            ``name`` and ``source`` are known.

        Returns
        -------
        Entity
            The model object.

        Raises
        ------
        UnknownIdError
            If no entity (of class *cls*) has the id; the message names close matches.

        Examples
        --------
        >>> import ivb
        >>> from ivb.model import Municipality, Theme
        >>> policy = ivb.load()
        >>> policy.get("cybercrime").name
        'Cybercrime en digitale veiligheid'
        >>> theme = policy.get("cybercrime", Theme)
        >>> policy.get(theme.leads[0], Municipality).cbs_code
        'GM0171'
        >>> policy.get("cybercrim")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ivb.UnknownIdError: no entity with id 'cybercrim'; did you mean 'cybercrime'...?
        """
        found = self._index.get(id)
        if cls is None:
            if found is None:
                raise UnknownIdError(id, self._suggest(id))
            return found[1]
        if found is None or not isinstance(found[1], cls):
            kind = KINDS.get(cls, cls.__name__)
            raise UnknownIdError(id, self._suggest(id, self._kinds_of(cls)), what=kind)
        return found[1]

    @overload
    def find(self, text: str, *, kinds: Collection[str] = ()) -> Entity: ...

    @overload
    def find(self, text: str, cls: type[_E]) -> _E: ...

    def find(self, text: str, cls: type[Any] | None = None, *, kinds: Collection[str] = ()) -> Any:
        """Return the entity a person means by *text*: its id, or its name.

        An exact id wins; then an exact name, then a name equal but for case
        and spacing. Where entities of several kinds share the name, a theme is
        meant before a speerpunt, a body, a municipality, a partner and a role
        (:data:`ivb.model.PREFERRED_KINDS`).

        Parameters
        ----------
        text:
            An id or a name.
        cls:
            If given, only entities of this model class are looked at.
        kinds:
            If given, only entities of these kinds (``"theme"``, ``"body"``, ...).

        Returns
        -------
        Entity
            The model object.

        Raises
        ------
        AmbiguousNameError
            If the name belongs to several entities of the kind meant; the message
            lists them.
        UnknownIdError
            If no entity has the id or name; the message names ids and names that
            contain *text* or look like it.

        Examples
        --------
        >>> import ivb
        >>> policy = ivb.load()
        >>> policy.find("Ondermijning")
        <Theme ondermijning: 'Ondermijning'>
        >>> policy.find("maatschappelijke onrust")
        <Theme maatschappelijke-onrust: 'Maatschappelijke onrust'>
        >>> policy.find("Burgemeester")
        <Role burgemeester: 'Burgemeester'>
        >>> policy.find("politi")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ivb.UnknownIdError: no entity with id or name 'politi'; did you mean 'politie', ...?
        """
        if cls is not None:
            kinds = self._kinds_of(cls)
        found = find_id(text, self._entries(), kinds)
        if found is None:
            what = " or ".join(kinds) if kinds else "entity"
            raise UnknownIdError(text, self._suggest(text, kinds), what=what, by="id or name")
        return self._index[found][1]

    def _kinds_of(self, cls: type[Any]) -> tuple[str, ...]:
        return tuple(kind for c, kind in KINDS.items() if issubclass(c, cls))

    def _entries(self) -> Iterator[tuple[str, str, str]]:
        return ((i, kind, entity.name) for i, (kind, entity) in self._index.items())

    def _suggest(self, text: str, kinds: Collection[str] = ()) -> tuple[str, ...]:
        return suggestions(text, (e for e in self._entries() if not kinds or e[1] in kinds))

    @overload
    def resolve(self, ids: Iterable[str]) -> tuple[Entity, ...]: ...

    @overload
    def resolve(self, ids: Iterable[str], cls: type[_E]) -> tuple[_E, ...]: ...

    def resolve(self, ids: Iterable[str], cls: type[Any] | None = None) -> tuple[Any, ...]:
        """The entities these ids name, in the same order (e.g. a theme's ``leads``).

        With *cls*, each must be of that class (as in :meth:`get`).

        Examples
        --------
        >>> import ivb
        >>> from ivb.model import Municipality, Theme
        >>> policy = ivb.load()
        >>> theme = policy.get("cybercrime", Theme)
        >>> [m.cbs_code for m in policy.resolve(theme.municipalities, Municipality)]
        ['GM0303', 'GM0171', 'GM0184']
        """
        if cls is None:
            return tuple(self.get(i) for i in ids)
        return tuple(self.get(i, cls) for i in ids)

    def kind_of(self, id: str) -> str:
        """Return the kind of the entity with this id (``'theme'``, ``'partner'``, ...)."""
        try:
            return self._index[id][0]
        except KeyError:
            raise UnknownIdError(id, self._suggest(id)) from None

    def ids(self, kind: str | None = None) -> tuple[str, ...]:
        """All ids in file order, or those of one kind."""
        return tuple(i for i, (k, _) in self._index.items() if kind is None or k == kind)

    def __contains__(self, id: object) -> bool:
        return id in self._index

    def entities(self, kind: str | None = None) -> Iterator[Entity]:
        """Every entity in file order, or those of one kind."""
        for k, entity in self._index.values():
            if kind is None or k == kind:
                yield entity

    def municipality(self, id_or_code: str) -> Municipality:
        """Return a municipality by id or CBS code (``'urk'`` or ``'GM0184'``)."""
        for m in self.municipalities:
            if id_or_code in (m.id, m.cbs_code):
                return m
        pool = [m.id for m in self.municipalities] + [m.cbs_code for m in self.municipalities]
        raise UnknownIdError(id_or_code, close_matches(id_or_code, pool), what="municipality")

    def speerpunten_of(self, municipality: str) -> tuple[Speerpunt, ...]:
        """The speerpunten of one municipality (alone or with others), in order."""
        m = self.municipality(municipality)
        return tuple(s for s in self.speerpunten if m.id in s.municipalities)

    def tier_of(self, priority: Theme | Speerpunt | str) -> PriorityTier:
        """The tier (with its labels) of a theme or speerpunt, given as object or id.

        Examples
        --------
        >>> import ivb
        >>> ivb.load().tier_of("cybercrime").lead_label
        'thematrekker'
        """
        item = self.get(priority) if isinstance(priority, str) else priority
        if not isinstance(item, (Theme, Speerpunt)):
            raise UnknownIdError(str(priority), what="theme or speerpunt")
        return self.get(item.tier, PriorityTier)

    def leads_of(self, priority: Theme | Speerpunt | str) -> tuple[str, ...]:
        """The ids of the leads of a theme or speerpunt: none, one or several.

        An empty result means no lead: check ``no_lead`` to tell "the source says there is
        none" from "the source does not say".

        Examples
        --------
        >>> import ivb
        >>> ivb.load().leads_of("ondermijning")
        ('dronten',)
        """
        item = self.get(priority) if isinstance(priority, str) else priority
        if not isinstance(item, (Theme, Speerpunt)):
            raise UnknownIdError(str(priority), what="theme or speerpunt")
        return item.leads

    @property
    def actions(self) -> _Actions:
        """Every action: principles (listed, then others), then of themes, then speerpunten.

        A tuple, as :attr:`themes` is. (Calling it, ``policy.actions()``, still
        works but is deprecated.)

        Examples
        --------
        >>> import ivb
        >>> policy = ivb.load()
        >>> len(policy.actions) == sum(1 for _ in policy.entities("action"))
        True
        """
        out = [a for ps in self.principle_sets for a in ps.items]
        out.extend(self.principles)
        for theme in self.themes:
            out.extend(theme.actions)
        for speerpunt in self.speerpunten:
            out.extend(speerpunt.actions)
        return _Actions(out)


def _children(obj: object, path: str) -> Iterator[tuple[str, object]]:
    """Every attrs instance below *obj* (itself included) with its path."""
    yield path, obj
    cls = type(obj)
    if not attrs.has(cls):
        return
    for a in attrs.fields(cls):
        if not a.init:
            continue
        value = getattr(obj, a.name)
        sub = f"{path}.{a.name}" if path else a.name
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _children(item, f"{sub}[{i}]")
        elif attrs.has(type(value)):
            yield from _children(value, sub)


def _check_governance(policy: Policy, index: Mapping[str, tuple[str, Entity]]) -> list[Problem]:
    """Checks that span entities: leads, parents of priorities and tiers, areas."""
    problems: list[Problem] = []
    groups: tuple[tuple[str, tuple[Theme | Speerpunt, ...]], ...] = (
        ("themes", policy.themes),
        ("speerpunten", policy.speerpunten),
    )
    for attr, items in groups:
        for i, item in enumerate(items):
            path = f"{attr}[{i}]"
            for j, lead in enumerate(item.leads):
                found = index.get(lead)
                if found and found[0] == "municipality" and lead not in item.municipalities:
                    problems.append(
                        Problem(
                            f"{path}.leads[{j}]",
                            Message(
                                "expected a lead municipality among its municipalities ({value}), "
                                "got {lead!r}",
                                value=", ".join(item.municipalities) or Message("none"),
                                lead=lead,
                            ),
                        )
                    )
            if item.parent is None:
                continue
            if item.parent == item.id:
                problems.append(
                    Problem(
                        f"{path}.parent",
                        Message("expected another priority, got itself {id!r}", id=item.id),
                    )
                )
                continue
            parent = index.get(item.parent)
            own_tier = index.get(item.tier)
            if parent is None or own_tier is None or not isinstance(own_tier[1], PriorityTier):
                continue
            want = own_tier[1].parent
            got = getattr(parent[1], "tier", None)
            if want is not None and got != want:
                problems.append(
                    Problem(
                        f"{path}.parent",
                        Message(
                            "expected a priority of tier {expected!r} (the parent of tier "
                            "{tier!r}), got {parent!r} of tier {got!r}",
                            expected=want,
                            tier=item.tier,
                            parent=item.parent,
                            got=got,
                        ),
                    )
                )
    for i, role in enumerate(policy.roles):
        if role.office is None:
            continue
        found = index.get(role.office)
        if role.office == role.id:
            problems.append(
                Problem(
                    f"roles[{i}].office",
                    Message("expected another role, got itself {id!r}", id=role.id),
                )
            )
        elif found and isinstance(found[1], Role) and found[1].office is not None:
            problems.append(
                Problem(
                    f"roles[{i}].office",
                    Message(
                        "expected a shared office (a role without an office of its own), got "
                        "{office!r}, which holds office {held!r}",
                        office=role.office,
                        held=found[1].office,
                    ),
                )
            )
    for i, tier in enumerate(policy.tiers):
        seen = {tier.id}
        up = tier.parent
        while up is not None:
            if up in seen:
                problems.append(
                    Problem(
                        f"tiers[{i}].parent",
                        Message("tiers form a cycle through {tier!r}", tier=up),
                    )
                )
                break
            seen.add(up)
            found = index.get(up)
            up = found[1].parent if found and isinstance(found[1], PriorityTier) else None
    for i, area in enumerate(policy.areas):
        if area.parent is None:
            continue
        found = index.get(area.parent)
        if found and isinstance(found[1], Area) and found[1].municipality != area.municipality:
            problems.append(
                Problem(
                    f"areas[{i}].parent",
                    Message(
                        "expected an area of {municipality!r}, got {parent!r} of {other!r}",
                        municipality=area.municipality,
                        parent=area.parent,
                        other=found[1].municipality,
                    ),
                )
            )
    return problems


#: Citation fields that are not reference fields: field -> what its target must be.
_FLAG_FIELDS = ("adopts_policy", "controls_policy", "coordinates_policy")
#: Fields of the policy itself whose relations a citation may cite ('process.sessions', ...);
#: such a citation holds whatever the policy's id (a copy under another id keeps it).
_POLICY_FIELDS = ("principles", "principle_sets", "process")


def _of_policy(policy: Policy, citation: Citation, index: Mapping[str, object]) -> bool:
    """Whether *citation* cites a relation of the policy itself."""
    if citation.holder == policy.id:
        return True
    own = citation.field.partition(".")[0] in _POLICY_FIELDS
    return own and citation.holder not in index


def _cited_targets(
    policy: Policy, holder: object, field: str, target: str
) -> tuple[str, ...] | None:
    """The ids a citation of *field* on *holder* may point at; None if no such field."""
    if "." in field:
        # a field of a part of the holder ('process.participants', 'process.sessions')
        head, _, rest = field.partition(".")
        cls_: Any = type(holder)
        if not attrs.has(cls_) or head not in attrs.fields_dict(cls_):
            return None
        part = getattr(holder, head)
        return () if part is None else _cited_targets(policy, part, rest, target)
    if field in _FLAG_FIELDS:
        # the relation points at the policy, whatever its id (a copy under another id keeps it)
        return (target,) if getattr(holder, field, None) else ()
    if field == "authority":
        return tuple(a.over for a in getattr(holder, "authority", ()))
    cls: Any = type(holder)
    if not attrs.has(cls) or field not in attrs.fields_dict(cls):
        return None
    value = getattr(holder, field)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, tuple):
        return tuple(v if isinstance(v, str) else getattr(v, "id", "") for v in value)
    return ()


def _check_citations(policy: Policy, index: Mapping[str, tuple[str, Entity]]) -> list[Problem]:
    """Every citation names a holder, one of its reference fields, and ids in that field.

    A relation has at most one citation of its own; one citation of a whole field
    (no ``target`` or ``targets``) may stand beside them.
    """
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for i, citation in enumerate(policy.citations):
        path = f"citations[{i}]"
        ends = citation.ends
        twice = [end for end in ends or ("",) if (citation.holder, citation.field, end) in seen]
        if twice:
            first = seen[(citation.holder, citation.field, twice[0])]
            problems.append(
                Problem(
                    path,
                    Message(
                        "expected one citation per relation, got a second one for "
                        "{holder}.{field}{what} (first at citations[{first}])",
                        holder=citation.holder,
                        field=citation.field,
                        what=f" -> {twice[0]}" if twice[0] else Message(" (every id)"),
                        first=first,
                    ),
                )
            )
            continue
        for end in ends or ("",):
            seen[(citation.holder, citation.field, end)] = i
        if _of_policy(policy, citation, index):
            holder: object = policy
        else:
            found = index.get(citation.holder)
            if found is None:
                problems.append(
                    Problem(
                        f"{path}.holder",
                        _unknown(citation.holder, "entity", list(index)),
                    )
                )
                continue
            holder = found[1]
        target = citation.target if citation.target is not None else ""
        targets = _cited_targets(policy, holder, citation.field, target)
        if targets is None:
            problems.append(
                Problem(
                    f"{path}.field",
                    Message(
                        "expected a field of {holder!r} that holds ids, got {field!r}",
                        holder=citation.holder,
                        field=citation.field,
                    ),
                )
            )
            continue
        listed = ", ".join(targets) or Message("none")
        if not ends and not targets:
            problems.append(
                Problem(
                    f"{path}.field",
                    Message(
                        "expected {holder}.{field} to hold ids for a citation of the whole "
                        "field, got none",
                        holder=citation.holder,
                        field=citation.field,
                    ),
                )
            )
        for j, end in enumerate(ends):
            if end not in targets:
                where = f"{path}.target" if citation.target is not None else f"{path}.targets[{j}]"
                problems.append(
                    Problem(
                        where,
                        Message(
                            "expected one of the ids in {holder}.{field} ({value}), got {target!r}",
                            holder=citation.holder,
                            field=citation.field,
                            value=listed,
                            target=end,
                        ),
                    )
                )
    return problems


def _build_index(policy: Policy) -> tuple[dict[str, tuple[str, Entity]], list[Problem]]:
    index: dict[str, tuple[str, Entity]] = {}
    paths: dict[str, str] = {}
    problems: list[Problem] = []
    for path, obj in _children(policy, ""):
        kind = KINDS.get(type(obj))
        if kind is None:
            continue
        entity = cast(Entity, obj)
        ident = entity.id
        if ident in index:
            problems.append(
                Problem(
                    f"{path}.id",
                    Message(
                        "id {id!r} is used twice; first at {first}", id=ident, first=paths[ident]
                    ),
                )
            )
            continue
        index[ident] = (kind, entity)
        paths[ident] = f"{path}.id"
    if policy.id in index:
        problems.append(
            Problem(
                "id",
                Message(
                    "expected a policy id that no entity uses, got {id!r}, which is also the id "
                    "at {paths}",
                    id=policy.id,
                    paths=paths[policy.id],
                ),
            )
        )
    return index, problems


def _check_references(policy: Policy, index: Mapping[str, tuple[str, Entity]]) -> list[Problem]:
    problems: list[Problem] = []
    for path, obj in _children(policy, ""):
        cls = type(obj)
        if not attrs.has(cls):
            continue
        for a in attrs.fields(cls):
            kinds = field_refs(a)
            if not kinds or not a.init:
                continue
            value = getattr(obj, a.name)
            refs = value if isinstance(value, tuple) else (value,)
            sub = f"{path}.{a.name}" if path else a.name
            for i, ref in enumerate(refs):
                if ref is None:
                    continue
                where = f"{sub}[{i}]" if isinstance(value, tuple) else sub
                found = index.get(ref)
                if found is None:
                    pool = [i for i, (k, _) in index.items() if k in kinds]
                    problems.append(Problem(where, _unknown(ref, "/".join(kinds), pool)))
                elif found[0] not in kinds:
                    problems.append(
                        Problem(
                            where,
                            Message(
                                "expected the id of a {items}, got {ref!r}, which is a {found}",
                                items=join(kinds, Message(" or ")),
                                ref=ref,
                                found=found[0],
                            ),
                        )
                    )
    return problems


def _unknown(ref: str, kind: str, pool: object) -> str:
    suggestions = close_matches(ref, pool)  # type: ignore[arg-type]
    if kind == "entity":
        if suggestions:
            return Message(
                "expected the id of an entity, got unknown id {ref!r}; did you mean {suggestions}?",
                ref=ref,
                suggestions=", ".join(repr(s) for s in suggestions),
            )
        return Message("expected the id of an entity, got unknown id {ref!r}", ref=ref)
    if suggestions:
        return Message(
            "expected the id of a {kind}, got unknown id {ref!r}; did you mean {suggestions}?",
            kind=kind,
            ref=ref,
            suggestions=", ".join(repr(s) for s in suggestions),
        )
    return Message("expected the id of a {kind}, got unknown id {ref!r}", kind=kind, ref=ref)
