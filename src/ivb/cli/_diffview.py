"""``ivb diff`` as text for a person: the changes grouped by the entity they belong to.

:func:`ivb.governance.diff` lists every change on its own (each nested action,
each relation), which is what ``--json`` prints. Here an entity added or removed
is one line that counts its nested entities and the relations that came or went
with it; a changed entity lists its changed fields under one heading and counts
the relations that follow from them. Relations that belong to no changed
entity are listed under the entity they start from. A record of a list without
ids (a citation, a priority level, a budget line) is named by what identifies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ivb.cli._labels import field_label, kind_label, relation_label
from ivb.cli._text import _, fit, ngettext

if TYPE_CHECKING:
    from ivb.governance import Change
    from ivb.model import Policy

__all__ = ["render_diff"]

_SIGN = {"added": "+", "removed": "-", "changed": "~"}
#: How the diff names the policy node.
_POLICY_NODE = "<policy>"
_ARROW = " -"


def _nested_in(obj: object, found: set[str]) -> None:
    """Add to *found* the ids of the entities held in the fields of *obj*, at any depth."""
    from ivb.model import KINDS

    if isinstance(obj, tuple):
        for item in obj:
            _nested_in(item, found)
        return
    cls = type(obj)
    if not attrs.has(cls):
        return
    for field in attrs.fields(cls):
        if not field.init:
            continue
        value = getattr(obj, field.name)
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if type(item) in KINDS:
                ident = getattr(item, "id", None)
                if isinstance(ident, str):
                    found.add(ident)
            _nested_in(item, found)


def _parents(policy: Policy, ids: set[str]) -> dict[str, str]:
    """For each of *ids* held inside another of *ids*: the outermost one that holds it."""
    held: dict[str, set[str]] = {}
    for ident in ids:
        inside: set[str] = set()
        _nested_in(policy.get(ident), inside)
        held[ident] = inside & ids
    parent: dict[str, str] = {}
    for ident, inside in held.items():
        for child in inside:
            parent[child] = ident
    top: dict[str, str] = {}
    for child in parent:
        up, seen = child, {child}
        while up in parent and parent[up] not in seen:
            up = parent[up]
            seen.add(up)
        top[child] = up
    return top


def _split_edge(ident: str) -> tuple[str, str, str]:
    """``'u -relation-> v'`` -> ``(u, relation, v)``."""
    u, _sep, rest = ident.partition(_ARROW)
    relation, _sep, v = rest.partition("-> ")
    return u, relation, v


def _name(policies: Sequence[Policy], ident: str) -> str:
    from ivb.cli._overview import _label as label_of

    if ident == _POLICY_NODE:
        return _("the policy")
    for policy in policies:
        if ident in policy:
            return f"{label_of(policy.get(ident))} [{ident}]"
    return f"[{ident}]"


def _value(value: Any, width: int | None) -> str:
    if value is None or value in ([], {}, ""):
        text = "-"
    elif isinstance(value, bool):
        text = _("yes") if value else _("no")
    elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        text = "[" + ", ".join(str(v) for v in value) + "]"
    elif isinstance(value, list):
        text = ngettext("({n} item)", "({n} items)", len(value)).format(n=len(value))
    elif isinstance(value, dict) and set(value) <= {"document", "section", "note"}:
        text = f"{value.get('document')} § {value.get('section')}"
    elif isinstance(value, dict):
        text = ngettext("({n} field)", "({n} fields)", len(value)).format(n=len(value))
    else:
        text = str(value)
    limit = None if width is None else max(width // 3, 20)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def render_diff(
    changes: Sequence[Change],
    names: tuple[str, str],
    policies: tuple[Policy, Policy],
    width: int | None,
) -> str:
    """The changes from ``names[0]`` to ``names[1]``, grouped, as text for a terminal.

    Parameters
    ----------
    changes
        The changes of :func:`ivb.governance.diff`, in its order.
    names
        How to name the old and the new policy in the header (file names).
    policies
        The old and the new policy (for the names of entities).
    width
        The line width, or ``None`` to keep lines whole.
    """
    from ivb.model import KINDS

    if not changes:
        return _("{a} and {b} are the same").format(a=names[0], b=names[1]) + "\n"
    entity_kinds = set(KINDS.values())
    whole: dict[str, set[str]] = {"added": set(), "removed": set()}
    for c in changes:
        if c.kind in entity_kinds and c.change in whole:
            whole[c.change].add(c.id)
    # an added entity is in the new policy, a removed one in the old
    top = {
        "removed": _parents(policies[0], whole["removed"]),
        "added": _parents(policies[1], whole["added"]),
    }
    changed_ids = {c.id for c in changes if c.change == "changed"}
    # groups: (sign, top id) -> nested entity counts, fields, relation counts
    order: list[tuple[str, str]] = []
    groups: dict[tuple[str, str], dict[str, Any]] = {}

    def group(change: str, ident: str, kind: str) -> dict[str, Any]:
        key = (change, ident)
        if key not in groups:
            order.append(key)
            groups[key] = {"kind": kind, "nested": {}, "fields": [], "rel": [0, 0]}
        return groups[key]

    def owner_of(ident: str) -> tuple[str, str] | None:
        for change in ("removed", "added"):
            if ident in whole[change]:
                return (change, top[change].get(ident, ident))
        return ("changed", ident) if ident in changed_ids else None

    loose: dict[str, list[tuple[str, str, str, str]]] = {}
    for c in changes:
        if c.kind == "relation":
            continue
        if c.change in whole:
            parent = top[c.change].get(c.id)
            if parent is not None:
                nested = group(c.change, parent, "")["nested"]
                nested[c.kind] = nested.get(c.kind, 0) + 1
                continue
            group(c.change, c.id, c.kind)["kind"] = c.kind
        else:
            group("changed", c.id, c.kind)["fields"].append(c)
    for c in changes:
        if c.kind != "relation":
            continue
        u, relation, v = _split_edge(c.id)
        owner = owner_of(u) or owner_of(v)
        if owner is None or owner not in groups:
            loose.setdefault(u, []).append((c.change, u, relation, v))
            continue
        groups[owner]["rel"][0 if c.change == "added" else 1] += 1

    lines = [f"--- {names[0]}", f"+++ {names[1]}"]
    run: tuple[str, str] | None = None  # records added or removed: one block of lines
    for key in order:
        change, ident = key
        g = groups[key]
        record = g["kind"] not in entity_kinds and ident != _POLICY_NODE
        if not (record and change != "changed" and run == (change, g["kind"])):
            lines.append("")
        run = (change, g["kind"]) if record and change != "changed" else None
        if ident == _POLICY_NODE:
            lines.append(f"{_SIGN[change]} {_name(policies, ident)}")
        elif g["kind"] not in entity_kinds:  # a record of a list without ids
            lines.append(f"{_SIGN[change]} {kind_label(g['kind'])} [{ident}]")
        else:
            lines.append(f"{_SIGN[change]} {kind_label(g['kind'])} {_name(policies, ident)}")
        if g["nested"]:
            n = sum(g["nested"].values())
            kinds = ", ".join(kind_label(k) for k in g["nested"])
            text = ngettext("with {n} nested item ({kinds})", "with {n} nested items ({kinds})", n)
            lines.append("    " + text.format(n=n, kinds=kinds))
        for c in g["fields"]:
            if c.field is None:
                continue
            lines.append(
                f"    {field_label(c.field)}: {_value(c.old, width)} -> {_value(c.new, width)}"
            )
        added, removed = g["rel"]
        parts = []
        if removed:
            text = ngettext("{n} relation removed", "{n} relations removed", removed)
            parts.append(text.format(n=removed))
        if added:
            text = ngettext("{n} relation added", "{n} relations added", added)
            parts.append(text.format(n=added))
        if parts:
            lines.append("    " + ", ".join(parts))
    if loose:
        lines += ["", _("Relations")]
        for u, rows in loose.items():
            lines.append(f"  {_name(policies, u)}")
            for change, _u, relation, v in rows:
                lines.append(f"    {_SIGN[change]} {relation_label(relation)} {_name(policies, v)}")
    total = ngettext(
        "{n} difference in all (--json lists each one)",
        "{n} differences in all (--json lists each one)",
        len(changes),
    )
    lines += ["", total.format(n=len(changes))]
    return fit("\n".join(lines), width) + "\n"
