"""Data and text of the governance subcommands: who-owns, show, bodies, chain, export, diff.

Nothing here imports pandas; the graph comes from :mod:`ivb.governance` and
its pure-Python query cores.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ivb._errors import close_matches
from ivb.cli._overview import render_who_owns
from ivb.governance._core import (
    OWNED_KINDS,
    chain_links,
    find_node,
    member_objects,
    ownerships,
)
from ivb.governance._errors import UnknownNodeError

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = [
    "bodies_data",
    "chain_data",
    "render_bodies",
    "render_chain",
    "render_show",
    "render_who_owns",
    "resolve",
    "show_data",
    "who_owns_data",
]


def resolve(G: GovernanceGraph, text: str, kinds: Collection[str] = ()) -> str:
    """The node id that *text* names: an id, or the name of a node of *kinds* (any case).

    Raises
    ------
    UnknownNodeError
        If nothing matches; close matches among the ids (and names) of *kinds*.
    WrongKindError
        If *text* is the id of a node of another kind.
    """
    if text in G:
        find_node(G, text, kinds)
        return text
    wanted = text.casefold()
    pool: list[str] = []
    for n, d in G.nodes(data=True):
        if kinds and d.get("kind") not in kinds:
            continue
        pool.append(n)
        if str(d.get("name", "")).casefold() == wanted:
            return str(n)
    raise UnknownNodeError(text, close_matches(text, pool), what=" or ".join(kinds) or "node")


def who_owns_data(G: GovernanceGraph, theme: str | None = None) -> list[dict[str, Any]]:
    """Tier, leads, municipalities, owner and coordinators of every theme and speerpunt, or of
    one (``ivb who-owns --json``)."""
    ids = [resolve(G, theme, OWNED_KINDS)] if theme else []
    return [attrs.asdict(o) for o in ownerships(G, ids)]


def _edge_rows(G: GovernanceGraph, n: str, outgoing: bool) -> list[dict[str, Any]]:
    rows = []
    edges: Iterable[tuple[str, str, Hashable, dict[str, Any]]]
    if outgoing:
        edges = G.out_edges(n, keys=True, data=True)
    else:
        edges = G.in_edges(n, keys=True, data=True)
    for u, v, k, d in edges:
        other = v if outgoing else u
        note = getattr(d.get("source_ref"), "note", None)
        row_extra: dict[str, Any] = {}
        if d.get("basis", "stated") != "stated" and note:
            row_extra["reasoning"] = note
        rows.append(
            {
                "relation": d.get("relation"),
                "id": other,
                "kind": G.nodes[other].get("kind"),
                "name": G.nodes[other].get("name"),
                "key": k,
                "basis": d.get("basis", "stated"),
                "modality": d.get("modality"),
                **row_extra,
            }
        )
    return rows


#: How ``ivb show`` marks a relation or fact that is not simply stated by the source.
_MARKS = {
    "derived": "afgeleid",
    "ambiguous": "dubbelzinnig",
    "possible": "mogelijk",
    "planned": "gepland",
}


def _marks(*values: object) -> str:
    found = [_MARKS[str(v)] for v in values if str(v) in _MARKS]
    return f"  ({', '.join(found)})" if found else ""


def show_data(G: GovernanceGraph, ident: str) -> dict[str, Any]:
    """One node: its data and its relations (``ivb show --json``)."""
    from ivb.governance._codec import encode_node

    n = resolve(G, ident)
    node = encode_node(G.nodes[n])
    return {
        "id": n,
        "kind": node.get("kind"),
        "name": node.get("name"),
        "data": node.get("obj"),
        "out": _edge_rows(G, n, True),
        "in": _edge_rows(G, n, False),
    }


_SOURCE_KEYS = frozenset({"document", "section", "note", "basis", "quote", "readings"})


def _short(value: Any, width: int = 90) -> str:
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            text = ", ".join(str(v) for v in value)
        else:
            return f"({len(value)} items)"
    elif isinstance(value, dict):
        if "document" in value and set(value) <= _SOURCE_KEYS:
            text = f"{value.get('document')} § {value.get('section')}"
            text += _marks(value.get("basis"))
        else:
            return f"({len(value)} fields)"
    else:
        text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def render_show(data: dict[str, Any]) -> str:
    """One node as text for a terminal."""
    lines = [f"{data['name']}", f"  {data['kind']} [{data['id']}]", ""]
    fields = data.get("data") or {}
    skip = {"id", "name"}
    width = max((len(k) for k in fields if k not in skip), default=0)
    for key, value in fields.items():
        if key in skip or value in ([], {}, None, ""):
            continue
        lines.append(f"  {key:<{width}}  {_short(value)}")
        if isinstance(value, dict) and value.get("basis") in ("derived", "ambiguous"):
            # the reasoning of a derived fact is shown where a person reads it
            reason = value.get("note") or "; ".join(value.get("readings") or ())
            lines.append(f"  {'':<{width}}  {_short(reason, 200)}")
    for title, rows, arrow in (("Uitgaand", data["out"], "->"), ("Inkomend", data["in"], "<-")):
        if not rows:
            continue
        lines += ["", title]
        rel_width = max(len(str(r["relation"])) for r in rows)
        for r in rows:
            mark = _marks(r.get("basis"), r.get("modality"))
            lines.append(f"  {arrow} {r['relation']!s:<{rel_width}}  {r['name']} [{r['id']}]{mark}")
            if r.get("reasoning"):
                lines.append(f"     {'':<{rel_width}}  {_short(r['reasoning'], 200)}")
    return "\n".join(lines) + "\n"


def _ids_in(G: GovernanceGraph, n: str, relation: str) -> list[str]:
    return [u for u, _, d in G.in_edges(n, data=True) if d.get("relation") == relation]


def _ids_out(G: GovernanceGraph, n: str, relation: str) -> list[str]:
    return [v for _, v, d in G.out_edges(n, data=True) if d.get("relation") == relation]


def bodies_data(G: GovernanceGraph) -> list[dict[str, Any]]:
    """Every consultation body with its members and links (``ivb bodies --json``)."""
    out = []
    for n, d in G.nodes(data=True):
        if d.get("kind") != "body":
            continue
        body = d["obj"]
        out.append(
            {
                "id": n,
                "name": d.get("name"),
                "tier": str(body.tier),
                "scope": str(body.scope),
                "meets": str(body.meets),
                "meetings_per_year": body.meetings_per_year,
                "frequency": body.frequency,
                "planned": body.planned,
                "members": [m.id for m in member_objects(G, n)],
                "coordinators": _ids_in(G, n, "coordinates"),
                "prepares": _ids_out(G, n, "prepares"),
                "prepared_by": _ids_in(G, n, "prepares"),
                "informs": _ids_out(G, n, "informs"),
                "escalates_to": _ids_out(G, n, "escalates-to"),
            }
        )
    return out


def render_bodies(G: GovernanceGraph, rows: list[dict[str, Any]]) -> str:
    """The bodies as text for a terminal."""

    def names(ids: list[str]) -> str:
        return ", ".join(str(G.nodes[i].get("name", i)) for i in ids)

    if not rows:
        return "Geen overlegstructuren.\n"
    lines = ["Overlegstructuren"]
    for r in rows:
        if r["meetings_per_year"]:
            freq = f"{r['meetings_per_year']}x per jaar"
        elif r["planned"]:
            freq = "in oprichting"
        elif r["frequency"]:
            freq = r["frequency"]
        else:
            freq = "ad hoc" if r["meets"] == "ad-hoc" else "frequentie niet genoemd"
        lines += ["", f"  {r['name']} [{r['id']}]", f"    {r['tier']}, {r['scope']}, {freq}"]
        for label, key in (
            ("leden", "members"),
            ("coördinatie", "coordinators"),
            ("bereidt voor", "prepares"),
            ("voorbereid door", "prepared_by"),
            ("informeert", "informs"),
            ("schaalt op naar", "escalates_to"),
        ):
            if r[key]:
                lines.append(f"    {label}: {names(r[key])}")
    return "\n".join(lines) + "\n"


def chain_data(G: GovernanceGraph, body: str) -> dict[str, Any]:
    """What prepares or informs *body*, transitively (``ivb chain --json``)."""
    from ivb.governance._relations import ACTOR_KINDS

    n = resolve(G, body, ACTOR_KINDS)
    return {
        "id": n,
        "name": G.nodes[n].get("name"),
        "chain": [attrs.asdict(link) for link in chain_links(G, n)],
    }


def render_chain(G: GovernanceGraph, data: dict[str, Any]) -> str:
    """The chain as text for a terminal."""
    if not data["chain"]:
        return f"Niets bereidt {data['name']} [{data['id']}] voor of informeert het.\n"
    verbs = {"prepares": "bereidt voor", "informs": "informeert"}
    lines = [f"Wat {data['name']} [{data['id']}] voedt"]
    for link in data["chain"]:
        target = G.nodes[link["feeds"]].get("name", link["feeds"])
        indent = "  " * link["depth"]
        lines.append(
            f"{indent}{link['name']} [{link['id']}] {verbs.get(link['relation'], link['relation'])}"
            f" {target}"
        )
    return "\n".join(lines) + "\n"
