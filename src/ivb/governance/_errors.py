"""Errors of the governance graph, rooted in ivb's hierarchy."""

from __future__ import annotations

from collections.abc import Iterable

from ivb._errors import IvbError, UnknownIdError, close_matches

__all__ = ["GraphError", "GraphFormatError", "LeadError", "UnknownNodeError", "WrongKindError"]


class UnknownNodeError(UnknownIdError):
    """An id that names no node of the governance graph.

    The message lists the known ids that look like it.

    Examples
    --------
    >>> str(UnknownNodeError.for_id("ondermijnig", ["ondermijning", "urk"]))
    "no node with id 'ondermijnig'; did you mean 'ondermijning'?"
    """

    @classmethod
    def for_id(cls, id: str, known: Iterable[str]) -> UnknownNodeError:
        """The error for *id*, with close matches among *known*."""
        return cls(id, close_matches(id, known), what="node")


class WrongKindError(IvbError, ValueError):
    """An id that names a node of another kind than the query needs.

    Attributes
    ----------
    id:
        The id that was given.
    kind:
        The kind of the node it names.
    expected:
        The kinds the query accepts.
    """

    def __init__(self, id: str, kind: str, expected: Iterable[str]) -> None:
        self.id = id
        self.kind = kind
        self.expected = tuple(expected)
        want = " or ".join(self.expected)
        super().__init__(f"expected the id of a {want}, got {id!r}, which is a {kind}")


class GraphError(IvbError, ValueError):
    """A graph lacks what a query needs (e.g. a theme without an owner)."""


class GraphFormatError(GraphError):
    """An exported graph could not be read back; the message names the place."""


# Shown as ``ivb.governance.UnknownNodeError`` etc. in tracebacks: the public names.
for _cls in (GraphError, GraphFormatError, UnknownNodeError, WrongKindError):
    _cls.__module__ = "ivb.governance"
del _cls


class LeadError(GraphError, LookupError):
    """A priority has not exactly one lead where one is asked for (:func:`owner_of`)."""

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return str(self.args[0]) if self.args else ""
