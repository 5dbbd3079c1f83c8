"""The Policy: the whole of an integral safety policy, with its references checked."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar, overload

import attrs

from ivb._errors import (
    DUPLICATE_MARK,
    Problem,
    UnknownIdError,
    close_matches,
    validation_error,
)
from ivb.model._base import (
    DOC,
    check_year,
    field_refs,
    id_field,
    name_field,
    text_field,
    tuple_field,
)
from ivb.model._entities import (
    Action,
    Agenda,
    AgendaTheme,
    ConsultationBody,
    Document,
    Figure,
    Instrument,
    Milestone,
    Municipality,
    Partner,
    PriorityLevel,
    Process,
    Reference,
    RegionGroup,
    Role,
    Speerpunt,
    Statement,
    Table,
    Target,
    Term,
    Themasessie,
    Theme,
    Trend,
)

__all__ = ["KINDS", "Entity", "Policy"]

_E = TypeVar("_E")

#: Any entity of a policy: the union of the model classes that have an id
#: (a :class:`Policy` indexes them; :meth:`Policy.get` returns one).
Entity = (
    Action
    | Agenda
    | AgendaTheme
    | ConsultationBody
    | Document
    | Figure
    | Instrument
    | Milestone
    | Municipality
    | Partner
    | Reference
    | RegionGroup
    | Role
    | Speerpunt
    | Statement
    | Table
    | Target
    | Term
    | Theme
    | Themasessie
    | Trend
)

#: The kind name of each entity class, as used in reference checks and graph nodes.
KINDS: Mapping[type, str] = MappingProxyType(
    {
        Action: "action",
        Agenda: "agenda",
        AgendaTheme: "agenda-theme",
        ConsultationBody: "body",
        Document: "document",
        Figure: "figure",
        Instrument: "instrument",
        Milestone: "milestone",
        Municipality: "municipality",
        Partner: "partner",
        Reference: "reference",
        RegionGroup: "region",
        Role: "role",
        Speerpunt: "speerpunt",
        Statement: "statement",
        Table: "table",
        Target: "target",
        Term: "term",
        Theme: "theme",
        Themasessie: "themasessie",
        Trend: "trend",
    }
)

#: Regions outside the policy that figures may be about.
EXTERNAL_REGIONS = frozenset({"nederland", "midden-nederland", "flevoland"})


def _period(_inst: object, attribute: attrs.Attribute[Any], value: tuple[int, int]) -> None:
    if len(value) != 2 or not all(isinstance(v, int) for v in value) or value[0] > value[1]:
        raise ValueError(f"period: expected [first year, last year], got {list(value)!r}")
    for i, year in enumerate(value):
        check_year(year, f"period[{i}]")


@attrs.frozen(kw_only=True)
class Policy:
    """An integral safety policy of one municipality or a group of them.

    A Policy is immutable. Constructing one checks that every id is unique and
    that every reference names an entity of the right kind; a Policy that
    exists is therefore whole. Use :func:`attrs.evolve` to derive a changed one.

    Examples
    --------
    >>> import ivb
    >>> policy = ivb.load()
    >>> policy.get("ondermijning").owner
    'dronten'
    >>> [m.cbs_code for m in policy.municipalities]
    ['GM0303', 'GM0171', 'GM0184']
    """

    schema_version: int = attrs.field(metadata={DOC: "Version of the file format; 1."})
    id: str = id_field()
    title: str = name_field("Title of the policy.")
    period: tuple[int, int] = attrs.field(
        converter=tuple, validator=_period, metadata={DOC: "First and last year it covers."}
    )
    summary: str = text_field("What the policy is, in a few sentences.")
    documents: tuple[Document, ...] = tuple_field("Source documents the policy is encoded from.")
    municipalities: tuple[Municipality, ...] = tuple_field("Municipalities of the policy.")
    regions: tuple[RegionGroup, ...] = tuple_field("Groups of municipalities used in statistics.")
    roles: tuple[Role, ...] = tuple_field("Public roles and their duties.")
    partners: tuple[Partner, ...] = tuple_field("Partner organisations.")
    bodies: tuple[ConsultationBody, ...] = tuple_field("Consultation bodies (overlegstructuren).")
    agendas: tuple[Agenda, ...] = tuple_field("Agendas, strategies and programmes of all levels.")
    priority_levels: tuple[PriorityLevel, ...] = tuple_field("The priority levels.")
    instruments: tuple[Instrument, ...] = tuple_field("Named methods, programmes and tools.")
    process: Process | None = attrs.field(default=None, metadata={DOC: "How the policy was made."})
    trends: tuple[Trend, ...] = tuple_field("Cross-cutting and themasessie trends.")
    principles: tuple[Action, ...] = tuple_field("Principles (uitgangspunten) of cooperation.")
    themes: tuple[Theme, ...] = tuple_field("Joint priorities with their thematrekker.")
    speerpunten: tuple[Speerpunt, ...] = tuple_field("Local priorities of each municipality.")
    tables: tuple[Table, ...] = tuple_field("Statistics tables printed in the source.")
    figures: tuple[Figure, ...] = tuple_field("Numbers stated in the running text.")
    targets: tuple[Target, ...] = tuple_field("Targets with baselines.")
    references: tuple[Reference, ...] = tuple_field("Publications the source cites.")
    terms: tuple[Term, ...] = tuple_field("Terms the source defines.")
    statements: tuple[Statement, ...] = tuple_field("Other facts: funding, evaluation, ...")

    _index: Mapping[str, tuple[str, Entity]] = attrs.field(
        init=False, repr=False, eq=False, alias="_index"
    )

    def __attrs_post_init__(self) -> None:
        index, problems = _build_index(self)
        problems.extend(_check_references(self, index))
        if problems:
            raise validation_error(problems)
        object.__setattr__(self, "_index", MappingProxyType(index))

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
        >>> from ivb.model import Theme
        >>> policy = ivb.load()
        >>> policy.get("cybercrime").name
        'Cybercrime en digitale veiligheid'
        >>> policy.get("cybercrime", Theme).owner
        'noordoostpolder'
        >>> policy.get("cybercrim")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ivb.UnknownIdError: no entity with id 'cybercrim'; did you mean 'cybercrime', ...?
        """
        found = self._index.get(id)
        if cls is None:
            if found is None:
                raise UnknownIdError(id, close_matches(id, self._index))
            return found[1]
        if found is None or not isinstance(found[1], cls):
            kind = KINDS.get(cls, cls.__name__)
            pool = [i for i, (_, e) in self._index.items() if isinstance(e, cls)]
            raise UnknownIdError(id, close_matches(id, pool), what=kind)
        return found[1]

    def resolve(self, ids: Iterable[str]) -> tuple[Entity, ...]:
        """The entities these ids name, in the same order (e.g. a theme's ``coordinators``).

        Examples
        --------
        >>> import ivb
        >>> policy = ivb.load()
        >>> [m.cbs_code for m in policy.resolve(policy.get("cybercrime").municipalities)]
        ['GM0303', 'GM0171', 'GM0184']
        """
        return tuple(self.get(i) for i in ids)

    def kind_of(self, id: str) -> str:
        """Return the kind of the entity with this id (``'theme'``, ``'partner'``, ...)."""
        try:
            return self._index[id][0]
        except KeyError:
            raise UnknownIdError(id, close_matches(id, self._index)) from None

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
        """The speerpunten of one municipality, in order."""
        m = self.municipality(municipality)
        return tuple(s for s in self.speerpunten if s.municipality == m.id)

    def actions(self) -> tuple[Action, ...]:
        """Every action: principles, then those of the themes, then of the speerpunten."""
        out = list(self.principles)
        for theme in self.themes:
            out.extend(theme.actions)
        for speerpunt in self.speerpunten:
            out.extend(speerpunt.actions)
        return tuple(out)


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


def _build_index(policy: Policy) -> tuple[dict[str, tuple[str, Entity]], list[Problem]]:
    index: dict[str, tuple[str, Entity]] = {}
    paths: dict[str, str] = {}
    problems: list[Problem] = []
    for path, obj in _children(policy, ""):
        kind = KINDS.get(type(obj))
        if kind is None:
            continue
        entity: Entity = obj  # type: ignore[assignment]
        ident = entity.id
        if ident in index:
            problems.append(
                Problem(f"{path}.id", f"id {ident!r} {DUPLICATE_MARK}; first at {paths[ident]}")
            )
            continue
        index[ident] = (kind, entity)
        paths[ident] = f"{path}.id"
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
                            f"expected the id of a {' or '.join(kinds)}, "
                            f"got {ref!r}, which is a {found[0]}",
                        )
                    )
        if isinstance(obj, Figure):
            region_ids = {
                i for i, (k, _) in index.items() if k in ("municipality", "region")
            } | EXTERNAL_REGIONS
            if obj.region not in region_ids:
                problems.append(
                    Problem(f"{path}.region", _unknown(obj.region, "region", region_ids))
                )
    return problems


def _unknown(ref: str, kind: str, pool: object) -> str:
    suggestions = close_matches(ref, pool)  # type: ignore[arg-type]
    hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
    return f"expected the id of a {kind}, got unknown id {ref!r}{hint}"
