"""Pure-Python cores of the graph queries: model objects and records, no pandas.

The public queries in :mod:`ivb.governance` wrap these; the command line uses
them directly so that it never imports pandas.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ivb._errors import close_matches
from ivb.governance._errors import LeadError, UnknownNodeError, WrongKindError
from ivb.governance._relations import (
    ACTOR_KINDS,
    ADOPTS,
    AGREED,
    ALIGNS_WITH,
    BUILDS_ON,
    CONTROLS,
    COORDINATES,
    ESCALATES_TO,
    HAS_AUTHORITY_OVER,
    INFORMS,
    INVOLVED_IN,
    INVOLVES,
    MEMBER_OF,
    OWNS,
    PREPARES,
    PRIORITISES,
    PURSUES,
    RUNS,
    SETS,
    SHARES,
)

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = [
    "AlignmentLink",
    "AuthorityLink",
    "ChainLink",
    "Ownership",
    "Responsibility",
    "alignment_links",
    "authority_links",
    "chain_links",
    "escalation",
    "find_node",
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
    COORDINATES,
    MEMBER_OF,
    HAS_AUTHORITY_OVER,
    ADOPTS,
    CONTROLS,
    PREPARES,
    INFORMS,
    RUNS,
    SETS,
    AGREED,
)
_LEVELS = ("national", "regional", "district", "local")


@attrs.frozen(kw_only=True)
class Ownership:
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
class Responsibility:
    """One thing an actor owns, leads, sits on, has authority over or takes part in."""

    actor: str
    relation: str
    id: str
    kind: str
    name: str
    detail: str | None


@attrs.frozen(kw_only=True)
class ChainLink:
    """One step of a preparation chain: *id* prepares or informs *feeds*."""

    depth: int
    id: str
    kind: str
    name: str
    relation: str
    feeds: str


@attrs.frozen(kw_only=True)
class AuthorityLink:
    """Authority of *holder* over *over*, for *scope*."""

    holder: str
    holder_name: str
    over: str
    over_name: str
    scope: str | None
    legal_basis: tuple[str, ...]
    source: str | None


@attrs.frozen(kw_only=True)
class AlignmentLink:
    """An agenda (theme) at some level that a theme serves or builds on."""

    theme: str
    relation: str
    level: str | None
    agenda: str | None
    agenda_name: str | None
    agenda_theme: str | None
    agenda_theme_name: str | None


def find_node(G: GovernanceGraph, id: str, kinds: Collection[str] = ()) -> tuple[str, Any]:
    """The kind and model object of node *id*, checked to be one of *kinds*.

    Raises
    ------
    UnknownNodeError
        If *G* has no node *id*; with close matches.
    WrongKindError
        If the node is of another kind.
    """
    if not isinstance(id, str) or id not in G:
        raise _unknown(G, str(id), kinds)
    data = G.nodes[id]
    kind = data.get("kind", "")
    if kinds and kind not in kinds:
        raise WrongKindError(id, kind, kinds)
    return kind, data.get("obj")


def _unknown(G: GovernanceGraph, id: str, kinds: Collection[str]) -> UnknownNodeError:
    """The error for an unknown *id*: close matches among nodes of *kinds*, else among all."""
    if kinds:
        pool = [n for n, d in G.nodes(data=True) if d.get("kind") in kinds and isinstance(n, str)]
        found = close_matches(id, pool)
        if found:
            return UnknownNodeError(id, found, what=" or ".join(kinds))
    return UnknownNodeError.for_id(id, (n for n in G if isinstance(n, str)))


def _out(
    G: GovernanceGraph, n: str, relations: Collection[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    for v, keyed in G.succ[n].items():
        for d in keyed.values():
            if d.get("relation") in relations:
                yield v, d


def _in(
    G: GovernanceGraph, n: str, relations: Collection[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    for u, keyed in G.pred[n].items():
        for d in keyed.values():
            if d.get("relation") in relations:
                yield u, d


def _name(G: GovernanceGraph, n: str) -> str:
    return str(G.nodes[n].get("name", n))


def _listed(found: list[str], listing: object) -> list[str]:
    """*found* ids ordered as the model lists them; ids it does not list after, as found."""
    order = {ident: i for i, ident in enumerate(listing)} if isinstance(listing, tuple) else {}
    return sorted(dict.fromkeys(found), key=lambda i: order.get(i, len(order)))


def lead_ids(G: GovernanceGraph, id: str) -> tuple[str, ...]:
    """The ids of the leads of theme or speerpunt *id*, in the order the policy lists them."""
    find_node(G, id, OWNED_KINDS)
    return tuple(
        _listed([u for u, _ in _in(G, id, (OWNS,))], getattr(G.nodes[id].get("obj"), "leads", ()))
    )


def _municipality_ids(G: GovernanceGraph, n: str, kind: str) -> tuple[str, ...]:
    relation = SHARES if kind == "theme" else PRIORITISES
    found = [u for u, _ in _in(G, n, (relation,)) if G.nodes[u].get("kind") == "municipality"]
    return tuple(_listed(found, getattr(G.nodes[n].get("obj"), "municipalities", ())))


def _owner_id(G: GovernanceGraph, n: str, kind: str) -> str | None:
    leads = lead_ids(G, n)
    if len(leads) == 1:
        return leads[0]
    if leads or getattr(G.nodes[n].get("obj"), "no_lead", False) or kind == "theme":
        return None
    municipalities = _municipality_ids(G, n, kind)
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
    kind, _ = find_node(G, id, OWNED_KINDS)
    found = _owner_id(G, id, kind)
    if found is not None:
        return G.nodes[found].get("obj")
    leads = lead_ids(G, id)
    if leads:
        why = f"has {len(leads)} leads ({', '.join(leads)})"
    elif getattr(G.nodes[id].get("obj"), "no_lead", False):
        why = "has no lead (the policy says so explicitly)"
    elif kind == "speerpunt" and _municipality_ids(G, id, kind):
        why = f"has no lead and {len(_municipality_ids(G, id, kind))} municipalities"
    else:
        why = "has no lead in this graph (the policy does not name one)"
    raise LeadError(f"{kind} {id!r} {why}; expected exactly one; use leads_of for all of them")


def _ownership(G: GovernanceGraph, n: str, kind: str) -> Ownership:
    obj = G.nodes[n].get("obj")
    tier_id = getattr(obj, "tier", None)
    tier = G.nodes[tier_id].get("obj") if isinstance(tier_id, str) and tier_id in G else None
    leads = lead_ids(G, n)
    municipalities = _municipality_ids(G, n, kind)
    owner_id = _owner_id(G, n, kind)
    coordinators = _listed(
        [u for u, _ in _in(G, n, (COORDINATES,))], getattr(obj, "coordinators", ())
    )
    return Ownership(
        id=n,
        kind=kind,
        name=_name(G, n),
        tier=tier_id,
        tier_name=getattr(tier, "name", None),
        lead_label=getattr(tier, "lead_label", None),
        leads=leads,
        lead_names=tuple(_name(G, u) for u in leads),
        no_lead=bool(getattr(obj, "no_lead", False)),
        municipalities=municipalities,
        municipality_names=tuple(_name(G, u) for u in municipalities),
        owner=owner_id,
        owner_name=_name(G, owner_id) if owner_id is not None else None,
        coordinators=tuple(coordinators),
        coordinator_names=tuple(_name(G, c) for c in coordinators),
    )


def ownerships(G: GovernanceGraph, ids: Collection[str] = ()) -> tuple[Ownership, ...]:
    """Every theme, then every speerpunt (or those in *ids*), with owner and coordinators."""
    for ident in ids:
        find_node(G, ident, OWNED_KINDS)
    out = []
    for kind in OWNED_KINDS:
        for n, d in G.nodes(data=True):
            if d.get("kind") == kind and (not ids or n in ids):
                out.append(_ownership(G, n, kind))
    return tuple(out)


def responsibility_links(G: GovernanceGraph, actor: str) -> tuple[Responsibility, ...]:
    """What *actor* owns, leads, sits on, has authority over, and the actions it is in."""
    find_node(G, actor, ACTOR_KINDS)
    rank = {r: i for i, r in enumerate(RESPONSIBILITY_RELATIONS)}
    rows = []
    for v, d in _out(G, actor, RESPONSIBILITY_RELATIONS):
        rows.append(
            Responsibility(
                actor=actor,
                relation=d["relation"],
                id=v,
                kind=str(G.nodes[v].get("kind")),
                name=_name(G, v),
                detail=d.get("scope"),
            )
        )
    rows.sort(key=lambda r: rank[r.relation])
    for u, d in _in(G, actor, (INVOLVES,)):
        rows.append(
            Responsibility(
                actor=actor,
                relation=INVOLVED_IN,
                id=u,
                kind=str(G.nodes[u].get("kind")),
                name=_name(G, u),
                detail=d.get("field") or None,
            )
        )
    return tuple(rows)


def member_objects(G: GovernanceGraph, body: str) -> tuple[Any, ...]:
    """The actors that sit on *body*, in the order the body lists them."""
    _, obj = find_node(G, body, ("body",))
    found = _listed([u for u, _ in _in(G, body, (MEMBER_OF,))], getattr(obj, "members", ()))
    return tuple(G.nodes[u].get("obj") for u in found)


def chain_links(G: GovernanceGraph, body: str) -> tuple[ChainLink, ...]:
    """Everything that prepares or informs *body*, transitively, nearest first."""
    find_node(G, body, ACTOR_KINDS)
    seen = {body}
    frontier = [body]
    depth = 0
    out: list[ChainLink] = []
    while frontier:
        depth += 1
        following: list[str] = []
        for target in frontier:
            for u, d in _in(G, target, (PREPARES, INFORMS)):
                out.append(
                    ChainLink(
                        depth=depth,
                        id=u,
                        kind=str(G.nodes[u].get("kind")),
                        name=_name(G, u),
                        relation=d["relation"],
                        feeds=target,
                    )
                )
                if u not in seen:
                    seen.add(u)
                    following.append(u)
        frontier = following
    return tuple(out)


def escalation(G: GovernanceGraph, start: str) -> tuple[Any, ...]:
    """*start* and where its cases escalate to, step by step (breadth first)."""
    find_node(G, start)
    seen = {start}
    order = [start]
    i = 0
    while i < len(order):
        for v, _ in _out(G, order[i], (ESCALATES_TO,)):
            if v not in seen:
                seen.add(v)
                order.append(v)
        i += 1
    return tuple(G.nodes[n].get("obj") for n in order)


def authority_links(G: GovernanceGraph, actor: str) -> tuple[AuthorityLink, ...]:
    """Authority that *actor* holds, then authority held over *actor*."""
    find_node(G, actor, ACTOR_KINDS)
    edges = [(actor, v, d) for v, d in _out(G, actor, (HAS_AUTHORITY_OVER,))]
    edges += [(u, actor, d) for u, d in _in(G, actor, (HAS_AUTHORITY_OVER,))]
    out = []
    for u, v, d in edges:
        ref = d.get("source_ref")
        out.append(
            AuthorityLink(
                holder=u,
                holder_name=_name(G, u),
                over=v,
                over_name=_name(G, v),
                scope=d.get("scope"),
                legal_basis=tuple(d.get("legal_basis", ())),
                source=None if ref is None else str(ref),
            )
        )
    return tuple(out)


def partner_objects(G: GovernanceGraph, id: str) -> tuple[Any, ...]:
    """Partners named by the actions of theme or speerpunt *id*, then partner coordinators."""
    find_node(G, id, OWNED_KINDS)
    found: list[str] = []
    for action, _ in _out(G, id, (PURSUES,)):
        for v, _ in _out(G, action, (INVOLVES,)):
            if G.nodes[v].get("kind") == "partner":
                found.append(v)
    for u, _ in _in(G, id, (COORDINATES,)):
        if G.nodes[u].get("kind") == "partner":
            found.append(u)
    return tuple(G.nodes[n].get("obj") for n in dict.fromkeys(found))


def _level(G: GovernanceGraph, agenda: str) -> str | None:
    level = getattr(G.nodes[agenda].get("obj"), "level", None)
    return None if level is None else str(level)


def alignment_links(G: GovernanceGraph, theme: str) -> tuple[AlignmentLink, ...]:
    """Agenda themes that *theme* serves, and agendas it builds on, national level first."""
    find_node(G, theme, OWNED_KINDS)
    rows = []
    for at, _ in _out(G, theme, (ALIGNS_WITH,)):
        agendas = [u for u, _ in _in(G, at, (PRIORITISES,)) if G.nodes[u].get("kind") == "agenda"]
        agenda = agendas[0] if agendas else None
        rows.append(
            AlignmentLink(
                theme=theme,
                relation=ALIGNS_WITH,
                level=None if agenda is None else _level(G, agenda),
                agenda=agenda,
                agenda_name=None if agenda is None else _name(G, agenda),
                agenda_theme=at,
                agenda_theme_name=_name(G, at),
            )
        )
    for agenda, _ in _out(G, theme, (BUILDS_ON,)):
        rows.append(
            AlignmentLink(
                theme=theme,
                relation=BUILDS_ON,
                level=_level(G, agenda),
                agenda=agenda,
                agenda_name=_name(G, agenda),
                agenda_theme=None,
                agenda_theme_name=None,
            )
        )
    rank = {level: i for i, level in enumerate(_LEVELS)}
    rows.sort(key=lambda r: (rank.get(r.level or "", len(rank)), r.relation != ALIGNS_WITH))
    return tuple(rows)
