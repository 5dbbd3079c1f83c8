"""Graphviz DOT: writing the graph, and reading DOT back without pydot or pygraphviz."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ivb.governance._codec import (
    JSON_KEYS,
    from_records,
    text_value,
    value_from_text,
    without_gc,
)
from ivb.governance._errors import GraphFormatError
from ivb.governance._relations import NODE_COLOURS

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = ["DISPLAY_ATTRIBUTES", "RESERVED_NAMES", "from_dot", "parse_dot", "to_dot"]

#: Attributes the writer adds for drawing only; the reader drops them.
DISPLAY_ATTRIBUTES = frozenset(
    {"label", "shape", "style", "color", "fillcolor", "fontname", "fontsize", "tooltip", "rankdir"}
)

_SHAPES = {
    "policy": "doubleoctagon",
    "municipality": "house",
    "role": "ellipse",
    "partner": "hexagon",
    "body": "box",
    "theme": "box",
    "speerpunt": "box",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _label(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


#: Attribute names that pydot takes as arguments of its own (``Node(name, obj_dict, ...)``);
#: written with the prefix ``ivb_`` so that pydot and ``networkx.nx_pydot`` read the file.
RESERVED_NAMES = frozenset({"name", "obj_dict", "src", "dst", "graph_name", "graph_type"})
_PREFIX = "ivb_"
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
_BARE = re.compile(r"^[A-Za-z_][A-Za-z_0-9]*$")


def _name(key: str, where: str) -> str:
    if key.startswith(_PREFIX) and key[len(_PREFIX) :] in RESERVED_NAMES:
        raise GraphFormatError(f"DOT: {where}: an attribute may not be called {key!r}")
    if key in RESERVED_NAMES:
        key = _PREFIX + key
    return key if _BARE.match(key) and key.lower() not in _KEYWORDS else _quote(key)


def _attrs(items: dict[str, str], where: str) -> str:
    return ", ".join(f"{_name(k, where)}={_quote(v)}" for k, v in items.items())


def to_dot(G: GovernanceGraph) -> str:
    """The graph as Graphviz DOT text, with every attribute.

    Nodes get a ``label`` (the name, shortened), a ``shape`` and a fill
    colour by kind; edges a ``label`` (the relation). Structured attributes
    (``obj``, ``source_ref``, ``legal_basis``) are JSON text. Attributes
    that pydot reserves (:data:`RESERVED_NAMES`, among them the node
    ``name``) are written as ``ivb_name`` and so on, so that pydot and
    ``networkx.nx_pydot.read_dot`` read the file. Render with ``dot -Tsvg``;
    read back with :func:`from_dot`.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.

    Returns
    -------
    str

    Raises
    ------
    GraphFormatError
        If an attribute is called ``ivb_name`` (or ``ivb_`` and another
        reserved name).

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph, governance_view
    >>> text = to_dot(governance_view(build_graph(ivb.load())))
    >>> text.splitlines()[0]
    'digraph "dnu-ivb-2024-2027" {'
    """
    name = str(G.graph.get("policy", "ivb"))
    lines = [f"digraph {_quote(name)} {{"]
    graph_attrs = {k: text_value(k, v) for k, v in G.graph.items() if v is not None}
    graph_attrs["rankdir"] = "LR"
    lines.append(f"  graph [{_attrs(graph_attrs, 'graph')}];")
    lines.append('  node [style="filled", fontname="Helvetica"];')
    lines.append('  edge [fontname="Helvetica", fontsize="10"];')
    for n, d in G.nodes(data=True):
        items = {k: text_value(k, v) for k, v in d.items() if v is not None}
        kind = str(d.get("kind"))
        shape, fill = _SHAPES.get(kind, "note"), NODE_COLOURS.get(kind, ("#ffffff",))[0]
        items.update(label=_label(str(d.get("name", n))), shape=shape, fillcolor=fill)
        lines.append(f"  {_quote(str(n))} [{_attrs(items, f'node {n!r}')}];")
    for u, v, k, d in G.edges(keys=True, data=True):
        items = {"key": str(k)}
        items.update({a: text_value(a, b) for a, b in d.items() if b is not None})
        items["label"] = str(d.get("relation", k))
        modality = d.get("modality")
        if modality:
            # a possible or planned relation: dashed, its modality in the label
            items["label"] += f" ({modality})"
            items["style"] = "dashed"
        where = f"edge {u} -> {v} ({k})"
        lines.append(f"  {_quote(str(u))} -> {_quote(str(v))} [{_attrs(items, where)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_TOKEN_PATTERN = r"""
    (?P<space>\s*\n[ \t]*\#[^\n]*|\A[ \t]*\#[^\n]*|\s+|//[^\n]*|/\*.*?\*/)
    |(?P<string>"(?:[^"\\]|\\.)*")
    |(?P<html><)
    |(?P<arrow>->|--)
    |(?P<punct>[{}\[\]=;,:+])
    |(?P<id>[A-Za-z_\u0080-\U0010ffff][\w\u0080-\U0010ffff]*|-?(?:\.\d+|\d+(?:\.\d*)?))
    |(?P<error>.)
    """


@functools.cache
def _token_re() -> re.Pattern[str]:
    # compiled on first use: the Unicode ranges make compiling take milliseconds
    return re.compile(_TOKEN_PATTERN, re.VERBOSE | re.DOTALL)


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _unescape(m: re.Match[str]) -> str:
    c = m.group(1)
    if c in '"\\':
        return c
    if c == "n":
        return "\n"
    if c == "\n":
        return ""  # a line continuation
    return m.group(0)


def _unquote(text: str) -> str:
    body = text[1:-1]
    return _unquote_body(body) if "\\" in body else body


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    line = 1
    for m in _token_re().finditer(text):
        kind = m.lastgroup or ""
        value = m.group()
        if kind == "space":
            line += value.count("\n")
            continue
        if kind == "error":
            raise GraphFormatError(f"DOT line {line}: unexpected character {value!r}")
        if kind == "html":
            raise GraphFormatError(f"DOT line {line}: HTML strings (<...>) are not supported")
        if kind == "string":
            yield kind, _unquote(value), line
            line += value.count("\n")
        else:
            yield kind, value, line
    yield "end", "", line


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = list(_tokens(text))
        self.i = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.i]
        if token[0] != "end":
            self.i += 1
        return token

    def expect(self, value: str) -> None:
        kind, got, line = self.take()
        if got != value or kind == "string":
            raise GraphFormatError(f"DOT line {line}: expected {value!r}, got {got or 'the end'!r}")

    def ident(self) -> str:
        kind, value, line = self.take()
        if kind not in ("id", "string"):
            raise GraphFormatError(f"DOT line {line}: expected a name, got {value or 'the end'!r}")
        while self.peek()[1] == "+" and self.peek()[0] == "punct":
            self.take()
            value += self.ident()
        return value

    def attr_list(self) -> dict[str, str]:
        out: dict[str, str] = {}
        while self.peek()[1] == "[" and self.peek()[0] == "punct":
            self.take()
            while not (self.peek()[1] == "]" and self.peek()[0] == "punct"):
                if self.peek()[0] == "end":
                    raise GraphFormatError(f"DOT line {self.peek()[2]}: expected ']', got the end")
                key = self.ident()
                self.expect("=")
                out[key] = self.ident()
                if self.peek()[1] in (",", ";") and self.peek()[0] == "punct":
                    self.take()
            self.take()
        return out


_STR = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_ATTR = rf"(?:[A-Za-z_][A-Za-z_0-9]*|{_STR})={_STR}"
_BODY = r'[^"\\\n]*(?:\\.[^"\\\n]*)*'
_ATTR_RE = re.compile(rf'([A-Za-z_][A-Za-z_0-9]*|{_STR})="({_BODY})"')
_LIST_RE = re.compile(rf"(?:{_ATTR}(?:, {_ATTR})*)?")
#: One line of the body as :func:`to_dot` writes it: a node or edge statement, or defaults;
#: the attribute list is checked apart (by :data:`_LIST_RE`, once for each distinct text).
_LINE_RE = re.compile(
    rf"^  (?:({_STR})(?: -> ({_STR}))? |(graph|node|edge) )\[(.*)\];$", re.MULTILINE
)
_HEAD_RE = re.compile(rf"digraph {_STR} \{{")

_Parsed = tuple[
    dict[str, str], list[tuple[str, dict[str, str]]], list[tuple[str, str, dict[str, str]]]
]


def _fast_attrs(text: str) -> dict[str, str] | None:
    """The attributes of an attribute list as :func:`to_dot` writes it; None if it is not."""
    if not _LIST_RE.fullmatch(text):
        return None
    return {
        (_unquote(k) if k[0] == '"' else k): (_unquote_body(v) if "\\" in v else v)
        for k, v in _ATTR_RE.findall(text)
    }


def _unquote_body(body: str) -> str:
    """:func:`_unquote` of the text between two quotes."""
    if "\\\\" not in body and "\\\n" not in body:
        # no escaped backslash and no line continuation: each backslash starts its own escape
        return body.replace('\\"', '"').replace("\\n", "\n")
    return _ESCAPE.sub(_unescape, body)


def _parse_written(text: str) -> _Parsed | None:
    """Parse DOT laid out exactly as :func:`to_dot` writes it, quickly; None if it is not.

    Edges with equal attribute text share one dict of attributes.
    """
    head, _, rest = text.partition("\n")
    if not _HEAD_RE.fullmatch(head):
        return None
    rest = rest.rstrip("\n")
    if rest == "}":
        body, count = "", 0
    elif rest.endswith("\n}"):
        body = rest[:-2]
        count = body.count("\n") + 1
    else:
        return None
    found = _LINE_RE.findall(body)
    if len(found) != count:
        return None  # a line of another form (each match is one whole line)
    graph: dict[str, str] = {}
    defaults: dict[str, dict[str, str]] = {"graph": graph, "node": {}, "edge": {}}
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    # attribute text of an edge -> its attributes with the edge defaults (edges repeat them)
    edge_attrs: dict[str, dict[str, str]] = {}
    for first, second, kind, listed in found:
        if kind:
            attributes = _fast_attrs(listed)
            if attributes is None:
                return None
            defaults[kind].update(attributes)
            if kind == "edge":
                edge_attrs.clear()
            continue
        u = first[1:-1]
        if "\\" in u:
            u = _unquote_body(u)
        if not second:
            attributes = _fast_attrs(listed)
            if attributes is None:
                return None
            nodes.setdefault(u, dict(defaults["node"])).update(attributes)
            continue
        merged = edge_attrs.get(listed)
        if merged is None:
            attributes = _fast_attrs(listed)
            if attributes is None:
                return None
            merged = edge_attrs[listed] = {**defaults["edge"], **attributes}
        v = second[1:-1]
        if "\\" in v:
            v = _unquote_body(v)
        if u not in nodes:
            nodes[u] = dict(defaults["node"])
        if v not in nodes:
            nodes[v] = dict(defaults["node"])
        edges.append((u, v, merged))
    return graph, list(nodes.items()), edges


def parse_dot(text: str) -> _Parsed:
    """Parse a DOT digraph into graph attributes, nodes and edges (all text).

    Supports what :func:`to_dot` writes and the common subset of DOT:
    ``strict``, comments, quoted and bare ids, ``+`` concatenation,
    graph/node/edge default attribute statements, ``a = b`` graph
    attributes, node statements and edge chains (``a -> b -> c``).
    Subgraphs, ports and HTML strings are refused with a clear error.

    Raises
    ------
    GraphFormatError
        If the text is no DOT digraph of that subset; names the line.
    """
    written = _parse_written(text)
    if written is not None:
        graph, nodes, edges = written
        return graph, nodes, [(u, v, dict(d)) for u, v, d in edges]
    return _parse_any(text)


def _parse_any(text: str) -> _Parsed:
    """:func:`parse_dot` by the tokenizer (any DOT of the supported subset)."""
    p = _Parser(text)
    if p.peek()[1].lower() == "strict":
        p.take()
    kind, value, line = p.take()
    if value.lower() != "digraph":
        raise GraphFormatError(f"DOT line {line}: expected 'digraph', got {value or 'the end'!r}")
    if p.peek()[1] != "{":
        p.ident()
    p.expect("{")
    graph: dict[str, str] = {}
    node_defaults: dict[str, str] = {}
    edge_defaults: dict[str, str] = {}
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    while True:
        kind, value, line = p.peek()
        if kind == "punct" and value == "}":
            p.take()
            break
        if kind == "end":
            raise GraphFormatError(f"DOT line {line}: expected '}}', got the end")
        if kind == "punct" and value == ";":
            p.take()
            continue
        if (kind == "id" and value.lower() == "subgraph") or (kind == "punct" and value == "{"):
            raise GraphFormatError(f"DOT line {line}: subgraphs are not supported")
        if kind == "id" and value.lower() in ("graph", "node", "edge"):
            p.take()
            target = {"graph": graph, "node": node_defaults, "edge": edge_defaults}[value.lower()]
            target.update(p.attr_list())
            continue
        first = p.ident()
        if p.peek()[1] == "=" and p.peek()[0] == "punct":
            p.take()
            graph[first] = p.ident()
            continue
        if p.peek()[1] == ":" and p.peek()[0] == "punct":
            raise GraphFormatError(f"DOT line {line}: ports (node:port) are not supported")
        chain = [first]
        while p.peek()[0] == "arrow":
            arrow = p.take()
            if arrow[1] != "->":
                raise GraphFormatError(f"DOT line {arrow[2]}: expected '->' in a digraph, got '--'")
            chain.append(p.ident())
        attributes = p.attr_list()
        if len(chain) == 1:
            current = nodes.setdefault(first, dict(node_defaults))
            current.update(attributes)
            continue
        for end in chain:
            nodes.setdefault(end, dict(node_defaults))
        for u, v in itertools.pairwise(chain):
            edges.append((u, v, {**edge_defaults, **attributes}))
    if p.peek()[0] != "end":
        raise GraphFormatError(f"DOT line {p.peek()[2]}: expected the end, got {p.peek()[1]!r}")
    return graph, list(nodes.items()), edges


@without_gc
def from_dot(text: str) -> GovernanceGraph:
    """Read back a graph written by :func:`to_dot`, with every attribute.

    Drawing attributes (``label``, ``shape``, ``fillcolor`` ...) are dropped;
    ``obj``, ``source_ref`` and ``legal_basis`` are typed again. Other DOT
    files of the supported subset read too, their attributes as text.

    Parameters
    ----------
    text:
        DOT text.

    Returns
    -------
    GovernanceGraph

    Raises
    ------
    GraphFormatError
        If the text cannot be parsed or an attribute is invalid.

    Examples
    --------
    >>> G = from_dot('digraph { a [kind="body"]; a -> b [relation="prepares"]; }')
    >>> list(G.edges(keys=True, data="relation"))
    [('a', 'b', 0, 'prepares')]
    """
    written = _parse_written(text)
    graph, nodes, edges = written if written is not None else _parse_any(text)

    parsed: dict[tuple[str, str], Any] = {}
    #: attribute name -> (its name in the graph, or None to drop it; whether it is JSON)
    names: dict[str, tuple[str | None, bool]] = {}

    def name_of(k: str) -> tuple[str | None, bool]:
        if k in DISPLAY_ATTRIBUTES:
            return None, False
        if k.startswith(_PREFIX) and k[len(_PREFIX) :] in RESERVED_NAMES:
            k = k[len(_PREFIX) :]
        return k, k in JSON_KEYS

    def clean(attrs: dict[str, str], edge: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in attrs.items():
            found = names.get(k)
            if found is None:
                found = names[k] = name_of(k)
            name, structured = found
            if name is None:
                continue
            if not structured:
                out[name] = v
            elif name == "obj" or not edge:
                out[name] = value_from_text(name, v)
            else:
                # references repeat: parse each text once (decoding an edge makes new values)
                if (name, v) not in parsed:
                    parsed[(name, v)] = value_from_text(name, v)
                out[name] = parsed[(name, v)]
        return out

    counts: dict[tuple[str, str], int] = {}
    keyed = []
    # id() of an edge's text attributes -> (them, key, the rest typed): edges with equal text
    # share them, and so one dict of typed ones (from_records copies it per edge)
    done: dict[int, tuple[dict[str, str], Any, dict[str, Any]]] = {}
    for u, v, d in edges:
        found = done.get(id(d))
        if found is not None and found[0] is d:
            key: Any = found[1]
            data = found[2]
        else:
            data = clean(d, edge=True)
            key = data.pop("key", None)
            done[id(d)] = (d, key, data)
        if key is None:
            key = counts.get((u, v), 0)
            counts[(u, v)] = key + 1
        keyed.append((u, v, key, data))
    return from_records(clean(graph), [(n, clean(d)) for n, d in nodes], keyed)
