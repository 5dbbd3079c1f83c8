"""Turning graph attributes into plain data or text and back, for the exports."""

from __future__ import annotations

import functools
import gc
import json
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import attrs

from ivb.governance._errors import GraphFormatError
from ivb.governance._graph import assemble, kind_classes
from ivb.model import SourceRef

if TYPE_CHECKING:
    from ivb.governance._typing import GovernanceGraph

__all__ = [
    "JSON_KEYS",
    "decode_edge",
    "decode_node",
    "encode_edge",
    "encode_node",
    "from_records",
    "graph_records",
    "text_value",
    "value_from_text",
    "without_gc",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def without_gc(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run *func* with the cyclic garbage collector paused (restored afterwards).

    A reader allocates hundreds of thousands of objects that all stay alive;
    the collector's passes over them would cost about as much as the reading.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


#: Attributes whose values are structured (model objects, references, lists).
JSON_KEYS = frozenset({"obj", "source_ref", "legal_basis"})


def _converter() -> Any:
    from ivb._convert import converter

    return converter


def _plain(key: str, value: Any) -> Any:
    if key in ("obj", "source_ref"):
        return _converter().unstructure(value)
    if isinstance(value, tuple):
        return [_plain(key, v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    raise GraphFormatError(
        f"attribute {key!r}: expected text, a number, a list or a model object, "
        f"got {type(value).__name__}"
    )


def encode_node(data: Mapping[str, Any]) -> dict[str, Any]:
    """Node attributes as plain JSON data."""
    return {k: _plain(k, v) for k, v in data.items()}


def encode_edge(data: Mapping[str, Any]) -> dict[str, Any]:
    """Edge attributes as plain JSON data."""
    return {k: _plain(k, v) for k, v in data.items()}


def decode_node(ident: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Node attributes from plain JSON data: ``obj`` becomes the model object again."""
    return _NodeDecoder([(ident, data)]).decode(ident, data)


@functools.cache
def _kind_classes() -> dict[str, type]:
    return kind_classes()


@functools.cache
def _nested_fields(cls: type) -> tuple[tuple[str, type], ...]:
    """Fields of *cls* that hold a tuple of entities that are nodes too (a theme's actions)."""
    if not attrs.has(cls):
        return ()
    entities = set(_kind_classes().values())
    hints = typing.get_type_hints(cls)
    out = []
    for a in attrs.fields(cls):
        t = hints.get(a.name)
        args = typing.get_args(t)
        if (
            typing.get_origin(t) is tuple
            and len(args) == 2
            and args[1] is Ellipsis
            and args[0] in entities
            and a.init
            and a.default is not attrs.NOTHING
        ):
            out.append((a.name, args[0]))
    return tuple(out)


class _NodeDecoder:
    """Decodes the attributes of many nodes, structuring each model object once.

    A theme's ``obj`` holds its actions, which are nodes of their own: an
    action whose data in the theme equals the data of its node is structured
    once and the same object used in both (the theme is then checked whole,
    with it). Source references equal in content are structured once too, and
    shared with the edges (*refs*).
    """

    def __init__(
        self,
        nodes: Iterable[tuple[str, Mapping[str, Any]]],
        refs: dict[Any, SourceRef | None] | None = None,
    ) -> None:
        #: node id -> (kind, plain obj) of the records that have a plain obj
        self.plain: dict[str, tuple[Any, dict[str, Any]]] = {}
        for ident, data in nodes:
            obj = data.get("obj")
            if type(obj) is dict:
                self.plain[ident] = (data.get("kind"), obj)
        #: id() of a plain obj -> its model object (the plain objects stay alive in *nodes*)
        self.made: dict[int, Any] = {}
        #: class -> the converter's structure function of it, looked up once
        self.hooks: dict[type, Callable[[Any, type], Any]] = {}
        #: source references by content (:func:`_ref_key`); None for invalid ones
        self.refs: dict[Any, SourceRef | None] = {} if refs is None else refs

    def decode(self, ident: str, data: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(data)
        if "obj" in out:
            kind = out.get("kind")
            cls = _kind_classes().get(str(kind))
            if cls is None:
                raise GraphFormatError(f"node {ident!r}: expected a known kind, got {kind!r}")
            try:
                out["obj"] = self._structure(out["obj"], cls)
            except Exception as exc:
                raise GraphFormatError(
                    f"node {ident!r}: its obj is no valid {cls.__name__} ({_first_line(exc)})"
                ) from None
        return out

    def structure(self, value: Any, cls: type) -> Any:
        """*value* structured as *cls* by the converter."""
        hook = self.hooks.get(cls)
        if hook is None:
            hook = self.hooks[cls] = _converter().get_structure_hook(cls)
        return hook(value, cls)

    def _structure(self, value: Any, cls: type) -> Any:
        made = self.made.get(id(value))
        if made is not None and type(made) is cls:
            return made
        found: Any = None
        if type(value) is dict:
            prepared = self._prepared(value, cls)
            if prepared is not value:
                try:
                    found = self.structure(prepared, cls)
                except Exception:  # structured as it came below, which names the problem
                    found = None
        if found is None:
            found = self.structure(value, cls)
        self.made[id(value)] = found
        return found

    def _prepared(self, value: dict[str, Any], cls: type) -> dict[str, Any]:
        """*value* with the parts already structured put in (the converter takes them as
        they are): nested entities that are nodes too, and source references."""
        done: dict[str, Any] = self._reusable(value, cls)
        for name in _ref_fields(cls):
            plain = value.get(name)
            if type(plain) is dict:
                ref = self._ref(plain)
                if ref is not None:
                    done[name] = ref
        return {**value, **done} if done else value

    def _ref(self, plain: dict[str, Any]) -> SourceRef | None:
        """The source reference of *plain*, structured once per content; None if invalid."""
        key = _ref_key(plain)
        if key is None:
            return None
        if key in self.refs:
            return self.refs[key]
        try:
            ref: SourceRef | None = self.structure(plain, SourceRef)
        except Exception:  # the whole object is structured as it came, naming the problem
            ref = None
        self.refs[key] = ref
        return ref

    def _reusable(self, value: dict[str, Any], cls: type) -> dict[str, Any]:
        """Nested entity lists of *value* whose every item is also a node with equal data."""
        reuse: dict[str, Any] = {}
        classes = _kind_classes()
        for name, item_cls in _nested_fields(cls):
            items = value.get(name)
            if type(items) is not list or not items:
                continue
            objs = []
            for item in items:
                ident = item.get("id") if type(item) is dict else None
                other = self.plain.get(ident) if type(ident) is str else None
                if other is None or classes.get(str(other[0])) is not item_cls or other[1] != item:
                    break
                try:
                    objs.append(self._structure(other[1], item_cls))
                except Exception:  # the node names its own problem when it is decoded
                    break
            else:
                reuse[name] = objs
        return reuse


@functools.cache
def _ref_fields(cls: type) -> tuple[str, ...]:
    """Fields of *cls* that hold a source reference (or None)."""
    if not attrs.has(cls):
        return ()
    hints = typing.get_type_hints(cls)
    return tuple(
        a.name
        for a in attrs.fields(cls)
        if a.init and (hints.get(a.name) is SourceRef or hints.get(a.name) == (SourceRef | None))
    )


def decode_edge(
    where: str, data: Mapping[str, Any], refs: dict[Any, SourceRef] | None = None
) -> dict[str, Any]:
    """Edge attributes from plain JSON data: ``source_ref`` and ``legal_basis`` typed again.

    *refs* caches the source references already decoded (many edges share one).
    """
    try:
        return _decode_edge(data, refs, None)  # type: ignore[arg-type]
    except _EdgeProblem as problem:
        raise GraphFormatError(f"edge {where}: {problem}") from None


class _EdgeProblem(Exception):
    """An edge attribute that cannot be decoded; the caller names the edge."""


def _decode_edge(
    data: Mapping[str, Any],
    refs: dict[Any, SourceRef | None] | None,
    shared: dict[int, tuple[Any, SourceRef]] | None,
) -> dict[str, Any]:
    """:func:`decode_edge`, raising :class:`_EdgeProblem` (without the edge) when it cannot.

    *shared* caches decoded references by the identity of their plain data
    (readers give equal texts one parsed value), next to *refs*, which caches
    them by content (None: known to be invalid).
    """
    out = dict(data)
    ref = out.get("source_ref")
    if ref is not None:
        found = shared.get(id(ref)) if shared is not None else None
        if found is not None and found[0] is ref:
            out["source_ref"] = found[1]
        else:
            memo = _ref_key(ref) if refs is not None else None
            decoded = refs.get(memo) if memo is not None and refs is not None else None
            if decoded is None:
                try:
                    decoded = _converter().structure(ref, SourceRef)
                except Exception as exc:
                    raise _EdgeProblem(
                        f"source_ref is no valid source reference ({_first_line(exc)})"
                    ) from None
                if memo is not None and refs is not None:
                    refs[memo] = decoded
            out["source_ref"] = decoded
            if shared is not None:
                shared[id(ref)] = (ref, decoded)  # the plain data kept alive with its id
    if "legal_basis" in out:
        value = out["legal_basis"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _EdgeProblem(f"legal_basis: expected a list of texts, got {value!r}")
        out["legal_basis"] = tuple(value)
    return out


def _ref_key(ref: Any) -> Any:
    """A hashable key of a plain source reference, or None if it has none.

    The key holds the type of each value too: ``1`` and ``true`` are equal in
    Python, but only one of them is a valid page number.
    """
    if type(ref) is not dict:
        return None
    items = (tuple(ref.items()), tuple(map(type, ref.values())))
    try:
        hash(items)
    except TypeError:
        return None
    return items


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def text_value(key: str, value: Any) -> str:
    """An attribute as text: structured values as JSON, text as it is."""
    if key in JSON_KEYS or not isinstance(value, str):
        return json.dumps(
            _plain(key, value), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
    return value


_raw_decode = json.JSONDecoder().raw_decode


def value_from_text(key: str, text: str) -> Any:
    """The plain value of an attribute written by :func:`text_value`."""
    if key in JSON_KEYS:
        try:
            value, end = _raw_decode(text)  # json.loads without its checks around
        except json.JSONDecodeError:
            end = -1
        if end == len(text):
            return value
        try:
            return json.loads(text)  # white space around, or the error it names
        except json.JSONDecodeError as exc:
            raise GraphFormatError(f"attribute {key!r}: expected JSON, got {exc.msg}") from None
    return text


def graph_records(
    G: GovernanceGraph,
) -> tuple[
    dict[str, Any], list[tuple[str, dict[str, Any]]], list[tuple[str, str, Any, dict[str, Any]]]
]:
    """Graph attributes, nodes and edges of *G* as plain JSON data."""
    graph = {k: _plain(k, v) for k, v in G.graph.items()}
    nodes = [(str(n), encode_node(d)) for n, d in G.nodes(data=True)]
    edges = [(str(u), str(v), k, encode_edge(d)) for u, v, k, d in G.edges(keys=True, data=True)]
    return graph, nodes, edges


def from_records(
    graph: Mapping[str, Any],
    nodes: Iterable[tuple[str, Mapping[str, Any]]],
    edges: Iterable[tuple[str, str, Any, Mapping[str, Any]]],
) -> GovernanceGraph:
    """A graph from plain JSON records (the inverse of :func:`graph_records`).

    Nodes and edges keep the given order; every attribute mapping is a new dict.
    """
    nodes = list(nodes)
    refs: dict[Any, SourceRef | None] = {}
    decoder = _NodeDecoder(nodes, refs)
    node_list = [(ident, decoder.decode(ident, d)) for ident, d in nodes]
    known = {ident for ident, _ in node_list}
    shared: dict[int, tuple[Any, SourceRef]] = {}
    # id() of an edge's plain attributes -> (them, decoded): readers give edges with equal
    # text one mapping, decoded once; every edge gets a dict of its own
    done: dict[int, tuple[Mapping[str, Any], dict[str, Any]]] = {}
    edge_list: list[tuple[str, str, Any, dict[str, Any]]] = []
    append = edge_list.append
    for u, v, k, d in edges:
        if u not in known or v not in known:
            end = u if u not in known else v
            raise GraphFormatError(f"edge {u} -> {v} ({k}): expected a known node, got {end!r}")
        found = done.get(id(d))
        if found is not None and found[0] is d:
            append((u, v, k, dict(found[1])))
            continue
        try:
            decoded = _decode_edge(d, refs, shared)
        except _EdgeProblem as problem:
            raise GraphFormatError(f"edge {u} -> {v} ({k}): {problem}") from None
        done[id(d)] = (d, decoded)
        # its own until assembled: later edges with the same mapping copy it before then
        append((u, v, k, decoded))
    # nodes and edges in bulk, as add_nodes_from and add_edges_from would add them
    return assemble(node_list, edge_list, graph, owned=True)
