"""Pure-Python cores of the graph queries: model objects and records, no pandas.

The public queries in :mod:`ivb.governance` wrap these; the command line uses
them directly so that it never imports pandas.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ivb._errors import close_matches
from ivb._records import Record
from ivb.governance._errors import LeadError, UnknownNodeError, WrongKindError
from ivb.governance._relations import (
    ACTOR_KINDS,
    ADOPTS,
    AGREED,
    ALIGNS_WITH,
    CARRIED_OUT_BY,
    COMMITTED_TO,
    CONTROLS,
    COORDINATES,
    DREW_UP,
    EDGE_BASIS,
    EDGE_MODALITY,
    ESCALATES_TO,
    FOLLOWS,
    HAS_AUTHORITY_OVER,
    HAS_THEME,
    HOLDS_OFFICE,
    INFORMS,
    INVOLVED_IN,
    INVOLVES,
    LEADS,
    MEMBER_OF,
    OWNS,
    PREPARES,
    PRIORITISES,
    PURSUES,
    RUNS,
    SETS,
    SHARES,
    THROUGH_BODY,
    USES,
    WORKS_WITH,
)

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = [
    "AlignmentLink",
    "AuthorityLink",
    "ChainLink",
    "EscalationLink",
    "Ownership",
    "Responsibility",
    "alignment_links",
    "authority_links",
    "chain_links",
    "escalation",
    "escalation_links",
    "find_node",
    "is_stated",
    "lead_ids",
    "member_objects",
    "owner",
    "ownerships",
    "partner_objects",
    "responsibility_links",
]

#: Node kinds that have an owner.
OWNED_KINDS = ("theme", "speerpunt")
#: Relations that make up an actor's responsibilities, in the order they are listed.
RESPONSIBILITY_RELATIONS = (
    OWNS,
    PRIORITISES,
    SHARES,
    THROUGH_BODY,
    COORDINATES,
    LEADS,
    MEMBER_OF,
    HAS_AUTHORITY_OVER,
    ADOPTS,
    CONTROLS,
    HOLDS_OFFICE,
    PREPARES,
    INFORMS,
    RUNS,
    USES,
    SETS,
    AGREED,
    DREW_UP,
    COMMITTED_TO,
)
#: Relations from an action to an actor: read backwards, the actor is involved in the action.
ACTION_ACTOR_RELATIONS = (CARRIED_OUT_BY, WORKS_WITH, THROUGH_BODY, INVOLVES)
_ACTION_ACTOR = frozenset(ACTION_ACTOR_RELATIONS)
_LEVELS = ("national", "regional", "district", "local")
#: The basis of an edge that the policy states (see :class:`~ivb.model.Basis`).
STATED = "stated"


def is_stated(data: Mapping[str, Any]) -> bool:
    """Whether the edge with attributes *data* is stated by the source (not derived).

    An edge without a ``basis`` (a graph read from an older export) counts as stated.
    """
    return bool(data.get(EDGE_BASIS, STATED) == STATED)


def _basis(data: Mapping[str, Any]) -> str:
    return str(data.get(EDGE_BASIS, STATED))


@attrs.frozen(kw_only=True)
class Ownership(Record):
    """A theme or speerpunt with its tier, leads, municipalities, owner and coordinators.

    ``owner`` is the one actor answerable for it: its single lead, or for a
    priority without leads that belongs to one municipality, that municipality;
    ``None`` when there is no such single actor.
    """

    id: str
    kind: str
    name: str
    tier: str | None
    tier_name: str | None
    lead_label: str | None
    leads: tuple[str, ...]
    lead_names: tuple[str, ...]
    no_lead: bool
    municipalities: tuple[str, ...]
    municipality_names: tuple[str, ...]
    owner: str | None
    owner_name: str | None
    coordinators: tuple[str, ...]
    coordinator_names: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Responsibility(Record):
    """One thing an actor owns, leads, sits on, has authority over or takes part in."""

    actor: str
    relation: str
    id: str
    kind: str
    name: str
    detail: str | None
    #: ``'stated'``, ``'derived'`` or ``'ambiguous'``: on what the row rests.
    basis: str = STATED
    #: ``'possible'`` or ``'planned'`` where the source makes it conditional or future.
    modality: str | None = None


@attrs.frozen(kw_only=True)
class ChainLink(Record):
    """One step of a preparation chain: *id* prepares or informs *feeds*."""

    depth: int
    id: str
    kind: str
    name: str
    relation: str
    feeds: str
    #: ``'stated'``, ``'derived'`` or ``'ambiguous'``: on what the row rests.
    basis: str = STATED


@attrs.frozen(kw_only=True)
class AuthorityLink(Record):
    """Authority of *holder* over *over*, for *scope*."""

    holder: str
    holder_name: str
    over: str
    over_name: str
    scope: str | None
    legal_basis: tuple[str, ...]
    source: str | None
    #: ``'stated'``, ``'derived'`` or ``'ambiguous'``: on what the row rests.
    basis: str = STATED


@attrs.frozen(kw_only=True)
class AlignmentLink(Record):
    """An agenda (theme) at some level that a theme serves or builds on."""

    theme: str
    relation: str
    level: str | None
    agenda: str | None
    agenda_name: str | None
    agenda_theme: str | None
    agenda_theme_name: str | None
    #: ``'stated'``, ``'derived'`` or ``'ambiguous'``: on what the row rests.
    basis: str = STATED


@attrs.frozen(kw_only=True)
class EscalationLink(Record):
    """One step of an escalation path: a case of *source* can go (or goes) to *id*."""

    depth: int
    source: str
    id: str
    kind: str
    name: str
    #: ``'possible'`` where the source says a case can escalate; None for a rule.
    modality: str | None
    #: ``'stated'``, ``'derived'`` or ``'ambiguous'``: on what the step rests.
    basis: str = STATED


_INDEX = "ivb.governance.index"

#: Edges of one node grouped by relation: relation -> [(other node, attributes)], in graph order.
_Groups = dict[Any, list[tuple[Any, dict[str, Any]]]]


#: Nodes with at least this many neighbours keep their grouped edges in the index.
_KEEP = 24


class _Grouped(dict[Any, _Groups]):
    """The edges of each node grouped by relation, grouped when a query first asks for them.

    Keyed by node; each value maps a relation to ``[(other node, attributes)]``
    in graph order. A node no query asks about costs nothing. Only the groups of
    nodes with many neighbours are kept: grouping a few edges again costs less
    than keeping every node's groups alive (which the garbage collector then
    walks again and again).
    """

    __slots__ = ("adjacency",)

    def __init__(self, adjacency: Mapping[Any, Mapping[Any, Mapping[Any, dict[str, Any]]]]) -> None:
        super().__init__()
        self.adjacency = adjacency

    def __missing__(self, n: Any) -> _Groups:
        groups: _Groups = {}
        for other, keyed in self.adjacency[n].items():
            for d in keyed.values():
                relation = d.get("relation")
                found = groups.get(relation)
                if found is None:
                    groups[relation] = [(other, d)]
                else:
                    found.append((other, d))
        if len(self.adjacency[n]) >= _KEEP:
            self[n] = groups
        return groups

    def select(self, n: Any, relation: str) -> list[tuple[Any, dict[str, Any]]]:
        """The edges of *relation* at *n*, in graph order (its groups kept if it has many)."""
        around = self.adjacency[n]
        if len(around) >= _KEEP:
            return self[n].get(relation, [])
        return [
            (other, d)
            for other, keyed in around.items()
            for d in keyed.values()
            if d.get("relation") == relation
        ]


class _Index:
    """The edges of every node grouped by relation, out and in, kept once per graph.

    Each node's edges are grouped on the first query about it and kept; node
    attributes are not copied: queries read them from the graph itself.
    """

    __slots__ = ("into", "nodes", "out", "pred", "size")

    def __init__(self, G: GovernanceGraph) -> None:
        inner: Any = G  # the adjacency dicts of networkx's graph classes
        self.nodes: Mapping[Any, dict[str, Any]] = inner._node
        self.pred: Mapping[Any, Mapping[Any, Mapping[Any, dict[str, Any]]]] = inner._pred
        self.out = _Grouped(inner._succ)
        self.into = _Grouped(inner._pred)
        self.size = len(self.nodes)


def _index(G: GovernanceGraph) -> _Index:
    """The index of *G*: kept with the graph, and made anew when the graph has changed.

    networkx empties ``G.__networkx_cache__`` whenever its methods change the
    graph; the index also checks that the number of nodes is what it was.
    Views of other graphs (``G.subgraph(...)``) are indexed afresh on each call.
    """
    inner: Any = G
    view = hasattr(inner, "_graph")
    cache: dict[str, Any] | None = None
    if not view:
        cache = getattr(inner, "__networkx_cache__", None)
        if cache is None:  # pragma: no cover - networkx without a graph cache
            cache = inner.__dict__.setdefault("_ivb_cache", {})
        found = cache.get(_INDEX)
        if (
            isinstance(found, _Index)
            and found.nodes is inner._node
            and found.size == len(found.nodes)
        ):
            return found
    made = _Index(G)
    if cache is not None:
        cache[_INDEX] = made
    return made


def find_node(G: GovernanceGraph, id: str, kinds: Collection[str] = ()) -> tuple[str, Any]:
    """The kind and model object of node *id*, checked to be one of *kinds*.

    Raises
    ------
    UnknownNodeError
        If *G* has no node *id*; with close matches.
    WrongKindError
        If the node is of another kind.
    """
    _, kind, obj = _find(G, id, kinds)
    return kind, obj


def _find(G: GovernanceGraph, id: str, kinds: Collection[str] = ()) -> tuple[_Index, str, Any]:
    """:func:`find_node`, with the index of *G*."""
    ix = _index(G)
    data = ix.nodes.get(id) if isinstance(id, str) else None
    if data is None:
        raise _unknown(G, str(id), kinds)
    kind = data.get("kind", "")
    if kinds and kind not in kinds:
        raise WrongKindError(id, kind, kinds)
    return ix, kind, data.get("obj")


def _unknown(G: GovernanceGraph, id: str, kinds: Collection[str]) -> UnknownNodeError:
    """The error for an unknown *id*: close matches among nodes of *kinds*, else among all."""
    if kinds:
        pool = [n for n, d in G.nodes(data=True) if d.get("kind") in kinds and isinstance(n, str)]
        found = close_matches(id, pool)
        if found:
            return UnknownNodeError(id, found, what=" or ".join(kinds))
    return UnknownNodeError.for_id(id, (n for n in G if isinstance(n, str)))


def _out(ix: _Index, n: str, relation: str) -> list[tuple[Any, dict[str, Any]]]:
    """The edges of *relation* out of *n*: ``(target, attributes)`` in graph order."""
    groups = ix.out.get(n)
    if groups is not None:
        return groups.get(relation, [])
    return ix.out.select(n, relation)


def _in(ix: _Index, n: str, relation: str) -> list[tuple[Any, dict[str, Any]]]:
    """The edges of *relation* into *n*: ``(source, attributes)`` in graph order."""
    groups = ix.into.get(n)
    if groups is not None:
        return groups.get(relation, [])
    return ix.into.select(n, relation)


def _in_any(ix: _Index, n: str, relations: Collection[str]) -> Iterator[tuple[Any, dict[str, Any]]]:
    """The edges of any of *relations* into *n*, in graph order (relations interleaved)."""
    for u, keyed in ix.pred[n].items():
        for d in keyed.values():
            if d.get("relation") in relations:
                yield u, d


def _name(ix: _Index, n: str) -> str:
    return str(ix.nodes[n].get("name", n))


def _kind(ix: _Index, n: str) -> Any:
    return ix.nodes[n].get("kind")


def _listed(found: list[str], listing: object) -> list[str]:
    """*found* ids ordered as the model lists them; ids it does not list after, as found."""
    order = {ident: i for i, ident in enumerate(listing)} if isinstance(listing, tuple) else {}
    return sorted(dict.fromkeys(found), key=lambda i: order.get(i, len(order)))


def _lead_ids(ix: _Index, n: str) -> tuple[str, ...]:
    return tuple(
        _listed([u for u, _ in _in(ix, n, OWNS)], getattr(ix.nodes[n].get("obj"), "leads", ()))
    )


def lead_ids(G: GovernanceGraph, id: str) -> tuple[str, ...]:
    """The ids of the leads of theme or speerpunt *id*, in the order the policy lists them."""
    ix, _, _ = _find(G, id, OWNED_KINDS)
    return _lead_ids(ix, id)


def _municipality_ids(ix: _Index, n: str, kind: str) -> tuple[str, ...]:
    relation = SHARES if kind == "theme" else PRIORITISES
    found = [u for u, _ in _in(ix, n, relation) if _kind(ix, u) == "municipality"]
    return tuple(_listed(found, getattr(ix.nodes[n].get("obj"), "municipalities", ())))


def _owner_id(
    ix: _Index, n: str, kind: str, leads: tuple[str, ...], municipalities: tuple[str, ...]
) -> str | None:
    if len(leads) == 1:
        return leads[0]
    if leads or getattr(ix.nodes[n].get("obj"), "no_lead", False) or kind == "theme":
        return None
    return municipalities[0] if len(municipalities) == 1 else None


def owner(G: GovernanceGraph, id: str) -> Any:
    """The one actor answerable for theme or speerpunt *id* (its model object).

    That is its single lead; for a speerpunt without leads (and not marked
    ``no_lead``), its municipality when it has exactly one.

    Raises
    ------
    LeadError
        If there is no such single actor; the message says why.
    """
    ix, kind, obj = _find(G, id, OWNED_KINDS)
    leads = _lead_ids(ix, id)
    municipalities = _municipality_ids(ix, id, kind)
    found = _owner_id(ix, id, kind, leads, municipalities)
    if found is not None:
        return ix.nodes[found].get("obj")
    if leads:
        why = f"has {len(leads)} leads ({', '.join(leads)})"
    elif getattr(obj, "no_lead", False):
        why = "has no lead (the policy says so explicitly)"
    elif kind == "speerpunt" and municipalities:
        why = f"has no lead and {len(municipalities)} municipalities"
    else:
        why = "has no lead in this graph (the policy does not name one)"
    raise LeadError(f"{kind} {id!r} {why}; expected exactly one; use leads_of for all of them")


def _ownership(ix: _Index, n: str, kind: str) -> Ownership:
    obj = ix.nodes[n].get("obj")
    tier_id = getattr(obj, "tier", None)
    tier_data = ix.nodes.get(tier_id) if isinstance(tier_id, str) else None
    tier = tier_data.get("obj") if tier_data is not None else None
    leads = _lead_ids(ix, n)
    municipalities = _municipality_ids(ix, n, kind)
    owner_id = _owner_id(ix, n, kind, leads, municipalities)
    coordinators = _listed(
        [u for u, _ in _in(ix, n, COORDINATES)], getattr(obj, "coordinators", ())
    )
    return Ownership(
        id=n,
        kind=kind,
        name=_name(ix, n),
        tier=tier_id,
        tier_name=getattr(tier, "name", None),
        lead_label=getattr(tier, "lead_label", None),
        leads=leads,
        lead_names=tuple(_name(ix, u) for u in leads),
        no_lead=bool(getattr(obj, "no_lead", False)),
        municipalities=municipalities,
        municipality_names=tuple(_name(ix, u) for u in municipalities),
        owner=owner_id,
        owner_name=_name(ix, owner_id) if owner_id is not None else None,
        coordinators=tuple(coordinators),
        coordinator_names=tuple(_name(ix, c) for c in coordinators),
    )


def ownerships(G: GovernanceGraph, ids: Collection[str] = ()) -> tuple[Ownership, ...]:
    """Every theme, then every speerpunt (or those in *ids*), with owner and coordinators."""
    for ident in ids:
        find_node(G, ident, OWNED_KINDS)
    ix = _index(G)
    found: dict[str, list[str]] = {kind: [] for kind in OWNED_KINDS}
    for n, d in ix.nodes.items():
        kind = d.get("kind")
        if kind in found and (not ids or n in ids):
            found[kind].append(n)
    return tuple(_ownership(ix, n, kind) for kind in OWNED_KINDS for n in found[kind])


#: Rank of each relation among an actor's responsibilities.
_RANK = {r: i for i, r in enumerate(RESPONSIBILITY_RELATIONS)}


def responsibility_links(
    G: GovernanceGraph, actor: str, *, stated_only: bool = False
) -> tuple[Responsibility, ...]:
    """What *actor* owns, leads, sits on, has authority over, and the actions it is in.

    With *stated_only*, rows that the policy derives rather than states are left out.
    """
    ix, _, _ = _find(G, actor, ACTOR_KINDS)
    nodes = ix.nodes
    groups = ix.out[actor]
    rows: list[Responsibility] = []
    append = rows.append
    # grouped by relation in the order of RESPONSIBILITY_RELATIONS, each in graph order
    for relation in sorted((r for r in groups if r in _RANK), key=_RANK.__getitem__):
        for v, d in groups[relation]:
            basis = d.get(EDGE_BASIS, STATED)
            if stated_only and basis != STATED:
                continue
            data = nodes[v]
            append(
                Responsibility(
                    actor=actor,
                    relation=relation,
                    id=v,
                    kind=str(data.get("kind")),
                    name=str(data.get("name", v)),
                    detail=d.get("scope"),
                    basis=str(basis),
                    modality=d.get(EDGE_MODALITY),
                )
            )
    # one row per action, in graph order: an action may name the actor in several fields
    found: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for u, keyed in ix.pred[actor].items():
        for d in keyed.values():
            if d.get("relation") not in _ACTION_ACTOR:
                continue
            if stated_only and d.get(EDGE_BASIS, STATED) != STATED:
                continue
            entry = found.get(u)
            if entry is None:
                found[u] = entry = (d, [])
            field = d.get("field")
            if field and field not in entry[1]:
                entry[1].append(field)
    for u, (d, named) in found.items():
        data = nodes[u]
        append(
            Responsibility(
                actor=actor,
                relation=INVOLVED_IN,
                id=u,
                kind=str(data.get("kind")),
                name=str(data.get("name", u)),
                detail=", ".join(named) or None,
                basis=str(d.get(EDGE_BASIS, STATED)),
                modality=d.get(EDGE_MODALITY),
            )
        )
    return tuple(rows)


def member_objects(G: GovernanceGraph, body: str, *, stated_only: bool = False) -> tuple[Any, ...]:
    """The actors that sit on *body*, in the order the body lists them.

    With *stated_only*, members the policy derives rather than states are left out.
    """
    ix, _, obj = _find(G, body, ("body",))
    found = _listed(
        [u for u, d in _in(ix, body, MEMBER_OF) if not stated_only or is_stated(d)],
        getattr(obj, "members", ()),
    )
    return tuple(ix.nodes[u].get("obj") for u in found)


_FEEDS = frozenset({PREPARES, INFORMS})


def chain_links(
    G: GovernanceGraph, body: str, *, stated_only: bool = False
) -> tuple[ChainLink, ...]:
    """Everything that prepares or informs *body*, transitively, nearest first.

    With *stated_only*, only the steps the policy states are followed.
    """
    ix, _, _ = _find(G, body, ACTOR_KINDS)
    into = ix.into
    seen = {body}
    frontier = [body]
    depth = 0
    out: list[ChainLink] = []
    while frontier:
        depth += 1
        following: list[str] = []
        for target in frontier:
            groups = into[target]
            if PREPARES not in groups and INFORMS not in groups:
                continue
            # both relations, interleaved as the graph holds them
            edges = (
                groups[PREPARES]
                if INFORMS not in groups
                else groups[INFORMS]
                if PREPARES not in groups
                else list(_in_any(ix, target, _FEEDS))
            )
            for u, d in edges:
                if stated_only and not is_stated(d):
                    continue
                out.append(
                    ChainLink(
                        depth=depth,
                        id=u,
                        kind=str(_kind(ix, u)),
                        name=_name(ix, u),
                        relation=d["relation"],
                        feeds=target,
                        basis=_basis(d),
                    )
                )
                if u not in seen:
                    seen.add(u)
                    following.append(u)
        frontier = following
    return tuple(out)


def escalation(G: GovernanceGraph, start: str, *, stated_only: bool = False) -> tuple[Any, ...]:
    """*start* and where its cases escalate (or can escalate) to, step by step (breadth first)."""
    ix, _, _ = _find(G, start)
    order = [start] + [link.id for link in _escalation_links(ix, start, stated_only)]
    return tuple(ix.nodes[n].get("obj") for n in order)


def _escalation_links(ix: _Index, start: str, stated_only: bool) -> list[EscalationLink]:
    seen = {start}
    frontier = [start]
    depth = 0
    out: list[EscalationLink] = []
    while frontier:
        depth += 1
        following: list[str] = []
        for n in frontier:
            for v, d in _out(ix, n, ESCALATES_TO):
                if v in seen or (stated_only and not is_stated(d)):
                    continue
                seen.add(v)
                following.append(v)
                out.append(
                    EscalationLink(
                        depth=depth,
                        source=n,
                        id=v,
                        kind=str(_kind(ix, v)),
                        name=_name(ix, v),
                        modality=d.get(EDGE_MODALITY),
                        basis=_basis(d),
                    )
                )
        frontier = following
    return out


def escalation_links(
    G: GovernanceGraph, start: str, *, stated_only: bool = False
) -> tuple[EscalationLink, ...]:
    """The steps where cases of *start* escalate (or can escalate) to, breadth first."""
    ix, _, _ = _find(G, start)
    return tuple(_escalation_links(ix, start, stated_only))


def authority_links(
    G: GovernanceGraph, actor: str, *, stated_only: bool = False
) -> tuple[AuthorityLink, ...]:
    """Authority that *actor* holds, then authority held over *actor*."""
    ix, _, _ = _find(G, actor, ACTOR_KINDS)
    edges = [(actor, v, d) for v, d in _out(ix, actor, HAS_AUTHORITY_OVER)]
    edges += [(u, actor, d) for u, d in _in(ix, actor, HAS_AUTHORITY_OVER)]
    out = []
    for u, v, d in edges:
        if stated_only and not is_stated(d):
            continue
        ref = d.get("source_ref")
        out.append(
            AuthorityLink(
                holder=u,
                holder_name=_name(ix, u),
                over=v,
                over_name=_name(ix, v),
                scope=d.get("scope"),
                legal_basis=tuple(d.get("legal_basis", ())),
                source=None if ref is None else str(ref),
                basis=_basis(d),
            )
        )
    return tuple(out)


def partner_objects(G: GovernanceGraph, id: str, *, stated_only: bool = False) -> tuple[Any, ...]:
    """Partners named by the actions of theme or speerpunt *id*, then partner coordinators."""
    ix, _, _ = _find(G, id, OWNED_KINDS)
    found: list[str] = []
    for action, a in _out(ix, id, PURSUES):
        if stated_only and not is_stated(a):
            continue
        for relation in (CARRIED_OUT_BY, WORKS_WITH):
            for v, d in _out(ix, action, relation):
                if _kind(ix, v) == "partner" and (not stated_only or is_stated(d)):
                    found.append(v)
    for u, d in _in(ix, id, COORDINATES):
        if _kind(ix, u) == "partner" and (not stated_only or is_stated(d)):
            found.append(u)
    return tuple(ix.nodes[n].get("obj") for n in dict.fromkeys(found))


def _level(ix: _Index, agenda: str) -> str | None:
    level = getattr(ix.nodes[agenda].get("obj"), "level", None)
    return None if level is None else str(level)


_LEVEL_RANK = {level: i for i, level in enumerate(_LEVELS)}


def alignment_links(
    G: GovernanceGraph, theme: str, *, stated_only: bool = False
) -> tuple[AlignmentLink, ...]:
    """Agenda themes that *theme* serves, and agendas it follows, national level first.

    The ``relation`` of a row is ``'aligns-with'`` or ``'follows'``.
    """
    ix, _, _ = _find(G, theme, OWNED_KINDS)
    rows = []
    for at, d in _out(ix, theme, ALIGNS_WITH):
        if stated_only and not is_stated(d):
            continue
        agendas = [u for u, _ in _in(ix, at, HAS_THEME) if _kind(ix, u) == "agenda"]
        agenda = agendas[0] if agendas else None
        rows.append(
            AlignmentLink(
                theme=theme,
                relation=ALIGNS_WITH,
                level=None if agenda is None else _level(ix, agenda),
                agenda=agenda,
                agenda_name=None if agenda is None else _name(ix, agenda),
                agenda_theme=at,
                agenda_theme_name=_name(ix, at),
                basis=_basis(d),
            )
        )
    for agenda, d in _out(ix, theme, FOLLOWS):
        if stated_only and not is_stated(d):
            continue
        rows.append(
            AlignmentLink(
                theme=theme,
                relation=FOLLOWS,
                level=_level(ix, agenda),
                agenda=agenda,
                agenda_name=_name(ix, agenda),
                agenda_theme=None,
                agenda_theme_name=None,
                basis=_basis(d),
            )
        )
    rank = _LEVEL_RANK
    rows.sort(key=lambda r: (rank.get(r.level or "", len(rank)), r.relation != ALIGNS_WITH))
    return tuple(rows)
