"""Data and text of the governance subcommands: who-owns, show, bodies, chain, export, diff.

Nothing here imports pandas; the graph comes from :mod:`ivb.governance` and
its pure-Python query cores.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from typing import TYPE_CHECKING, Any

from ivb.cli._overview import render_who_owns
from ivb.governance import chain_links, members, ownerships
from ivb.governance import resolve as resolve_node

if TYPE_CHECKING:
    from ivb.governance import GovernanceGraph

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

#: The node kinds that ``who-owns`` answers for.
OWNED_KINDS = ("theme", "speerpunt")


def resolve(G: GovernanceGraph, text: str, kinds: Collection[str] = ()) -> str:
    """The node id that *text* names: an id, or a name (see :func:`ivb.governance.resolve`).

    Raises
    ------
    UnknownNodeError
        If nothing matches; ids and names that contain *text* or look like it.
    WrongKindError
        If *text* is the id of a node of another kind.
    AmbiguousNameError
        If the name belongs to several nodes of the kind meant.
    """
    return resolve_node(G, text, kinds)


def who_owns_data(G: GovernanceGraph, theme: str | None = None) -> list[dict[str, Any]]:
    """Tier, leads, municipalities, owner and coordinators of every theme and speerpunt, or of
    one (``ivb who-owns --json``)."""
    ids = [resolve(G, theme, OWNED_KINDS)] if theme else []
    return ownerships(G, ids).to_dicts()


def _edge_rows(G: GovernanceGraph, n: str, outgoing: bool) -> list[dict[str, Any]]:
    rows = []
    edges: Iterable[tuple[str, str, Hashable, dict[str, Any]]]
    if outgoing:
        edges = G.out_edges(n, keys=True, data=True)
    else:
        edges = G.in_edges(n, keys=True, data=True)
    seen: set[tuple[object, str]] = set()
    for u, v, k, d in edges:
        other = v if outgoing else u
        # one row per related node and relation (an action may name an actor in two fields)
        if (d.get("relation"), other) in seen:
            continue
        seen.add((d.get("relation"), other))
        rows.append(
            {
                "relation": d.get("relation"),
                "id": other,
                "kind": G.nodes[other].get("kind"),
                "name": G.nodes[other].get("name"),
                "key": k,
            }
        )
    return rows


def show_data(G: GovernanceGraph, ident: str) -> dict[str, Any]:
    """One node: its data and its relations (``ivb show --json``)."""
    from ivb.governance import encode_node

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


def _short(value: Any, width: int = 90) -> str:
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            text = ", ".join(str(v) for v in value)
        else:
            return f"({len(value)} items)"
    elif isinstance(value, dict):
        if set(value) <= {"document", "section", "note"}:
            text = f"{value.get('document')} § {value.get('section')}"
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
    for title, rows, arrow in (("Uitgaand", data["out"], "->"), ("Inkomend", data["in"], "<-")):
        if not rows:
            continue
        lines += ["", title]
        rel_width = max(len(str(r["relation"])) for r in rows)
        for r in rows:
            lines.append(f"  {arrow} {r['relation']!s:<{rel_width}}  {r['name']} [{r['id']}]")
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
                "members": [m.id for m in members(G, n)],
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
    from ivb.governance import ACTOR_KINDS

    n = resolve(G, body, ACTOR_KINDS)
    return {
        "id": n,
        "name": G.nodes[n].get("name"),
        "chain": chain_links(G, n).to_dicts(),
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
