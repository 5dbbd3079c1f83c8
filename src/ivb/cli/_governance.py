"""Data and text of the governance subcommands: who-owns, show, bodies, chain, export, diff.

Nothing here imports pandas; the graph comes from :mod:`ivb.governance` and
its pure-Python query cores.
"""

from __future__ import annotations

import datetime
import enum
import re
import textwrap
from collections.abc import Collection, Hashable, Iterable
from typing import TYPE_CHECKING, Any

from ivb.cli._labels import field_label, kind_label, relation_label, value_label
from ivb.cli._overview import basis_mark, frequency_text, reason_text, render_who_owns
from ivb.cli._text import N_, _, fit, format_date, format_number, ngettext
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
        row_extra: dict[str, Any] = {}
        if d.get("basis", "stated") != "stated":
            # the reasoning of a derived edge, the readings of an ambiguous one
            _basis, why = _edge_basis(d)
            if why:
                row_extra["reasoning"] = why
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
    "derived": N_("derived"),
    "ambiguous": N_("ambiguous"),
    "possible": N_("possible"),
    "planned": N_("planned"),
}


def _marks(*values: object) -> str:
    found = [_(_MARKS[str(v)]) for v in values if str(v) in _MARKS]
    return f"  ({', '.join(found)})" if found else ""


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


_SOURCE_KEYS = frozenset({"document", "section", "note", "basis", "quote", "readings"})


def _count_text(value: list[Any] | dict[str, Any]) -> str:
    n = len(value)
    if isinstance(value, list):
        return ngettext("({n} item)", "({n} items)", n).format(n=n)
    return ngettext("({n} field)", "({n} fields)", n).format(n=n)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _value_text(value: Any, raw: Any) -> str:
    """A field value for a person: enums by their label, numbers and dates for the language."""
    if isinstance(raw, enum.Enum):
        return value_label(type(raw).__name__, str(raw.value))
    if isinstance(raw, tuple) and raw and all(isinstance(v, enum.Enum) for v in raw):
        return ", ".join(value_label(type(v).__name__, str(v.value)) for v in raw)
    if isinstance(raw, datetime.date) or (isinstance(raw, str) and _ISO_DATE.fullmatch(raw)):
        return format_date(raw)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return ", ".join(
                format_number(v) if isinstance(v, (int, float)) else str(v) for v in value
            )
        return _count_text(value)
    if isinstance(value, dict):
        if "document" in value and set(value) <= _SOURCE_KEYS:
            return f"{value.get('document')} § {value.get('section')}" + _marks(value.get("basis"))
        return _count_text(value)
    return str(value)


def _hanging(head: str, text: str, width: int | None) -> list[str]:
    """*head* and *text*, the text wrapped within *width* and continued under itself."""
    if width is None or len(head) + len(text) <= width:
        return [head + text]
    room = width - len(head)
    if room < 20:  # too narrow to keep the column: continue four spaces in
        return [fit(head + text, width)]
    wrapped = textwrap.wrap(text, width=room, break_on_hyphens=False) or [""]
    return [head + wrapped[0]] + [" " * len(head) + rest for rest in wrapped[1:]]


def _number_with_unit(value: float, unit: str) -> str:
    if unit == "percent":
        return format_number(value) + "%"
    if unit == "percent-change":
        return ("+" if value > 0 else "") + format_number(value) + "%"
    if unit in ("count", "persons", "rapportcijfer"):
        return format_number(value)
    return f"{format_number(value)} {value_label('Unit', unit)}"


def statistic_caption(G: GovernanceGraph, n: str) -> str | None:
    """A caption for a figure or trend claim of the policy, in the run's language.

    Made from the fields (indicator or table, region, periods, value and unit, or
    the trend), not from the free-text description, so that it is in the language
    of the run. ``None`` for any other node (or one that lacks what a caption needs).
    """
    obj = G.nodes[n].get("obj")
    kind = G.nodes[n].get("kind")
    if kind not in ("figure", "trend-claim") or obj is None:
        return None

    def name(ident: str | None) -> str:
        if ident is None:
            return ""
        return str(G.nodes[ident].get("name", ident)) if ident in G else ident

    if kind == "trend-claim":
        trend = getattr(obj, "kind", None)
        if trend is None:
            return None
        claim = {
            "table": name(getattr(obj, "table", None)).rstrip("."),
            "region": name(getattr(obj, "region", None)),
            "base": getattr(obj, "base", None),
            "period": getattr(obj, "period", None),
            "trend": value_label("TrendKind", str(getattr(trend, "value", trend))),
        }
        if claim["base"] and claim["period"]:
            return _("{table} in {region}, {base} to {period}: {trend}").format(**claim)
        return _("{table} in {region}: {trend}").format(**claim)
    value = getattr(obj, "value", None)
    unit = getattr(obj, "unit", None)
    if value is None or unit is None:
        return None

    what = {
        "indicator": name(getattr(obj, "indicator", None)),
        "region": name(getattr(obj, "region", None)),
        "period": getattr(obj, "period", ""),
        "base": getattr(obj, "base_period", None),
        "value": _number_with_unit(float(value), str(getattr(unit, "value", unit))),
    }
    if what["base"]:
        return _("{indicator} in {region}, {period} against {base}: {value}").format(**what)
    return _("{indicator} in {region}, {period}: {value}").format(**what)


def node_name(G: GovernanceGraph, n: str) -> str:
    """The name of node *n* for a person (a figure by its caption)."""
    return statistic_caption(G, n) or str(G.nodes[n].get("name", n))


def _field_marks(G: GovernanceGraph, n: str) -> dict[tuple[str, str], str]:
    """``(field, id) -> mark`` for the ids in the fields of *n* whose edges are not stated."""
    marks: dict[tuple[str, str], str] = {}
    for u, v, d in (*G.out_edges(n, data=True), *G.in_edges(n, data=True)):
        mark = basis_mark(d.get("basis", "stated"))
        field = d.get("field")
        if mark and isinstance(field, str):
            marks[(field, v if u == n else u)] = mark
    return marks


def render_show(
    data: dict[str, Any], width: int | None = None, G: GovernanceGraph | None = None
) -> str:
    """One node as text for a terminal, fitted to *width* (``None``: lines whole).

    With the graph *G*, enum values get their labels and figures their caption.
    """
    obj = G.nodes[data["id"]].get("obj") if G is not None else None
    name = node_name(G, data["id"]) if G is not None else str(data["name"])
    lines = [name, f"  {kind_label(str(data['kind']))} [{data['id']}]", ""]
    fields = data.get("data") or {}
    skip = {"id", "name"}
    if G is not None and statistic_caption(G, data["id"]):
        skip.add("description")
    shown = [
        (field_label(k), k, v)
        for k, v in fields.items()
        if k not in skip and v not in ([], {}, None, "")
    ]
    label_width = max((len(label) for label, _k, _v in shown), default=0)
    marks = _field_marks(G, data["id"]) if G is not None else {}
    for label, key, value in shown:
        raw = getattr(obj, key, None) if obj is not None else None
        if isinstance(value, list) and any((key, v) in marks for v in value if isinstance(v, str)):
            # ids that the policy does not simply state: marked as in the relations below
            value = [f"{v}{marks.get((key, v), '')}" if isinstance(v, str) else v for v in value]
        lines += _hanging(f"  {label:<{label_width}}  ", _value_text(value, raw), width)
        if isinstance(value, dict) and value.get("basis") in ("derived", "ambiguous"):
            # the reasoning of a derived fact is shown where a person reads it
            reason = reason_text(value["basis"], value.get("note"), value.get("readings") or ())
            lines += _hanging(f"  {'':<{label_width}}  ", str(reason), width)
    for title, rows, arrow in (
        (_("Outgoing"), data["out"], "->"),
        (_("Incoming"), data["in"], "<-"),
    ):
        if not rows:
            continue
        lines += ["", title]
        labels = [relation_label(str(r["relation"])) for r in rows]
        rel_width = max(len(label) for label in labels)
        for r, label in zip(rows, labels, strict=True):
            other = node_name(G, r["id"]) if G is not None else str(r["name"])
            mark = _marks(r.get("basis"), r.get("modality"))
            head = f"  {arrow} {label:<{rel_width}}  "
            lines += _hanging(head, f"{other} [{r['id']}]{mark}", width)
            if r.get("reasoning"):
                lines += _hanging(" " * len(head), str(r["reasoning"]), width)
    return fit("\n".join(lines), width) + "\n"


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
        out[-1]["notes"] = _body_notes(G, n, out[-1])
    return out


#: The lists of ``ivb bodies`` with the relation and direction of their edges.
_BODY_LISTS = (
    ("members", "member-of", False),
    ("coordinators", "coordinates", False),
    ("prepares", "prepares", True),
    ("prepared_by", "prepares", False),
    ("informs", "informs", True),
    ("escalates_to", "escalates-to", True),
)


def _edge_basis(d: dict[str, Any]) -> tuple[str, str]:
    """The basis of an edge and why: the reasoning of a derived one, the readings of an
    ambiguous one."""
    basis = str(d.get("basis", "stated"))
    ref = d.get("source_ref")
    why = reason_text(basis, getattr(ref, "note", None), tuple(getattr(ref, "readings", ())))
    return basis, why


def _body_notes(G: GovernanceGraph, n: str, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries of a body's lists that the policy does not simply state, with why."""
    notes = []
    for key, relation, outgoing in _BODY_LISTS:
        for ident in row[key]:
            u, v = (n, ident) if outgoing else (ident, n)
            keyed: dict[Any, dict[str, Any]] = G.get_edge_data(u, v, default={})
            for d in keyed.values():
                if d.get("relation") == relation and d.get("basis", "stated") != "stated":
                    basis, why = _edge_basis(d)
                    notes.append({"field": key, "id": ident, "basis": basis, "why": why})
                    break
    return notes


def render_bodies(G: GovernanceGraph, rows: list[dict[str, Any]], width: int | None = None) -> str:
    """The bodies as text for a terminal, fitted to *width* (``None``: lines whole)."""

    def names(ids: list[str], marks: dict[str, str]) -> str:
        return ", ".join(node_name(G, i) + marks.get(i, "") for i in ids)

    if not rows:
        return _("No consultation bodies.") + "\n"
    lines = [_("Consultation bodies")]
    for r in rows:
        what = [value_label("Tier", r["tier"]), value_label("Scope", r["scope"]), frequency_text(r)]
        lines += ["", f"  {r['name']} [{r['id']}]", "    " + ", ".join(what)]
        for label, key in (
            (_("members"), "members"),
            (_("coordination"), "coordinators"),
            (_("prepares"), "prepares"),
            (_("prepared by"), "prepared_by"),
            (_("informs"), "informs"),
            (_("escalates to"), "escalates_to"),
        ):
            if r[key]:
                notes = [x for x in r.get("notes", ()) if x["field"] == key]
                marks = {x["id"]: basis_mark(x["basis"]) for x in notes}
                lines.append(f"    {label}: {names(r[key], marks)}")
                # why, for each entry the policy does not simply state
                for x in notes:
                    why = f": {x['why']}" if x["why"] else ""
                    lines.append(f"      {node_name(G, x['id'])}{marks[x['id']]}{why}")
    return fit("\n".join(lines), width) + "\n"


def chain_data(G: GovernanceGraph, body: str) -> dict[str, Any]:
    """What prepares or informs *body*, transitively (``ivb chain --json``)."""
    from ivb.governance import ACTOR_KINDS

    n = resolve(G, body, ACTOR_KINDS)
    return {
        "id": n,
        "name": G.nodes[n].get("name"),
        "chain": chain_links(G, n).to_dicts(),
    }


def render_chain(G: GovernanceGraph, data: dict[str, Any], width: int | None = None) -> str:
    """The chain as text for a terminal, fitted to *width* (``None``: lines whole)."""
    if not data["chain"]:
        return (
            _("Nothing prepares or informs {name} [{id}].").format(name=data["name"], id=data["id"])
            + "\n"
        )
    lines = [_("What feeds {name} [{id}]").format(name=data["name"], id=data["id"])]
    for link in data["chain"]:
        target = node_name(G, link["feeds"])
        indent = "  " * link["depth"]
        mark = basis_mark(link.get("basis"))
        lines.append(
            f"{indent}{link['name']} [{link['id']}] {relation_label(link['relation'])} {target}"
            + mark
        )
        if mark:  # why, where the policy does not simply state the step
            keyed: dict[Any, dict[str, Any]] = G.get_edge_data(
                link["id"], link["feeds"], default={}
            )
            for d in keyed.values():
                if d.get("relation") == link["relation"]:
                    why = _edge_basis(d)[1]
                    if why:
                        lines.append(f"{indent}  {why}")
                    break
    return fit("\n".join(lines), width) + "\n"
