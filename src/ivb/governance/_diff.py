"""What changed between two policies: entities and relations added, removed, changed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

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
class Change:
    """One difference between two policies.

    Attributes
    ----------
    change:
        ``'added'``, ``'removed'`` or ``'changed'``.
    kind:
        The entity kind (``'theme'``, ``'body'``, ...), ``'policy'`` for the
        policy's own fields, or ``'relation'`` for an edge of the graph.
    id:
        The entity id; ``'<policy>'`` for the policy's own fields; for a
        relation ``'source -relation-> target'`` (the policy node as ``<policy>``).
    field:
        The field that changed (``None`` for whole entities and relations).
    old, new:
        Plain data (text, numbers, lists, mappings) before and after; for a
        changed field, nested entities are given by their ids.
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
class PolicyDiff:
    """The differences between policy *a* and policy *b*.

    Falsy when the two are the same. Changes come in this order: the
    policy's own fields, then entities removed, added and changed (each in
    file order), then relations removed and added.
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


def _fields(obj: Any) -> dict[str, Any]:
    return {a.name: _plain(getattr(obj, a.name)) for a in attrs.fields(type(obj)) if a.init}


def _relations(policy: Policy) -> dict[tuple[str, str, str], None]:
    from ivb.governance._graph import graph_parts

    _, edges = graph_parts(policy)

    def name(n: str) -> str:
        return POLICY_NODE if n == policy.id else n

    return {(name(u), d["relation"], name(v)): None for u, v, _, d in edges}


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
    pa, pb = _fields(policy_a), _fields(policy_b)
    for name in pa:
        if name in _ENTITY_LISTS:
            continue
        if pa[name] != pb[name]:
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
    for ident in ids_b:
        if ident not in set_a:
            continue
        old, new = policy_a.get(ident), policy_b.get(ident)
        if old == new:
            continue
        kind_a, kind_b = policy_a.kind_of(ident), policy_b.kind_of(ident)
        if kind_a != kind_b:
            changes.append(
                Change(change=CHANGED, kind=kind_b, id=ident, field="kind", old=kind_a, new=kind_b)
            )
            continue
        fa, fb = _fields(old), _fields(new)
        for name in fb:
            if fa.get(name) != fb[name]:
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
    ra, rb = _relations(policy_a), _relations(policy_b)
    for edge in ra:
        if edge not in rb:
            changes.append(Change(change=REMOVED, kind="relation", id=_edge_id(edge)))
    for edge in rb:
        if edge not in ra:
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


def _edge_id(edge: tuple[str, str, str]) -> str:
    u, relation, v = edge
    return f"{u} -{relation}-> {v}"
