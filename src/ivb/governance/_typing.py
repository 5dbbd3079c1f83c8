"""The type of the governance graph, for annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GovernanceGraph"]

#: The graph that :func:`~ivb.governance.build_graph` returns and that every
#: query and export takes: a :class:`networkx.MultiDiGraph` whose nodes are ids
#: (``str``) and whose graph, node and edge attributes are ``dict[str, Any]``.
#:
#: It is a string alias (``"nx.MultiDiGraph[str]"``): type checkers (with
#: ``types-networkx`` installed) read it as the subscripted class, while at run
#: time it is only text, so that it neither imports networkx nor subscripts its
#: classes (which networkx does not support at run time). Use it in annotations
#: (modules with ``from __future__ import annotations``), not as a class: to
#: make a graph or check one, use :class:`networkx.MultiDiGraph` itself.
GovernanceGraph: TypeAlias = "nx.MultiDiGraph[str]"
