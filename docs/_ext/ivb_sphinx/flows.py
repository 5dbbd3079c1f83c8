"""The governance flows of the documentation, read from the governance graph.

Every flow is a function of a graph from :func:`ivb.governance.build_graph`
(and an id or two) that returns a :class:`~ivb_sphinx.svg.Diagram`, or for the
meeting cycle a :class:`~ivb_sphinx.timeline.Timeline`. Nothing here knows the
DNU policy: the ids come from the page that asks for the diagram.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ivb.governance import (
    authority_over,
    escalation_path,
    meeting_calendar,
    preparation_chain,
)
from ivb_sphinx.svg import Diagram, Edge, Node
from ivb_sphinx.timeline import Timeline, TimelineRow

__all__ = ["FLOWS", "basis", "make", "statements"]

#: When two nodes are joined by several relations, the first of these names the arrow.
_PRIORITY = (
    "owns",
    "has-authority-over",
    "escalates-to",
    "prepares",
    "coordinates",
    "informs",
    "member-of",
    "runs",
    "leads",
    "shares",
    "belongs-to",
    "serves",
)

#: How a relation reads as an arrow label, where it needs one.
_WORDS = {
    "owns": "thematrekker",
    "coordinates": "coordinates",
    "member-of": "sits on",
    "prepares": "prepares",
    "informs": "informs",
    "escalates-to": "escalates to",
    "runs": "runs",
    "leads": "leads",
    "belongs-to": "belongs to",
}


def _note(G: Any, n: str) -> str | None:
    data = G.nodes[n]
    obj = data.get("obj")
    kind = data.get("kind")
    if kind == "body":
        if obj.planned:
            freq = "planned"
        elif obj.meetings_per_year:
            freq = f"{obj.meetings_per_year}× a year"
        else:
            freq = obj.frequency or "frequency not stated"
        return f"{obj.tier.value} · {freq}"
    if kind == "role":
        return f"role · {obj.kind.value}"
    if kind == "partner" and obj.abbreviation:
        return obj.abbreviation
    return None


def _node(G: Any, n: str) -> Node:
    data = G.nodes[n]
    return Node(id=n, label=str(data.get("name", n)), kind=str(data.get("kind")), note=_note(G, n))


def _relations(G: Any, u: str, v: str, wanted: Iterable[str]) -> list[tuple[str, dict[str, Any]]]:
    keep = set(wanted)
    found = [
        (str(d.get("relation")), d)
        for d in (G.succ[u].get(v) or {}).values()
        if d.get("relation") in keep
    ]
    found.sort(key=lambda item: _PRIORITY.index(item[0]) if item[0] in _PRIORITY else 99)
    return found


def _edges(
    G: Any,
    nodes: Sequence[str],
    relations: Iterable[str],
    label: Callable[[str, str, list[tuple[str, dict[str, Any]]]], str | None] | None = None,
) -> list[Edge]:
    """One arrow per ordered pair of *nodes* joined by any of *relations*, in graph order."""
    wanted = list(relations)
    chosen = set(nodes)
    out: list[Edge] = []
    for u in nodes:
        for v in G.succ[u]:
            if v not in chosen or v == u:
                continue
            found = _relations(G, u, v, wanted)
            if not found:
                continue
            text = label(u, v, found) if label else _default_label(found)
            others = tuple(dict.fromkeys(r for r, _ in found[1:] if r != found[0][0]))
            first = found[0][1]
            modality = first.get("modality")
            if modality and not text:
                text = _MODAL.get(str(modality), str(modality))
            out.append(
                Edge(
                    u,
                    v,
                    found[0][0],
                    text,
                    others,
                    derived=basis(first) == "derived",
                    modality=str(modality) if modality else None,
                )
            )
    return out


#: How an arrow is labelled when the source says it can happen, or that it is planned.
_MODAL = {"possible": "can", "planned": "planned"}


def basis(data: Mapping[str, Any]) -> str:
    """Whether an edge is ``stated`` in the source, ``derived`` by ivb or ``ambiguous``.

    Read from the edge's ``basis`` attribute or its ``source_ref``; an edge that
    records neither counts as stated.
    """
    value = data.get("basis") or getattr(data.get("source_ref"), "basis", None)
    return str(getattr(value, "value", value) or "stated")


def _default_label(found: list[tuple[str, dict[str, Any]]]) -> str | None:
    """No label for one relation (the legend tells it); the relations of a merged arrow."""
    names = [rel for rel in dict.fromkeys(rel for rel, _ in found) if rel != "shares"]
    if len(names) < 2:
        return None
    return ", ".join(_WORDS.get(rel, rel) for rel in names)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _in(G: Any, n: str, relation: str) -> list[str]:
    return [u for u, _, r in G.in_edges(n, data="relation") if r == relation]


def _out(G: Any, n: str, relation: str) -> list[str]:
    return [v for _, v, r in G.out_edges(n, data="relation") if r == relation]


def _kind(G: Any, n: str) -> str:
    return str(G.nodes[n].get("kind"))


def _check(G: Any, n: str, kinds: Sequence[str]) -> None:
    if n not in G:
        raise ValueError(f"no node {n!r} in the governance graph")
    if _kind(G, n) not in kinds:
        raise ValueError(f"{n!r} is a {_kind(G, n)}; expected a {' or '.join(kinds)}")


def joint_themes(G: Any, themes: Sequence[str] = ()) -> Diagram:
    """Who owns (is thematrekker of), shares and coordinates the joint themes."""
    chosen = list(themes) or [n for n, k in G.nodes(data="kind") if k == "theme"]
    for t in chosen:
        _check(G, t, ["theme"])
    actors: list[str] = []
    for t in chosen:
        actors += _in(G, t, "owns") + _in(G, t, "shares") + _in(G, t, "coordinates")
    municipalities = [n for n in _unique(actors) if _kind(G, n) == "municipality"]
    others = [n for n in _unique(actors) if _kind(G, n) != "municipality"]
    nodes = municipalities + others + chosen
    edges = _edges(G, nodes, ["owns", "shares", "coordinates"])
    names = ", ".join(G.nodes[t]["name"] for t in chosen)
    return Diagram(
        name="joint-themes-" + "-".join(chosen) if themes else "joint-themes",
        title=f"Ownership and coordination of the joint themes: {names}",
        nodes=tuple(_node(G, n) for n in nodes),
        edges=tuple(edges),
        description=_describe(G, edges),
    )


def preparation(G: Any, body: str) -> Diagram:
    """What prepares and informs a decision body, with the members of each."""
    _check(G, body, ["body", "role", "municipality", "partner"])
    chain = preparation_chain(G, body)
    feeders = _unique(chain["id"].tolist())
    bodies = [n for n in [*feeders, body] if _kind(G, n) == "body"]
    extra: list[str] = []
    for b in bodies:
        extra += _in(G, b, "member-of") + _in(G, b, "coordinates")
    for f in feeders:
        extra += _out(G, f, "informs")
    nodes = _unique([*feeders, *extra, body])
    edges = _edges(G, nodes, ["prepares", "informs", "member-of", "coordinates"])
    return Diagram(
        name=f"preparation-{body}",
        title=f"What prepares {G.nodes[body]['name']}",
        nodes=tuple(_node(G, n) for n in nodes),
        edges=tuple(edges),
        description=_describe(G, edges),
    )


def escalation(G: Any, start: str, also: Sequence[str] = ()) -> Diagram:
    """Where a case escalates from *start*, who sits on and leads each step; plus *also*."""
    _check(G, start, ["body", "partner"])
    for n in also:
        if n not in G:
            raise ValueError(f"no node {n!r} in the governance graph")
    path = [obj.id for obj in escalation_path(G, start)]
    extra: list[str] = []
    for b in path:
        extra += _in(G, b, "coordinates") + _in(G, b, "leads") + _in(G, b, "member-of")
    nodes = _unique([*extra, *path, *also])
    edges = _edges(G, nodes, ["escalates-to", "coordinates", "leads", "member-of", "runs"])
    return Diagram(
        name=f"escalation-{start}",
        title=f"Escalation from {G.nodes[start]['name']}",
        nodes=tuple(_node(G, n) for n in nodes),
        edges=tuple(edges),
        description=_describe(G, edges),
    )


def authority(G: Any, over: str) -> Diagram:
    """Who holds legal authority over *over*, for what, and where those roles belong."""
    _check(G, over, ["partner", "role"])
    frame = authority_over(G, over)
    holders = _unique(frame.loc[frame["over"] == over, "holder"].tolist())
    orgs: list[str] = []
    for h in holders:
        orgs += [v for v in _out(G, h, "belongs-to") if _kind(G, v) == "partner"]
    nodes = _unique([*holders, over, *orgs])

    def label(u: str, v: str, found: list[tuple[str, dict[str, Any]]]) -> str | None:
        rel, data = found[0]
        if rel == "has-authority-over":
            scope = str(data.get("scope") or "").rstrip(".")
            basis = ", ".join(data.get("legal_basis") or ())
            return f"{scope}; {basis}" if basis else scope
        return _default_label(found)

    edges = _edges(G, nodes, ["has-authority-over", "belongs-to"], label)
    return Diagram(
        name=f"authority-{over}",
        title=f"Authority over {G.nodes[over]['name']}",
        nodes=tuple(_node(G, n) for n in nodes),
        edges=tuple(edges),
        description=_describe(G, edges),
    )


def meeting_cycle(G: Any, year: int) -> Timeline:
    """The expected meetings of every body in *year*, preparers right above what they prepare."""
    cal = meeting_calendar(G, year)
    bodies = [n for n, k in G.nodes(data="kind") if k == "body"]
    order: list[str] = []
    for b in bodies:
        preparers = [p for p in _in(G, b, "prepares") if p in bodies]
        for p in [*preparers, b]:
            if p not in order:
                order.append(p)
    dates: dict[str, list[Any]] = {}
    for m in cal.meetings:
        dates.setdefault(m.body, []).append(m.date)
    rows = []
    for b in order:
        obj = G.nodes[b]["obj"]
        prepares = [G.nodes[t]["name"] for t in _out(G, b, "prepares")]
        if b in dates:
            note = None
        elif obj.planned:
            note = "planned, not yet set up"
        else:
            note = obj.frequency or "frequency not stated in the source"
        if prepares and b not in dates:
            note = f"{note}; prepares {', '.join(prepares)}"
        rows.append(
            TimelineRow(
                id=b,
                label=str(G.nodes[b]["name"]),
                note=note,
                dates=tuple(dates.get(b, ())),
                prepares=tuple(t for t in _out(G, b, "prepares") if t in dates),
            )
        )
    return Timeline(
        name=f"meeting-cycle-{year}",
        title=f"Expected meetings of the consultation bodies in {year}",
        year=year,
        rows=tuple(rows),
        description=(
            f"The consultation bodies and their expected meetings in {year}; "
            "dates are nominal, spread evenly over the year."
        ),
    )


_SENTENCE = {
    "owns": "is thematrekker of",
    "shares": "shares",
    "coordinates": "coordinates",
    "member-of": "sits on",
    "prepares": "prepares",
    "informs": "informs and advises",
    "escalates-to": "escalates cases to",
    "has-authority-over": "has authority over",
    "belongs-to": "belongs to",
    "runs": "runs",
    "leads": "leads",
}


#: A relation that the source says can happen, in words.
_SENTENCE_MODAL = {"escalates-to": "can escalate a case to"}


def _describe(G: Any, edges: Iterable[Edge]) -> str:
    return "; ".join(statements(G, edges))


def statements(G: Any, edges: Iterable[Edge]) -> list[str]:
    """Every arrow as a sentence (the text version of a diagram).

    The first ``member-of`` arrow into a body that the source describes in words
    (``members_text``) says those words too: one node of an office can stand for
    several people (six mayors, say).
    """
    out = []
    described: set[str] = set()
    for e in edges:
        words = _SENTENCE.get(e.relation, e.relation)
        if e.modality == "possible":
            words = _SENTENCE_MODAL.get(e.relation, f"can {words}")
        elif e.modality:
            words = f"{words} ({e.modality})"
        text = f"{G.nodes[e.source]['name']} {words} {G.nodes[e.target]['name']}"
        if e.relation == "has-authority-over" and e.label:
            text += f": {e.label}"
        if e.also:
            text += ", and also " + " and ".join(_SENTENCE.get(r, r) for r in e.also) + " it"
        if e.derived:
            text += " (derived by ivb, not stated in the source)"
        words_of_source = getattr(G.nodes[e.target].get("obj"), "members_text", None)
        if e.relation == "member-of" and words_of_source and e.target not in described:
            described.add(e.target)
            text += f" (the source names the members: “{words_of_source}”)"
        out.append(text)
    return out


#: The flows a page can ask for, with the options each takes.
FLOWS: Mapping[str, Callable[..., Diagram | Timeline]] = {
    "joint-themes": joint_themes,
    "preparation": preparation,
    "escalation": escalation,
    "authority": authority,
    "meeting-cycle": meeting_cycle,
}


def make(G: Any, flow: str, **options: Any) -> Diagram | Timeline:
    """The diagram of *flow* on *G*."""
    try:
        func = FLOWS[flow]
    except KeyError:
        raise ValueError(f"unknown flow {flow!r}; expected one of {', '.join(FLOWS)}") from None
    return func(G, **options)
