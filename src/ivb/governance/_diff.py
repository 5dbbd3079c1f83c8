"""What changed between two policies: entities and relations added, removed, changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ivb._records import Record
from ivb.model import KINDS, Policy

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Change", "PolicyDiff", "diff"]

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
#: How relations name the policy node, so that policies with other ids compare.
POLICY_NODE = "<policy>"


@attrs.frozen(kw_only=True)
class Change(Record):
    """One difference between two policies.

    Attributes
    ----------
    change:
        ``'added'``, ``'removed'`` or ``'changed'``.
    kind:
        The entity kind (``'theme'``, ``'body'``, ...), ``'policy'`` for the
        policy's own fields, ``'relation'`` for an edge of the graph, or the
        kind of a record in a list of the policy that has no ids
        (``'citation'``, ``'priority-level'``, ``'budget-line'``).
    id:
        The entity id; ``'<policy>'`` for the policy's own fields; for a
        relation ``'source -relation-> target'`` (the policy node as ``<policy>``);
        for a record what identifies it: a citation ``'holder.field -> target'``
        (``-> a, b`` when it covers several targets, ``-> *`` when it covers the field),
        a priority level its level, a budget line ``'year municipality: purpose'``
        (``#2``, ``#3`` added when records share it).
    field:
        The field that changed (``None`` for whole entities and relations).
    old, new:
        Plain data (text, numbers, lists, mappings) before and after; for a
        changed field, nested entities are given by their ids. A record
        removed or added has its fields as ``old`` or ``new``.
    """

    change: str
    kind: str
    id: str
    field: str | None = None
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        sign = {ADDED: "+", REMOVED: "-", CHANGED: "~"}[self.change]
        what = f"{self.kind} {self.id}"
        if self.field is None:
            return f"{sign} {what}"
        return f"{sign} {what}.{self.field}: {_short(self.old)} -> {_short(self.new)}"


def _short(value: Any, width: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


@attrs.frozen(kw_only=True)
class PolicyDiff(Record):
    """The differences between policy *a* and policy *b*.

    Falsy when the two are the same. Changes come in this order: the
    policy's own fields (the records of its lists without ids removed, added
    and changed, in place of the list), then entities removed, added and
    changed (each in file order), then relations removed and added.
    """

    a: str
    b: str
    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def of(self, change: str) -> tuple[Change, ...]:
        """The changes of one sort: ``'added'``, ``'removed'`` or ``'changed'``."""
        return tuple(c for c in self.changes if c.change == change)

    def to_records(self) -> list[dict[str, Any]]:
        """The changes as plain mappings (what ``ivb diff --json`` prints)."""
        return [attrs.asdict(c) for c in self.changes]

    def to_frame(self) -> pd.DataFrame:
        """The changes as a DataFrame: ``change, kind, id, field, old, new``."""
        import pandas as pd

        columns = [a.name for a in attrs.fields(Change)]
        return pd.DataFrame(
            [[getattr(c, n) for n in columns] for c in self.changes], columns=columns
        )

    def render(self) -> str:
        """The changes as text, one per line, ``+`` added, ``-`` removed, ``~`` changed."""
        if not self.changes:
            return f"{self.a} and {self.b} are the same\n"
        head = f"--- {self.a}\n+++ {self.b}\n"
        return head + "".join(f"{c}\n" for c in self.changes)


def _is_entity(value: object) -> bool:
    return type(value) in KINDS


def _plain(value: Any) -> Any:
    """Plain data of a field value; nested entities become their ids."""
    from ivb._convert import converter

    if _is_entity(value):
        return value.id
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        return {a.name: _plain(getattr(value, a.name)) for a in attrs.fields(type(value)) if a.init}
    return converter.unstructure(value)


def _fields(obj: Any, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        a.name: _plain(getattr(obj, a.name))
        for a in attrs.fields(type(obj))
        if a.init and a.name not in skip
    }


def _relations(policy: Policy) -> dict[tuple[str, str, str], None]:
    from ivb.governance._graph import graph_parts

    _, edges = graph_parts(policy)

    def name(n: str) -> str:
        return POLICY_NODE if n == policy.id else n

    return {(name(u), d["relation"], name(v)): None for u, v, _, d in edges}


class _Present:
    """The ids that edges may point to: the entities of a policy and the policy itself."""

    __slots__ = ("policy",)

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def __contains__(self, ident: object) -> bool:
        return ident == self.policy.id or ident in self.policy

    def get(self, ident: str) -> Any:
        """The entity *ident*, or None (the policy itself, an unknown id)."""
        return self.policy.get(ident) if ident in self.policy else None


def _stated(policy: Policy, ident: str) -> list[tuple[str, str, str]]:
    """The edges ``(source, relation, target)`` that entity *ident* states, in graph order."""
    from ivb.governance._graph import _entity_edges

    found: list[tuple[str, str, str]] = []
    _entity_edges(
        ident,
        policy.get(ident),
        _Present(policy),  # type: ignore[arg-type]
        policy.id,
        lambda u, v, relation, _: found.append((u, relation, v)),
    )
    return found


def _changed_relations(
    policy_a: Policy,
    policy_b: Policy,
    changed: list[str],
    ids: tuple[tuple[str, ...], tuple[str, ...]],
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Relations removed and added when only the entities *changed* differ.

    Every edge an entity states has that entity at one of its ends, and an
    entity that did not change states the same edges in both policies (they
    have the same ids). So only the edges of the changed entities can differ;
    one of them is in a policy if that policy's changed entities state it, or
    the unchanged entity at either end does. Each side comes in graph order:
    by source node, then by the entity that states the edge, then as stated.
    """
    from ivb.governance._graph import _policy_edges

    def edges_of(
        policy: Policy, order: tuple[str, ...]
    ) -> tuple[dict[tuple[str, str, str], tuple[int, ...]], set[Any]]:
        position = {ident: i for i, ident in enumerate(order)}
        ordered: dict[tuple[str, str, str], tuple[int, ...]] = {}
        for j, (u, v, relation, _, _) in enumerate(_policy_edges(policy)):
            ordered.setdefault((u, relation, v), (-1, -1, j))
        for ident in changed:
            for j, edge in enumerate(_stated(policy, ident)):
                u = edge[0]
                key = (-1 if u == policy.id else position[u], position[ident], j)
                if edge not in ordered or key < ordered[edge]:
                    ordered[edge] = key
        return ordered, set(ordered)

    def holds(policy: Policy, own: set[Any], edge: tuple[str, str, str]) -> bool:
        if edge in own:
            return True
        ends = {edge[0], edge[2]} - set(changed) - {policy.id}
        return any(edge in _stated(policy, end) for end in ends if end in policy)

    in_a, own_a = edges_of(policy_a, ids[0])
    in_b, own_b = edges_of(policy_b, ids[1])
    removed = [e for e in sorted(in_a, key=in_a.__getitem__) if not holds(policy_b, own_b, e)]
    added = [e for e in sorted(in_b, key=in_b.__getitem__) if not holds(policy_a, own_a, e)]
    return removed, added


def diff(policy_a: Policy, policy_b: Policy) -> PolicyDiff:
    """What was added, removed and changed from *policy_a* to *policy_b*.

    Entities are matched by id; a changed entity gives one change per field
    (nested entities, such as a theme's actions, count as their own
    entities and appear in the field as ids). Relations are the edges of
    :func:`build_graph`, matched by source, relation and target. Two
    versions of one policy, or two municipalities' files, may be compared.

    Parameters
    ----------
    policy_a:
        The old policy.
    policy_b:
        The new policy.

    Returns
    -------
    PolicyDiff
        Falsy when the two are the same.

    Raises
    ------
    TypeError
        If either argument is not a :class:`~ivb.model.Policy`.

    Examples
    --------
    >>> import attrs, ivb
    >>> old = ivb.load()
    >>> new = attrs.evolve(old, title="IVB (herzien)")
    >>> print(diff(old, new).render(), end="")
    --- dnu-ivb-2024-2027
    +++ dnu-ivb-2024-2027
    ~ policy <policy>.title: 'Integraal Veiligheidsbeleid 2024-2027' -> 'IVB (herzien)'
    >>> bool(diff(old, old))
    False
    """
    for name, value in (("policy_a", policy_a), ("policy_b", policy_b)):
        if not isinstance(value, Policy):
            raise TypeError(f"{name}: expected a Policy, got {type(value).__name__}")
    changes: list[Change] = []
    pa, pb = _fields(policy_a, _ENTITY_LISTS), _fields(policy_b, _ENTITY_LISTS)
    for name in pa:
        if pa[name] == pb[name]:
            continue
        if name in _RECORD_LISTS:
            changes.extend(_record_changes(name, getattr(policy_a, name), getattr(policy_b, name)))
        else:
            changes.append(
                Change(
                    change=CHANGED,
                    kind="policy",
                    id=POLICY_NODE,
                    field=name,
                    old=pa[name],
                    new=pb[name],
                )
            )
    ids_a, ids_b = policy_a.ids(), policy_b.ids()
    set_a, set_b = set(ids_a), set(ids_b)
    for ident in ids_a:
        if ident not in set_b:
            changes.append(Change(change=REMOVED, kind=policy_a.kind_of(ident), id=ident))
    for ident in ids_b:
        if ident not in set_a:
            changes.append(Change(change=ADDED, kind=policy_b.kind_of(ident), id=ident))
    changed: list[str] = []
    for ident in ids_b:
        if ident not in set_a:
            continue
        old, new = policy_a.get(ident), policy_b.get(ident)
        if old is new or old == new:
            continue
        changed.append(ident)
        kind_a, kind_b = policy_a.kind_of(ident), policy_b.kind_of(ident)
        if kind_a != kind_b:
            changes.append(
                Change(change=CHANGED, kind=kind_b, id=ident, field="kind", old=kind_a, new=kind_b)
            )
            continue
        fa, fb = _fields(old), _fields(new)
        for name in fb:
            if _is_records(fa.get(name)) and _is_records(fb[name]) and fa.get(name) != fb[name]:
                changes.extend(_nested_changes(kind_b, ident, name, fa[name], fb[name]))
            elif fa.get(name) != fb[name]:
                changes.append(
                    Change(
                        change=CHANGED,
                        kind=kind_b,
                        id=ident,
                        field=name,
                        old=fa.get(name),
                        new=fb[name],
                    )
                )
    # an indicator's subject decides the relation of the figures, tables and claims that
    # measure it, so a changed indicator or table changes edges it does not hold
    through = {"indicator", "table"}
    if (
        set_a == set_b
        and policy_a.id == policy_b.id
        and not any(policy_b.kind_of(i) in through for i in changed)
    ):
        # the same entities: only the edges of those that changed can differ
        removed, added = _changed_relations(policy_a, policy_b, changed, (ids_a, ids_b))

        def node(n: str) -> str:
            return POLICY_NODE if n == policy_a.id else n

        removed = list(dict.fromkeys((node(u), r, node(v)) for u, r, v in removed))
        added = list(dict.fromkeys((node(u), r, node(v)) for u, r, v in added))
    else:
        ra, rb = _relations(policy_a), _relations(policy_b)
        removed = [edge for edge in ra if edge not in rb]
        added = [edge for edge in rb if edge not in ra]
    for edge in removed:
        changes.append(Change(change=REMOVED, kind="relation", id=_edge_id(edge)))
    for edge in added:
        changes.append(Change(change=ADDED, kind="relation", id=_edge_id(edge)))
    return PolicyDiff(a=policy_a.id, b=policy_b.id, changes=tuple(changes))


#: Policy fields that hold entities (compared entity by entity, not as a field).
_ENTITY_LISTS = frozenset(
    {
        "documents",
        "municipalities",
        "areas",
        "regions",
        "outside_regions",
        "roles",
        "partners",
        "bodies",
        "agendas",
        "instruments",
        "trends",
        "principle_sets",
        "principles",
        "tiers",
        "themes",
        "speerpunten",
        "indicators",
        "tables",
        "figures",
        "trend_claims",
        "targets",
        "references",
        "terms",
        "statements",
    }
)


def _citation_id(c: Any) -> str:
    """``holder.field -> target``, ``-> a, b`` for several targets, ``-> *`` for the field."""
    return f"{c.holder}.{c.field} -> {', '.join(c.ends) or '*'}"


def _budget_line_id(line: Any) -> str:
    where = f" {line.municipality}" if line.municipality else ""
    return f"{line.year}{where}: {line.purpose}"


#: Policy fields that hold records without ids, compared record by record:
#: field -> (the kind of its records, what identifies a record, as text).
_RECORD_LISTS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "citations": ("citation", _citation_id),
    "priority_levels": ("priority-level", lambda level: str(level.level.value)),
    "budget": ("budget-line", _budget_line_id),
}


def _keyed(records: tuple[Any, ...], identity: Callable[[Any], str]) -> dict[str, Any]:
    """*records* by what identifies them; a repeated identity gets ``#2``, ``#3``, ..."""
    keyed: dict[str, Any] = {}
    for record in records:
        key = base = identity(record)
        n = 1
        while key in keyed:
            n += 1
            key = f"{base} #{n}"
        keyed[key] = record
    return keyed


def _record_changes(name: str, old: tuple[Any, ...], new: tuple[Any, ...]) -> list[Change]:
    """The records of policy field *name* removed, added and changed, by their identity."""
    kind, identity = _RECORD_LISTS[name]
    in_a, in_b = _keyed(old, identity), _keyed(new, identity)
    changes = [
        Change(change=REMOVED, kind=kind, id=key, old=_fields(record))
        for key, record in in_a.items()
        if key not in in_b
    ]
    changes += [
        Change(change=ADDED, kind=kind, id=key, new=_fields(record))
        for key, record in in_b.items()
        if key not in in_a
    ]
    for key, record in in_b.items():
        before = in_a.get(key)
        if before is None or before == record:
            continue
        fa, fb = _fields(before), _fields(record)
        changes += [
            Change(change=CHANGED, kind=kind, id=key, field=f, old=fa[f], new=fb[f])
            for f in fb
            if fa[f] != fb[f]
        ]
    return changes


def _is_records(value: object) -> bool:
    """Whether *value* is a non-empty list of records (mappings), as a table's rows."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _record_key(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> str | None:
    """The first field that names each record of both lists once (a row's region, a
    measurement's year), or ``None``: then records are matched by their place."""
    for field in old[0]:
        values = [r.get(field) for r in old], [r.get(field) for r in new]
        if all(
            all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in vs)
            and len(set(vs)) == len(vs)
            for vs in values
        ):
            return field
    return None


def _nested_changes(
    kind: str, ident: str, name: str, old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> list[Change]:
    """The records of entity field *name* removed, added and changed, one change each
    (field ``rows[dronten]``, ``rows[dronten].values``): matched by the field that
    names each one (:func:`_record_key`), else by place (``rows[2]``)."""
    key = _record_key(old, new)

    def keyed(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        if key is None:
            return {str(i): r for i, r in enumerate(records)}
        return {str(r[key]): r for r in records}

    in_a, in_b = keyed(old), keyed(new)
    out = [
        Change(change=CHANGED, kind=kind, id=ident, field=f"{name}[{k}]", old=r, new=None)
        for k, r in in_a.items()
        if k not in in_b
    ]
    for k, record in in_b.items():
        before = in_a.get(k)
        if before is None:
            out.append(
                Change(change=CHANGED, kind=kind, id=ident, field=f"{name}[{k}]", new=record)
            )
            continue
        out += [
            Change(
                change=CHANGED,
                kind=kind,
                id=ident,
                field=f"{name}[{k}].{f}",
                old=before.get(f),
                new=record.get(f),
            )
            for f in dict.fromkeys([*before, *record])
            if before.get(f) != record.get(f)
        ]
    return out


def _edge_id(edge: tuple[str, str, str]) -> str:
    u, relation, v = edge
    return f"{u} -{relation}-> {v}"
