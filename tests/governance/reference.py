"""A reference build of the governance graph: the plain, one-edge-at-a-time way.

The graph that :func:`ivb.governance.build_graph` makes in bulk must equal
the one this makes through networkx's ``add_node`` and ``add_edge``, in every
attribute and every order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx

from ivb.governance._graph import _FIELDS, citation_index, edge_data, entity_nodes, label_of
from ivb.governance._relations import (
    ADOPTS,
    CONTROLS,
    COORDINATES,
    COUNTS_FOR,
    DESCRIBES,
    HAS_AUTHORITY_OVER,
    HAS_MILESTONE,
    HAS_PRINCIPLE_SET,
    HELD,
    PURSUES,
    TOOK_PART,
    USES,
    WORKS_WITH,
)
from ivb.model import Citation, Figure, Policy, Role, SourceRef, Table, TrendClaim

RawEdge = tuple[str, str, str, str, dict[str, Any]]


def _ids(value: object) -> Iterator[str]:
    if value is None:
        return
    if isinstance(value, str):
        yield value
        return
    if isinstance(value, tuple):
        for item in value:
            if isinstance(item, str):
                yield item
            else:
                yield item.id
        return
    raise TypeError(f"expected ids, got {type(value).__name__}")  # pragma: no cover


def _lookup(
    cited: Mapping[tuple[str, str, str], Citation], holder: str, field: str, target: str
) -> Citation | None:
    """The citation of one relation: its own, else one of the whole field; a field of the
    policy itself is cited whatever the policy's id."""
    if field.split(".")[0] in ("principles", "principle_sets", "process"):
        holder = ""
    return cited.get((holder, field, target)) or cited.get((holder, field, ""))


def _entity_edges(
    ident: str,
    obj: Any,
    present: Mapping[str, Any],
    policy_id: str | None,
    participants: Collection[str] = (),
    cited: Mapping[tuple[str, str, str], Citation] | None = None,
    participation: str | None = None,
) -> Iterator[RawEdge]:
    source: SourceRef | None = getattr(obj, "source", None)
    cited = cited or {}

    def data(relation: str, field: str, target: str, *ends: Any) -> dict[str, Any]:
        key = "" if field.endswith("_policy") else target
        found = edge_data(relation, field, source, _lookup(cited, ident, field, key), *ends)
        del found["relation"], found["field"]
        return found

    if ident in participants and policy_id is not None:
        target = participation if participation in present else policy_id
        if target is not None and target in present:
            found = edge_data(
                TOOK_PART,
                "process.participants",
                source,
                _lookup(cited, policy_id, "process.participants", ident),
            )
            del found["relation"], found["field"]
            yield ident, target, TOOK_PART, "process.participants", found
    place = DESCRIBES
    if isinstance(obj, (Table, Figure, TrendClaim)):
        # the indicator of the numbers (of the claim's table): its subject
        measured = obj.table if isinstance(obj, TrendClaim) else obj.indicator
        if isinstance(obj, TrendClaim):
            table = present.get(measured)
            measured = table.indicator if isinstance(table, Table) else ""
        subject = getattr(present.get(measured), "subject", None)
        if subject is not None and subject.value == "process":
            place = COUNTS_FOR
    for field, relation, reverse in _FIELDS.get(type(obj), ()):
        if relation == DESCRIBES:
            relation = place
        for other in _ids(getattr(obj, field)):
            if other not in present:
                continue
            if relation == USES and other in obj.owners:
                continue  # the municipality runs it: one relation per pair
            if relation == WORKS_WITH and other in obj.actors:
                continue  # it carries the action out: one relation per pair
            extra = data(relation, field, other, present[other], obj)
            if reverse:
                yield other, ident, relation, field, extra
            else:
                yield ident, other, relation, field, extra
    if isinstance(obj, Role):
        for authority in obj.authority:
            if authority.over in present:
                found = edge_data(
                    HAS_AUTHORITY_OVER,
                    "authority",
                    authority.source,
                    _lookup(cited, ident, "authority", authority.over),
                )
                del found["relation"], found["field"]
                found.update(scope=authority.scope, legal_basis=authority.legal_basis)
                yield ident, authority.over, HAS_AUTHORITY_OVER, "authority", found
        if policy_id is not None and policy_id in present:
            if obj.adopts_policy:
                yield (
                    ident,
                    policy_id,
                    ADOPTS,
                    "adopts_policy",
                    data(ADOPTS, "adopts_policy", policy_id),
                )
            if obj.controls_policy:
                yield (
                    ident,
                    policy_id,
                    CONTROLS,
                    "controls_policy",
                    data(CONTROLS, "controls_policy", policy_id),
                )
            if obj.coordinates_policy:
                found = data(COORDINATES, "coordinates_policy", policy_id)
                found["scope"] = obj.coordinates_policy
                yield ident, policy_id, COORDINATES, "coordinates_policy", found
    elif isinstance(obj, Table):
        seen: set[str] = set()
        for field in ("rows", "stated_totals"):
            for row in getattr(obj, field):
                if row.region in present and row.region not in seen:
                    seen.add(row.region)
                    yield ident, row.region, place, field, data(place, field, row.region)


def derive_edges(
    nodes: Sequence[tuple[str, str, Any]],
    policy_id: str | None = None,
    participants: Collection[str] = (),
    citations: Sequence[Citation] = (),
    participation: str | None = None,
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The edges that the model objects of *nodes* state, keyed and ordered.

    Every edge is ``(source, target, key, attributes)``; the attributes are
    ``relation``, ``field`` (the model field it comes from, e.g. ``'members'``,
    ``'authority'`` or ``'adopts_policy'``), ``source_ref`` and, for authority,
    ``scope`` and ``legal_basis``. Edges are grouped by source node in node
    order, so that any graph built by adding them in this order has the same
    adjacency order as one read back from an export. Edges to ids outside
    *nodes* are left out, and so are the edges to the policy node (``adopts``,
    ``controls``, and ``took-part`` for the ids in *participants*) unless
    *policy_id* is given and among *nodes*.
    """
    present = {ident: obj for ident, _, obj in nodes}
    by_source: dict[str, list[RawEdge]] = {ident: [] for ident in present}
    for ident, _, obj in nodes:
        edges = _entity_edges(
            ident,
            obj,
            present,
            policy_id,
            frozenset(participants),
            citation_index(citations),
            participation,
        )
        for edge in edges:
            by_source[edge[0]].append(edge)
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    for ident in present:
        counts: dict[tuple[str, str], int] = {}
        for u, v, relation, field, extra in by_source[ident]:
            n = counts.get((v, relation), 0) + 1
            counts[(v, relation)] = n
            key = relation if n == 1 else f"{relation}-{n}"
            out.append((u, v, key, {"relation": relation, "field": field, **extra}))
    return out


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


def reference_graph(policy: Policy) -> nx.MultiDiGraph:
    """The graph of *policy*, built node by node and edge by edge."""
    nodes = entity_nodes(policy)
    process = policy.process
    participants = process.participants if process is not None else ()
    participation = process.participation if process is not None else None
    edges = derive_edges(nodes, policy.id, participants, policy.citations, participation)
    extra = list(_policy_edges(policy))
    counts: dict[tuple[str, str], int] = {}
    keyed = []
    cited = citation_index(policy.citations)
    for u, v, relation, field, attrs_ in extra:
        n = counts.get((v, relation), 0) + 1
        counts[(v, relation)] = n
        key = relation if n == 1 else f"{relation}-{n}"
        data = edge_data(relation, field, attrs_["source_ref"], _lookup(cited, u, field, v))
        keyed.append((u, v, key, data))
    G = nx.MultiDiGraph(policy=policy.id, title=policy.title)
    for ident, kind, obj in nodes:
        G.add_node(ident)
        G.nodes[ident].update({"kind": kind, "name": label_of(obj), "obj": obj})
    for u, v, k, data in keyed + edges:
        G.add_edge(u, v, key=k)
        G.edges[u, v, k].update(data)
    return G
