"""Result records: frozen attrs classes that answer queries, each with a DataFrame at hand.

Every result of the governance and indicator queries that is not a model
object is a :class:`Record` (one row) or :class:`Records` (a tuple of rows of
one record class). Both give a :class:`pandas.DataFrame` the same way,
``to_frame()``, and plain data with ``to_dict()``; pandas is imported only
then.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Record", "Records"]

_R = TypeVar("_R", bound="Record")


def _plain(value: Any) -> Any:
    """*value* as JSON-ready data: enums by value, records as mappings, sequences kept."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _fields(cls: type[Any]) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of a record class (an attrs class)."""
    return tuple(attrs.fields(cast("type[attrs.AttrsInstance]", cls)))


class Record:
    """Base of the result records: one row of a table, a frozen attrs class.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph, ownerships
    >>> row = ownerships(build_graph(ivb.load()))[0]
    >>> row.to_dict()["owner"]
    'noordoostpolder'
    >>> row.to_frame()[["id", "owner"]].values.tolist()
    [['cybercrime', 'noordoostpolder']]
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data (for JSON): field by field, enums by their value."""
        return {a.name: _plain(getattr(self, a.name)) for a in _fields(type(self))}

    def to_frame(self) -> pd.DataFrame:
        """The record as a one-row DataFrame, one column per field (see ``Records.to_frame``)."""
        return Records((self,), of=type(self)).to_frame()


def _rebuild(items: tuple[Any, ...], of: type[Any]) -> Records[Any]:
    return Records(items, of=of)


class Records(tuple[_R, ...]):
    """A tuple of result records of one class, that makes a DataFrame of them.

    It is a tuple (compares, indexes and slices as one); ``of`` is the record
    class, so that an empty result still has its columns.

    Examples
    --------
    >>> import ivb
    >>> from ivb.governance import build_graph, responsibility_links
    >>> links = responsibility_links(build_graph(ivb.load()), "burgemeester-dronten")
    >>> links[0].relation
    'member-of'
    >>> links.to_frame().columns.tolist()
    ['actor', 'relation', 'id', 'kind', 'name', 'detail', 'basis', 'modality']
    """

    of: type[_R]

    def __new__(cls, items: Iterable[_R] = (), *, of: type[_R]) -> Records[_R]:
        self = super().__new__(cls, items)
        self.of = of
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (tuple(self), self.of))

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every record as plain data (:meth:`Record.to_dict`), in order."""
        return [r.to_dict() for r in self]

    def to_frame(self) -> pd.DataFrame:
        """A DataFrame with one row per record and one column per field, in field order.

        Values are kept as the records hold them (tuples stay tuples, enums stay
        enums); use :meth:`to_dicts` for plain data.
        """
        import pandas as pd

        columns = [a.name for a in _fields(self.of)]
        return pd.DataFrame({c: [getattr(r, c) for r in self] for c in columns}, columns=columns)
