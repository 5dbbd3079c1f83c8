"""Building the governance graph of a policy."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import (
    Callable,
    Collection,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from typing import TYPE_CHECKING, Any

import attrs

from ivb.governance._errors import GraphError
from ivb.governance._relations import (
    ABOUT,
    ACTOR_KINDS,
    ADDRESSES,
    ADOPTS,
    AGREED,
    ALIGNS_WITH,
    APPLIES,
    BELONGS_TO,
    BUILDS_ON,
    CARRIED_OUT_BY,
    COMMITTED_TO,
    CONCERNS,
    CONTROLS,
    COORDINATES,
    COUNTS_FOR,
    DESCRIBES,
    DREW_UP,
    EDGE_BASIS,
    EDGE_FIELD,
    EDGE_MODALITY,
    EDGE_QUOTE,
    EDGE_REASON,
    EDGE_RELATION,
    EDGE_SCOPE,
    EDGE_SOURCE_REF,
    EDGE_STATUS,
    EDGE_TIMING,
    ESCALATES_TO,
    FOLLOWS,
    HAS_AUTHORITY_OVER,
    HAS_MILESTONE,
    HAS_PRINCIPLE_SET,
    HAS_SUBTARGET,
    HAS_THEME,
    HELD,
    HOLDS_OFFICE,
    IN_TIER,
    INCLUDES,
    INFORMS,
    INVOLVES,
    LEADS,
    LIES_IN,
    MEASURES,
    MEMBER_OF,
    OWNS,
    POLICY_KIND,
    PREPARES,
    PRIORITISES,
    PURSUES,
    RAISED_IN,
    RUNS,
    SERVES,
    SETS,
    SHARES,
    THROUGH_BODY,
    TOOK_PART,
    USES,
    WITHIN,
    WORKS_WITH,
)
from ivb.model import (
    KINDS,
    Action,
    Agenda,
    Area,
    Citation,
    ConsultationBody,
    Document,
    Figure,
    Indicator,
    IndicatorSubject,
    Instrument,
    Milestone,
    Partner,
    Policy,
    PrincipleSet,
    PriorityTier,
    Reference,
    RegionGroup,
    Role,
    Session,
    SourceRef,
    Speerpunt,
    Statement,
    Table,
    Target,
    Term,
    Theme,
    Trend,
    TrendClaim,
)

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = [
    "GOVERNANCE_RELATIONS",
    "PolicyInfo",
    "build_graph",
    "citation_index",
    "cited",
    "derive_edges",
    "entity_nodes",
    "governance_view",
    "graph_parts",
    "induced",
    "kind_classes",
    "label_of",
]


def _pair(value: Iterable[int]) -> tuple[int, int]:
    first, last = value
    return (first, last)


@attrs.frozen(kw_only=True)
class PolicyInfo:
    """The policy as a node of its graph: its id, title, period and summary.

    The node of kind ``'policy'`` holds this (not the whole :class:`~ivb.model.Policy`),
    so that the graph stays small and every export can carry it.

    Examples
    --------
    >>> PolicyInfo(id="p", title="IVB", period=[2024, 2027], summary="Een beleid.").period
    (2024, 2027)
    """

    id: str
    title: str
    period: tuple[int, int] = attrs.field(converter=_pair)
    summary: str = ""

    @classmethod
    def of(cls, policy: Policy) -> PolicyInfo:
        """The node data of *policy*."""
        return cls(id=policy.id, title=policy.title, period=policy.period, summary=policy.summary)


def kind_classes() -> dict[str, type]:
    """Every node kind with the model class its ``obj`` has."""
    out: dict[str, type] = {kind: cls for cls, kind in KINDS.items()}
    out[POLICY_KIND] = PolicyInfo
    return out


_LABEL_FIELDS = ("name", "title", "term", "label", "topic", "caption", "text", "description")
#: The label fields each class has, in the order of :data:`_LABEL_FIELDS` (filled on use).
_LABELS: dict[type, tuple[str, ...]] = {}


def label_of(obj: object) -> str:
    """The human name of a model object: its name, title, term, label or text.

    Examples
    --------
    >>> import ivb
    >>> label_of(ivb.load().municipalities[0])
    'Dronten'
    """
    cls = type(obj)
    names = _LABELS.get(cls)
    if names is None:
        names = _LABELS[cls] = tuple(n for n in _LABEL_FIELDS if hasattr(cls, n))
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value:
            return value
    return str(getattr(obj, "id", obj))


def entity_nodes(policy: Policy) -> list[tuple[str, str, Any]]:
    """The nodes of *policy*: ``(id, kind, obj)``, the policy first, then file order."""
    nodes: list[tuple[str, str, Any]] = [(policy.id, POLICY_KIND, PolicyInfo.of(policy))]
    if policy.id in policy:
        raise GraphError(
            f"policy id {policy.id!r} is also the id of a {policy.kind_of(policy.id)}; "
            "expected the policy id to differ from every entity id"
        )
    for entity in policy.entities():
        nodes.append((entity.id, KINDS[type(entity)], entity))
    return nodes


#: Reference fields that become edges: class -> (field, relation, reversed).
#: ``reversed`` edges point from the referenced entity to the one holding the field.
_FIELDS: Mapping[type, tuple[tuple[str, str, bool], ...]] = {
    RegionGroup: (("members", INCLUDES, False),),
    Role: (
        ("municipalities", BELONGS_TO, False),
        ("organisation", BELONGS_TO, False),
        ("office", HOLDS_OFFICE, False),
        ("informs", INFORMS, False),
    ),
    ConsultationBody: (
        ("municipalities", SERVES, False),
        ("members", MEMBER_OF, True),
        ("prepares", PREPARES, False),
        ("informs", INFORMS, False),
        ("coordinators", COORDINATES, True),
        ("escalates_to", ESCALATES_TO, False),
    ),
    Agenda: (
        ("made_by", AGREED, True),
        ("drawn_up_by", DREW_UP, True),
        ("committed_by", COMMITTED_TO, True),
        ("builds_on", BUILDS_ON, False),
        ("themes", HAS_THEME, False),
    ),
    Instrument: (
        ("municipalities", USES, True),
        ("owners", RUNS, True),
        ("leads", LEADS, True),
    ),
    Trend: (("session", RAISED_IN, False),),
    Action: (
        ("actors", CARRIED_OUT_BY, False),
        ("partners", WORKS_WITH, False),
        ("instruments", APPLIES, False),
        ("bodies", THROUGH_BODY, False),
        ("areas", CONCERNS, False),
    ),
    Theme: (
        ("tier", IN_TIER, False),
        ("leads", OWNS, True),
        ("municipalities", SHARES, True),
        ("coordinators", COORDINATES, True),
        ("parent", WITHIN, False),
        ("trends", ADDRESSES, False),
        ("aligns_with", ALIGNS_WITH, False),
        ("programmes", FOLLOWS, False),
        ("areas", CONCERNS, False),
        ("actions", PURSUES, False),
    ),
    Speerpunt: (
        ("tier", IN_TIER, False),
        ("municipalities", PRIORITISES, True),
        ("leads", OWNS, True),
        ("coordinators", COORDINATES, True),
        ("parent", WITHIN, False),
        ("trends", ADDRESSES, False),
        ("areas", CONCERNS, False),
        ("actions", PURSUES, False),
    ),
    PrincipleSet: (("items", PURSUES, False),),
    Session: (("participants", TOOK_PART, True),),
    Area: (("municipality", LIES_IN, False), ("parent", LIES_IN, False)),
    PriorityTier: (("parent", WITHIN, False),),
    Target: (
        ("municipalities", SETS, True),
        ("region", CONCERNS, False),
        ("priority", MEASURES, False),
        ("indicators", ABOUT, False),
        ("areas", CONCERNS, False),
        ("subtargets", HAS_SUBTARGET, False),
    ),
    Milestone: (("bodies", INVOLVES, False),),
    Statement: (("municipalities", CONCERNS, False),),
    Table: (("indicator", ABOUT, False), ("areas", DESCRIBES, False)),
    Figure: (
        ("indicator", ABOUT, False),
        ("region", DESCRIBES, False),
        ("areas", DESCRIBES, False),
    ),
    TrendClaim: (("table", ABOUT, False), ("region", DESCRIBES, False)),
    Partner: (),
    Document: (),
    Reference: (),
    Term: (),
}

#: Relations among actors: the part of the graph that :func:`governance_view` keeps.
GOVERNANCE_RELATIONS = frozenset(
    {
        MEMBER_OF,
        PREPARES,
        INFORMS,
        COORDINATES,
        ESCALATES_TO,
        HAS_AUTHORITY_OVER,
        ADOPTS,
        CONTROLS,
        BELONGS_TO,
        SERVES,
        OWNS,
        SHARES,
        LEADS,
        HOLDS_OFFICE,
    }
)

#: One edge before it enters a graph: source, target, relation, field, attributes.
RawEdge = tuple[str, str, str, str, dict[str, Any]]


#: Citations of a policy by ``(holder, field, target)``.
Citations = Mapping[tuple[str, str, str], Citation]

_INSTRUMENT_RELATIONS = frozenset({USES, RUNS, LEADS, APPLIES})
_NOT_YET = frozenset({"planned", "to-be-explored"})


#: Fields whose relation points at the policy node, whatever the policy's id.
_POLICY_FLAGS = ("adopts_policy", "controls_policy", "coordinates_policy")
#: Fields of the policy itself: their citations hold whatever the policy's id.
_POLICY_FIELDS = ("principles", "principle_sets", "process")


def citation_index(citations: Iterable[Citation]) -> dict[tuple[str, str, str], Citation]:
    """The *citations* of a policy keyed by ``(holder, field, target)``, one key per target.

    A citation of a relation to the policy (``adopts_policy``, ...) and one of
    every id in a field (no ``target`` or ``targets``) are keyed by
    ``(holder, field, '')``; :func:`cited` looks them up after the target's own.
    A citation of a field of the policy itself (``principles``, ``process.sessions``,
    ...) is keyed by ``('', field, target)``: it holds whatever the policy's id.
    """
    out: dict[tuple[str, str, str], Citation] = {}
    for c in citations:
        ends = () if c.field in _POLICY_FLAGS else c.ends
        holder = "" if c.field.partition(".")[0] in _POLICY_FIELDS else c.holder
        for end in ends or ("",):
            out[(holder, c.field, end)] = c
    return out


def cited(citations: Citations, holder: str, field: str, target: str) -> Citation | None:
    """The citation of the relation *holder*.*field* -> *target*: its own, else the field's.

    For a field of the policy itself, give the policy's id or '' as *holder*.
    """
    if field.partition(".")[0] in _POLICY_FIELDS:
        holder = ""
    found = citations.get((holder, field, target))
    if found is None:
        found = citations.get((holder, field, ""))
    return found


def edge_data(
    relation: str,
    field: str,
    source: SourceRef | None,
    citation: Citation | None = None,
    target: Any = None,
    holder: Any = None,
) -> dict[str, Any]:
    """The attributes of one edge: relation, field, and the source, basis and modality it has.

    The source is the *citation*'s where there is one, else the holder's
    *source*. ``basis`` (and ``quote``, ``reason``) come from that source;
    ``modality`` from the citation, or ``'planned'`` for an edge to or from a
    planned body or an instrument still to come; ``status`` and ``timing``
    from an instrument (*target* or *holder*).
    """
    ref = citation.source if citation is not None else source
    data: dict[str, Any] = {EDGE_RELATION: relation, EDGE_FIELD: field}
    if ref is not None:
        data[EDGE_SOURCE_REF] = ref
        data[EDGE_BASIS] = ref.basis.value
        if ref.quote:
            data[EDGE_QUOTE] = ref.quote
    modality = None
    if citation is not None:
        if citation.modality is not None:
            modality = citation.modality.value
        if citation.reason:
            data[EDGE_REASON] = citation.reason
    for end in (target, holder):
        if isinstance(end, Instrument) and relation in _INSTRUMENT_RELATIONS:
            if end.status is not None:
                data[EDGE_STATUS] = end.status.value
                if modality is None and end.status.value in _NOT_YET:
                    modality = "planned"
            if end.timing:
                data[EDGE_TIMING] = end.timing
        elif isinstance(end, ConsultationBody) and end.planned:
            data[EDGE_STATUS] = "planned"
            modality = modality or "planned"
    if modality is not None:
        data[EDGE_MODALITY] = modality
    return data


def _entity_edges(
    ident: str,
    obj: Any,
    present: Mapping[str, Any],
    policy_id: str | None,
    add: Callable[[str, str, str, dict[str, Any]], None],
    participants: Collection[str] = (),
    citations: Citations | None = None,
    sessions: Sequence[str] = (),
) -> None:
    """Call *add* with every edge ``(u, v, relation, attributes)`` that *obj* states.

    An edge cites its own passage where *citations* has one for it. Participants
    of the policy's process took part in each of its *sessions* (in the policy,
    when none of them is in *present*).
    """
    source: SourceRef | None = getattr(obj, "source", None)
    index = citations or {}
    if ident in participants and policy_id is not None:
        targets = [s for s in sessions if s in present]
        if not targets and policy_id in present:
            targets = [policy_id]
        citation = cited(index, policy_id, "process.participants", ident)
        for session in targets:
            data = edge_data(TOOK_PART, "process.participants", source, citation)
            add(ident, session, TOOK_PART, data)
    place = _place_relation(obj, present) if isinstance(obj, (Table, Figure, TrendClaim)) else None
    for field, relation, reverse in _FIELDS.get(type(obj), ()):
        value = getattr(obj, field)
        if value is None:
            continue
        if relation == DESCRIBES and place is not None:
            relation = place
        if isinstance(value, str):
            items: tuple[Any, ...] = (value,)
        elif isinstance(value, tuple):
            items = value
        else:  # pragma: no cover - the model holds ids as text or tuples
            raise TypeError(f"expected ids, got {type(value).__name__}")
        for item in items:
            other = item if isinstance(item, str) else item.id
            if other not in present or (
                # one relation per pair: who runs it does not also use it; who carries an
                # action out does not also work with it
                (relation == USES and other in obj.owners)
                or (relation == WORKS_WITH and other in obj.actors)
            ):
                continue
            data = edge_data(
                relation,
                field,
                source,
                cited(index, ident, field, other),
                _obj(present, other),
                obj,
            )
            if reverse:
                add(other, ident, relation, data)
            else:
                add(ident, other, relation, data)
    if isinstance(obj, Role):
        for authority in obj.authority:
            if authority.over in present:
                data = edge_data(
                    HAS_AUTHORITY_OVER,
                    "authority",
                    authority.source,
                    cited(index, ident, "authority", authority.over),
                )
                data[EDGE_SCOPE] = authority.scope
                data["legal_basis"] = authority.legal_basis
                add(ident, authority.over, HAS_AUTHORITY_OVER, data)
        if policy_id is not None and policy_id in present:
            for flag, relation in (
                ("adopts_policy", ADOPTS),
                ("controls_policy", CONTROLS),
                ("coordinates_policy", COORDINATES),
            ):
                value = getattr(obj, flag)
                if not value:
                    continue
                data = edge_data(relation, flag, source, cited(index, ident, flag, ""))
                if isinstance(value, str):
                    data[EDGE_SCOPE] = value
                add(ident, policy_id, relation, data)
    elif isinstance(obj, Table):
        seen: set[str] = set()
        for field in ("rows", "stated_totals"):
            for row in getattr(obj, field):
                if row.region in present and row.region not in seen:
                    seen.add(row.region)
                    relation = place or DESCRIBES
                    add(ident, row.region, relation, edge_data(relation, field, source))


def _place_relation(obj: Table | Figure | TrendClaim, present: Mapping[str, Any]) -> str:
    """How the numbers of *obj* bear on their place: ``describes`` or ``counts-for``.

    ``counts-for`` where the indicator (of the claim's table, for a trend claim) has
    subject ``'process'``; ``describes`` otherwise, also where the indicator is not
    among *present*.
    """
    indicator: Any = None
    if isinstance(obj, TrendClaim):
        table = _obj(present, obj.table)
        if isinstance(table, Table):
            indicator = _obj(present, table.indicator)
    else:
        indicator = _obj(present, obj.indicator)
    if isinstance(indicator, Indicator) and indicator.subject is IndicatorSubject.PROCESS:
        return COUNTS_FOR
    return DESCRIBES


def _obj(present: Mapping[str, Any], ident: str) -> Any:
    """The model object of *ident* in *present*, or None where *present* holds no objects."""
    getter = getattr(present, "get", None)
    return getter(ident) if callable(getter) else None


#: An edge of the graph: source, target, key, attributes.
KeyedEdge = tuple[str, str, str, dict[str, Any]]


def _keyer(
    groups: Mapping[str, list[KeyedEdge]],
) -> Callable[[str, str, str, dict[str, Any]], None]:
    """A function that keys an edge and appends it to the group of its source node.

    The key is the relation, with ``-2``, ``-3`` ... for a repeated one
    between the same two nodes (counted in the order the edges come).
    """
    counts: dict[tuple[str, str, str], int] = {}

    def add(u: str, v: str, relation: str, data: dict[str, Any]) -> None:
        triple = (u, v, relation)
        n = counts.get(triple)
        if n is None:
            counts[triple] = 1
            groups[u].append((u, v, relation, data))
        else:
            counts[triple] = n + 1
            groups[u].append((u, v, f"{relation}-{n + 1}", data))

    return add


def derive_edges(
    nodes: Sequence[tuple[str, str, Any]],
    policy_id: str | None = None,
    participants: Collection[str] = (),
    citations: Iterable[Citation] = (),
    sessions: Sequence[str] = (),
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The edges that the model objects of *nodes* state, keyed and ordered.

    Every edge is ``(source, target, key, attributes)``; the attributes are
    ``relation``, ``field`` (the model field it comes from, e.g. ``'members'``,
    ``'authority'`` or ``'adopts_policy'``), ``source_ref`` (the edge's own
    citation among *citations*, else the source of the entity holding it),
    ``basis`` and, where they apply, ``quote``, ``modality``, ``status``,
    ``timing``, ``reason`` and, for authority, ``scope`` and ``legal_basis``
    (see the ``EDGE_*`` constants). Participants took part in each of *sessions*.
    Edges are grouped by source node in node order, so that any graph built by
    adding them in this order has the same
    adjacency order as one read back from an export. Edges to ids outside
    *nodes* are left out, and so are the edges to the policy node (``adopts``,
    ``controls``, and ``took-part`` for the ids in *participants*, the
    participants of the policy's process) unless *policy_id* is given and
    among *nodes*. Every attribute mapping is a new dict.
    """
    present = {ident: obj for ident, _, obj in nodes}
    groups: dict[str, list[KeyedEdge]] = {ident: [] for ident in present}
    add = _keyer(groups)
    participant_set = frozenset(participants)
    index = citation_index(citations)
    for ident, _, obj in nodes:
        _entity_edges(ident, obj, present, policy_id, add, participant_set, index, sessions)
    return [edge for group in groups.values() for edge in group]


def _policy_edges(policy: Policy) -> Iterator[RawEdge]:
    for principle_set in policy.principle_sets:
        yield (
            policy.id,
            principle_set.id,
            HAS_PRINCIPLE_SET,
            "principle_sets",
            {"source_ref": principle_set.source},
        )
    for action in policy.principles:
        yield policy.id, action.id, PURSUES, "principles", {"source_ref": action.source}
    if policy.process is not None:
        base = {"source_ref": policy.process.source}
        for session in policy.process.sessions:
            yield policy.id, session.id, HELD, "process.sessions", dict(base)
        for milestone in policy.process.milestones:
            yield policy.id, milestone.id, HAS_MILESTONE, "process.milestones", dict(base)


def _graph_attrs(policy: Policy) -> dict[str, Any]:
    return {"policy": policy.id, "title": policy.title}


def assemble(
    nodes: Iterable[tuple[str, Mapping[str, Any]]],
    edges: Iterable[tuple[str, str, Hashable, Mapping[str, Any]]],
    graph: Mapping[str, Any],
    *,
    owned: bool = False,
) -> GovernanceGraph:
    """A fresh graph of *nodes* and *edges* ``(u, v, key, attributes)`` and graph attributes.

    Every attribute mapping is copied, except with *owned*: then each edge's
    attributes are a new dict of its own (no other edge's, no caller's), which
    the graph keeps as it is. The nodes and edges keep the given order.
    """
    return _assemble(nodes, edges, graph, copy=not owned)


def _assemble(
    nodes: Iterable[tuple[str, Mapping[str, Any]]],
    edges: Iterable[tuple[str, str, Hashable, Mapping[str, Any]]],
    graph: Mapping[str, Any],
    *,
    copy: bool,
    unique: bool = False,
) -> GovernanceGraph:
    """:func:`assemble`; with ``copy=False`` edge dicts go in as they are, and with
    ``unique`` too (the edges of :func:`graph_parts`) without checks.

    Fills the adjacency of a new :class:`networkx.MultiDiGraph` in bulk, as
    ``add_nodes_from`` and ``add_edges_from`` would, without their per-edge
    lookups: the result is the same graph, in the same order.
    """
    import networkx as nx

    G: GovernanceGraph = nx.MultiDiGraph(**graph)
    inner: Any = G  # the adjacency dicts of networkx's graph classes
    node: dict[Hashable, dict[str, Any]] = inner._node
    succ: dict[Hashable, dict[Hashable, dict[Hashable, dict[str, Any]]]] = inner._succ
    pred: dict[Hashable, dict[Hashable, dict[Hashable, dict[str, Any]]]] = inner._pred

    def add(n: Hashable) -> None:
        if n is None:
            raise ValueError("None cannot be a node")
        node[n] = {}
        succ[n] = {}
        pred[n] = {}

    for n, data in nodes:
        if n not in node:
            add(n)
        node[n].update(data)
    if unique:
        # edges from derive_edges: new dicts, keys unique, nodes present
        fresh: Iterable[tuple[str, str, Hashable, Any]] = edges
        for u, v, k, data in fresh:
            around = succ[u]
            keyed = around.get(v)
            if keyed is None:
                around[v] = keyed = {k: data}
                pred[v][u] = keyed
            else:
                keyed[k] = data
        edges = ()
    for u, v, k, data in edges:
        if k is None:  # pragma: no cover - every edge of ivb has a key
            G.add_edge(u, v)
            continue
        if u not in node:
            add(u)
        if v not in node:
            add(v)
        around = succ[u]
        keyed = around.get(v)
        if keyed is None:
            keyed = around[v] = {}
            pred[v][u] = keyed
        old = keyed.get(k)
        if old is not None:
            old.update(data)
        elif copy or type(data) is not dict:
            keyed[k] = dict(data)
        else:
            keyed[k] = data
    clear = getattr(nx, "_clear_cache", None)
    if clear is not None:
        clear(G)
    return G


def build_graph(policy: Policy) -> GovernanceGraph:
    """The governance graph of *policy*: who owns, prepares and has authority over what.

    Every entity is a node, keyed by its id, with the attributes ``kind``
    (``'theme'``, ``'body'``, ...; see :data:`ivb.model.KINDS`), ``name`` and
    ``obj`` (the frozen model object). One more node, of kind ``'policy'``,
    stands for the policy itself and holds a :class:`PolicyInfo`. Every
    relation is an edge with the attributes ``relation`` (one of
    :data:`~ivb.governance.RELATIONS`), ``field`` (the model field it comes
    from, e.g. ``'members'`` or ``'adopts_policy'``) and ``source_ref`` (the
    :class:`~ivb.model.SourceRef` of the statement); authority edges add
    ``scope`` and ``legal_basis``. Edge keys are the relation, with ``-2``,
    ``-3`` ... for a repeated one between the same two nodes.

    Each call builds a new graph; changing it cannot change the policy.

    Parameters
    ----------
    policy:
        The policy, e.g. ``ivb.load()``.

    Returns
    -------
    GovernanceGraph
        A :class:`networkx.MultiDiGraph` keyed by id. Nodes in file order (the
        policy first); graph attributes ``policy`` (the policy id) and ``title``.

    Raises
    ------
    GraphError
        If the policy id is also the id of an entity.

    Examples
    --------
    >>> import ivb
    >>> G = build_graph(ivb.load())
    >>> G.nodes["ondermijning"]["kind"]
    'theme'
    >>> [v for _, v, r in G.out_edges("dronten", data="relation") if r == "owns"]
    ['ondermijning']
    """
    with _no_gc():
        nodes, edges = graph_parts(policy)
        return _assemble(
            [
                (ident, {"kind": kind, "name": label_of(obj), "obj": obj})
                for ident, kind, obj in nodes
            ],
            edges,
            _graph_attrs(policy),
            copy=False,
            unique=True,
        )


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building (it only makes new objects).

    A build makes tens of thousands of dicts and tuples and no garbage cycles;
    each collection it would set off walks every object of the program.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def graph_parts(
    policy: Policy,
) -> tuple[list[tuple[str, str, Any]], list[tuple[str, str, str, dict[str, Any]]]]:
    """The nodes ``(id, kind, obj)`` and keyed edges of :func:`build_graph`, without networkx."""
    nodes = entity_nodes(policy)
    process = policy.process
    participants = process.participants if process is not None else ()
    participation = process.participation if process is not None else None
    sessions = () if participation is None else (participation,)
    edges = derive_edges(nodes, policy.id, participants, policy.citations, sessions)
    groups: dict[str, list[KeyedEdge]] = {policy.id: []}
    add = _keyer(groups)
    index = citation_index(policy.citations)
    for u, v, relation, field, attrs_ in _policy_edges(policy):
        ref = attrs_.get(EDGE_SOURCE_REF)
        add(u, v, relation, edge_data(relation, field, ref, cited(index, u, field, v)))
    if groups[policy.id]:
        # the policy node is first, so its edges come first
        edges = groups[policy.id] + edges
    return nodes, edges


def governance_view(G: GovernanceGraph) -> GovernanceGraph:
    """The actors of *G*, the policy, the joint themes, and the governance relations among them.

    Keeps the municipalities, roles, partners and bodies, the policy node
    (what the councils adopt and control, what is coordinated as a whole),
    the themes (what the municipalities share and lead), and the edges among
    them of the relations in :data:`GOVERNANCE_RELATIONS` (membership,
    preparation, informing, coordination and leading, escalation, authority,
    adoption and control of the policy, offices, where roles belong, whom
    bodies serve, who leads and shares a theme). Meant for diagrams.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.

    Returns
    -------
    GovernanceGraph
        A copy; changing it does not change *G*.

    Examples
    --------
    >>> import ivb
    >>> V = governance_view(build_graph(ivb.load()))
    >>> sorted({kind for _, kind in V.nodes(data="kind")})
    ['body', 'municipality', 'partner', 'policy', 'role', 'theme']
    >>> sorted(r for _, _, r in V.out_edges("gemeenteraad-urk", data="relation"))
    ['adopts', 'belongs-to', 'controls', 'holds-office']
    """
    kinds = (*ACTOR_KINDS, POLICY_KIND, "theme")
    keep = [n for n, d in G.nodes(data=True) if d.get("kind") in kinds]
    return induced(G, keep, GOVERNANCE_RELATIONS)


def induced(
    G: GovernanceGraph, keep: Iterable[str], relations: Collection[str] | None = None
) -> GovernanceGraph:
    """A copy of *G* on the nodes *keep* (and edges of *relations*), in *G*'s order.

    Unlike ``G.subgraph(keep).copy()``, whose edge order follows a set, the
    nodes and edges keep the order they have in *G*.
    """
    kept = set(keep)
    nodes = [(n, dict(d)) for n, d in G.nodes(data=True) if n in kept]
    edges = [
        (u, v, k, dict(d))
        for u, _ in nodes
        for v, keyed in G.succ[u].items()
        if v in kept
        for k, d in keyed.items()
        if relations is None or d.get("relation") in relations
    ]
    return assemble(nodes, edges, G.graph)
