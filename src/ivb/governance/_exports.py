"""Exports of the graph: GraphML, node-link JSON, Popolo; and one entry point for all."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

from ivb.governance._codec import (
    JSON_KEYS,
    decode_edge,
    decode_node,
    encode_edge,
    encode_node,
    from_records,
    graph_records,
    text_value,
    value_from_text,
    without_gc,
)
from ivb.governance._dot import from_dot, to_dot
from ivb.governance._errors import GraphError, GraphFormatError
from ivb.governance._graph import assemble, derive_edges
from ivb.governance._mermaid import from_mermaid, to_mermaid
from ivb.governance._relations import ACTOR_KINDS, MEMBER_OF
from ivb.model import PartnerCategory, PartnerKind, RoleKind

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = [
    "EXPORT_FORMATS",
    "export_graph",
    "from_graphml",
    "from_node_link",
    "from_popolo",
    "read_graph",
    "to_graphml",
    "to_node_link",
    "to_popolo",
]


# -- GraphML ---------------------------------------------------------------

_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<graphml xmlns="{_GRAPHML_NS}" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    f'xsi:schemaLocation="{_GRAPHML_NS} {_GRAPHML_NS}/1.1/graphml.xsd">\n'
)
#: The data key that keeps the networkx edge key (edge ids are e0, e1, ... as GraphML asks).
GRAPHML_EDGE_KEY = "networkx_key"
#: Key ids of the display labels the writer adds (node name, edge relation); the reader drops them.
_LABEL_KEYS = {"node": "ivb_label", "edge": "ivb_edge_label"}
_NMTOKEN = re.compile(r"^[\w.:\-\u00b7\u0300-\u036f\u203f\u2040]+$")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The bytes of the control characters that XML cannot hold (as :data:`_XML_BAD`).
_XML_BAD_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_INT32 = range(-(2**31), 2**31)


def _xml_text(text: str, where: str, *, attribute: bool = False) -> str:
    """*text* escaped for XML element content, or for a quoted attribute value."""
    if _XML_BAD.search(text):
        raise GraphFormatError(f"GraphML: {where}: XML cannot hold control characters")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def _xml_type(value: Any) -> str:
    """The GraphML ``attr.type`` of a value (structured values are JSON text)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int" if value in _INT32 else "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _xml_value(key: str, value: Any, type_: str) -> str:
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ in ("int", "long"):
        return str(value)
    if type_ == "double":
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "INF" if value > 0 else "-INF"
        return repr(value)
    return text_value(key, value)


def _parse_xml_value(key: str, text: str, type_: str, where: str) -> Any:
    try:
        if type_ == "boolean":
            if text.strip() not in ("true", "false", "1", "0"):
                raise ValueError(text)
            return text.strip() in ("true", "1")
        if type_ in ("int", "long"):
            return int(text)
        if type_ in ("double", "float"):
            return float(text)
    except ValueError:
        raise GraphFormatError(
            f"GraphML: {where}: attribute {key!r}: expected a {type_}, got {text!r}"
        ) from None
    return value_from_text(key, text) if key in JSON_KEYS else text


def to_graphml(G: GovernanceGraph) -> str:
    """The graph as GraphML, valid against the GraphML 1.1 schema.

    For networkx, Gephi, yEd and Cytoscape. Every attribute is a typed key
    (``boolean``, ``int``, ``long``, ``double`` where every value of it is
    one, else ``string``); ``obj``, ``source_ref`` and ``legal_basis`` are
    JSON text. Nodes get a ``label`` key (their name) and edges one (their
    relation), as Gephi shows. Edge ids are ``e0``, ``e1``, ...; the networkx
    edge key is kept in the ``networkx_key`` data of each edge, and the
    relation in ``relation``.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.

    Returns
    -------
    str
        UTF-8 GraphML text.

    Raises
    ------
    GraphFormatError
        If a node id is no XML name token, an edge attribute is called
        ``networkx_key``, or a text holds control characters.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> H = from_graphml(to_graphml(G))
    >>> H.nodes["ondermijning"]["obj"] == G.nodes["ondermijning"]["obj"]
    True
    """
    keys: dict[tuple[str, str, str], str] = {}

    def key_id(domain: str, name: str, type_: str) -> str:
        found = keys.get((domain, name, type_))
        if found is None:
            found = keys[(domain, name, type_)] = f"d{len(keys)}"
        return found

    def data(domain: str, items: Iterable[tuple[str, Any]], indent: str, where: str) -> list[str]:
        out = []
        for k, v in items:
            if v is None:
                continue
            type_ = "string" if k in JSON_KEYS else _xml_type(v)
            ident = key_id(domain, k, type_)
            text = _xml_text(_xml_value(k, v, type_), where)
            out.append(f'{indent}<data key="{ident}">{text}</data>\n')
        return out

    body: list[str] = []
    body += data("graph", G.graph.items(), "    ", "graph")
    node_label = all("label" not in d for _, d in G.nodes(data=True))
    for n, d in G.nodes(data=True):
        ident = str(n)
        if not _NMTOKEN.match(ident):
            raise GraphFormatError(
                f"GraphML: node {ident!r}: expected an id of letters, digits, '-', '_', '.' "
                "or ':' (an XML name token)"
            )
        body.append(f'    <node id="{ident}">\n')
        if node_label:
            name = _xml_text(str(d.get("name", n)), f"node {ident!r}")
            body.append(f'      <data key="ivb_label">{name}</data>\n')
        body += data("node", d.items(), "      ", f"node {ident!r}")
        body.append("    </node>\n")
    edge_label = all("label" not in d for *_, d in G.edges(data=True))
    for i, (u, v, k, d) in enumerate(G.edges(keys=True, data=True)):
        if GRAPHML_EDGE_KEY in d:
            raise GraphFormatError(
                f"GraphML: edge {u} -> {v} ({k}): an attribute may not be called "
                f"{GRAPHML_EDGE_KEY!r}"
            )
        where = f"edge {u} -> {v} ({k})"
        body.append(f'    <edge id="e{i}" source="{u}" target="{v}">\n')
        if edge_label:
            relation = _xml_text(str(d.get("relation", k)), where)
            body.append(f'      <data key="ivb_edge_label">{relation}</data>\n')
        body += data("edge", ((GRAPHML_EDGE_KEY, k), *d.items()), "      ", where)
        body.append("    </edge>\n")
    head = [_GRAPHML_HEAD]
    for domain, wanted in (("node", node_label), ("edge", edge_label)):
        if wanted:
            ident = _LABEL_KEYS[domain]
            head.append(
                f'  <key id="{ident}" for="{domain}" attr.name="label" attr.type="string"/>\n'
            )
    for (domain, name, type_), ident in keys.items():
        attr_name = _xml_text(name, f"{domain} attribute {name!r}", attribute=True)
        head.append(
            f'  <key id="{ident}" for="{domain}" attr.name="{attr_name}" attr.type="{type_}"/>\n'
        )
    head.append('  <graph id="G" edgedefault="directed">\n')
    return "".join(head + body) + "  </graph>\n</graphml>\n"


#: One node or edge of a GraphML text: ``(id, data)`` or ``(source, target, edge id, data)``,
#: its data as ``(key id, text)`` pairs in document order.
_Block = tuple[str, list[tuple[str, str]]] | tuple[str, str, str | None, list[tuple[str, str]]]
_GraphML = tuple[dict[str, tuple[str, str]], list[tuple[str, str]], list[_Block]]


def _graphml_elements(text: str) -> _GraphML:
    """The keys, graph data and nodes and edges of any GraphML text, by an XML parser."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ParseError as exc:
        raise GraphFormatError(f"GraphML: not well-formed XML ({exc})") from None
    ns = "{" + _GRAPHML_NS + "}" if root.tag.startswith("{") else ""
    if root.tag != f"{ns}graphml":
        raise GraphFormatError(f"GraphML: expected a <graphml> root element, got <{root.tag}>")
    keys: dict[str, tuple[str, str]] = {}
    for key_el in root.iter(f"{ns}key"):
        ident = key_el.get("id")
        if ident is None:
            raise GraphFormatError("GraphML: expected an id on every <key>, got none")
        keys[ident] = (key_el.get("attr.name", ident), key_el.get("attr.type", "string"))
    graph_el = root.find(f"{ns}graph")
    if graph_el is None:
        raise GraphFormatError("GraphML: expected a <graph> element, got none")
    if graph_el.get("edgedefault", "directed") != "directed":
        raise GraphFormatError(
            f"GraphML: expected edgedefault 'directed', got {graph_el.get('edgedefault')!r}"
        )
    tag_data, tag_node, tag_edge = f"{ns}data", f"{ns}node", f"{ns}edge"

    def pairs(el: Any) -> list[tuple[str, str]]:
        return [(c.get("key", ""), c.text or "") for c in el if c.tag == tag_data]

    blocks: list[_Block] = []
    for el in graph_el:
        if el.tag == tag_node:
            ident = el.get("id")
            if ident is None:
                raise GraphFormatError("GraphML: expected an id on every <node>, got none")
            blocks.append((ident, pairs(el)))
        elif el.tag == tag_edge:
            u, v = el.get("source"), el.get("target")
            if u is None or v is None:
                raise GraphFormatError("GraphML: expected a source and target on every <edge>")
            if el.get("directed") == "false":
                raise GraphFormatError(f"GraphML: edge {u} -> {v}: expected a directed edge")
            blocks.append((u, v, el.get("id"), pairs(el)))
    return keys, pairs(graph_el), blocks


# The layout that to_graphml writes, one element a line; anything else goes to the XML parser.
# Attribute values without '&', '<', quotes or white space other than blanks need no decoding.
_GM_VALUE = r'[^"<&\t\n\r]*'
_GM_DATA = rf'<data key="({_GM_VALUE})">([^<]*)</data>\n'
_GM_ANY_DATA = rf'<data key="{_GM_VALUE}">[^<]*</data>\n'
_GM_KEY_RE = re.compile(
    rf'  <key id="({_GM_VALUE})" for="(?:graph|node|edge|all)" '
    rf'attr\.name="({_GM_VALUE})" attr\.type="([a-z]+)"/>\n'
)
_GM_GRAPH = '  <graph id="G" edgedefault="directed">\n'
_GM_TAIL = "  </graph>\n</graphml>\n"
_GM_BLOCK_RE = re.compile(
    rf'    <node id="({_GM_VALUE})">\n((?:      {_GM_ANY_DATA})*)    </node>\n'
    rf'|    <edge id="({_GM_VALUE})" source="({_GM_VALUE})" target="({_GM_VALUE})">\n'
    rf"((?:      {_GM_ANY_DATA})*)    </edge>\n"
    rf"|    {_GM_DATA}"
)
_GM_DATA_RE = re.compile(rf"      {_GM_DATA}")
_GM_REF_RE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_GM_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


class _NotWritten(Exception):
    """The text is not laid out as :func:`to_graphml` writes it."""


def _gm_ref(m: re.Match[str]) -> str:
    name, decimal, hexadecimal = m.groups()
    if name:
        return _GM_ENTITIES[name]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    char = chr(code) if code <= 0x10FFFF else ""
    if not char or _XML_BAD.match(char) or 0xD800 <= code <= 0xDFFF:
        raise _NotWritten  # no XML character: the XML parser names the problem
    return char


def _gm_text(text: str) -> str:
    """Element content with its character and entity references decoded."""
    decoded = _GM_REF_RE.sub(_gm_ref, text)
    if "&" in _GM_REF_RE.sub("", text):
        raise _NotWritten  # an undeclared entity or a bare '&'
    return decoded


def _graphml_written(text: str) -> _GraphML | None:
    """:func:`_graphml_elements` of GraphML laid out exactly as :func:`to_graphml` writes it.

    Checked by regular expressions line by line and element by element; None
    for any other text (which the XML parser then reads, or refuses).
    """
    if not text.startswith(_GRAPHML_HEAD) or not text.endswith(_GM_TAIL):
        return None
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if (
        "\r" in text
        or "]]>" in text
        or len(raw.translate(None, _XML_BAD_BYTES)) != len(raw)
        or "\ufffe" in text
        or "\uffff" in text
    ):
        return None  # line ends to normalise, or not well-formed: the XML parser decides
    pos = len(_GRAPHML_HEAD)
    keys: dict[str, tuple[str, str]] = {}
    key_match = _GM_KEY_RE.match
    while (m := key_match(text, pos)) is not None:
        ident, name, type_ = m.groups()
        keys[ident] = (name, type_)
        pos = m.end()
    if not text.startswith(_GM_GRAPH, pos):
        return None
    pos += len(_GM_GRAPH)
    end = len(text) - len(_GM_TAIL)
    graph: list[tuple[str, str]] = []
    blocks: list[_Block] = []
    block_match = _GM_BLOCK_RE.match
    findall = _GM_DATA_RE.findall
    escaped = "&" in text
    # edges repeat their data (relation, field, reference): equal text, one list of pairs
    edge_pairs: dict[str, list[tuple[str, str]]] = {}
    try:
        while pos < end:
            m = block_match(text, pos)
            if m is None or m.end() > end:
                return None
            pos = m.end()
            node, node_data, edge_id, u, v, edge_data, key, value = m.groups()
            if node is not None:
                pairs = findall(node_data)
                if escaped and "&" in node_data:
                    pairs = [(k, _gm_text(t)) for k, t in pairs]
                blocks.append((node, pairs))
            elif u is not None:
                pairs = edge_pairs.get(edge_data)  # type: ignore[assignment]
                if pairs is None:
                    pairs = findall(edge_data)
                    if escaped and "&" in edge_data:
                        pairs = [(k, _gm_text(t)) for k, t in pairs]
                    edge_pairs[edge_data] = pairs
                blocks.append((u, v, edge_id, pairs))
            else:
                graph.append((key, _gm_text(value) if "&" in value else value))
    except _NotWritten:
        return None
    return keys, graph, blocks


@without_gc
def from_graphml(text: str) -> GovernanceGraph:
    """Read back a graph written by :func:`to_graphml`, with every attribute.

    Reads other GraphML too (one directed graph; keys with ``attr.name`` and
    ``attr.type``); without ``networkx_key`` data an edge's key is its id, or
    0, 1, ... between the same two nodes.

    Parameters
    ----------
    text:
        GraphML text.

    Returns
    -------
    GovernanceGraph

    Raises
    ------
    GraphFormatError
        If the text is no GraphML, or an attribute is invalid.

    Examples
    --------
    >>> from_graphml("<graphml/>")
    Traceback (most recent call last):
    ...
    ivb.governance.GraphFormatError: GraphML: expected a <graph> element, got none
    """
    written = _graphml_written(text)
    if written is not None:
        keys, graph_pairs, blocks = written
    else:
        keys, graph_pairs, blocks = _graphml_elements(text)
    skip = set(_LABEL_KEYS.values())

    # plain text keys need no conversion; the JSON of references repeats, so parse it once
    plain = {ident: name for ident, (name, type_) in keys.items() if type_ == "string"}
    for ident, (name, _) in keys.items():
        if name in JSON_KEYS or ident in skip:
            plain.pop(ident, None)
    parsed: dict[str, Any] = {}

    def attributes(pairs: list[tuple[str, str]], where: str, edge: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for ident, text in pairs:
            name = plain.get(ident)
            if name is not None:
                out[name] = text
                continue
            if ident in skip:
                continue
            if ident not in keys:
                raise GraphFormatError(f"GraphML: {where}: expected a declared key, got {ident!r}")
            name, type_ = keys[ident]
            if edge and name in JSON_KEYS and name != "obj" and type_ == "string":
                if text not in parsed:
                    parsed[text] = _parse_xml_value(name, text, type_, where)
                # shared safely: decoding an edge turns it into a new SourceRef or tuple
                out[name] = parsed[text]
                continue
            out[name] = _parse_xml_value(name, text, type_, where)
        return out

    graph = attributes(graph_pairs, "graph")
    nodes: list[tuple[str, dict[str, Any]]] = []
    edges: list[tuple[str, str, Any, dict[str, Any]]] = []
    counts: dict[tuple[str, str], int] = {}
    # id() of an edge's list of pairs -> (the list, its key, its other attributes); edges
    # with equal data share one list and so one dict (from_records copies it per edge)
    done: dict[int, tuple[list[tuple[str, str]], Any, dict[str, Any]]] = {}
    for block in blocks:
        if len(block) == 2:
            ident, pairs = block
            nodes.append((ident, attributes(pairs, f"node {ident!r}")))
            continue
        u, v, edge_id, pairs = block
        found = done.get(id(pairs))
        if found is not None and found[0] is pairs:
            key: Any = found[1]
            d = found[2]
        else:
            d = attributes(pairs, f"edge {u} -> {v}", edge=True)
            key = d.pop(GRAPHML_EDGE_KEY, None)
            done[id(pairs)] = (pairs, key, d)
        if key is None:
            key = edge_id
        if key is None:
            key = counts.get((u, v), 0)
            counts[(u, v)] = key + 1
        edges.append((u, v, key, d))
    return from_records(graph, nodes, edges)


# -- node-link JSON --------------------------------------------------------


def to_node_link(G: GovernanceGraph) -> str:
    """The graph as node-link JSON (d3, networkx ``node_link_graph``).

    The shape is ``{"directed", "multigraph", "graph", "nodes": [{"id", ...}],
    "edges": [{"source", "target", "key", ...}]}``; ``obj`` and
    ``source_ref`` are nested objects, as in a policy file. ivb writes and
    reads it itself, the same on every networkx version. networkx reads it
    with ``node_link_graph(data, edges="edges")`` from networkx 3.4 on, and
    with ``node_link_graph(data, link="edges")`` before.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.

    Returns
    -------
    str
        JSON text.

    Examples
    --------
    >>> import json, ivb
    >>> from ivb.governance import build_graph
    >>> data = json.loads(to_node_link(build_graph(ivb.load())))
    >>> data["nodes"][0]["kind"], data["multigraph"]
    ('policy', True)
    """
    graph, nodes, edges = graph_records(G)
    for _, d in nodes:
        if "id" in d:
            raise GraphFormatError("node-link JSON: a node attribute may not be called 'id'")
    for *_, d in edges:
        if {"source", "target", "key"} & d.keys():
            raise GraphFormatError(
                "node-link JSON: an edge attribute may not be called 'source', 'target' or 'key'"
            )
    data = {
        "directed": True,
        "multigraph": True,
        "graph": graph,
        "nodes": [{"id": n, **d} for n, d in nodes],
        "edges": [{"source": u, "target": v, "key": k, **d} for u, v, k, d in edges],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


@without_gc
def from_node_link(text: str) -> GovernanceGraph:
    """Read back a graph written by :func:`to_node_link`, with every attribute.

    Also reads the older ``"links"`` key for the edges.

    Parameters
    ----------
    text:
        JSON text.

    Returns
    -------
    GovernanceGraph

    Raises
    ------
    GraphFormatError
        If the text is no node-link JSON; names what is missing.

    Examples
    --------
    >>> text = '{"nodes": [{"id": "a"}, {"id": "b"}], "edges": [{"source": "a", "target": "b"}]}'
    >>> G = from_node_link(text)
    >>> list(G.edges(keys=True))
    [('a', 'b', 0)]
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GraphFormatError(f"node-link JSON, line {exc.lineno}: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise GraphFormatError("node-link JSON: expected an object with a 'nodes' list")
    edges = data.get("edges", data.get("links", []))
    if not isinstance(edges, list):
        raise GraphFormatError("node-link JSON: expected 'edges' to be a list")
    nodes = []
    for i, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or "id" not in node:
            raise GraphFormatError(f"node-link JSON: nodes[{i}]: expected an object with an 'id'")
        nodes.append((str(node.pop("id")), node))  # parsed here: ours to change
    keyed = []
    counts: dict[tuple[str, str], int] = {}
    for i, edge in enumerate(edges):
        if not isinstance(edge, dict) or "source" not in edge or "target" not in edge:
            raise GraphFormatError(
                f"node-link JSON: edges[{i}]: expected an object with 'source' and 'target'"
            )
        u, v = str(edge.pop("source")), str(edge.pop("target"))
        key = edge.pop("key", None)
        if key is None:
            key = counts.get((u, v), 0)
            counts[(u, v)] = key + 1
        keyed.append((u, v, key, edge))
    graph = data.get("graph", {})
    if not isinstance(graph, dict):
        raise GraphFormatError("node-link JSON: expected 'graph' to be an object")
    return from_records(graph, nodes, keyed)


# -- Popolo ----------------------------------------------------------------

_AGENCY = {
    PartnerCategory.GOVERNMENT,
    PartnerCategory.POLICE_AND_JUSTICE,
    PartnerCategory.SAFETY_AND_EMERGENCY,
}


def _classification(kind: str, obj: Any, legislative: set[str]) -> str:
    if kind == "municipality":
        return "government"
    if kind == "body":
        return "committee"
    if kind == "partner":
        if obj.kind is PartnerKind.GROUP:
            return "group"
        return "agency" if obj.category in _AGENCY else "organization"
    if obj.kind is RoleKind.COUNCIL:
        # the council that adopts the policy (a gemeenteraad), and the office such councils
        # hold, make up the legislature; the others (the college) govern
        return "legislature" if obj.adopts_policy or obj.id in legislative else "executive"
    if obj.kind is RoleKind.TEAM:
        return "department"
    return "office"


def _in_place(name: str, place: str) -> str:
    """*name* with the organisation it is within, unless the name already says it.

    >>> _in_place("Burgemeester van Urk", "Urk"), _in_place("Boa's", "Urk")
    ('Burgemeester van Urk', "Boa's (Urk)")
    """
    if re.search(rf"(?<!\w){re.escape(place)}(?!\w)", name, re.IGNORECASE):
        return name
    return f"{name} ({place})"


def _anchors(obj: Any, present: Mapping[str, Any]) -> list[str]:
    """Organisations in which a role that is a post is held."""
    found = [obj.organisation] if obj.organisation else []
    found += list(obj.municipalities)
    return [a for a in found if a in present]


def to_popolo(G: GovernanceGraph) -> str:
    """The actors of the graph in Popolo JSON: organizations, posts, memberships.

    Municipalities, partners, bodies, and council and team roles (a
    municipality's gemeenteraad and college, the teams Veiligheid) are
    organizations; a council role that adopts the policy
    (:attr:`~ivb.model.Role.adopts_policy`, a gemeenteraad), or that is the
    :attr:`~ivb.model.Role.office` of one that does (the gemeenteraad as an
    office), is classified a legislature, other councils an executive. A role
    of one municipality has it as its ``parent_id``; a council or team role of
    several municipalities is one organization per municipality (id
    ``role@municipality``, e.g. ``teams-veiligheid@urk``), each with the
    municipality as its ``parent_id``.
    Offices and functions (burgemeester, Officier van Justitie) are posts in
    the organisations they belong to, and a seat on a body held by such a
    role is a post in the body. Other actors that sit on a body have a
    membership whose ``member`` is that organization. A post's label, and the
    name of an organization of several municipalities, add the place in
    parentheses unless the name says it already ("Burgemeester van Urk",
    "Boa's (Urk)"). The policy names no persons, so ``persons`` is empty and
    posts are unfilled.

    Every object carries its ivb data under ``extras`` (as Open Civic Data
    does), so that :func:`from_popolo` reads the actors back whole, and the
    relations of the actor in *G* (``extras.ivb.relations``, pairs of
    relation and target): all of them for a graph from :func:`build_graph`,
    the governance relations only for :func:`governance_view`.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`, or a view of it.

    Returns
    -------
    str
        JSON text with ``meta``, ``persons``, ``organizations``, ``posts``
        and ``memberships``.

    Raises
    ------
    GraphError
        If an actor node has no model object (``obj``).

    Examples
    --------
    >>> import json, ivb
    >>> from ivb.governance import build_graph
    >>> data = json.loads(to_popolo(build_graph(ivb.load())))
    >>> [p["label"] for p in data["posts"] if p["organization_id"] == "dronten"][:1]
    ['Burgemeester van Dronten']
    >>> councils = [o for o in data["organizations"] if o["classification"] == "legislature"]
    >>> [(o["id"], o.get("parent_id")) for o in councils][:2]
    [('gemeenteraad', None), ('gemeenteraad-dronten', 'dronten')]
    """
    actors = [(n, d) for n, d in G.nodes(data=True) if d.get("kind") in ACTOR_KINDS]
    present = {n: d for n, d in actors}
    organizations: list[dict[str, Any]] = []
    posts: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    post_roles: set[str] = set()
    # the organization ids of each actor, by the municipality (or other anchor) they belong to
    orgs_of: dict[str, dict[str | None, str]] = {}
    org_names: dict[str, str] = {}

    def extras(n: str, d: Mapping[str, Any], index: int) -> dict[str, Any]:
        relations = [[str(d.get("relation")), str(v)] for _, v, d in G.out_edges(n, data=True)]
        return {"ivb": {"id": n, "index": index, **encode_node(d), "relations": relations}}

    def name_of(n: str) -> str:
        return str(present[n].get("name", n))

    # the offices held by a council that adopts the policy are legislative too
    legislative = {
        str(obj.office)
        for _, d in actors
        if d.get("kind") == "role"
        and (obj := d.get("obj")) is not None
        and obj.adopts_policy
        and obj.office
    }

    for index, (n, d) in enumerate(actors):
        kind, obj = str(d["kind"]), d.get("obj")
        if obj is None:
            raise GraphError(f"node {n!r}: expected its model object under 'obj', got none")
        anchors = _anchors(obj, present) if kind == "role" else []
        if kind == "role" and obj.kind in (RoleKind.OFFICE, RoleKind.FUNCTION) and anchors:
            post_roles.add(n)
            for anchor in anchors:
                posts.append(
                    {
                        "id": f"post:{n}@{anchor}",
                        "label": _in_place(name_of(n), name_of(anchor)),
                        "role": name_of(n),
                        "organization_id": anchor,
                        "extras": extras(n, d, index),
                    }
                )
            continue
        copies: list[tuple[str | None, str, str]]
        if len(anchors) > 1:
            copies = [(a, f"{n}@{a}", _in_place(name_of(n), name_of(a))) for a in anchors]
        else:
            copies = [(anchors[0] if anchors else None, n, name_of(n))]
        orgs_of[n] = {}
        for within, org_id, org_name in copies:
            org: dict[str, Any] = {
                "id": org_id,
                "name": org_name,
                "classification": _classification(kind, obj, legislative),
            }
            if kind == "municipality":
                org["identifiers"] = [
                    {"scheme": "cbs", "identifier": obj.cbs_code},
                    {"scheme": "tooi", "identifier": obj.tooi},
                ]
            if kind == "partner" and obj.abbreviation:
                org["other_names"] = [{"name": obj.abbreviation, "note": "abbreviation"}]
            if within is not None:
                org["parent_id"] = within
            if kind == "body" and obj.started:
                org["founding_date"] = obj.started
            org["extras"] = extras(n, d, index)
            organizations.append(org)
            orgs_of[n][within] = org_id
            org_names[org_id] = org_name

    def pairs(u: str, v: str) -> list[tuple[str, str]]:
        """Organization ids of u and v that belong together (the same municipality)."""
        ours, theirs = orgs_of.get(u, {None: u}), orgs_of[v]
        shared = [a for a in ours if a is not None and a in theirs]
        if shared:
            return [(ours[a], theirs[a]) for a in shared]
        return [(a, b) for a in ours.values() for b in theirs.values()]

    for u, v, d in G.edges(data=True):
        if d.get("relation") != MEMBER_OF or u not in present or v not in orgs_of:
            continue
        if u in post_roles:
            for _, seat_in in pairs(u, v):
                posts.append(
                    {
                        "id": f"post:{u}@{seat_in}",
                        "label": _in_place(name_of(u), org_names[seat_in]),
                        "role": name_of(u),
                        "organization_id": seat_in,
                        "extras": {"ivb": {"seat": u}},
                    }
                )
        elif u in orgs_of:
            for member, member_of in pairs(u, v):
                memberships.append(
                    {
                        "id": f"membership:{member}@{member_of}",
                        "member": {"@type": "Organization", "id": member},
                        "organization_id": member_of,
                        "role": "member",
                    }
                )
    meta: dict[str, Any] = {"graph": {k: v for k, v in G.graph.items()}}
    cited = _cited_edges(G)
    if cited:
        meta["edges"] = cited
    data = {
        "meta": {"ivb": meta},
        "persons": [],
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


@without_gc
def from_popolo(text: str) -> GovernanceGraph:
    """Read back the actors written by :func:`to_popolo`, with every attribute.

    The nodes come from the ivb data under ``extras``; the edges among them
    are derived from their model objects again, so the result equals the
    subgraph of the original graph on its municipalities, roles, partners
    and bodies.

    Parameters
    ----------
    text:
        Popolo JSON text as :func:`to_popolo` writes it.

    Returns
    -------
    GovernanceGraph

    Raises
    ------
    GraphFormatError
        If the text is no Popolo JSON, or lacks the ivb extras.

    Examples
    --------
    >>> from_popolo('{"organizations": [{"id": "x", "name": "X"}]}')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ivb.governance.GraphFormatError: Popolo: organizations[0]: expected ivb data ...
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GraphFormatError(f"Popolo JSON, line {exc.lineno}: {exc.msg}") from None
    if not isinstance(data, dict):
        raise GraphFormatError("Popolo: expected a JSON object with 'organizations'")
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for collection in ("organizations", "posts"):
        items = data.get(collection, [])
        if not isinstance(items, list):
            raise GraphFormatError(f"Popolo: expected {collection!r} to be a list")
        for i, item in enumerate(items):
            ivb = item.get("extras", {}).get("ivb") if isinstance(item, dict) else None
            if not isinstance(ivb, dict):
                raise GraphFormatError(
                    f"Popolo: {collection}[{i}]: expected ivb data under extras.ivb, got none"
                )
            if "seat" in ivb:
                continue
            record = dict(ivb)
            record.pop("relations", None)
            try:
                ident = str(record.pop("id"))
                index = int(record.pop("index"))
            except (KeyError, TypeError, ValueError):
                raise GraphFormatError(
                    f"Popolo: {collection}[{i}]: expected extras.ivb.id and .index"
                ) from None
            found.setdefault(ident, (index, record))
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    nodes = [(ident, decode_node(ident, record)) for ident, (_, record) in ordered]
    meta = data.get("meta", {})
    graph = meta.get("ivb", {}).get("graph", {}) if isinstance(meta, dict) else {}
    triples = [(n, str(d.get("kind")), d.get("obj")) for n, d in nodes]
    edges = derive_edges(triples)
    stored = meta.get("ivb", {}).get("edges", []) if isinstance(meta, dict) else []
    if stored:
        # edges that cite their own passage: their attributes as written (an edge that
        # the actors alone do not give, e.g. to the policy node, is not among them)
        by_key = {(u, v, k): i for i, (u, v, k, _) in enumerate(edges)}
        for j, item in enumerate(stored):
            if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
                raise GraphFormatError(
                    f"Popolo: meta.ivb.edges[{j}]: expected source, target, key and data"
                )
            where = (str(item.get("source")), str(item.get("target")), str(item.get("key")))
            at = by_key.get(where)
            if at is not None:
                u, v, k = where
                edges[at] = (u, v, k, dict(decode_edge(f"{u} -> {v} ({k})", item["data"])))
    return assemble(nodes, edges, graph)


def _cited_edges(G: GovernanceGraph) -> list[dict[str, Any]]:
    """The edges of *G* whose attributes differ from those derived from their nodes alone.

    These are the edges that cite their own passage (the policy's citations are not
    in the graph); Popolo keeps them under ``meta.ivb.edges``.
    """
    triples = [(n, str(d.get("kind")), d.get("obj")) for n, d in G.nodes(data=True)]
    plain = {(u, v, k): d for u, v, k, d in derive_edges(triples)}
    out = []
    for u, v, k, d in G.edges(keys=True, data=True):
        base = plain.get((u, v, k))
        if base is not None and base != d:
            out.append({"source": u, "target": v, "key": k, "data": encode_edge(d)})
    return out


# -- one entry point -------------------------------------------------------

_WRITERS: Mapping[str, Callable[[GovernanceGraph], str]] = {
    "graphml": to_graphml,
    "json": to_node_link,
    "dot": to_dot,
    "mermaid": to_mermaid,
    "popolo": to_popolo,
}
_READERS: Mapping[str, Callable[[str], GovernanceGraph]] = {
    "graphml": from_graphml,
    "json": from_node_link,
    "dot": from_dot,
    "mermaid": from_mermaid,
    "popolo": from_popolo,
}

#: The graph export formats: GraphML, node-link JSON, Graphviz DOT, Mermaid, Popolo JSON.
EXPORT_FORMATS = tuple(_WRITERS)


def _check_format(format: str) -> None:
    if format not in _WRITERS:
        from ivb._errors import close_matches

        hint = close_matches(format, _WRITERS)
        extra = f"; did you mean {hint[0]!r}?" if hint else ""
        raise GraphFormatError(
            f"format: expected one of {', '.join(EXPORT_FORMATS)}, got {format!r}{extra}"
        )


def export_graph(G: GovernanceGraph, format: str) -> str:
    """The graph as text in one of :data:`EXPORT_FORMATS`.

    Parameters
    ----------
    G:
        A graph from :func:`build_graph`.
    format:
        ``'graphml'``, ``'json'`` (node-link), ``'dot'``, ``'mermaid'`` or ``'popolo'``.
        Mermaid is the plain diagram, within Mermaid's limits (see
        :func:`to_mermaid` for the data lines that read back whole).

    Returns
    -------
    str

    Raises
    ------
    GraphFormatError
        If the format is unknown, or the graph cannot be written in it (e.g.
        past Mermaid's limits).

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph, governance_view
    >>> export_graph(governance_view(build_graph(ivb.load())), "mermaid").splitlines()[0]
    'flowchart LR'
    """
    _check_format(format)
    return _WRITERS[format](G)


def read_graph(text: str, format: str) -> GovernanceGraph:
    """Read a graph written by :func:`export_graph` in *format*.

    Parameters
    ----------
    text:
        The exported text.
    format:
        One of :data:`EXPORT_FORMATS`.

    Returns
    -------
    GovernanceGraph

    Raises
    ------
    GraphFormatError
        If the format is unknown or the text cannot be read.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph
    >>> G = build_graph(ivb.load())
    >>> read_graph(export_graph(G, "json"), "json").number_of_edges() == G.number_of_edges()
    True
    """
    _check_format(format)
    return _READERS[format](text)
