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
    BELONGS_TO,
    BUILDS_ON,
    CONCERNS,
    CONTROLS,
    COORDINATES,
    COVERS,
    ESCALATES_TO,
    HAS_AUTHORITY_OVER,
    HAS_MILESTONE,
    HAS_SUBTARGET,
    HELD,
    IN_TIER,
    INCLUDES,
    INFORMS,
    INVOLVES,
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
    TOOK_PART,
    USES,
    WITHIN,
)
from ivb.model import (
    KINDS,
    Action,
    Agenda,
    Area,
    ConsultationBody,
    Document,
    Figure,
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
    "derive_edges",
    "entity_nodes",
    "governance_view",
    "graph_parts",
    "induced",
    "kind_classes",
    "label_of",
    "node_attrs",
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
    Role: (("municipalities", BELONGS_TO, False), ("organisation", BELONGS_TO, False)),
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
        ("builds_on", BUILDS_ON, False),
        ("themes", PRIORITISES, False),
    ),
    Instrument: (("municipalities", USES, True), ("owners", RUNS, True)),
    Trend: (("session", RAISED_IN, False),),
    Action: (
        ("actors", INVOLVES, False),
        ("partners", INVOLVES, False),
        ("instruments", INVOLVES, False),
        ("bodies", INVOLVES, False),
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
        ("programmes", BUILDS_ON, False),
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
    Area: (("municipality", WITHIN, False), ("parent", WITHIN, False)),
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
    Table: (("indicator", ABOUT, False), ("areas", COVERS, False)),
    Figure: (("indicator", ABOUT, False), ("region", COVERS, False), ("areas", COVERS, False)),
    TrendClaim: (("table", ABOUT, False), ("region", COVERS, False)),
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
    }
)

#: One edge before it enters a graph: source, target, relation, field, attributes.
RawEdge = tuple[str, str, str, str, dict[str, Any]]


def _entity_edges(
    ident: str,
    obj: Any,
    present: Mapping[str, Any],
    policy_id: str | None,
    add: Callable[[str, str, str, dict[str, Any]], None],
    participants: Collection[str] = (),
) -> None:
    """Call *add* with every edge ``(u, v, relation, attributes)`` that *obj* states."""
    source: SourceRef | None = getattr(obj, "source", None)
    if ident in participants and policy_id is not None and policy_id in present:
        add(ident, policy_id, TOOK_PART, _data(TOOK_PART, "process.participants", source))
    for field, relation, reverse in _FIELDS.get(type(obj), ()):
        value = getattr(obj, field)
        if value is None:
            continue
        if isinstance(value, str):
            items: tuple[Any, ...] = (value,)
        elif isinstance(value, tuple):
            items = value
        else:  # pragma: no cover - the model holds ids as text or tuples
            raise TypeError(f"expected ids, got {type(value).__name__}")
        for item in items:
            other = item if isinstance(item, str) else item.id
            if other not in present:
                continue
            data = (
                {"relation": relation, "field": field}
                if source is None
                else {"relation": relation, "field": field, "source_ref": source}
            )
            if reverse:
                add(other, ident, relation, data)
            else:
                add(ident, other, relation, data)
    if isinstance(obj, Role):
        for authority in obj.authority:
            if authority.over in present:
                add(
                    ident,
                    authority.over,
                    HAS_AUTHORITY_OVER,
                    {
                        "relation": HAS_AUTHORITY_OVER,
                        "field": "authority",
                        "source_ref": authority.source,
                        "scope": authority.scope,
                        "legal_basis": authority.legal_basis,
                    },
                )
        if policy_id is not None and policy_id in present:
            if obj.adopts_policy:
                add(ident, policy_id, ADOPTS, _data(ADOPTS, "adopts_policy", source))
            if obj.controls_policy:
                add(ident, policy_id, CONTROLS, _data(CONTROLS, "controls_policy", source))
    elif isinstance(obj, Table):
        seen: set[str] = set()
        for field in ("rows", "stated_totals"):
            for row in getattr(obj, field):
                if row.region in present and row.region not in seen:
                    seen.add(row.region)
                    add(ident, row.region, COVERS, _data(COVERS, field, source))


def _data(relation: str, field: str, source: SourceRef | None) -> dict[str, Any]:
    if source is None:
        return {"relation": relation, "field": field}
    return {"relation": relation, "field": field, "source_ref": source}


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
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The edges that the model objects of *nodes* state, keyed and ordered.

    Every edge is ``(source, target, key, attributes)``; the attributes are
    ``relation``, ``field`` (the model field it comes from, e.g. ``'members'``,
    ``'authority'`` or ``'adopts_policy'``), ``source_ref`` and, for authority,
    ``scope`` and ``legal_basis``. Edges are grouped by source node in node
    order, so that any graph built by adding them in this order has the same
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
    for ident, _, obj in nodes:
        _entity_edges(ident, obj, present, policy_id, add, participant_set)
    return [edge for group in groups.values() for edge in group]


def _policy_edges(policy: Policy) -> Iterator[RawEdge]:
    for principle_set in policy.principle_sets:
        yield (
            policy.id,
            principle_set.id,
            PURSUES,
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


def node_attrs(kind: str, obj: Any) -> dict[str, Any]:
    """The attributes of a node: ``kind``, ``name`` and ``obj``."""
    return {"kind": kind, "name": label_of(obj), "obj": obj}


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
    participants = policy.process.participants if policy.process is not None else ()
    edges = derive_edges(nodes, policy.id, participants)
    groups: dict[str, list[KeyedEdge]] = {policy.id: []}
    add = _keyer(groups)
    for u, v, relation, field, attrs_ in _policy_edges(policy):
        add(u, v, relation, {"relation": relation, "field": field, **attrs_})
    if groups[policy.id]:
        # the policy node is first, so its edges come first
        edges = groups[policy.id] + edges
    return nodes, edges


def governance_view(G: GovernanceGraph) -> GovernanceGraph:
    """The actors of *G*, the policy, and the governance relations among them, as a new graph.

    Keeps the municipalities, roles, partners and bodies, the policy node
    (what the gemeenteraad adopts and controls), and the edges among them of
    the relations in :data:`GOVERNANCE_RELATIONS` (membership, preparation,
    informing, coordination, escalation, authority, adoption and control of
    the policy, where roles belong and whom bodies serve). Meant for diagrams.

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
    ['body', 'municipality', 'partner', 'policy', 'role']
    >>> sorted(r for _, _, r in V.out_edges("gemeenteraad", data="relation"))
    ['adopts', 'belongs-to', 'belongs-to', 'belongs-to', 'controls']
    """
    kinds = (*ACTOR_KINDS, POLICY_KIND)
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
